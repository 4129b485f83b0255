using System.Reflection;
using NetArchTest.Rules;

namespace Storymatch.Tests.Architecture;

/// <summary>
/// The dependency rule of the engine, checked on its compiled IL: text, then the reading, then fingerprints and extraction, then the
/// storage ports and matching, then stories, then ingest; the SQLite store is reached only by the entry point, and
/// no stage knows which store it talks to. docs/architecture.md draws the same picture.
/// </summary>
public class DependencyRuleTests
{
    private static readonly Assembly Engine = typeof(StorymatchEngine).Assembly;

    private const string Text = "Storymatch.Text", Fingerprints = "Storymatch.Fingerprints", Extraction = "Storymatch.Extraction",
        Reading = "Storymatch.Reading", Storage = "Storymatch.Storage", Sqlite = "Storymatch.Storage.Sqlite", Matching = "Storymatch.Matching",
        Stories = "Storymatch.Stories", Ingest = "Storymatch.Ingest", Comparison = "Storymatch.Comparison";

    public static TheoryData<string, string[]> Layers => new()
    {
        { Text, [Reading, Fingerprints, Extraction, Storage, Matching, Comparison, Stories, Ingest] },
        { Reading, [Fingerprints, Extraction, Storage, Matching, Comparison, Stories, Ingest] },
        { Fingerprints, [Extraction, Storage, Matching, Comparison, Stories, Ingest] },
        { Extraction, [Fingerprints, Storage, Matching, Comparison, Stories, Ingest] },
        { Matching, [Extraction, Comparison, Stories, Ingest, Sqlite] },
        { Comparison, [Storage, Stories, Ingest] },
        { Stories, [Extraction, Ingest, Sqlite] },
        { Ingest, [Sqlite] },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_stage_depends_only_on_the_stages_below_it(string stage, string[] above)
    {
        NetArchTest.Rules.TestResult result = Types.InAssembly(Engine).That().ResideInNamespace(stage).ShouldNot().HaveDependencyOnAny(above).GetResult();
        Assert.True(result.IsSuccessful, $"{stage} depends on {string.Join(", ", above)}: {Failing(result)}");
    }

    [Fact]
    public void The_check_sees_real_dependencies()
    {
        // A control: the rule must fail where a dependency exists, or every rule above would pass vacuously.
        NetArchTest.Rules.TestResult result = Types.InAssembly(Engine).That().ResideInNamespace(Stories).ShouldNot().HaveDependencyOnAny(Matching).GetResult();
        Assert.False(result.IsSuccessful);
        Assert.Contains(result.FailingTypes, t => t.FullName == "Storymatch.Stories.StoryAssigner");
    }

    [Fact]
    public void The_storage_ports_know_no_stage_above_them_and_no_implementation()
    {
        NetArchTest.Rules.TestResult result = Types.InAssembly(Engine).That().ResideInNamespaceMatching(@"^Storymatch\.Storage$")
            .ShouldNot().HaveDependencyOnAny(Sqlite, Matching, Stories, Ingest, Extraction, "Microsoft.Data.Sqlite").GetResult();
        Assert.True(result.IsSuccessful, $"the storage ports reach up or into an implementation: {Failing(result)}");
    }

    [Fact]
    public void Only_the_sqlite_store_uses_sqlite_and_only_the_entry_point_opens_it()
    {
        NetArchTest.Rules.TestResult sqlite = Types.InAssembly(Engine).That().DoNotResideInNamespace(Sqlite)
            .ShouldNot().HaveDependencyOnAny("Microsoft.Data.Sqlite").GetResult();
        Assert.True(sqlite.IsSuccessful, $"SQL outside the SQLite store: {Failing(sqlite)}");

        var opening = Types.InAssembly(Engine).That().HaveDependencyOnAny(Sqlite).And().DoNotResideInNamespace(Sqlite).GetTypes()
            .Select(t => t.FullName.Split('/', '+')[0])
            .Distinct()
            .ToList();
        Assert.Equal(["Storymatch.StorymatchEngine"], opening);
    }

    [Fact]
    public void The_command_line_host_uses_the_engine_entry_point_and_never_a_store()
    {
        NetArchTest.Rules.TestResult result = Types.InAssembly(typeof(Storymatch.Cli.Program).Assembly).ShouldNot()
            .HaveDependencyOnAny(Storage + ".Sqlite", "Microsoft.Data.Sqlite", "Storymatch.Ingest.IngestPipeline", "Storymatch.Stories.StoryAssigner").GetResult();
        Assert.True(result.IsSuccessful, $"the CLI composes the engine itself: {Failing(result)}");
    }

    private static string Failing(NetArchTest.Rules.TestResult result) =>
        string.Join(", ", (result.FailingTypes ?? []).Select(t => t.FullName).Take(20));
}

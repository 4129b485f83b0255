using System.Text.Json;
using Storymatch.Tests.Storage;

namespace Storymatch.Tests.Cli;

public class DemoCommandTests
{
    [Fact]
    public void Demo_on_a_small_corpus_reports_groups_and_checks_them_against_expected_json()
    {
        using var dir = new TempFolder();
        string text = CorpusText.Article(31);
        dir.Write("samples/articles/a.txt", "Council votes on budget\n\n" + text);
        dir.Write("samples/articles/b.txt", "COUNCIL VOTES ON BUDGET\n\n" + text);
        dir.Write("samples/articles/c.txt", "Unrelated\n\n" + CorpusText.Article(32));
        dir.Write("samples/expected.json", """{"near_duplicate_groups": [["articles/a.txt", "articles/b.txt"]]}""");
        int demoFilesBefore = DemoFiles();

        var (exit, stdout, stderr) = CliRunner.Run("demo", "--samples", dir.Combine("samples"));
        Assert.Equal((0, ""), (exit, stderr));
        Assert.Contains("ingested 3 articles", stdout, StringComparison.Ordinal);
        Assert.Contains("1 other files skipped: expected.json", stdout, StringComparison.Ordinal);
        Assert.Contains("1. 2 versions of \"Council votes on budget\"", stdout, StringComparison.Ordinal);
        Assert.Contains("articles/b.txt  (exact copy)", stdout, StringComparison.Ordinal);
        Assert.Contains("1 of 1 expected groups found exactly, 0 unexpected", stdout, StringComparison.Ordinal);
        Assert.Equal(demoFilesBefore, DemoFiles());

        var (jsonExit, jsonOut, _) = CliRunner.Run("demo", "--samples", dir.Combine("samples"), "--json", "--db", dir.Combine("kept.db"));
        Assert.Equal(0, jsonExit);
        using JsonDocument doc = JsonDocument.Parse(Assert.Single(CliRunner.Lines(jsonOut)));
        Assert.Equal(3, doc.RootElement.GetProperty("ingest").GetProperty("accepted").GetInt64());
        Assert.Equal(1, doc.RootElement.GetProperty("expected_groups").GetProperty("matched").GetInt32());
        Assert.True(File.Exists(dir.Combine("kept.db")));
    }

    /// <summary>Temporary demo databases in the temp folder: the demo deletes its own when done.</summary>
    private static int DemoFiles() => Directory.GetFiles(Path.GetTempPath(), "storymatch-demo-*").Length;

    [Fact]
    public void Demo_finds_the_repository_samples_and_runs_on_them()
    {
        if (!Directory.Exists(TestPaths.Samples))
        {
            Assert.Skip($"{TestPaths.Samples} not found: the bundled sample corpus is needed.");
        }

        var (exit, stdout, stderr) = CliRunner.Run("demo", "--samples", TestPaths.Samples);
        Assert.Equal((0, ""), (exit, stderr));
        Assert.Contains("Duplicate groups:", stdout, StringComparison.Ordinal);
        Assert.Contains("expected groups found exactly", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_without_samples_is_a_usage_error()
        => Assert.Equal(2, CliRunner.Run("demo", "--samples", Path.Combine(Path.GetTempPath(), "no-such-samples-" + Guid.NewGuid().ToString("N"))).Exit);
}

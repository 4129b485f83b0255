using System.Text.Json;
using Storymatch.Tests.Cli;
using ToolsProgram = Storymatch.Tools.Program;

namespace Storymatch.Tests.Tools;

/// <summary>The evaluation commands run from tools/Storymatch.Tools, not from the user's CLI.</summary>
public sealed class ToolsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storymatch-tools-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Cli_help_lists_no_evaluation_commands()
    {
        (int exit, string stdout, _) = CliRunner.Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("demo", stdout);
        Assert.DoesNotContain("eval-", stdout);
    }

    [Fact]
    public void Cli_rejects_eval_similarity_as_unknown()
    {
        (int exit, _, string stderr) = CliRunner.Run("eval-similarity", Path.Combine(_dir, "pairs.csv"));
        Assert.Equal(2, exit);
        Assert.Contains("eval-similarity", stderr);
    }

    [Fact]
    public void Tools_help_lists_both_evaluation_commands()
    {
        (int exit, string stdout, _) = Run("--help");
        Assert.Equal(ToolsProgram.ExitOk, exit);
        Assert.Contains("eval-similarity", stdout);
        Assert.Contains("eval-extraction", stdout);
    }

    [Fact]
    public void EvalSimilarity_small_csv_prints_subsets_as_json_and_reports_bad_rows()
    {
        string csv = Path.Combine(_dir, "pairs.csv");
        File.WriteAllText(csv, """
            pair_id,lang1,lang2,text1,text2,Overall
            p1,en,en,"Council approves budget
            The city council approved the new budget on Tuesday.","Budget approved
            On Tuesday the council approved the city budget.",1
            p2,en,en,"Storm hits coast
            A storm hit the northern coast overnight.","Budget approved
            On Tuesday the council approved the city budget.",4
            p3,en,de,"Storm hits coast
            A storm hit the northern coast overnight.","Sturm an der Küste
            Ein Sturm traf in der Nacht die Nordküste.",1.5
            p4,en,en,a,b,oops

            """);

        (int exit, string stdout, string stderr) = Run("eval-similarity", csv, "--json");

        Assert.Equal(ToolsProgram.ExitSomeRejected, exit);
        Assert.Contains("storymatch-tools: ", stderr);
        Assert.Contains("Overall 'oops' is not a number", stderr);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        Assert.Equal(3, doc.RootElement.GetProperty("pairs").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("rejected").GetInt32());
        JsonElement[] subsets = [.. doc.RootElement.GetProperty("subsets").EnumerateArray()];
        Assert.Equal(["all", "same-language", "cross-language", "English"], subsets.Select(s => s.GetProperty("subset").GetString()));
        Assert.Equal(3, subsets[0].GetProperty("pairs").GetInt32());
    }

    [Fact]
    public void EvalSimilarity_missing_file_is_a_usage_error()
    {
        (int exit, _, string stderr) = Run("eval-similarity", Path.Combine(_dir, "missing.csv"));
        Assert.Equal(ToolsProgram.ExitUsage, exit);
        Assert.Contains("no such file", stderr);
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = ToolsProgram.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}

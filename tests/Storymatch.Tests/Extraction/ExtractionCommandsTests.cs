using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Storymatch.Cli;
using ToolsProgram = Storymatch.Tools.Program;

namespace Storymatch.Tests.Extraction;

public sealed class ExtractionCommandsTests : IDisposable
{
    private const string Page = """
        <html lang="en"><head><title>Budget approved | City News</title>
        <meta property="article:published_time" content="2024-03-12T09:30:00Z"></head>
        <body><article><p>The city council voted on Tuesday to approve the new budget, which increases spending on schools.</p>
        <p>Opponents said the increase would require higher property taxes, while supporters called it overdue.</p></article></body></html>
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("storymatch-extract-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Extract_HtmlAndGzipFiles_PrintsOneJsonObjectPerLine()
    {
        string plain = Path.Combine(_dir, "a.html");
        string gz = Path.Combine(_dir, "b.html.gz");
        File.WriteAllText(plain, Page);
        using (var gzip = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Page));
        }

        (int code, string stdout, _) = Run("extract", plain, gz, "--json");

        Assert.Equal(Program.ExitOk, code);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        foreach (string line in lines)
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            Assert.Equal("Budget approved", doc.RootElement.GetProperty("title").GetString());
            Assert.Equal("en", doc.RootElement.GetProperty("language").GetString());
            Assert.StartsWith("2024-03-12T09:30:00", doc.RootElement.GetProperty("published").GetString());
            Assert.Contains("schools.\n\nOpponents", doc.RootElement.GetProperty("text").GetString());
        }
    }

    [Fact]
    public void Extract_MissingAndCorruptFiles_AreReportedAndTheRestGoesOn()
    {
        string good = Path.Combine(_dir, "good.htm");
        string corrupt = Path.Combine(_dir, "corrupt.html.gz");
        File.WriteAllText(good, Page);
        File.WriteAllBytes(corrupt, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]);

        (int code, string stdout, string stderr) = Run("extract", Path.Combine(_dir, "missing.html"), corrupt, good);

        Assert.Equal(Program.ExitSomeRejected, code);
        Assert.Contains("missing.html", stderr);
        Assert.Contains("corrupt.html.gz", stderr);
        Assert.Contains("1 extracted, 2 rejected", stderr);
        Assert.Contains("title:     Budget approved", stdout);
    }

    [Fact]
    public void EvalExtraction_NotABenchmarkFolder_IsRejected()
    {
        (int code, _, string stderr) = RunTools("eval-extraction", _dir);
        Assert.Equal(ToolsProgram.ExitSomeRejected, code);
        Assert.Contains("ground-truth.json", stderr);
    }

    [Fact]
    public void EvalExtraction_SmallBenchmark_PrintsScoresAsJson()
    {
        string html = Path.Combine(_dir, "html");
        Directory.CreateDirectory(html);
        using (var gzip = new GZipStream(File.Create(Path.Combine(html, "0abc.html.gz")), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Page));
        }

        File.WriteAllText(Path.Combine(_dir, "ground-truth.json"), """
            {"0abc": {"url": "https://x.example/", "articleBody": "The city council voted on Tuesday to approve the new budget, which increases spending on schools.\n\nOpponents said the increase would require higher property taxes, while supporters called it overdue."}}
            """);

        (int code, string stdout, _) = RunTools("eval-extraction", _dir, "--json");

        Assert.Equal(ToolsProgram.ExitOk, code);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        Assert.Equal(1.0, doc.RootElement.GetProperty("tuning").GetProperty("f1").GetDouble(), 6);
        Assert.Equal(0, doc.RootElement.GetProperty("heldOut").GetProperty("pages").GetInt32());
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static (int Code, string Stdout, string Stderr) RunTools(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = ToolsProgram.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}

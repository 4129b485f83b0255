using System.Text.Json;
using Storymatch.Tests.Cli;
using Storymatch.Tests.Storage;

namespace Storymatch.Tests.Comparison;

public class ComparisonCommandsTests
{
    private const string Long =
        "Kremlin spokesman Dmitry Peskov said that on the first evening the leaders of both countries will meet in a one-on-one format over an informal lunch at the residence outside the capital.";

    private static TempFolder Corpus()
    {
        var dir = new TempFolder();
        dir.Write("in/a.txt", "Leaders to meet in Moscow\n\n" + Long + " Formal negotiations with both delegations begin the next morning, officials said.");
        dir.Write("in/b.txt", "Leaders meet in Moscow\n\n" + Long.Replace("lunch", "dinner", StringComparison.Ordinal) + " Formal negotiations with both delegations begin the next morning, officials said.");
        return dir;
    }

    [Fact]
    public void Compare_text_wraps_long_sentences_and_marks_the_changed_word()
    {
        using TempFolder dir = Corpus();
        var (exit, stdout, stderr) = CliRunner.Run("compare", dir.Combine("in/a.txt"), dir.Combine("in/b.txt"));
        Assert.True(exit == 0, stderr);
        Assert.Contains("qualifier: lunch → dinner", stdout, StringComparison.Ordinal);
        Assert.Contains("[dinner]", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("…", stdout, StringComparison.Ordinal);
        Assert.All(stdout.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 100 || !line.Contains(' ', StringComparison.Ordinal), line));
        string words = string.Join(' ', stdout.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("informal lunch at the residence outside the capital.", words, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_json_has_the_comparison_and_html_is_self_contained()
    {
        using TempFolder dir = Corpus();
        string html = dir.Combine("report.html");
        var (exit, stdout, stderr) = CliRunner.Run("compare", dir.Combine("in/a.txt"), dir.Combine("in/b.txt"), "--json", "--html", html);
        Assert.True(exit == 0, stderr);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        JsonElement comparison = doc.RootElement.GetProperty("comparison");
        JsonElement d = Assert.Single(comparison.GetProperty("discrepancies").EnumerateArray());
        Assert.Equal("qualifier", d.GetProperty("kind").GetString());
        Assert.Equal(2, d.GetProperty("a").GetProperty("sentence").GetInt32());
        Assert.Equal(2, comparison.GetProperty("versions").GetArrayLength());
        Assert.True(doc.RootElement.GetProperty("evidence").GetProperty("aligned_sentences")[0].GetProperty("a_index").GetInt32() >= 1);

        string page = File.ReadAllText(html);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("<mark>dinner</mark>", page, StringComparison.Ordinal);
        Assert.Contains("<mark>lunch</mark>", page, StringComparison.Ordinal);
        foreach (string external in new[] { "http://", "https://", "<script", " src=", "<link" })
        {
            Assert.DoesNotContain(external, page, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Story_compare_prints_the_comparison_and_json_follows_the_schema()
    {
        using TempFolder dir = Corpus();
        CliRunner.Run("ingest", dir.Combine("in"), "--db", dir.Db);
        var (exit, stdout, stderr) = CliRunner.Run("story", "a.txt", "--db", dir.Db, "--compare");
        Assert.True(exit == 0, stderr);
        Assert.Contains("Discrepancies (1;", stdout, StringComparison.Ordinal);
        Assert.Contains("lunch → dinner", stdout, StringComparison.Ordinal);

        (exit, stdout, stderr) = CliRunner.Run("story", "a.txt", "--db", dir.Db, "--compare", "--json");
        Assert.True(exit == 0, stderr);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        Assert.True(doc.RootElement.GetProperty("story").GetInt64() > 0);
        JsonElement versions = doc.RootElement.GetProperty("versions");
        Assert.True(versions[0].GetProperty("is_original").GetBoolean());
        Assert.True(versions[1].GetProperty("sentences")[0].GetProperty("is_headline").GetBoolean());

        (exit, stdout, stderr) = CliRunner.Run("story", "a.txt", "--db", dir.Db, "--json");
        Assert.True(exit == 0, stderr);
        using JsonDocument story = JsonDocument.Parse(stdout);
        string original = story.RootElement.GetProperty("original").GetString()!;
        JsonElement other = story.RootElement.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("id").GetString() != original);
        Assert.Equal(original, other.GetProperty("source").GetString());
        Assert.True(other.GetProperty("sentences_reused").GetDouble() > 0.5);
        Assert.Equal([original, other.GetProperty("id").GetString()], other.GetProperty("chain").EnumerateArray().Select(x => x.GetString()));
    }
}

using System.Text.Json;
using Storymatch.Tests.Storage;

namespace Storymatch.Tests.Cli;

public class QueryCommandTests
{
    /// <summary>A folder with an original, an exact copy (other case and spacing), a near-duplicate and an unrelated text, ingested.</summary>
    private static TempFolder Ingested()
    {
        var dir = new TempFolder();
        string original = CorpusText.Article(21);
        dir.Write("c/orig.txt", original);
        dir.Write("c/copy.txt", "  " + original.ToUpperInvariant());
        dir.Write("c/edited.txt", CorpusText.Edit(original, 60));
        dir.Write("c/other.txt", CorpusText.Article(22));
        Assert.Equal(0, CliRunner.Run("ingest", dir.Combine("c"), "--db", dir.Db).Exit);
        return dir;
    }

    [Fact]
    public void Dups_json_is_one_pair_object_per_line_with_the_documented_fields()
    {
        using TempFolder dir = Ingested();
        var (exit, stdout, stderr) = CliRunner.Run("dups", "--db", dir.Db, "--json");
        Assert.Equal((0, ""), (exit, stderr));
        string[] lines = CliRunner.Lines(stdout);
        Assert.Equal(3, lines.Length);
        var relations = new List<string>();
        foreach (string line in lines)
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            Assert.Equal(["a", "b", "relation", "jaccard", "containment_ab", "containment_ba"], doc.RootElement.EnumerateObject().Select(p => p.Name));
            relations.Add($"{doc.RootElement.GetProperty("a").GetString()} {doc.RootElement.GetProperty("b").GetString()} {doc.RootElement.GetProperty("relation").GetString()}");
            Assert.InRange(doc.RootElement.GetProperty("jaccard").GetDouble(), 0.8, 1.0);
        }

        Assert.Equal(["copy.txt edited.txt near-duplicate", "copy.txt orig.txt exact", "edited.txt orig.txt near-duplicate"], relations);
    }

    [Fact]
    public void Dups_text_lists_groups_with_titles_then_pairs()
    {
        using TempFolder dir = Ingested();
        var (exit, stdout, _) = CliRunner.Run("dups", "--db", dir.Db);
        Assert.Equal(0, exit);
        Assert.StartsWith("1 duplicate groups holding 3 of 4 documents; 3 pairs (1 exact, 2 near-duplicate at Jaccard >= 0.8)", stdout, StringComparison.Ordinal);
        Assert.Contains("group 1: 3 documents", stdout, StringComparison.Ordinal);
        Assert.True(stdout.IndexOf("group 1", StringComparison.Ordinal) < stdout.IndexOf("relation ", StringComparison.Ordinal));
        Assert.DoesNotContain("other.txt", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Dups_usage_errors_exit_2()
    {
        using var dir = new TempFolder();
        Assert.Equal(2, CliRunner.Run("dups", "--db", dir.Combine("absent.db")).Exit);
        using TempFolder ingested = Ingested();
        Assert.Equal(2, CliRunner.Run("dups", "--db", ingested.Db, "--threshold", "1.5").Exit);
        Assert.Equal(2, CliRunner.Run("dups", "--db", ingested.Db, "--threshold", "high").Exit);
        Assert.Equal(0, CliRunner.Run("dups", "--db", ingested.Db, "--threshold", "0.5").Exit);
    }

    [Fact]
    public void Compare_accepts_files_or_stored_ids_and_prints_every_measure()
    {
        using TempFolder dir = Ingested();
        var (exit, stdout, _) = CliRunner.Run("compare", dir.Combine("c/orig.txt"), "edited.txt", "--db", dir.Db, "--json");
        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(Assert.Single(CliRunner.Lines(stdout)));
        JsonElement r = doc.RootElement;
        Assert.False(r.GetProperty("exact").GetBoolean());
        foreach (string measure in (string[])["jaccard_1", "jaccard_3", "jaccard_5", "containment_ab", "containment_ba", "minhash_estimate"])
        {
            Assert.InRange(r.GetProperty(measure).GetDouble(), 0.7, 1.0);
        }

        Assert.True(r.GetProperty("jaccard_1").GetDouble() >= r.GetProperty("jaccard_5").GetDouble());
        var (_, copyOut, _) = CliRunner.Run("compare", "orig.txt", "copy.txt", "--db", dir.Db);
        Assert.Contains("exact copy              yes", copyOut, StringComparison.Ordinal);
        Assert.Contains("Jaccard, 5-word         1.000", copyOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_reports_bad_or_unknown_inputs()
    {
        using TempFolder dir = Ingested();
        string empty = dir.Write("empty.txt", "");
        var (exit, _, stderr) = CliRunner.Run("compare", empty, "orig.txt", "--db", dir.Db);
        Assert.Equal(1, exit);
        Assert.Contains("empty.txt: empty file", stderr, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("compare", "no-such-id", "orig.txt", "--db", dir.Db).Exit);
        Assert.Equal(2, CliRunner.Run("compare", "orig.txt").Exit);
    }

    [Fact]
    public void Export_jsonl_can_be_ingested_again_as_the_same_documents()
    {
        using TempFolder dir = Ingested();
        string export = dir.Combine("export.jsonl");
        var (exit, _, stderr) = CliRunner.Run("export", "--db", dir.Db, "--out", export);
        Assert.Equal(0, exit);
        Assert.Contains("exported 4 documents", stderr, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(export);
        Assert.Equal(4, lines.Length);
        using (JsonDocument first = JsonDocument.Parse(lines[0]))
        {
            Assert.Equal("copy.txt", first.RootElement.GetProperty("id").GetString());
            Assert.Equal(64, first.RootElement.GetProperty("content_hash").GetString()!.Length);
        }

        var (again, stdout, _) = CliRunner.Run("ingest", export, "--db", dir.Db);
        Assert.Equal(0, again);
        Assert.StartsWith("0 accepted, 4 duplicates", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_csv_quotes_fields_per_rfc_4180()
    {
        using var dir = new TempFolder();
        CliRunner.RunWithInput("{\"id\":\"q\",\"title\":\"Say \\\"hi\\\", twice\",\"text\":\"line one\\nline two\"}\n", "ingest", "-", "--db", dir.Db);
        var (exit, stdout, _) = CliRunner.Run("export", "--db", dir.Db, "--format", "csv");
        Assert.Equal(0, exit);
        Assert.StartsWith("id,source,url,title,published,authors,language,content_hash,ingested_at,text,extra_json,crawled\r\n", stdout, StringComparison.Ordinal);
        Assert.Contains("q,,,\"Say \"\"hi\"\", twice\",", stdout, StringComparison.Ordinal);
        Assert.Contains(",\"line one\nline two\",", stdout, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("export", "--db", dir.Db, "--format", "xml").Exit);
        Assert.Equal(2, CliRunner.Run("export", "--db", dir.Db, "--format", "csv", "--json").Exit);
    }
}

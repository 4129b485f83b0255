using System.Text.Json;
using Storymatch.Tests.Storage;

namespace Storymatch.Tests.Cli;

public class IngestCommandTests
{
    [Fact]
    public void All_accepted_exits_0_with_a_summary_and_nothing_on_stderr()
    {
        using var dir = new TempFolder();
        dir.Write("c/a.txt", "Alpha headline\n\nAlpha body text.");
        dir.Write("c/b/b.txt", "Beta body text.");
        var (exit, stdout, stderr) = CliRunner.Run("ingest", dir.Combine("c"), "--db", dir.Db);
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.StartsWith("2 accepted, 0 duplicates, 0 rejected, 0 skipped", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_summary_is_one_object_with_the_counts()
    {
        using var dir = new TempFolder();
        string file = dir.Write("a.txt", "text");
        var (exit, stdout, _) = CliRunner.Run("ingest", file, "--db", dir.Db, "--json");
        Assert.Equal(0, exit);
        string line = Assert.Single(CliRunner.Lines(stdout));
        using JsonDocument json = JsonDocument.Parse(line);
        JsonElement root = json.RootElement;
        Assert.Equal(1, root.GetProperty("accepted").GetInt64());
        Assert.Equal(0, root.GetProperty("duplicates").GetInt64());
        Assert.Equal(0, root.GetProperty("rejected").GetInt64());
        Assert.Equal(0, root.GetProperty("skipped").GetInt64());
        Assert.Equal(1, root.GetProperty("documents_in_store").GetInt64());
        Assert.False(root.GetProperty("cancelled").GetBoolean());
    }

    [Fact]
    public void No_stories_leaves_assignment_to_the_stories_command()
    {
        using var dir = new TempFolder();
        dir.Write("c/a.txt", "Harbour council approves ferry terminal\n\nCouncillors in Westbury voted 31 to 9 on Tuesday to fund a new ferry terminal on the east quay.");
        dir.Write("c/b.txt", "Brenford sign Norwegian striker\n\nBrenford have signed striker Aksel Dahl from Molde on a four-year contract, the club said on Friday.");
        var (exit, stdout, _) = CliRunner.Run("ingest", dir.Combine("c"), "--db", dir.Db, "--json", "--no-stories");
        Assert.Equal(0, exit);
        using (JsonDocument json = JsonDocument.Parse(Assert.Single(CliRunner.Lines(stdout))))
        {
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("stories_assigned").ValueKind);
        }

        // Listing only reads: it says what is waiting and how to assign it.
        string stderr;
        (exit, stdout, stderr) = CliRunner.Run("stories", "--db", dir.Db, "--json");
        Assert.Equal(0, exit);
        Assert.Empty(CliRunner.Lines(stdout));
        Assert.Contains("2 stored documents are not in a story yet; run 'storymatch stories --update'", stderr, StringComparison.Ordinal);

        (exit, stdout, _) = CliRunner.Run("stories", "--update", "--db", dir.Db, "--json");
        Assert.Equal(0, exit);
        Assert.Equal(2, CliRunner.Lines(stdout).Count(l => l.StartsWith('{')));
    }

    [Fact]
    public void Each_bad_input_is_one_line_naming_it_the_rest_is_stored_and_exit_is_1()
    {
        using var dir = new TempFolder();
        dir.Write("in/good.txt", "A good article.");
        dir.Write("in/empty.txt", "");
        dir.WriteBytes("in/binary.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x0D]);
        dir.WriteBytes("in/latin1.txt", [(byte)'n', 0xE9, (byte)'e']);
        dir.Write("in/huge.txt", new string('x', 2000));
        dir.Write("in/lines.jsonl", "{\"id\":\"ok\",\"text\":\"fine\"}\n{\"id\":\n{\"id\":\"nt\"}\n");
        var (exit, stdout, stderr) = CliRunner.Run("ingest", dir.Combine("in"), dir.Combine("missing"), "--db", dir.Db, "--max-size", "1000");

        Assert.Equal(1, exit);
        string[] errors = CliRunner.Lines(stderr);
        Assert.Equal(7, errors.Length);
        Assert.Contains(errors, e => e.Contains("binary.txt: binary content", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("empty.txt: empty file", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("huge.txt: 2000 bytes, over the 1000 bytes size limit", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("latin1.txt: invalid UTF-8 at byte offset 1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("lines.jsonl:2: malformed JSON", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("lines.jsonl:3: missing \"text\"", StringComparison.Ordinal));
        Assert.Contains(CliRunner.Lines(stdout), l => l.StartsWith("2 accepted, 0 duplicates, 7 rejected", StringComparison.Ordinal));
        Assert.Contains("missing: no such file or folder", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Reingesting_is_idempotent()
    {
        using var dir = new TempFolder();
        dir.Write("c/a.txt", "one");
        dir.Write("c/b.txt", "two");
        Assert.Equal(0, CliRunner.Run("ingest", dir.Combine("c"), "--db", dir.Db).Exit);
        var (exit, stdout, _) = CliRunner.Run("ingest", dir.Combine("c"), "--db", dir.Db);
        Assert.Equal(0, exit);
        Assert.StartsWith("0 accepted, 2 duplicates, 0 rejected", stdout, StringComparison.Ordinal);
        using var store = Storage.TestStore.Open(dir.Db);
        Assert.Equal(2, store.Count().Documents);
    }

    [Fact]
    public void Changed_content_under_a_stored_id_is_rejected_and_the_stored_version_kept()
    {
        using var dir = new TempFolder();
        string file = dir.Write("c/a.txt", "the first version");
        Assert.Equal(0, CliRunner.Run("ingest", dir.Combine("c"), "--db", dir.Db).Exit);
        File.WriteAllText(file, "a second, edited version");
        var (exit, _, stderr) = CliRunner.Run("ingest", dir.Combine("c"), "--db", dir.Db);
        Assert.Equal(1, exit);
        Assert.Contains("a.txt: id \"a.txt\" is already stored with different content", stderr, StringComparison.Ordinal);
        using var store = Storage.TestStore.Open(dir.Db);
        Assert.Equal("the first version", store.GetDocument("a.txt")!.Article.Text);
    }

    [Fact]
    public void Standard_input_is_read_as_json_lines()
    {
        using var dir = new TempFolder();
        var (exit, stdout, stderr) = CliRunner.RunWithInput("{\"id\":\"s1\",\"text\":\"from a pipe\",\"title\":\"Piped\"}\n{oops}\n", "ingest", "-", "--db", dir.Db);
        Assert.Equal(1, exit);
        Assert.Contains("-:2: malformed JSON", stderr, StringComparison.Ordinal);
        Assert.StartsWith("1 accepted", stdout, StringComparison.Ordinal);
        using var store = Storage.TestStore.Open(dir.Db);
        Assert.Equal("Piped", store.GetDocument("s1")!.Article.Title);
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        using var dir = new TempFolder();
        Assert.Equal(2, CliRunner.Run("ingest").Exit);
        Assert.Equal(2, CliRunner.Run("ingest", dir.Path, "--max-size", "0").Exit);
        Assert.Equal(2, CliRunner.Run("ingest", dir.Path, "--max-size", "lots").Exit);
        Assert.Equal(2, CliRunner.Run("ingest", dir.Path, "--no-such-option").Exit);
        var (exit, _, stderr) = CliRunner.Run("ingest", dir.Path, "--db", dir.Combine("no/such/folder/x.db"));
        Assert.Equal(2, exit);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_a_usage_error_and_is_left_alone()
    {
        using var dir = new TempFolder();
        string notDb = dir.Write("notes.db", new string('n', 4096));
        string doc = dir.Write("a.txt", "text");
        var (exit, _, stderr) = CliRunner.Run("ingest", doc, "--db", notDb);
        Assert.Equal(2, exit);
        Assert.Contains("notes.db", stderr, StringComparison.Ordinal);
        Assert.Equal(new string('n', 4096), File.ReadAllText(notDb));
    }
}

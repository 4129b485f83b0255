using System.Text;
using Storymatch.Ingest;
using Storymatch.Tests.Storage;

namespace Storymatch.Tests.Ingest;

public class InputFileTests
{
    private static string? ErrorOf(string path, long maxBytes = SourceOptions.DefaultMaxBytes) =>
        InputFiles.TryReadText(path, new SourceOptions { MaxBytes = maxBytes }, out _, out string error) ? null : error;

    [Fact]
    public void Each_bad_file_gets_its_own_reason()
    {
        using var dir = new TempFolder();
        Assert.Equal("no such file", ErrorOf(dir.Combine("missing.txt")));
        Assert.Equal("empty file", ErrorOf(dir.Write("empty.txt", "")));
        Assert.Equal("empty file", ErrorOf(dir.WriteBytes("bom-only.txt", [0xEF, 0xBB, 0xBF])));
        Assert.Equal("binary content (NUL byte at offset 3)", ErrorOf(dir.WriteBytes("bin.txt", [(byte)'a', (byte)'b', (byte)'c', 0, 1])));
        Assert.Equal("invalid UTF-8 at byte offset 6", ErrorOf(dir.WriteBytes("latin1.txt", [.. "caf\u00e9 "u8, 0xE9, (byte)'x'])));
        Assert.StartsWith("20 bytes, over the 10 bytes size limit", ErrorOf(dir.Write("big.txt", new string('w', 20)), maxBytes: 10), StringComparison.Ordinal);
        Assert.Equal("is a folder", ErrorOf(dir.Path));
    }

    [Fact]
    public void A_truncated_utf8_sequence_at_the_end_is_invalid()
    {
        using var dir = new TempFolder();
        Assert.Equal("invalid UTF-8 at byte offset 2", ErrorOf(dir.WriteBytes("cut.txt", [(byte)'o', (byte)'k', 0xE2, 0x82])));
    }

    [Fact]
    public void Valid_utf8_with_a_bom_and_any_script_is_read()
    {
        using var dir = new TempFolder();
        string path = dir.WriteBytes("ok.txt", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Київ 北京 \u201Cquote\u201D")]);
        Assert.True(InputFiles.TryReadText(path, SourceOptions.Default, out string text, out _));
        Assert.Equal("Київ 北京 \u201Cquote\u201D", text);
    }

    [Fact]
    public void Gzip_files_are_decompressed_and_the_limit_applies_to_the_decompressed_size()
    {
        using var dir = new TempFolder();
        string path = dir.Combine("page.html.gz");
        using (var gz = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes("<html><body><p>" + new string('a', 1000) + "</p></body></html>"));
        }

        Assert.True(InputFiles.TryReadText(path, SourceOptions.Default, out string html, out _));
        Assert.Contains("<p>", html, StringComparison.Ordinal);
        Assert.Contains("over the 100 bytes size limit", ErrorOf(path, maxBytes: 100), StringComparison.Ordinal);
        Assert.Equal("gzip data decompresses to nothing (truncated or corrupt)", ErrorOf(dir.WriteBytes("cut.html.gz", [0x1F, 0x8B, 8, 0, 1, 2, 3])));
        Assert.StartsWith("corrupt gzip data", ErrorOf(dir.WriteBytes("bad.html.gz", [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF, 0xFF])), StringComparison.Ordinal);
    }
}

public class TextAndHtmlSourceTests
{
    [Fact]
    public void A_text_file_is_one_article_with_its_first_line_as_title()
    {
        using var dir = new TempFolder();
        string path = dir.Write("a.txt", "\n  Pope visits Kyiv  \n\nThe pope arrived on Monday.\n");
        SourceRecord record = Assert.Single(new TextFileSource(path, "a.txt").Read(TestContext.Current.CancellationToken));
        Assert.Equal("a.txt", record.Article!.Id);
        Assert.Equal("Pope visits Kyiv", record.Article.Title);
        Assert.Contains("arrived on Monday", record.Article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_line_too_long_for_a_headline_gives_no_title()
        => Assert.Null(TextFileSource.FirstLineTitle(new string('w', 300) + "\nsecond"));

    [Fact]
    public void An_html_file_is_extracted_and_a_page_without_text_is_rejected()
    {
        using var dir = new TempFolder();
        string good = dir.Write("p.html", "<html lang=en><head><title>Headline</title><link rel=canonical href='https://news.example.org/a'></head><body><nav>Menu</nav><p>The council met on Tuesday.</p></body></html>");
        Article article = Assert.Single(new HtmlFileSource(good, "p.html").Read(TestContext.Current.CancellationToken)).Article!;
        Assert.Equal("Headline", article.Title);
        Assert.Equal("news.example.org", article.Source);
        Assert.Contains("council met", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Menu", article.Text, StringComparison.Ordinal);

        string empty = dir.Write("e.html", "<html><body><nav>only navigation</nav></body></html>");
        SourceRecord rejected = Assert.Single(new HtmlFileSource(empty, "e.html").Read(TestContext.Current.CancellationToken));
        Assert.Equal("no article text found in the HTML", rejected.Error);
    }
}

public class JsonLinesSourceTests
{
    private static List<SourceRecord> Read(string jsonl, long maxBytes = SourceOptions.DefaultMaxBytes) =>
        [.. new JsonLinesSource(() => new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), "in.jsonl", new SourceOptions { MaxBytes = maxBytes }).Read(TestContext.Current.CancellationToken)];

    [Fact]
    public void Known_fields_are_read_and_other_fields_kept_as_extra_json()
    {
        SourceRecord r = Assert.Single(Read("""{"id":"n1","url":"https://a.example/x","title":" T ","text":"Body.","published":"2023-03-21T10:00:00+01:00","source":"Agency","authors":["A","B"],"language":"en","section":"world","tags":[1,2]}"""));
        Article a = r.Article!;
        Assert.Equal(("n1", "https://a.example/x", "T", "Body.", "Agency", "en"), (a.Id, a.Url, a.Title, a.Text, a.Source, a.Language));
        Assert.Equal(new DateTimeOffset(2023, 3, 21, 10, 0, 0, TimeSpan.FromHours(1)), a.Published);
        Assert.Equal(["A", "B"], a.Authors);
        Assert.Equal("""{"section":"world","tags":[1,2]}""", a.ExtraJson);
        Assert.Equal(new InputLocation("in.jsonl", 1, 0), r.Location);
    }

    [Fact]
    public void A_bad_line_is_rejected_with_its_line_number_and_reading_goes_on()
    {
        List<SourceRecord> records = Read("""
            {"id":"1","text":"one"}
            {"id":"2","text":
            [1,2]
            {"id":"4"}
            {"id":"5","text":""}
            {"text":"no id"}
            {"id":"7","text":"t","published":"last Tuesday"}
            {"id":"8","text":"t","title":5}

            {"id":9,"text":"numeric id"}
            {"url":"https://x.example/u","text":"url as id"}
            """);
        Assert.Equal(
            [
                "in.jsonl:1 ok 1",
                "in.jsonl:2 malformed JSON",
                "in.jsonl:3 expected a JSON object, found array",
                "in.jsonl:4 missing \"text\" (or \"html\")",
                "in.jsonl:5 \"text\" is empty",
                "in.jsonl:6 missing \"id\" (and no \"url\" to use instead)",
                "in.jsonl:7 \"published\" is not an ISO 8601 date",
                "in.jsonl:8 \"title\" must be a string, found number",
                "in.jsonl:10 ok 9",
                "in.jsonl:11 ok https://x.example/u",
            ],
            records.Select(r => $"{r.Location} " + (r.Article is { } a ? "ok " + a.Id : r.Error!.Split(':')[0])));
    }

    [Fact]
    public void Html_lines_are_extracted()
    {
        SourceRecord r = Assert.Single(Read("""{"id":"h","url":"https://site.example/a","html":"<html><head><title>Page</title></head><body><p>Main text here.</p></body></html>"}"""));
        Assert.Equal("Main text here.", r.Article!.Text);
        Assert.Equal("Page", r.Article.Title);
        Assert.Equal("site.example", r.Article.Source);
    }

    [Fact]
    public void Invalid_utf8_in_one_line_rejects_that_line_only()
    {
        byte[] bytes = [.. "{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\",\"text\":\"caf"u8, 0xE9, .. "\"}\n{\"id\":\"c\",\"text\":\"fine\"}\r\n"u8];
        List<SourceRecord> records = [.. new JsonLinesSource(() => new MemoryStream(bytes), "x.jsonl").Read(TestContext.Current.CancellationToken)];
        Assert.Equal(3, records.Count);
        Assert.Equal("x.jsonl:2", records[1].Location.ToString());
        Assert.Equal("invalid UTF-8 at byte 22 of the line", records[1].Error);
        Assert.Equal("fine", records[2].Article!.Text);
    }

    [Fact]
    public void An_oversized_line_is_rejected_without_losing_the_next_line()
    {
        string big = "{\"id\":\"big\",\"text\":\"" + new string('z', 300_000) + "\"}";
        List<SourceRecord> records = Read($"{big}\n{{\"id\":\"small\",\"text\":\"s\"}}\n", maxBytes: 1000);
        Assert.Equal(2, records.Count);
        Assert.StartsWith("line is 300022 bytes, over the 1000 bytes size limit", records[0].Error, StringComparison.Ordinal);
        Assert.Equal("small", records[1].Article!.Id);
        Assert.Equal(2, records[1].Location.Line);
    }

    [Fact]
    public void Empty_and_binary_inputs_are_one_rejection_each()
    {
        Assert.Equal("empty file", Assert.Single(Read("\n  \n")).Error);
        SourceRecord binary = Assert.Single(new JsonLinesSource(() => new MemoryStream([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]), "z.jsonl").Read(TestContext.Current.CancellationToken));
        Assert.Equal("binary content (NUL byte at offset 4)", binary.Error);
        Assert.Equal("no such file", Assert.Single(new JsonLinesSource("/nonexistent/x.jsonl").Read(TestContext.Current.CancellationToken)).Error);
    }

    [Fact]
    public void Line_reader_handles_crlf_a_missing_final_newline_and_lines_longer_than_its_buffer()
    {
        string longLine = new('q', 200_000);
        byte[] bytes = Encoding.UTF8.GetBytes($"a\r\n{longLine}\nlast");
        using var reader = new LineReader(new MemoryStream(bytes), maxLineBytes: 1_000_000);
        var lines = new List<string>();
        while (reader.TryReadLine(out ReadOnlyMemory<byte> line))
        {
            lines.Add(Encoding.UTF8.GetString(line.Span));
        }

        Assert.Equal(["a", longLine, "last"], lines);
        Assert.Equal(3, reader.LineNumber);
        Assert.Equal(3 + 200_001, reader.LineOffset);
    }
}

public class PathSourcesTests
{
    [Fact]
    public void Folders_are_walked_in_order_with_ids_relative_to_the_argument()
    {
        using var dir = new TempFolder();
        dir.Write("corpus/b.txt", "b");
        dir.Write("corpus/a/z.txt", "z");
        dir.Write("corpus/a/y.htm", "<p>y</p>");
        dir.Write("corpus/notes.pdf", "x");
        dir.Write("corpus/.hidden/h.txt", "h");
        dir.Write("single.txt", "s");

        var inputs = PathSources.Resolve([dir.Combine("corpus"), dir.Combine("single.txt"), dir.Combine("nope"), dir.Write("x.docx", "d")], SourceOptions.Default).ToList();
        var records = inputs.SelectMany(i => i.Source.Read(TestContext.Current.CancellationToken)).ToList();
        Assert.Equal(["a/y.htm", "a/z.txt", "b.txt", "single.txt"], records.Where(r => r.Article is not null).Select(r => r.Article!.Id));
        Assert.Equal(["unsupported file type '.pdf'"], records.Where(r => r.Skipped is not null).Select(r => r.Skipped));
        Assert.Equal(2, records.Count(r => r.Error is not null));
        Assert.Contains(records, r => r.Error == "no such file or folder" && r.Location.Input.EndsWith("nope", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Error is { } e && e.StartsWith("unsupported file type '.docx'", StringComparison.Ordinal));
    }

    private static List<string> Ids(params string[] arguments) =>
        [.. PathSources.Resolve(arguments, SourceOptions.Default)
            .SelectMany(i => i.Source.Read(TestContext.Current.CancellationToken))
            .Where(r => r.Article is not null)
            .Select(r => r.Article!.Id)];

    private static string Slashed(string path) => path.Replace('\\', '/');

    [Fact]
    public void A_single_argument_keeps_ids_relative_to_it()
    {
        using var dir = new TempFolder();
        dir.Write("f1/article.txt", "one");
        dir.Write("f1/sub/article.txt", "two");
        Assert.Equal(["article.txt", "sub/article.txt"], Ids(dir.Combine("f1")));
        Assert.Equal(["article.txt"], Ids(dir.Combine("f1/sub/article.txt")));
    }

    [Fact]
    public void The_same_file_name_under_two_folder_arguments_is_qualified_with_the_later_argument()
    {
        using var dir = new TempFolder();
        dir.Write("f1/article.txt", "first outlet");
        dir.Write("f1/only-here.txt", "only in f1");
        dir.Write("f2/article.txt", "second outlet");
        dir.Write("f2/other.txt", "only in f2");
        Assert.Equal(
            ["article.txt", "only-here.txt", Slashed(dir.Combine("f2")) + "/article.txt", "other.txt"],
            Ids(dir.Combine("f1"), dir.Combine("f2")));
    }

    [Fact]
    public void Two_file_arguments_with_the_same_name_get_the_second_one_by_its_path()
    {
        using var dir = new TempFolder();
        string first = dir.Write("f1/article.txt", "first outlet");
        string second = dir.Write("f2/article.txt", "second outlet");
        Assert.Equal(["article.txt", Slashed(second)], Ids(first, second));
    }

    [Fact]
    public void Qualified_ids_do_not_depend_on_how_the_argument_is_spelled()
    {
        using var dir = new TempFolder();
        dir.Write("f1/article.txt", "first outlet");
        dir.Write("f2/article.txt", "second outlet");
        string expected = Slashed(dir.Combine("f2")) + "/article.txt";
        Assert.Equal(expected, Ids(dir.Combine("f1"), dir.Combine("f2") + "/")[1]);
        Assert.Equal(expected, Ids(dir.Combine("f1"), dir.Combine("./f2/.//"))[1]);
    }

    [Fact]
    public void The_same_file_reached_twice_keeps_its_id()
    {
        using var dir = new TempFolder();
        string file = dir.Write("f1/article.txt", "first outlet");
        Assert.Equal(["article.txt", "article.txt", "article.txt"], Ids(dir.Combine("f1"), dir.Combine("f1"), file));
    }

    [Fact]
    public void A_qualified_id_that_is_taken_too_falls_back_to_the_full_path()
    {
        // As from "ingest a b" with a/x.txt, a/b/x.txt and b/x.txt: b's x.txt finds "x.txt" and "b/x.txt" taken.
        using var dir = new TempFolder();
        var claims = new PathSources.IdClaims();
        Assert.Equal("x.txt", claims.Claim("a", underFolder: true, dir.Combine("a/x.txt"), "x.txt"));
        Assert.Equal("b/x.txt", claims.Claim("a", underFolder: true, dir.Combine("a/b/x.txt"), "b/x.txt"));
        Assert.Equal(Slashed(dir.Combine("b/x.txt")), claims.Claim("./b/", underFolder: true, dir.Combine("b/x.txt"), "x.txt"));
        Assert.Equal("c/x.txt", claims.Claim("./c/", underFolder: true, dir.Combine("c/x.txt"), "x.txt"));
        Assert.Equal("d.txt", claims.Claim("d.txt", underFolder: false, dir.Combine("d.txt"), "d.txt"));
        Assert.Equal("e/d.txt", claims.Claim("e/d.txt", underFolder: false, dir.Combine("e/d.txt"), "d.txt"));
        Assert.Equal("x.txt", claims.Claim("a", underFolder: true, dir.Combine("a/x.txt"), "x.txt"));
    }

    [Theory]
    [InlineData("a.txt", ".txt")]
    [InlineData("A.HTML", ".html")]
    [InlineData("x.html.gz", ".html.gz")]
    [InlineData("x.jsonl.gz", ".jsonl.gz")]
    [InlineData("x.gz", null)]
    [InlineData("x.json", null)]
    public void The_longest_matching_extension_chooses_the_format(string path, string? extension)
        => Assert.Equal(extension, PathSources.FormatOf(path)?.Extension);
}

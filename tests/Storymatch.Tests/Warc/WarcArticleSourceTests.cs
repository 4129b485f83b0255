using System.IO.Compression;
using System.Text;
using Storymatch.Ingest;
using Storymatch.Ingest.Warc;

namespace Storymatch.Tests.Warc;

public sealed class WarcArticleSourceTests
{
    private const string Paragraph = "The river flooded the old town on Tuesday and hundreds of residents were moved to the school.";

    internal static List<SourceRecord> ReadAll(byte[] warc, int maxPayloadBytes = WarcArticleSource.DefaultMaxPayloadBytes) =>
        [.. new WarcArticleSource("test.warc", () => new MemoryStream(warc), maxPayloadBytes).Read(TestContext.Current.CancellationToken)];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Mixed_archive_yields_html_articles_and_skips_the_rest_with_offsets(bool gzip)
    {
        var warc = new WarcFileBuilder(gzip);
        long info = warc.Warcinfo();
        long request = warc.Request("https://news.example/a");
        long response = warc.HtmlResponse("https://news.example/a", Encoding.UTF8.GetBytes(WarcFileBuilder.Page("Flood in town", Paragraph)));
        long image = warc.Response("https://news.example/a.png", WarcFileBuilder.Http(200, [0x89, 0x50, 0x4E, 0x47], ("Content-Type", "image/png")));
        long redirect = warc.Response("https://news.example/old", WarcFileBuilder.Http(301, [], ("Location", "https://news.example/a")));
        long resource = warc.Resource("https://news.example/b", "text/html", Encoding.UTF8.GetBytes(WarcFileBuilder.Page("Second page", Paragraph)));
        long pdf = warc.Resource("https://news.example/c.pdf", "application/pdf", "%PDF-1.4 binary"u8.ToArray());

        List<SourceRecord> records = ReadAll(warc.ToArray());

        Assert.Equal([info, request, response, image, redirect, resource, pdf], records.Select(r => r.Location.Offset!.Value));
        Assert.All(records, r => Assert.Null(r.Error));
        Assert.Equal(["warcinfo record", "request record", null, "non-HTML payload (image/png)", "HTTP status 301", null, "non-HTML resource (application/pdf)"],
            records.Select(r => r.Skipped));
        Article first = records[2].Article!;
        Assert.Equal("https://news.example/a", first.Id);
        Assert.Equal("https://news.example/a", first.Url);
        Assert.Equal("Flood in town", first.Title);
        Assert.Contains(Paragraph, first.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Footer text", first.Text, StringComparison.Ordinal);
        // The page states no date: the WARC-Date is when it was fetched, kept apart, never the publication date.
        Assert.Null(first.Published);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 6, 7, 8, TimeSpan.Zero), first.Crawled);
        Assert.Equal("news.example", first.Source);
        Assert.Equal("Second page", records[5].Article!.Title);
        Assert.Equal($"test.warc@{response}", records[2].Location.ToString());
    }

    [Theory]
    [InlineData("chunked")]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("deflate-raw")]
    [InlineData("br")]
    [InlineData("chunked+gzip")]
    [InlineData("gzip-label-but-already-decoded")]
    [InlineData("chunked-label-but-already-dechunked")]
    public void Transfer_and_content_encodings_are_undone(string encoding)
    {
        byte[] page = Encoding.UTF8.GetBytes(WarcFileBuilder.Page("Encoded page", Paragraph));
        (byte[] Body, (string, string)[] Headers) encoded = encoding switch
        {
            "chunked" => (WarcFileBuilder.Chunked(page, 37), [("Transfer-Encoding", "chunked")]),
            "gzip" => (WarcFileBuilder.Gzip(page), [("Content-Encoding", "gzip")]),
            "deflate" => (WarcFileBuilder.Compress(page, s => new ZLibStream(s, CompressionLevel.Optimal)), [("Content-Encoding", "deflate")]),
            "deflate-raw" => (WarcFileBuilder.Compress(page, s => new DeflateStream(s, CompressionLevel.Optimal)), [("Content-Encoding", "deflate")]),
            "br" => (WarcFileBuilder.Compress(page, s => new BrotliStream(s, CompressionLevel.Optimal)), [("Content-Encoding", "br")]),
            "chunked+gzip" => (WarcFileBuilder.Chunked(WarcFileBuilder.Gzip(page), 50), [("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")]),
            "gzip-label-but-already-decoded" => (page, [("Content-Encoding", "gzip")]),
            "chunked-label-but-already-dechunked" => (page, [("Transfer-Encoding", "chunked")]),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };
        var warc = new WarcFileBuilder(gzipPerRecord: true);
        warc.HtmlResponse("https://news.example/enc", encoded.Body, "text/html; charset=utf-8", encoded.Headers);

        SourceRecord record = Assert.Single(ReadAll(warc.ToArray()));

        Assert.Null(record.Error);
        Assert.Equal("Encoded page", record.Article!.Title);
        Assert.Contains(Paragraph, record.Article.Text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Charsets => new()
    {
        // name of the encoding, where the page declares it, what the page says
        { "windows-1251", "header", "Наводнение в старом городе: сотни жителей переселены в школу." },
        { "windows-1251", "meta", "Наводнение в старом городе: сотни жителей переселены в школу." },
        { "koi8-r", "header", "Наводнение в старом городе: сотни жителей переселены в школу." },
        { "shift_jis", "header", "川が火曜日に旧市街を浸水させ、数百人の住民が学校に避難した。" },
        { "shift_jis", "meta", "川が火曜日に旧市街を浸水させ、数百人の住民が学校に避難した。" },
        { "gbk", "header", "周二河水淹没了老城区，数百名居民被转移到学校。" },
        { "gbk", "meta", "周二河水淹没了老城区，数百名居民被转移到学校。" },
        { "gb18030", "meta", "周二河水淹没了老城区，数百名居民被转移到学校。" },
        { "euc-kr", "header", "화요일에 강물이 구시가지를 덮쳐 주민 수백 명이 학교로 대피했다." },
        { "big5", "meta", "週二河水淹沒了老城區，數百名居民被轉移到學校。" },
        { "iso-8859-2", "header", "Rzeka zalała stare miasto we wtorek, setki mieszkańców przeniesiono do szkoły." },
        { "iso-8859-7", "meta", "Ο ποταμός πλημμύρισε την παλιά πόλη την Τρίτη." },
        { "utf-8", "bom", "Наводнение в старом городе: сотни жителей переселены в школу." },
        { "utf-16", "bom", "Наводнение в старом городе: сотни жителей переселены в школу." },
        // Declared UTF-8 in the header but the bytes are windows-1251: the meta tag is used instead.
        { "windows-1251", "wrong-header-right-meta", "Наводнение в старом городе: сотни жителей переселены в школу." },
        // Declared UTF-8 everywhere over windows-1252 bytes: detection falls back to windows-1252.
        { "windows-1252", "wrong-everywhere", "Le fleuve a inondé la vieille ville mardi; les élèves ont été déplacés." },
        // Nothing declared, valid UTF-8: detected.
        { "utf-8", "none", "Le fleuve a inondé la vieille ville mardi; les élèves ont été déplacés." },
        // An unknown label in the header is ignored.
        { "utf-8", "unknown-label", "Le fleuve a inondé la vieille ville mardi; les élèves ont été déplacés." },
    };

    [Theory]
    [MemberData(nameof(Charsets))]
    public void Charset_from_header_meta_bom_or_detection(string charset, string declaredIn, string sentence)
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Encoding encoding = charset == "utf-16" ? Encoding.Unicode : Encoding.GetEncoding(charset);
        string metaCharset = declaredIn switch
        {
            "meta" => charset,
            "wrong-header-right-meta" => charset,
            "wrong-everywhere" => "utf-8",
            _ => null!,
        };
        string page = WarcFileBuilder.Page("Title " + sentence[..10], sentence, metaCharset);
        byte[] body = declaredIn == "bom" ? [.. encoding.GetPreamble(), .. encoding.GetBytes(page)] : encoding.GetBytes(page);
        string contentType = declaredIn switch
        {
            "header" => $"text/html; charset={charset}",
            "wrong-header-right-meta" or "wrong-everywhere" => "text/html; charset=UTF-8",
            "unknown-label" => "text/html; charset=x-no-such-charset",
            _ => "text/html",
        };
        var warc = new WarcFileBuilder(gzipPerRecord: false);
        warc.HtmlResponse("https://news.example/charset", body, contentType);

        SourceRecord record = Assert.Single(ReadAll(warc.ToArray()));

        Assert.Null(record.Error);
        Assert.Contains(sentence, record.Article!.Text, StringComparison.Ordinal);
        Assert.Equal(("Title " + sentence[..10]).TrimEnd(), record.Article.Title);
    }

    [Fact]
    public void Payload_over_the_limit_is_rejected_and_the_next_record_is_read()
    {
        var warc = new WarcFileBuilder(gzipPerRecord: true);
        byte[] big = new byte[50 * 1024 * 1024];
        big.AsSpan().Fill((byte)'a');
        "<html><body><p>"u8.CopyTo(big);
        long bigOffset = warc.HtmlResponse("https://news.example/huge", big);
        long next = warc.HtmlResponse("https://news.example/next", Encoding.UTF8.GetBytes(WarcFileBuilder.Page("After the big one", Paragraph)));

        List<SourceRecord> records = ReadAll(warc.ToArray());

        Assert.Equal(2, records.Count);
        Assert.Equal(bigOffset, records[0].Location.Offset);
        Assert.Contains("larger than the 10 MB limit", records[0].Error, StringComparison.Ordinal);
        Assert.Equal(next, records[1].Location.Offset);
        Assert.Equal("After the big one", records[1].Article!.Title);
    }

    [Fact]
    public void Gzip_bomb_body_is_cut_at_the_limit()
    {
        byte[] page = new byte[3 * 1024 * 1024];
        page.AsSpan().Fill((byte)' ');
        "<html><body><p>x</p>"u8.CopyTo(page);
        var warc = new WarcFileBuilder(gzipPerRecord: false);
        warc.HtmlResponse("https://news.example/bomb", WarcFileBuilder.Gzip(page), "text/html", ("Content-Encoding", "gzip"));

        SourceRecord record = Assert.Single(ReadAll(warc.ToArray(), maxPayloadBytes: 1024 * 1024));

        Assert.Equal("response record https://news.example/bomb: HTML payload larger than the 1 MB limit", record.Error);
    }

    [Fact]
    public void Response_without_http_headers_is_rejected_with_a_reason()
    {
        var warc = new WarcFileBuilder(gzipPerRecord: false);
        long bad = warc.Response("https://news.example/nohttp", Encoding.UTF8.GetBytes("<html><body><p>no status line</p></body></html>"));
        long unterminated = warc.Response("https://news.example/nohead", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"u8.ToArray());
        long good = warc.HtmlResponse("https://news.example/good", Encoding.UTF8.GetBytes(WarcFileBuilder.Page("Good", Paragraph)));

        List<SourceRecord> records = ReadAll(warc.ToArray());

        Assert.Equal([bad, unterminated, good], records.Select(r => r.Location.Offset!.Value));
        Assert.Equal("response record https://news.example/nohttp: missing or malformed HTTP status line", records[0].Error);
        Assert.Equal("response record https://news.example/nohead: HTTP headers not terminated by a blank line", records[1].Error);
        Assert.NotNull(records[2].Article);
    }

    [Fact]
    public void Binary_payload_labelled_html_is_rejected()
    {
        var warc = new WarcFileBuilder(gzipPerRecord: false);
        long png = warc.HtmlResponse("https://news.example/image", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], "text/html");

        SourceRecord record = Assert.Single(ReadAll(warc.ToArray()));

        Assert.Equal(png, record.Location.Offset);
        Assert.Equal("response record https://news.example/image: binary payload declared as HTML (NUL bytes in its first kilobyte)", record.Error);
    }

    [Fact]
    public void Missing_file_is_one_rejection()
    {
        SourceRecord record = Assert.Single(new WarcArticleSource("/no/such/dir/crawl.warc.gz").Read(TestContext.Current.CancellationToken));

        Assert.StartsWith("cannot open:", record.Error, StringComparison.Ordinal);
        Assert.Equal("/no/such/dir/crawl.warc.gz", record.Location.ToString());
    }
}

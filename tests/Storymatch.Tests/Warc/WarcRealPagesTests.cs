using System.IO.Compression;
using System.Text;
using Storymatch.Extraction;
using Storymatch.Ingest;

namespace Storymatch.Tests.Warc;

/// <summary>Real news pages (the extraction benchmark) through WARC files: the archive must not change what is extracted.</summary>
public sealed class WarcRealPagesTests
{
    private const int PageCount = 24;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Benchmark_pages_in_a_warc_give_the_articles_of_the_pages_themselves(bool gzip)
    {
        string folder = TestPaths.SharedOrSkip("data", "article-extraction-benchmark", "html");
        string[] files = [.. Directory.EnumerateFiles(folder, "*.html.gz").Order(StringComparer.Ordinal).Take(PageCount)];
        var warc = new WarcFileBuilder(gzip, "WARC/1.1");
        var expected = new List<(string Uri, ExtractedArticle Page)>();
        warc.Warcinfo();
        for (int i = 0; i < files.Length; i++)
        {
            byte[] page = Inflate(files[i]);
            string uri = $"https://bench.example/{Path.GetFileName(files[i])[..16]}";
            expected.Add((uri, HtmlExtractor.Extract(Encoding.UTF8.GetString(page), uri)));
            warc.Request(uri);
            // Each transport the crawl may have stored: plain, chunked, gzip, brotli; charset in the header or not.
            (byte[] Body, (string, string)[] Headers) encoded = (i % 4) switch
            {
                0 => (page, []),
                1 => (WarcFileBuilder.Chunked(page, 4096), [("Transfer-Encoding", "chunked")]),
                2 => (WarcFileBuilder.Gzip(page), [("Content-Encoding", "gzip")]),
                _ => (WarcFileBuilder.Compress(page, s => new BrotliStream(s, CompressionLevel.Fastest)), [("Content-Encoding", "br")]),
            };
            warc.HtmlResponse(uri, encoded.Body, i % 2 == 0 ? "text/html" : "text/html; charset=UTF-8", encoded.Headers);
        }

        List<SourceRecord> records = WarcArticleSourceTests.ReadAll(warc.ToArray());

        Assert.All(records, r => Assert.Null(r.Error));
        Assert.Equal(1 + (2 * files.Length), records.Count);
        List<Article> articles = [.. records.Where(r => r.Article is not null).Select(r => r.Article!)];
        List<(string Uri, ExtractedArticle Page)> withText = [.. expected.Where(e => !string.IsNullOrWhiteSpace(e.Page.Text))];
        Assert.Equal(withText.Select(e => e.Uri), articles.Select(a => a.Url));
        for (int i = 0; i < articles.Count; i++)
        {
            Assert.Equal(withText[i].Page.Text, articles[i].Text);
            Assert.Equal(withText[i].Page.Title, articles[i].Title);
        }
    }

    private static byte[] Inflate(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        gzip.CopyTo(copy);
        return copy.ToArray();
    }
}

using System.Text;
using Storymatch.Tests.Cli;
using Storymatch.Tests.Storage;

namespace Storymatch.Tests.Warc;

public sealed class WarcIngestCommandTests
{
    static WarcIngestCommandTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("crawl.warc.gz", true)]
    [InlineData("crawl.warc", false)]
    public void Ingest_reads_a_warc_file_reports_each_bad_record_with_its_offset_and_stores_the_rest(string name, bool gzip)
    {
        using var dir = new TempFolder();
        var warc = new WarcFileBuilder(gzip);
        warc.Warcinfo();
        warc.Request("https://news.example/1");
        warc.HtmlResponse("https://news.example/1", Encoding.UTF8.GetBytes(WarcFileBuilder.Page("Bridge approved",
            "The council approved the new bridge after a long debate about its cost and its design.")));
        warc.Response("https://news.example/logo.png", WarcFileBuilder.Http(200, [1, 2, 3], ("Content-Type", "image/png")));
        warc.Resource("https://news.example/2", "text/html; charset=windows-1251",
            Encoding.GetEncoding(1251).GetBytes(WarcFileBuilder.Page("Мост одобрен", "Совет одобрил новый мост после долгих споров о его стоимости.")));
        long broken = warc.Record("response", "https://news.example/3", "application/http; msgtype=response",
            WarcFileBuilder.Http(200, "<p>x</p>"u8.ToArray(), ("Content-Type", "text/html")), null, "Content-Length");
        string path = dir.WriteBytes(name, warc.ToArray());

        var (exit, stdout, stderr) = CliRunner.Run("ingest", path, "--db", dir.Db);

        Assert.Equal(1, exit);
        Assert.StartsWith("2 accepted, 0 duplicates, 1 rejected, 3 skipped", stdout, StringComparison.Ordinal);
        Assert.Contains($"{name}@{broken}: WARC record without Content-Length", stderr, StringComparison.Ordinal);
        using var store = Storage.TestStore.Open(dir.Db);
        Assert.Equal(2, store.Count().Documents);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using Storymatch.Extraction.Web;
using Storymatch.Ingest;
using Storymatch.Ingest.Warc;

namespace Storymatch.Bench.Warc;

/// <summary>
/// Reads and extracts a WARC built from the 181 extraction-benchmark pages (x N copies, gzip per record, each page
/// preceded by its request record as crawlers write them) and reports records/s and peak memory. Not a
/// BenchmarkDotNet run: peak memory of a whole ingest only means something in a fresh process.
/// <c>dotnet run -c Release --project bench/Storymatch.Bench -- warc [--copies N] [--plain] [--reader-only] [--shared DIR]</c>
/// </summary>
public static class WarcIngestBench
{
    public static int Run(string[] args)
    {
        int copies = int.Parse(Option(args, "--copies") ?? "5", CultureInfo.InvariantCulture);
        bool gzip = !args.Contains("--plain");
        bool readerOnly = args.Contains("--reader-only");
        bool decodeOnly = args.Contains("--decode-only");
        string shared = Option(args, "--shared") ?? FindShared();
        string pages = Path.Combine(shared, "data", "article-extraction-benchmark", "html");
        string warcPath = Path.Combine(Path.GetTempPath(), $"storymatch-bench-{copies}{(gzip ? ".warc.gz" : ".warc")}");

        var build = Stopwatch.StartNew();
        (int responses, int records) = Build(pages, warcPath, copies, gzip);
        long fileBytes = new FileInfo(warcPath).Length;
        Console.WriteLine($"built {warcPath}: {records} records ({responses} HTML responses), {fileBytes / 1048576.0:F1} MB, in {build.Elapsed.TotalSeconds:F1} s");

        // Generation loads one page at a time; reset the peak so that only reading is measured.
        GC.Collect();
        ResetPeakResidentMemory();
        long before = Process.GetCurrentProcess().WorkingSet64;
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        int accepted = 0, skipped = 0, rejected = 0;
        long textChars = 0;
        if (decodeOnly)
        {
            (accepted, rejected, textChars) = DecodeOnly(warcPath);
        }
        else if (readerOnly)
        {
            using var reader = new WarcReader(File.OpenRead(warcPath));
            foreach (WarcReadResult result in reader.Read())
            {
                if (result.Error is null)
                {
                    accepted++;
                    textChars += result.Record!.Block.Length;
                }
                else
                {
                    rejected++;
                }
            }
        }
        else
        {
            foreach (SourceRecord record in new WarcArticleSource(warcPath).Read())
            {
                if (record.Article is { } article)
                {
                    accepted++;
                    textChars += article.Text.Length;
                }
                else if (record.Error is not null)
                {
                    rejected++;
                    Console.Error.WriteLine($"{record.Location}: {record.Error}");
                }
                else
                {
                    skipped++;
                }
            }
        }

        double seconds = clock.Elapsed.TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        long peak = PeakResidentMemory();
        Console.WriteLine(decodeOnly
            ? $"read+decode (HTTP, encodings, charset; no extraction): {accepted} HTML pages decoded ({rejected} errors), {textChars / 1e6:F1} M chars in {seconds:F2} s"
            : readerOnly
            ? $"reader only: {accepted} records ({rejected} errors), {textChars / 1048576.0:F1} MB of blocks in {seconds:F2} s"
            : $"read+extract: {accepted} accepted, {skipped} skipped, {rejected} rejected, {textChars / 1e6:F1} M chars of text in {seconds:F2} s");
        Console.WriteLine($"wall clock: {records / seconds:F0} records/s (all records), {responses / seconds:F1} HTML pages/s, compressed input {fileBytes / 1048576.0 / seconds:F1} MB/s");
        Console.WriteLine($"CPU time {cpu:F2} s (all threads, GC included): {records / cpu:F0} records/s, {responses / cpu:F1} HTML pages/s per CPU-second");
        Console.WriteLine($"resident memory: {before / 1048576.0:F0} MB before reading, peak {peak / 1048576.0:F0} MB while reading (VmHWM)");
        File.Delete(warcPath);
        return rejected == 0 ? 0 : 1;
    }

    /// <summary>Everything the source does except extraction: WARC records, HTTP head, encodings, charset to text.</summary>
    private static (int Decoded, int Errors, long Chars) DecodeOnly(string warcPath)
    {
        int decoded = 0, errors = 0;
        long chars = 0;
        var body = new ByteBuffer();
        var scratch = new ByteBuffer();
        using var reader = new WarcReader(File.OpenRead(warcPath));
        foreach (WarcReadResult result in reader.Read())
        {
            if (result.Record is not { Header.Type: "response" } record)
            {
                errors += result.Error is null ? 0 : 1;
                continue;
            }

            if (!HttpResponse.TryParseHead(record.Block.Span, out HttpResponseHead? head, out _)
                || !HttpResponse.IsHtml(head.ContentType, record.Block.Span[head.BodyOffset..]))
            {
                continue;
            }

            MemoryMarshal.TryGetArray(record.Block[head.BodyOffset..], out ArraySegment<byte> segment);
            if (!HttpResponse.TryDecodeBody(segment, head, 10 << 20, body, scratch, out _))
            {
                errors++;
                continue;
            }

            chars += HtmlDecoder.Decode(body.Span, head.ContentType).Html.Length;
            decoded++;
        }

        return (decoded, errors, chars);
    }

    private static (int Responses, int Records) Build(string pagesFolder, string warcPath, int copies, bool gzip)
    {
        string[] files = [.. Directory.EnumerateFiles(pagesFolder, "*.html.gz").Order(StringComparer.Ordinal)];
        if (files.Length == 0)
        {
            throw new FileNotFoundException($"no *.html.gz pages in {pagesFolder}");
        }

        int responses = 0, records = 0, serial = 0;
        using var output = new FileStream(warcPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        for (int copy = 0; copy < copies; copy++)
        {
            foreach (string file in files)
            {
                byte[] page = Inflate(file);
                string uri = $"https://bench.example/{Path.GetFileName(file)[..16]}?copy={copy}";
                byte[] request = Encoding.ASCII.GetBytes($"GET /{Path.GetFileName(file)[..16]}?copy={copy} HTTP/1.1\r\nHost: bench.example\r\n\r\n");
                byte[] head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {page.Length}\r\n\r\n");
                WriteRecord(output, gzip, "request", uri, "application/http; msgtype=request", [request], ++serial);
                WriteRecord(output, gzip, "response", uri, "application/http; msgtype=response", [head, page], ++serial);
                responses++;
                records += 2;
            }
        }

        return (responses, records);
    }

    private static void WriteRecord(Stream output, bool gzip, string type, string uri, string contentType, byte[][] block, int serial)
    {
        long length = block.Sum(b => (long)b.Length);
        byte[] header = Encoding.UTF8.GetBytes(
            $"WARC/1.1\r\nWARC-Type: {type}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-05T06:07:08Z\r\n" +
            $"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{serial:D12}>\r\nContent-Type: {contentType}\r\nContent-Length: {length}\r\n\r\n");
        Stream target = gzip ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true) : output;
        target.Write(header);
        foreach (byte[] part in block)
        {
            target.Write(part);
        }

        target.Write("\r\n\r\n"u8);
        if (gzip)
        {
            target.Dispose();
        }
    }

    private static byte[] Inflate(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        gzip.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Linux: writing 5 to clear_refs resets VmHWM, the peak resident set.</summary>
    private static void ResetPeakResidentMemory()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static long PeakResidentMemory()
    {
        if (File.Exists("/proc/self/status"))
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64;
    }

    private static string? Option(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string FindShared()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (string candidate in new[] { Path.Combine(dir.FullName, "shared"), Path.Combine(dir.FullName, "..", "shared") })
            {
                if (Directory.Exists(Path.Combine(candidate, "data", "article-extraction-benchmark")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException("../shared not found; pass --shared DIR");
    }
}

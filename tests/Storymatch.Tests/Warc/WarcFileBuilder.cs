using System.IO.Compression;
using System.Text;

namespace Storymatch.Tests.Warc;

/// <summary>
/// Writes WARC files for tests: plain or gzip per record, with hooks to make them wrong on purpose (a lying
/// Content-Length, a missing header, garbage between records). Returns each record's offset as a reader must report it.
/// </summary>
internal sealed class WarcFileBuilder(bool gzipPerRecord, string version = "WARC/1.0")
{
    private readonly List<byte> _output = [];
    private int _serial;

    public bool GzipPerRecord => gzipPerRecord;

    public List<long> Offsets { get; } = [];

    public byte[] ToArray() => [.. _output];

    public long Warcinfo() => Record("warcinfo", null, "application/warc-fields", "software: Storymatch tests\r\nformat: WARC File Format 1.0\r\n"u8.ToArray());

    public long Request(string uri) =>
        Record("request", uri, "application/http; msgtype=request", Encoding.ASCII.GetBytes($"GET {new Uri(uri).PathAndQuery} HTTP/1.1\r\nHost: {new Uri(uri).Host}\r\n\r\n"));

    /// <summary>A response record for an HTML page, with the given HTTP headers (Content-Type text/html by default).</summary>
    public long HtmlResponse(string uri, byte[] body, string contentType = "text/html; charset=utf-8", params (string Name, string Value)[] extraHeaders) =>
        Response(uri, Http(200, body, [("Content-Type", contentType), .. extraHeaders]));

    public long Response(string uri, byte[] httpMessage, long? contentLength = null) =>
        Record("response", uri, "application/http; msgtype=response", httpMessage, contentLength: contentLength);

    public long Resource(string uri, string contentType, byte[] block) => Record("resource", uri, contentType, block);

    /// <summary>One record. <paramref name="contentLength"/> overrides the true length (to make it lie); <paramref name="omit"/> drops named fields.</summary>
    public long Record(string? type, string? uri, string? contentType, byte[] block, long? contentLength = null, params string[] omit)
    {
        var header = new StringBuilder();
        header.Append(version).Append("\r\n");
        AddField(header, omit, "WARC-Type", type);
        AddField(header, omit, "WARC-Target-URI", uri);
        AddField(header, omit, "WARC-Date", "2024-03-05T06:07:08Z");
        AddField(header, omit, "WARC-Record-ID", $"<urn:uuid:00000000-0000-0000-0000-{++_serial:D12}>");
        AddField(header, omit, "Content-Type", contentType);
        AddField(header, omit, "Content-Length", (contentLength ?? block.Length).ToString(System.Globalization.CultureInfo.InvariantCulture));
        header.Append("\r\n");
        byte[] record = [.. Encoding.UTF8.GetBytes(header.ToString()), .. block, .. "\r\n\r\n"u8];
        return Raw(record);
    }

    /// <summary>Appends bytes as they are (compressed as one member in a gzip file); returns their offset.</summary>
    public long Raw(byte[] bytes, bool compress = true)
    {
        long offset = _output.Count;
        Offsets.Add(offset);
        if (gzipPerRecord && compress)
        {
            _output.AddRange(Gzip(bytes));
        }
        else
        {
            _output.AddRange(bytes);
        }

        return offset;
    }

    public static byte[] Http(int status, byte[] body, params (string Name, string Value)[] headers)
    {
        var head = new StringBuilder();
        head.Append("HTTP/1.1 ").Append(status).Append(status == 200 ? " OK" : " Other").Append("\r\n");
        foreach ((string name, string value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
    }

    public static byte[] Chunked(byte[] body, int chunkSize)
    {
        var output = new MemoryStream();
        for (int i = 0; i < body.Length; i += chunkSize)
        {
            int length = Math.Min(chunkSize, body.Length - i);
            output.Write(Encoding.ASCII.GetBytes($"{length:x};ext=1\r\n"));
            output.Write(body, i, length);
            output.Write("\r\n"u8);
        }

        output.Write("0\r\n\r\n"u8);
        return output.ToArray();
    }

    public static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] Compress(byte[] data, Func<Stream, Stream> compressor)
    {
        var output = new MemoryStream();
        using (Stream stream = compressor(output))
        {
            stream.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>A small article page, long enough for the extractor to keep its paragraphs.</summary>
    public static string Page(string title, string paragraph, string? metaCharset = null) =>
        $"""
        <!DOCTYPE html><html><head>{(metaCharset is null ? "" : $"<meta charset=\"{metaCharset}\">")}<title>{title}</title></head>
        <body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>
        <p>{paragraph}</p><p>{paragraph} {paragraph}</p></article><footer>Footer text</footer></body></html>
        """;

    private static void AddField(StringBuilder header, string[] omit, string name, string? value)
    {
        if (value is not null && !omit.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            header.Append(name).Append(": ").Append(value).Append("\r\n");
        }
    }
}

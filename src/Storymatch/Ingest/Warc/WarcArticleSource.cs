using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Storymatch.Extraction;
using Storymatch.Extraction.Web;

namespace Storymatch.Ingest.Warc;

/// <summary>
/// Articles from a WARC file (a crawl archive, plain or gzip per record): each HTML response or resource record is
/// decoded (chunked, gzip/deflate/br, charset) and extracted by <see cref="HtmlExtractor"/>. Other records
/// (requests, metadata, images, PDFs, redirects...) are skipped with their reason; damaged ones are rejected with
/// the offset of the record (or of its gzip member) and reading goes on.
/// </summary>
internal sealed class WarcArticleSource : IArticleSource
{
    /// <summary>10 MB: far above any news page, low enough to refuse a dump or a binary mislabelled as HTML.</summary>
    public const int DefaultMaxPayloadBytes = 10 * 1024 * 1024;

    /// <summary>Room for the HTTP headers in front of a payload of the maximum size.</summary>
    private const int HttpHeadAllowance = HttpResponse.MaxHeadBytes;

    private readonly string _name;
    private readonly Func<Stream> _open;
    private readonly int _maxPayloadBytes;

    /// <summary>Reads the WARC file at <paramref name="path"/>.</summary>
    public WarcArticleSource(string path, int maxPayloadBytes = DefaultMaxPayloadBytes)
        : this(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), maxPayloadBytes)
    {
    }

    /// <summary>Reads the WARC file at <paramref name="path"/>, with the ingest limits (<see cref="SourceOptions.MaxBytes"/> caps each page).</summary>
    public WarcArticleSource(string path, SourceOptions options)
        : this(path, (int)Math.Clamp(options.MaxBytes, 1, int.MaxValue - HttpHeadAllowance))
    {
    }

    /// <summary>Reads a WARC stream; <paramref name="name"/> names it in locations and messages. The stream is disposed after reading.</summary>
    public WarcArticleSource(string name, Func<Stream> open, int maxPayloadBytes = DefaultMaxPayloadBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPayloadBytes);
        _name = name;
        _open = open;
        _maxPayloadBytes = maxPayloadBytes;
    }

    public IEnumerable<SourceRecord> Read(CancellationToken cancellationToken = default)
    {
        if (!TryOpen(out Stream? stream, out string? openError))
        {
            yield return SourceRecord.Rejected(new InputLocation(_name), openError);
            yield break;
        }

        var options = new WarcReaderOptions { MaxBlockBytes = _maxPayloadBytes + HttpHeadAllowance };
        using var reader = new WarcReader(stream, options);
        var decoder = new PayloadDecoder(_maxPayloadBytes);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!TryRead(reader, out WarcReadResult result, out string? ioError))
            {
                if (ioError is not null)
                {
                    yield return SourceRecord.Rejected(new InputLocation(_name), ioError);
                }

                yield break;
            }

            var location = new InputLocation(_name, Offset: result.Offset);
            yield return result.Record is { } record ? ToSourceRecord(record, location, decoder) : SourceRecord.Rejected(location, result.Error!);
        }
    }

    private bool TryOpen([NotNullWhen(true)] out Stream? stream, [NotNullWhen(false)] out string? error)
    {
        try
        {
            stream = _open();
            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream = null;
            error = $"cannot open: {e.Message}";
            return false;
        }
    }

    private static bool TryRead(WarcReader reader, out WarcReadResult result, out string? error)
    {
        try
        {
            error = null;
            return reader.TryReadNext(out result);
        }
        catch (IOException e)
        {
            result = default;
            error = $"read error: {e.Message}";
            return false;
        }
    }

    private SourceRecord ToSourceRecord(WarcRecord record, InputLocation location, PayloadDecoder decoder)
    {
        WarcHeader header = record.Header;
        string type = header.Type!.ToLowerInvariant();
        string? html;
        string? problem;
        switch (type)
        {
            case "response":
                if (!IsHttpResponse(header.ContentType, record.Block.Span))
                {
                    return SourceRecord.Skip(location, $"response record that is not an HTTP response ({header.ContentType})");
                }

                (html, problem) = decoder.DecodeHttpResponse(record);
                break;
            case "resource":
                (html, problem) = decoder.DecodeResource(record);
                break;
            default:
                return SourceRecord.Skip(location, $"{type} record");
        }

        if (html is null)
        {
            return problem!.StartsWith(PayloadDecoder.SkipPrefix, StringComparison.Ordinal)
                ? SourceRecord.Skip(location, problem[PayloadDecoder.SkipPrefix.Length..])
                : SourceRecord.Rejected(location, $"{Describe(header)}: {problem}");
        }

        string? url = header.TargetUri;
        ExtractedArticle page;
        try
        {
            page = HtmlExtractor.Extract(html, url);
        }
        catch (Exception e)
        {
            return SourceRecord.Rejected(location, $"{Describe(header)}: extraction failed: {e.Message}");
        }

        if (string.IsNullOrWhiteSpace(page.Text))
        {
            return SourceRecord.Skip(location, "HTML page without article text");
        }

        var article = new Article
        {
            Id = url ?? header.RecordId ?? location.ToString(),
            Text = page.Text,
            Title = page.Title,
            Url = url ?? page.CanonicalUrl,
            Source = page.SiteName ?? HostOf(url ?? page.CanonicalUrl),
            // The page's own date (metadata, URL, a date line) or none: the WARC-Date is when it was fetched, not written.
            Published = page.Published,
            Crawled = header.ParsedDate,
            Authors = page.Authors,
            Language = string.IsNullOrWhiteSpace(page.Language) ? null : page.Language,
        };
        return SourceRecord.Accepted(article, location);
    }

    /// <summary>"application/http; msgtype=response" by the standard; some writers omit it, the block then tells.</summary>
    private static bool IsHttpResponse(string? contentType, ReadOnlySpan<byte> block) =>
        HttpResponse.MediaType(contentType) == "application/http"
            ? !(contentType!.Contains("msgtype", StringComparison.OrdinalIgnoreCase) && !contentType.Contains("response", StringComparison.OrdinalIgnoreCase))
            : string.IsNullOrEmpty(contentType) && block.StartsWith("HTTP/"u8);

    private static string Describe(WarcHeader header) => $"{header.Type} record {header.TargetUri ?? header.RecordId ?? "(no URI)"}";

    private static string? HostOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Host.Length > 0 ? uri.Host : null;

    /// <summary>Turns a record's block into page text, with reusable buffers.</summary>
    private sealed class PayloadDecoder(int maxPayloadBytes)
    {
        /// <summary>A reason that starts with this is a skip (not HTML, not a page), not an error.</summary>
        public const string SkipPrefix = "skip:";

        private readonly ByteBuffer _body = new();
        private readonly ByteBuffer _scratch = new();

        public (string? Html, string? Problem) DecodeHttpResponse(WarcRecord record)
        {
            ReadOnlySpan<byte> block = record.Block.Span;
            if (!HttpResponse.TryParseHead(block, out HttpResponseHead? head, out string? error))
            {
                return (null, error);
            }

            if (head.StatusCode is < 200 or > 299)
            {
                return (null, $"{SkipPrefix}HTTP status {head.StatusCode}");
            }

            ReadOnlySpan<byte> body = block[head.BodyOffset..];
            if (!HttpResponse.IsHtml(head.ContentType, body))
            {
                return (null, $"{SkipPrefix}non-HTML payload ({NameOf(head.ContentType)})");
            }

            if (!record.IsBlockComplete)
            {
                return (null, TooLarge(record.Header.ContentLength - head.BodyOffset));
            }

            // The block lives in the reader's array: hand it over as a segment rather than copying it.
            if (!MemoryMarshal.TryGetArray(record.Block[head.BodyOffset..], out ArraySegment<byte> bodySegment))
            {
                bodySegment = record.Block[head.BodyOffset..].ToArray();
            }

            if (!HttpResponse.TryDecodeBody(bodySegment, head, maxPayloadBytes, _body, _scratch, out error))
            {
                return (null, error);
            }

            return Decode(_body.Span, head.ContentType);
        }

        public (string? Html, string? Problem) DecodeResource(WarcRecord record)
        {
            ReadOnlySpan<byte> block = record.Block.Span;
            if (!HttpResponse.IsHtml(record.Header.ContentType, block))
            {
                return (null, $"{SkipPrefix}non-HTML resource ({NameOf(record.Header.ContentType)})");
            }

            if (!record.IsBlockComplete || block.Length > maxPayloadBytes)
            {
                return (null, TooLarge(record.Header.ContentLength));
            }

            return Decode(block, record.Header.ContentType);
        }

        /// <summary>NUL bytes in the first kilobyte mean a binary file (an image, a PDF) labelled as HTML, unless UTF-16 says otherwise.</summary>
        private static (string? Html, string? Problem) Decode(ReadOnlySpan<byte> payload, string? contentType)
        {
            ReadOnlySpan<byte> head = payload[..Math.Min(payload.Length, 1024)];
            bool utf16 = head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
            return !utf16 && head.Contains((byte)0)
                ? (null, "binary payload declared as HTML (NUL bytes in its first kilobyte)")
                : (HtmlDecoder.Decode(payload, contentType).Html, null);
        }

        private string TooLarge(long bytes) =>
            $"HTML payload of {bytes} bytes is larger than the {HttpResponse.FormatSize(maxPayloadBytes)} limit";

        private static string NameOf(string? contentType) => HttpResponse.MediaType(contentType) is { Length: > 0 } media ? media : "no Content-Type";
    }
}

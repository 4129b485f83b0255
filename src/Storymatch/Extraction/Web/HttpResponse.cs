using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using System.Text;

namespace Storymatch.Extraction.Web;

/// <summary>The status line and the headers of a raw HTTP/1.x response, as a crawler stored it.</summary>
internal sealed class HttpResponseHead
{
    public required int StatusCode { get; init; }

    public string? ContentType { get; init; }

    public string? TransferEncoding { get; init; }

    public string? ContentEncoding { get; init; }

    /// <summary>Where the body starts in the message (just after the blank line that ends the headers).</summary>
    public required int BodyOffset { get; init; }
}

/// <summary>
/// Reads raw HTTP responses as web archives store them: status line, headers, then a body that may still be
/// chunked and compressed. Parsing is lenient where crawlers are known to differ (LF-only line ends, a body already
/// de-chunked or decompressed while the header still says otherwise) and strict where the data is unusable.
/// </summary>
internal static class HttpResponse
{
    /// <summary>Headers larger than this are not a real response head.</summary>
    public const int MaxHeadBytes = 256 * 1024;

    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789abcdefABCDEF"u8);

    /// <summary>Parses the status line and headers at the start of <paramref name="message"/>.</summary>
    public static bool TryParseHead(ReadOnlySpan<byte> message, [NotNullWhen(true)] out HttpResponseHead? head, [NotNullWhen(false)] out string? error)
    {
        head = null;
        ReadOnlySpan<byte> rest = message[..Math.Min(message.Length, MaxHeadBytes)];
        if (message.IsEmpty)
        {
            error = "empty HTTP response";
            return false;
        }

        if (!message.StartsWith("HTTP/"u8) || !TryTakeLine(ref rest, out ReadOnlySpan<byte> statusLine))
        {
            error = "missing or malformed HTTP status line";
            return false;
        }

        // "HTTP/1.1 200 OK": version, a three-digit code, an optional reason.
        int space = statusLine.IndexOf((byte)' ');
        if (space < 0
            || !Utf8Parser.TryParse(statusLine[(space + 1)..].TrimStart((byte)' '), out int status, out int digits)
            || digits != 3)
        {
            error = "missing or malformed HTTP status line";
            return false;
        }

        string? contentType = null, transferEncoding = null, contentEncoding = null;
        while (true)
        {
            if (!TryTakeLine(ref rest, out ReadOnlySpan<byte> line))
            {
                error = message.Length > MaxHeadBytes ? $"HTTP headers longer than {MaxHeadBytes} bytes" : "HTTP headers not terminated by a blank line";
                return false;
            }

            if (line.IsEmpty)
            {
                break;
            }

            int colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue; // a folded or broken header line: real crawls contain them, and they carry nothing we use
            }

            ReadOnlySpan<byte> name = line[..colon].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Type"u8))
            {
                contentType = HeaderValue(line[(colon + 1)..]);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                transferEncoding = HeaderValue(line[(colon + 1)..]);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Content-Encoding"u8))
            {
                contentEncoding = HeaderValue(line[(colon + 1)..]);
            }
        }

        head = new HttpResponseHead
        {
            StatusCode = status,
            ContentType = contentType,
            TransferEncoding = transferEncoding,
            ContentEncoding = contentEncoding,
            BodyOffset = Math.Min(message.Length, MaxHeadBytes) - rest.Length,
        };
        error = null;
        return true;
    }

    /// <summary>
    /// Undoes Transfer-Encoding: chunked and Content-Encoding (gzip, deflate, br) of <paramref name="body"/>, writing
    /// at most <paramref name="maxBytes"/> bytes into <paramref name="output"/>. False with an error when the payload
    /// is larger than that or cannot be decoded at all; a body cut short (as crawlers truncate) keeps what decodes.
    /// </summary>
    public static bool TryDecodeBody(ArraySegment<byte> body, HttpResponseHead head, int maxBytes, ByteBuffer output, ByteBuffer scratch, [NotNullWhen(false)] out string? error)
    {
        ArraySegment<byte> payload = body;
        if (head.TransferEncoding is { } te && te.Contains("chunked", StringComparison.OrdinalIgnoreCase) && LooksChunked(body))
        {
            Dechunk(body, scratch);
            payload = scratch.Segment;
        }

        string? encoding = head.ContentEncoding?.Trim().ToLowerInvariant();
        if (encoding is null or "" or "identity" || !LooksEncoded(payload, encoding))
        {
            if (payload.Count > maxBytes)
            {
                error = TooLarge(maxBytes);
                return false;
            }

            output.Set(payload);
            error = null;
            return true;
        }

        using var compressed = new MemoryStream(payload.Array!, payload.Offset, payload.Count, writable: false);
        using Stream decoder = encoding switch
        {
            "gzip" or "x-gzip" => new GZipStream(compressed, CompressionMode.Decompress),
            "br" => new BrotliStream(compressed, CompressionMode.Decompress),
            // "deflate" means zlib-wrapped by the standard, but servers also send raw deflate.
            _ when IsZlibHeader(payload) => new ZLibStream(compressed, CompressionMode.Decompress),
            _ => new DeflateStream(compressed, CompressionMode.Decompress),
        };
        return TryReadAll(decoder, maxBytes, output, encoding, out error);
    }

    /// <summary>True when the media type is HTML, or (no usable type) the body starts like an HTML document.</summary>
    public static bool IsHtml(string? contentType, ReadOnlySpan<byte> body)
    {
        string mediaType = MediaType(contentType);
        if (mediaType is "text/html" or "application/xhtml+xml" or "application/xhtml")
        {
            return true;
        }

        if (mediaType is not ("" or "application/octet-stream" or "unknown/unknown"))
        {
            return false;
        }

        ReadOnlySpan<byte> head = body[..Math.Min(body.Length, 1024)];
        return head.IndexOf("<html"u8) >= 0 || head.IndexOf("<HTML"u8) >= 0
            || head.IndexOf("<!DOCTYPE html"u8) >= 0 || head.IndexOf("<!doctype html"u8) >= 0;
    }

    /// <summary>"text/html; charset=x" → "text/html"; null → "".</summary>
    public static string MediaType(string? contentType)
    {
        if (contentType is null)
        {
            return "";
        }

        int semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim().ToLowerInvariant();
    }

    private static bool TryReadAll(Stream decoder, int maxBytes, ByteBuffer output, string encoding, [NotNullWhen(false)] out string? error)
    {
        output.Clear();
        try
        {
            while (true)
            {
                Span<byte> free = output.GetSpan(Math.Min(64 * 1024, maxBytes + 1 - output.Length));
                int read = decoder.Read(free);
                if (read == 0)
                {
                    break;
                }

                output.Advance(read);
                if (output.Length > maxBytes)
                {
                    error = TooLarge(maxBytes);
                    return false;
                }
            }
        }
        catch (InvalidDataException) when (output.Length > 0)
        {
            // A compressed body cut short (crawlers truncate long bodies): keep the part that decoded.
        }
        catch (InvalidDataException e)
        {
            error = $"{encoding}-encoded body cannot be decoded: {e.Message}";
            return false;
        }
        catch (IOException e)
        {
            error = $"{encoding}-encoded body cannot be decoded: {e.Message}";
            return false;
        }

        error = null;
        return true;
    }

    private static string TooLarge(int maxBytes) => $"HTML payload larger than the {FormatSize(maxBytes)} limit";

    internal static string FormatSize(long bytes) =>
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes} bytes";

    /// <summary>Crawlers often store the body already decoded while the header still names the encoding.</summary>
    private static bool LooksEncoded(ArraySegment<byte> payload, string encoding)
    {
        ReadOnlySpan<byte> start = payload.AsSpan().TrimStart(" \t\r\n"u8);
        return encoding switch
        {
            "gzip" or "x-gzip" => payload.Count >= 2 && payload[0] == 0x1F && payload[1] == 0x8B,
            "deflate" or "br" => start.IsEmpty || start[0] != (byte)'<',
            _ => false, // an encoding we do not know: treat the bytes as they are
        };
    }

    private static bool IsZlibHeader(ArraySegment<byte> payload) =>
        payload.Count >= 2 && (payload[0] & 0x0F) == 8 && ((payload[0] << 8) | payload[1]) % 31 == 0;

    /// <summary>A chunked body starts with a hexadecimal size line.</summary>
    private static bool LooksChunked(ReadOnlySpan<byte> body)
    {
        int end = body.IndexOf((byte)'\n');
        ReadOnlySpan<byte> line = (end < 0 ? body : body[..end]).TrimEnd((byte)'\r');
        int semicolon = line.IndexOf((byte)';');
        ReadOnlySpan<byte> size = (semicolon >= 0 ? line[..semicolon] : line).Trim((byte)' ');
        return size.Length is > 0 and <= 8 && size.IndexOfAnyExcept(HexDigits) < 0;
    }

    /// <summary>Concatenates the chunks; a body cut short yields the chunks (or part-chunk) that are there.</summary>
    private static void Dechunk(ReadOnlySpan<byte> body, ByteBuffer output)
    {
        output.Clear();
        while (TryTakeLine(ref body, out ReadOnlySpan<byte> sizeLine))
        {
            int semicolon = sizeLine.IndexOf((byte)';');
            ReadOnlySpan<byte> digits = (semicolon >= 0 ? sizeLine[..semicolon] : sizeLine).Trim((byte)' ');
            if (!Utf8Parser.TryParse(digits, out int size, out int used, 'X') || used != digits.Length || size <= 0)
            {
                break; // the last chunk (size 0), or the end of a broken body
            }

            int take = Math.Min(size, body.Length);
            output.Append(body[..take]);
            body = body[take..];
            if (body.StartsWith("\r\n"u8))
            {
                body = body[2..];
            }
            else if (body.StartsWith("\n"u8))
            {
                body = body[1..];
            }
        }
    }

    /// <summary>Takes one line ending in LF (CR before it dropped); false when no LF is left.</summary>
    private static bool TryTakeLine(ref ReadOnlySpan<byte> span, out ReadOnlySpan<byte> line)
    {
        int lf = span.IndexOf((byte)'\n');
        if (lf < 0)
        {
            line = default;
            return false;
        }

        line = span[..lf].TrimEnd((byte)'\r');
        span = span[(lf + 1)..];
        return true;
    }

    private static string HeaderValue(ReadOnlySpan<byte> raw) => Encoding.Latin1.GetString(raw.Trim(" \t"u8));
}

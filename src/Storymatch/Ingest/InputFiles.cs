using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Unicode;

namespace Storymatch.Ingest;

/// <summary>
/// The checks every single-document file goes through before it is parsed: it exists and is readable, is not
/// empty, not over the size limit, not binary, and is valid UTF-8 (strict: no replacement characters, an
/// invalid byte is an error naming its offset). A leading byte-order mark is dropped.
/// </summary>
internal static class InputFiles
{
    /// <summary>Reads <paramref name="path"/> as text, transparently gunzipping a <c>.gz</c> file; false with a one-line reason otherwise.</summary>
    public static bool TryReadText(string path, SourceOptions options, out string text, out string error)
    {
        text = "";
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                error = Directory.Exists(path) ? "is a folder" : "no such file";
                return false;
            }

            if (info.Length == 0)
            {
                error = "empty file";
                return false;
            }

            bool gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
            if (!gzip && info.Length > options.MaxBytes)
            {
                error = OverLimit(info.Length, options.MaxBytes);
                return false;
            }

            error = "";
            bytes = gzip ? ReadGzip(path, options.MaxBytes, out error) : File.ReadAllBytes(path);
            if (error.Length > 0)
            {
                return false;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = "cannot read: " + e.Message;
            return false;
        }

        return TryDecode(bytes, out text, out error);
    }

    /// <summary>Strict UTF-8 decoding with the binary and emptiness checks; the error names the byte offset.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string error)
    {
        text = "";
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (bytes.IsEmpty)
        {
            error = "empty file";
            return false;
        }

        // Text never holds NUL; binary formats (PDF, images, office files, executables) nearly always do.
        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            error = $"binary content (NUL byte at offset {nul})";
            return false;
        }

        if (!Utf8.IsValid(bytes))
        {
            error = $"invalid UTF-8 at byte offset {FirstInvalidUtf8(bytes)}";
            return false;
        }

        text = Encoding.UTF8.GetString(bytes);
        error = "";
        return true;
    }

    /// <summary>"12.5 MB, over the 10 MB size limit (--max-size)"; sizes under 1 MB in exact bytes.</summary>
    public static string OverLimit(long size, long limit) =>
        $"{FormatSize(size)}, over the {FormatSize(limit)} size limit (--max-size)";

    internal static string FormatSize(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";

    internal static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        char[] scratch = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            int offset = 0;
            while (offset < bytes.Length)
            {
                OperationStatus status = Utf8.ToUtf16(bytes[offset..], scratch, out int read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                offset += read;
                if (status is OperationStatus.InvalidData or OperationStatus.NeedMoreData)
                {
                    return offset;
                }

                if (status == OperationStatus.Done)
                {
                    break;
                }
            }

            return offset;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(scratch);
        }
    }

    private static byte[] ReadGzip(string path, long maxBytes, out string error)
    {
        using FileStream file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int n;
            while ((n = gzip.Read(chunk)) > 0)
            {
                if (buffer.Length + n > maxBytes)
                {
                    error = $"decompresses to over the {FormatSize(maxBytes)} size limit (--max-size)";
                    return [];
                }

                buffer.Write(chunk, 0, n);
            }
        }
        catch (InvalidDataException e)
        {
            error = "corrupt gzip data: " + e.Message;
            return [];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        error = buffer.Length == 0 ? "gzip data decompresses to nothing (truncated or corrupt)" : "";
        return buffer.ToArray();
    }
}

using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Storymatch.Extraction;

namespace Storymatch.Ingest;

/// <summary>
/// JSON Lines: one article per line, <c>{"id", "url", "title", "text" | "html", "published", "source"}</c>
/// (also <c>authors</c>, <c>language</c>); every other field is kept verbatim in <see cref="Article.ExtraJson"/>.
/// The id falls back to the url. <c>published</c> is ISO 8601. Each line is checked on its own (size, UTF-8,
/// JSON, fields): a bad line is one rejection naming <c>file:line</c>, and reading goes on.
/// </summary>
internal sealed class JsonLinesSource : IArticleSource
{
    private readonly Func<Stream> _open;
    private readonly string _name;
    private readonly SourceOptions _options;

    /// <summary>Reads the file at <paramref name="path"/> (gunzipped when it ends in <c>.gz</c>).</summary>
    public JsonLinesSource(string path, SourceOptions? options = null)
        : this(() => OpenFile(path), path, options)
    {
    }

    /// <summary>Reads a stream (standard input: name it <c>-</c>); the stream is disposed at the end.</summary>
    public JsonLinesSource(Func<Stream> open, string name, SourceOptions? options = null)
    {
        _open = open;
        _name = name;
        _options = options ?? SourceOptions.Default;
    }

    public IEnumerable<SourceRecord> Read(CancellationToken cancellationToken = default)
    {
        Stream stream;
        try
        {
            stream = _open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [SourceRecord.Rejected(new InputLocation(_name), e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : "cannot read: " + e.Message)];
        }

        return ReadLines(stream, cancellationToken);
    }

    private IEnumerable<SourceRecord> ReadLines(Stream stream, CancellationToken cancellationToken)
    {
        using Stream owned = stream;
        using var lines = new LineReader(stream, _options.MaxBytes);
        var extra = new ArrayBufferWriter<byte>();
        bool sawLine = false;
        ReadOnlySpan<byte> head;
        string? headError = null;
        try
        {
            head = lines.Peek();
            if (head.IndexOf((byte)0) is int nul and >= 0)
            {
                headError = $"binary content (NUL byte at offset {nul})";
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            headError = "cannot read: " + e.Message;
        }

        if (headError is not null)
        {
            yield return SourceRecord.Rejected(new InputLocation(_name), headError);
            yield break;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            ReadOnlyMemory<byte> line;
            string? readError = null;
            try
            {
                if (!lines.TryReadLine(out line))
                {
                    break;
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                line = default;
                readError = "cannot read: " + e.Message;
            }

            var location = new InputLocation(_name, lines.LineNumber, lines.LineOffset);
            if (readError is not null)
            {
                yield return SourceRecord.Rejected(location, readError);
                yield break;
            }

            if (lines.OversizedLength >= 0)
            {
                sawLine = true;
                yield return SourceRecord.Rejected(location, "line is " + InputFiles.OverLimit(lines.OversizedLength, _options.MaxBytes));
                continue;
            }

            if (IsBlank(line.Span))
            {
                continue;
            }

            sawLine = true;
            yield return ParseLine(line, location, extra);
        }

        if (!sawLine && !cancellationToken.IsCancellationRequested)
        {
            yield return SourceRecord.Rejected(new InputLocation(_name), _name == "-" ? "no input on standard input" : "empty file");
        }
    }

    /// <summary>One line to one record. <paramref name="extra"/> is scratch space for the unknown fields.</summary>
    internal static SourceRecord ParseLine(ReadOnlyMemory<byte> line, InputLocation location, ArrayBufferWriter<byte> extra)
    {
        ReadOnlySpan<byte> bytes = line.Span;
        if (bytes.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
            bytes = line.Span;
        }

        if (!Utf8.IsValid(bytes))
        {
            return SourceRecord.Rejected(location, $"invalid UTF-8 at byte {InputFiles.FirstInvalidUtf8(bytes) + 1} of the line");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return SourceRecord.Rejected(location, "malformed JSON: " + FirstSentence(e.Message));
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return SourceRecord.Rejected(location, $"expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}");
            }

            string? id = null, url = null, title = null, text = null, html = null, published = null, source = null, language = null;
            string[] authors = [];
            extra.Clear();
            using var extraWriter = new Utf8JsonWriter(extra);
            extraWriter.WriteStartObject();
            int extraCount = 0;
            foreach (JsonProperty property in root.EnumerateObject())
            {
                string? error = property.Name switch
                {
                    "id" => ReadString(property, out id, allowNumber: true),
                    "url" => ReadString(property, out url),
                    "title" => ReadString(property, out title),
                    "text" => ReadString(property, out text),
                    "html" => ReadString(property, out html),
                    "published" => ReadString(property, out published),
                    "source" => ReadString(property, out source),
                    "language" => ReadString(property, out language),
                    "authors" => ReadAuthors(property, out authors),
                    _ => null,
                };
                if (error is not null)
                {
                    return SourceRecord.Rejected(location, error);
                }

                if (property.Name is not ("id" or "url" or "title" or "text" or "html" or "published" or "source" or "language" or "authors"))
                {
                    property.WriteTo(extraWriter);
                    extraCount++;
                }
            }

            extraWriter.WriteEndObject();
            extraWriter.Flush();

            id ??= url;
            if (string.IsNullOrWhiteSpace(id))
            {
                return SourceRecord.Rejected(location, "missing \"id\" (and no \"url\" to use instead)");
            }

            DateTimeOffset? date = null;
            if (!string.IsNullOrWhiteSpace(published))
            {
                if (!DateTimeOffset.TryParse(published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset parsed))
                {
                    return SourceRecord.Rejected(location, $"\"published\" is not an ISO 8601 date: \"{Truncate(published, 40)}\"");
                }

                date = parsed;
            }

            var metadata = new Article
            {
                Id = id,
                Text = text ?? "",
                Url = url,
                Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim(),
                Source = source ?? HtmlFileSource.HostOf(url),
                Published = date,
                Authors = authors,
                Language = language,
                ExtraJson = extraCount > 0 ? Encoding.UTF8.GetString(extra.WrittenSpan) : null,
            };

            if (!string.IsNullOrWhiteSpace(text))
            {
                return SourceRecord.Accepted(metadata, location);
            }

            if (!string.IsNullOrWhiteSpace(html))
            {
                return HtmlFileSource.ToRecord(HtmlExtractor.Extract(html, url), id, metadata, location);
            }

            return SourceRecord.Rejected(location, text is null && html is null ? "missing \"text\" (or \"html\")" : "\"text\" is empty");
        }
    }

    private static string? ReadString(JsonProperty property, out string? value, bool allowNumber = false)
    {
        value = null;
        switch (property.Value.ValueKind)
        {
            case JsonValueKind.String:
                value = property.Value.GetString();
                return null;
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when allowNumber:
                value = property.Value.GetRawText();
                return null;
            default:
                return $"\"{property.Name}\" must be a string, found {property.Value.ValueKind.ToString().ToLowerInvariant()}";
        }
    }

    private static string? ReadAuthors(JsonProperty property, out string[] authors)
    {
        authors = [];
        JsonElement value = property.Value;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                authors = [value.GetString()!];
                return null;
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Array:
                var list = new List<string>();
                foreach (JsonElement item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return "\"authors\" must be a string or an array of strings";
                    }

                    list.Add(item.GetString()!);
                }

                authors = [.. list];
                return null;
            default:
                return "\"authors\" must be a string or an array of strings";
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: $ | LineNumber: 0 | BytePositionInLine: 17."; keep only the byte position.
        int cut = message.Length;
        foreach (string marker in (ReadOnlySpan<string>)[" Path:", " LineNumber:"])
        {
            int at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0 && at < cut)
            {
                cut = at;
            }
        }

        int position = message.IndexOf("BytePositionInLine: ", StringComparison.Ordinal);
        string head = message[..cut];
        return position > 0 ? $"{head} (at byte {message[(position + 20)..].TrimEnd('.')})" : head;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "...";

    private static Stream OpenFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new IOException("is a folder");
        }

        FileStream file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }
}

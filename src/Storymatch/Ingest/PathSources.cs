using Storymatch.Ingest.Warc;

namespace Storymatch.Ingest;

/// <summary>
/// Turns the paths given to <c>ingest</c> into inputs: a file by its extension (see <see cref="Formats"/>), a
/// folder recursively (files in ordinal path order, hidden entries and symbolic-link folders not followed,
/// unknown extensions skipped and counted), <c>-</c> as JSON Lines on standard input. A path that does not
/// exist, or a file named explicitly whose type is unknown, becomes a rejection so the run goes on.
/// </summary>
public static class PathSources
{
    /// <summary>Creates the source for one file. <paramref name="id"/> is the document id for single-document formats.</summary>
    public delegate IArticleSource Factory(string path, string id, SourceOptions options);

    /// <summary>A file format: the extension (lower case, with its dot, compound ones such as <c>.html.gz</c> allowed).</summary>
    public sealed record Format(string Extension, Factory Create, bool SingleDocument);

    /// <summary>
    /// Every format ingest reads, matched on the longest extension (so <c>.warc.gz</c> wins over <c>.gz</c>).
    /// To add a format, add one line here.
    /// </summary>
    public static IReadOnlyList<Format> Formats { get; } =
    [
        new(".txt", (path, id, options) => new TextFileSource(path, id, options), SingleDocument: true),
        new(".html", (path, id, options) => new HtmlFileSource(path, id, options), SingleDocument: true),
        new(".htm", (path, id, options) => new HtmlFileSource(path, id, options), SingleDocument: true),
        new(".html.gz", (path, id, options) => new HtmlFileSource(path, id, options), SingleDocument: true),
        new(".htm.gz", (path, id, options) => new HtmlFileSource(path, id, options), SingleDocument: true),
        new(".jsonl", (path, _, options) => new JsonLinesSource(path, options), SingleDocument: false),
        new(".jsonl.gz", (path, _, options) => new JsonLinesSource(path, options), SingleDocument: false),
        new(".ndjson", (path, _, options) => new JsonLinesSource(path, options), SingleDocument: false),
        new(".warc", (path, _, options) => new WarcArticleSource(path, options), SingleDocument: false),
        new(".warc.gz", (path, _, options) => new WarcArticleSource(path, options), SingleDocument: false),
    ];

    /// <summary>The format of <paramref name="path"/> by its extension, or null.</summary>
    public static Format? FormatOf(string path)
    {
        Format? best = null;
        foreach (Format format in Formats)
        {
            if (path.EndsWith(format.Extension, StringComparison.OrdinalIgnoreCase) && (best is null || format.Extension.Length > best.Extension.Length))
            {
                best = format;
            }
        }

        return best;
    }

    /// <summary>
    /// The inputs for <paramref name="paths"/>, lazily (a large folder is walked as it is read).
    /// <paramref name="standardInput"/> opens standard input for <c>-</c>.
    /// </summary>
    public static IEnumerable<IngestInput> Resolve(IEnumerable<string> paths, SourceOptions options, Func<Stream>? standardInput = null)
    {
        foreach (string path in paths)
        {
            if (path == "-")
            {
                if (standardInput is null)
                {
                    yield return Rejected(path, "standard input is not available here");
                }
                else
                {
                    yield return new IngestInput("-", new JsonLinesSource(standardInput, "-", options), 0, SingleDocument: false);
                }

                continue;
            }

            if (Directory.Exists(path))
            {
                foreach (IngestInput input in Walk(path, path, options))
                {
                    yield return input;
                }

                continue;
            }

            if (!File.Exists(path))
            {
                yield return Rejected(path, "no such file or folder");
                continue;
            }

            Format? format = FormatOf(path);
            yield return format is null
                ? Rejected(path, $"unsupported file type '{Path.GetExtension(path)}' (known: {string.Join(", ", Formats.Select(f => f.Extension))})")
                : ForFile(path, Path.GetFileName(path), format, options);
        }
    }

    private static IEnumerable<IngestInput> Walk(string root, string folder, SourceOptions options)
    {
        string[] entries;
        try
        {
            entries = Directory.GetFileSystemEntries(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [Rejected(folder, "cannot read folder: " + e.Message)];
        }

        Array.Sort(entries, StringComparer.Ordinal);
        return WalkEntries(root, entries, options);
    }

    private static IEnumerable<IngestInput> WalkEntries(string root, string[] entries, SourceOptions options)
    {
        foreach (string entry in entries)
        {
            if (Path.GetFileName(entry).StartsWith('.'))
            {
                continue;
            }

            var info = new FileInfo(entry);
            if ((info.Attributes & FileAttributes.Directory) != 0)
            {
                if (info.LinkTarget is null)
                {
                    foreach (IngestInput input in Walk(root, entry, options))
                    {
                        yield return input;
                    }
                }

                continue;
            }

            Format? format = FormatOf(entry);
            yield return format is null
                ? new IngestInput(entry, new FixedSource(SourceRecord.Skip(new InputLocation(entry), $"unsupported file type '{Path.GetExtension(entry)}'")), 0, SingleDocument: true)
                : ForFile(entry, Path.GetRelativePath(root, entry).Replace('\\', '/'), format, options);
        }
    }

    private static IngestInput ForFile(string path, string id, Format format, SourceOptions options)
    {
        long length;
        try
        {
            length = new FileInfo(path).Length;
        }
        catch (IOException)
        {
            length = 0;
        }

        return new IngestInput(path, format.Create(path, id, options), length, format.SingleDocument);
    }

    private static IngestInput Rejected(string path, string error) =>
        new(path, new FixedSource(SourceRecord.Rejected(new InputLocation(path), error)), 0, SingleDocument: true);

    private sealed class FixedSource(SourceRecord record) : IArticleSource
    {
        public IEnumerable<SourceRecord> Read(CancellationToken cancellationToken = default) => [record];
    }
}

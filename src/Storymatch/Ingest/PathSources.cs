using Storymatch.Ingest.Warc;

namespace Storymatch.Ingest;

/// <summary>
/// Turns the paths given to <c>ingest</c> into inputs: a file by its extension (see <see cref="Formats"/>), a
/// folder recursively (files in ordinal path order, hidden entries and symbolic-link folders not followed,
/// unknown extensions skipped and counted), <c>-</c> as JSON Lines on standard input. A path that does not
/// exist, or a file named explicitly whose type is unknown, becomes a rejection so the run goes on.
/// <para>
/// Ids of single-document files (<c>.txt</c>, <c>.html</c>, ...): the path relative to the folder argument the
/// file was found under, or the file name for a file named as an argument. Those can repeat across arguments
/// (<c>ingest day1 day2</c> with an <c>article.txt</c> in each), so within one call the first file to claim an id
/// keeps it and a different file that would get the same id later gets it qualified with its argument's path as
/// given (<c>day2/article.txt</c>; see <see cref="IdClaims"/>). Ids depend only on the arguments and their order,
/// so the same command run again gives the same ids (its documents are duplicates), and a single argument's ids
/// are never qualified. A file reached again under an id it already holds keeps it (<c>ingest day1 day1</c>).
/// </para>
/// </summary>
internal static class PathSources
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
        IReadOnlyList<string> arguments = [.. paths];

        // One argument cannot collide with itself (relative paths under a folder are distinct), so only
        // several arguments pay for remembering the ids handed out.
        IdClaims? claims = arguments.Count > 1 ? new IdClaims() : null;
        foreach (string path in arguments)
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
                foreach (IngestInput input in Walk(path, path, options, claims))
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
                : ForFile(path, Id(claims, path, underFolder: false, path, Path.GetFileName(path), format), format, options);
        }
    }

    /// <summary>
    /// The id of <paramref name="file"/>, reached through <paramref name="argument"/> (a folder it is under, or the
    /// file itself), whose own id is <paramref name="id"/>. Multi-document formats carry their records' ids.
    /// </summary>
    private static string Id(IdClaims? claims, string argument, bool underFolder, string file, string id, Format format) =>
        claims is null || !format.SingleDocument ? id : claims.Claim(argument, underFolder, file, id);

    private static IEnumerable<IngestInput> Walk(string root, string folder, SourceOptions options, IdClaims? claims)
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
        return WalkEntries(root, entries, options, claims);
    }

    private static IEnumerable<IngestInput> WalkEntries(string root, string[] entries, SourceOptions options, IdClaims? claims)
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
                    foreach (IngestInput input in Walk(root, entry, options, claims))
                    {
                        yield return input;
                    }
                }

                continue;
            }

            Format? format = FormatOf(entry);
            yield return format is null
                ? new IngestInput(entry, new FixedSource(SourceRecord.Skip(new InputLocation(entry), $"unsupported file type '{Path.GetExtension(entry)}'")), 0, SingleDocument: true)
                : ForFile(entry, Id(claims, root, underFolder: true, entry, RelativeId(root, entry), format), format, options);
        }
    }

    private static string RelativeId(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

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

    /// <summary>
    /// The ids handed out so far in one <see cref="Resolve"/> call, each with the full path of the file it went to.
    /// A file asking for an id that another file holds gets, in this order, the first that is free: the id
    /// qualified with its argument's path as given (separators as <c>/</c>, empty and <c>.</c> segments dropped:
    /// <c>./day2/</c> and <c>day2</c> both give <c>day2/article.txt</c>; a file argument's qualified id is that
    /// path itself), the file's full path, then the full path with <c>#2</c>, <c>#3</c>, ...
    /// </summary>
    internal sealed class IdClaims
    {
        private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);

        public string Claim(string argument, bool underFolder, string file, string id)
        {
            string fullPath = Path.GetFullPath(file);
            if (TryClaim(id, fullPath))
            {
                return id;
            }

            string qualified = Normalize(argument);
            if (underFolder)
            {
                qualified = qualified.Length == 0 ? id : qualified.EndsWith('/') ? qualified + id : qualified + "/" + id;
            }

            if (TryClaim(qualified, fullPath))
            {
                return qualified;
            }

            string absolute = fullPath.Replace('\\', '/');
            string candidate = absolute;
            for (int n = 2; !TryClaim(candidate, fullPath); n++)
            {
                candidate = FormattableString.Invariant($"{absolute}#{n}");
            }

            return candidate;
        }

        /// <summary>True when <paramref name="id"/> was free (it is now <paramref name="fullPath"/>'s) or already is that file's.</summary>
        private bool TryClaim(string id, string fullPath)
        {
            if (_files.TryGetValue(id, out string? holder))
            {
                return holder == fullPath;
            }

            _files.Add(id, fullPath);
            return true;
        }

        private static string Normalize(string path)
        {
            string slashed = path.Replace('\\', '/');
            string joined = string.Join('/', slashed.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(segment => segment != "."));
            return slashed.StartsWith('/') ? "/" + joined : joined;
        }
    }

    private sealed class FixedSource(SourceRecord record) : IArticleSource
    {
        public IEnumerable<SourceRecord> Read(CancellationToken cancellationToken = default) => [record];
    }
}

using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Storymatch.Text;

namespace Storymatch.Tests.Samples;

/// <summary>One sample article as the labels see it: its id as ingest assigns it, its title and body text.</summary>
internal sealed record SampleDocument(string Id, string? Title, string Body, DateTimeOffset? Published)
{
    /// <summary>Title and body as one text: a .txt file is already that (its first line is the title).</summary>
    public string FullText => Title is null ? Body : Title + "\n\n" + Body;
}

/// <summary>An article's entry in samples/expected.json.</summary>
internal sealed record SampleLabel(string Id, string? Story, string Relation, string? Original, string? CopyOf, string? Confuses, string Language, string Kinds);

/// <summary>
/// Loads samples/ (the .txt articles, feed.jsonl and the HTML pages) and samples/expected.json once for the
/// sample tests. HTML bodies are read from the page's <c>.article-body</c> paragraphs: the labels describe the
/// article as written, independent of how well the extraction stage does.
/// </summary>
internal static class SampleCorpus
{
    public const int ShingleWords = 5;

    /// <summary>Files in samples/ that are not articles.</summary>
    public static readonly string[] NonArticleFiles = ["README.md", "expected.json", "feed.jsonl", ".gitattributes"];

    private static readonly Lazy<IReadOnlyDictionary<string, SampleDocument>> LazyDocuments = new(LoadDocuments);
    private static readonly Lazy<IReadOnlyDictionary<string, SampleLabel>> LazyLabels = new(LoadLabels);
    private static readonly Lazy<Dictionary<string, HashSet<string>>> LazyShingles = new(() =>
        Documents.ToDictionary(kv => kv.Key, kv => Shingles(kv.Value.FullText), StringComparer.Ordinal));

    public static string Root => TestPaths.Samples;

    public static IReadOnlyDictionary<string, SampleDocument> Documents => LazyDocuments.Value;

    public static IReadOnlyDictionary<string, SampleLabel> Labels => LazyLabels.Value;

    public static JsonDocument ReadExpected() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "expected.json")));

    /// <summary>Ids of the article files on disk (.txt and .html), as ingest assigns them: the path relative to samples/.</summary>
    public static IEnumerable<string> ArticleFileIds() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Where(id => !NonArticleFiles.Contains(id, StringComparer.Ordinal));

    public static HashSet<string> ShinglesOf(string id) => LazyShingles.Value[id];

    /// <summary>Word 5-gram shingles of the normalised text, tokens from <see cref="WordTokenizer"/>.</summary>
    public static HashSet<string> Shingles(string text)
    {
        string[] words = [.. WordTokenizer.Tokens(TextNormalizer.Normalize(text))];
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (words.Length < ShingleWords)
        {
            set.Add(string.Join(' ', words));
            return set;
        }

        for (int i = 0; i + ShingleWords <= words.Length; i++)
        {
            set.Add(string.Join(' ', words, i, ShingleWords));
        }

        return set;
    }

    public static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        int shared = a.Count(b.Contains);
        int union = a.Count + b.Count - shared;
        return union == 0 ? 1.0 : (double)shared / union;
    }

    /// <summary>The share of <paramref name="part"/>'s shingles that also occur in <paramref name="whole"/>.</summary>
    public static double Containment(HashSet<string> part, HashSet<string> whole) =>
        part.Count == 0 ? 0.0 : (double)part.Count(whole.Contains) / part.Count;

    private static Dictionary<string, SampleDocument> LoadDocuments()
    {
        var docs = new Dictionary<string, SampleDocument>(StringComparer.Ordinal);
        var parser = new HtmlParser();
        foreach (string id in ArticleFileIds())
        {
            string path = Path.Combine(Root, id);
            if (id.EndsWith(".txt", StringComparison.Ordinal))
            {
                docs.Add(id, new SampleDocument(id, null, File.ReadAllText(path), null));
            }
            else if (id.EndsWith(".html", StringComparison.Ordinal))
            {
                using IDocument page = parser.ParseDocument(File.ReadAllText(path));
                string title = page.QuerySelector("article h1")?.TextContent.Trim()
                    ?? throw new InvalidDataException(id + ": no <h1> inside <article>");
                string body = string.Join("\n\n", page.QuerySelectorAll(".article-body p").Select(p => p.TextContent.Trim()));
                string? published = page.QuerySelector("meta[property='article:published_time']")?.GetAttribute("content");
                docs.Add(id, new SampleDocument(id, title, body, published is null ? null : ParseTime(published)));
            }
        }

        foreach (string line in File.ReadLines(Path.Combine(Root, "feed.jsonl")))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using JsonDocument json = JsonDocument.Parse(line);
            JsonElement o = json.RootElement;
            string id = o.GetProperty("id").GetString()!;
            DateTimeOffset? published = o.TryGetProperty("published", out JsonElement p) ? ParseTime(p.GetString()!) : null;
            docs.Add(id, new SampleDocument(id, o.GetProperty("title").GetString(), o.GetProperty("text").GetString()!, published));
        }

        return docs;
    }

    private static Dictionary<string, SampleLabel> LoadLabels()
    {
        using JsonDocument expected = ReadExpected();
        var labels = new Dictionary<string, SampleLabel>(StringComparer.Ordinal);
        foreach (JsonProperty a in expected.RootElement.GetProperty("articles").EnumerateObject())
        {
            JsonElement v = a.Value;
            labels.Add(a.Name, new SampleLabel(
                a.Name,
                OptionalString(v, "story"),
                v.GetProperty("relation").GetString()!,
                OptionalString(v, "original"),
                OptionalString(v, "copy_of"),
                OptionalString(v, "confuses"),
                v.GetProperty("language").GetString()!,
                v.GetProperty("kinds").GetString()!));
        }

        return labels;
    }

    private static string? OptionalString(JsonElement o, string name) =>
        o.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>ISO 8601 with an offset or Z, as feeds and article:published_time carry it.</summary>
    public static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.ParseExact(value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None);
}

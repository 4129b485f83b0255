using System.Text.Json;
using AngleSharp.Dom;

namespace Storymatch.Extraction;

/// <summary>
/// A page's metadata from its JSON-LD (the Article-like object), OpenGraph and other meta tags, link and time
/// elements, and its URL. Each field takes the first source that has it, most explicit first.
/// </summary>
internal sealed class PageMetadata
{
    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    private static readonly string[] DateMetaNames =
    [
        "article:published_time", "og:published_time", "og:article:published_time", "datepublished", "date", "pubdate",
        "publishdate", "publish-date", "published_time", "publication_date", "dc.date.issued", "dc.date", "dcterms.date",
        "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published", "cxenseparse:recs:publishtime",
        "originalpublicationdate", "displaydate", "article:modified_time", "og:updated_time", "lastmod",
    ];

    private static readonly string[] AuthorMetaNames =
    [
        "author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "byl", "og:article:author",
    ];

    private static readonly (string Separator, bool Strong)[] TitleSeparators =
    [
        (" | ", true), (" :: ", true), (" · ", true), (" » ", true), (" - ", false), (" – ", false), (" — ", false),
    ];

    public string? Title { get; private set; }

    public List<string> Authors { get; } = [];

    public DateTimeOffset? Published { get; private set; }

    public string? SiteName { get; private set; }

    /// <summary>Names of the page's publisher and site: never taken as an author.</summary>
    public IReadOnlyList<string> Organisations { get; private set; } = [];

    public string? CanonicalUrl { get; private set; }

    public string? DeclaredLanguage { get; private set; }

    /// <summary>JSON-LD articleBody, when the page has one: a hint for the main-text extractor.</summary>
    public string? ArticleBody { get; private set; }

    /// <param name="doc">The parsed page.</param>
    /// <param name="url">The page's URL when known.</param>
    /// <param name="jsonLd">The page's JSON-LD blocks when they were taken from the source (the parser then skips script text); null reads them from the document.</param>
    public static PageMetadata Read(IDocument doc, string? url, IReadOnlyList<string>? jsonLd = null)
    {
        var meta = new PageMetadata();
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var found = MetadataElements.Find(doc, jsonLd is null);
        foreach (IElement m in found.Metas)
        {
            string? key = m.GetAttribute("property") ?? m.GetAttribute("name") ?? m.GetAttribute("itemprop") ?? m.GetAttribute("http-equiv");
            string? content = m.GetAttribute("content");
            if (key is not null && !string.IsNullOrWhiteSpace(content))
            {
                tags.TryAdd(key.Trim(), content.Trim());
            }
        }

        JsonLdArticle ld = JsonLdArticle.Read(jsonLd ?? found.JsonLdScripts);
        meta.ArticleBody = ld.ArticleBody;

        string? htmlTitle = Clean(doc.Title);
        string? h1 = Clean(found.FirstH1?.TextContent);
        meta.SiteName = Clean(tags.GetValueOrDefault("og:site_name")) ?? ld.Publisher ?? Clean(tags.GetValueOrDefault("application-name"));
        meta.Title = StripSiteName(Clean(tags.GetValueOrDefault("og:title")) ?? ld.Headline ?? Clean(tags.GetValueOrDefault("twitter:title")) ?? htmlTitle ?? h1, meta.SiteName);

        meta.Organisations = PublisherNames(meta.SiteName, ld.Publisher, tags.GetValueOrDefault("application-name"), url ?? found.Canonical);
        foreach (string name in ld.Authors)
        {
            AddAuthors(meta.Authors, name, meta.Organisations);
        }

        if (meta.Authors.Count == 0)
        {
            foreach (string key in AuthorMetaNames)
            {
                if (tags.TryGetValue(key, out string? value) && !value.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                {
                    AddAuthors(meta.Authors, value, meta.Organisations);
                }
            }
        }

        meta.Published = DateFinder.ParseValue(ld.DatePublished) ?? FirstMetaDate(tags) ?? TimeElementDate(found.Time) ?? DateFinder.FromUrl(url)
            ?? DateFinder.FromUrl(found.Canonical);

        string? canonical = found.Canonical ?? tags.GetValueOrDefault("og:url") ?? ld.Url;
        meta.CanonicalUrl = Absolute(canonical, url) ?? url;

        string? lang = doc.DocumentElement?.GetAttribute("lang") ?? doc.DocumentElement?.GetAttribute("xml:lang")
            ?? tags.GetValueOrDefault("content-language") ?? tags.GetValueOrDefault("language") ?? ld.Language ?? tags.GetValueOrDefault("og:locale");
        meta.DeclaredLanguage = LanguageCode(lang);
        return meta;
    }

    /// <summary>"en-US", "en_GB", "EN" → "en"; anything that is not a language code → null.</summary>
    internal static string? LanguageCode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string v = value.Trim();
        int cut = v.IndexOfAny(['-', '_', ',', ';', ' ']);
        string code = (cut > 0 ? v[..cut] : v).ToLowerInvariant();
        return code.Length is 2 or 3 && code.All(char.IsAsciiLetterLower) ? code : null;
    }

    private static DateTimeOffset? FirstMetaDate(Dictionary<string, string> tags)
    {
        foreach (string key in DateMetaNames)
        {
            if (tags.TryGetValue(key, out string? value) && DateFinder.ParseValue(value) is { } d)
            {
                return d;
            }
        }

        return null;
    }

    private static DateTimeOffset? TimeElementDate(IElement? time)
    {
        if (time is null)
        {
            return null;
        }

        return DateFinder.ParseValue(time.GetAttribute("datetime") ?? time.GetAttribute("content")) ?? DateFinder.FindInText(time.TextContent);
    }

    /// <summary>The names that are the page's publisher (never an author): site name, publisher, application, the host's name.</summary>
    private static List<string> PublisherNames(string? site, string? publisher, string? application, string? url)
    {
        var names = new List<string>();
        foreach (string? n in new[] { site, publisher, application })
        {
            if (!string.IsNullOrWhiteSpace(n))
            {
                names.Add(n);
            }
        }

        if (url is not null && Uri.TryCreate(url, UriKind.Absolute, out Uri? u))
        {
            // news.example.co.uk -> "example": the registrable label is how outlets are named.
            string[] labels = u.Host.Split('.');
            string best = labels.Where(l => l is not ("www" or "m" or "amp" or "news" or "com" or "co" or "org" or "net")).OrderByDescending(l => l.Length).FirstOrDefault() ?? "";
            if (best.Length >= 3)
            {
                names.Add(best);
            }
        }

        return names;
    }

    private static void AddAuthors(List<string> authors, string? raw, IReadOnlyCollection<string> organisations)
    {
        foreach (string name in Bylines.People(raw, organisations))
        {
            if (!authors.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                authors.Add(name);
            }
        }
    }

    private static void AddAuthor(List<string> authors, string? raw)
    {
        string? name = Clean(raw);
        if (name is null || name.Length > 80)
        {
            return;
        }

        if (name.StartsWith("by ", StringComparison.OrdinalIgnoreCase))
        {
            name = name[3..].Trim();
        }

        if (name.Length > 0 && !authors.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            authors.Add(name);
        }
    }

    /// <summary>"Headline | Site", "Headline - Site", "Site: Headline" → "Headline" (the site name, or the shorter side).</summary>
    private static string? StripSiteName(string? title, string? site)
    {
        if (title is null)
        {
            return null;
        }

        foreach ((string separator, bool strong) in TitleSeparators)
        {
            int i = title.LastIndexOf(separator, StringComparison.Ordinal);
            if (i <= 0)
            {
                continue;
            }

            string head = title[..i].Trim();
            string tail = title[(i + separator.Length)..].Trim();
            int headWords = head.Split(' ').Length, tailWords = tail.Split(' ').Length;
            bool tailIsSite = site is not null && (tail.Contains(site, StringComparison.OrdinalIgnoreCase) || site.Contains(tail, StringComparison.OrdinalIgnoreCase));

            // "Headline | Site" is the rule; with a dash the tail must look like a name, not the rest of the headline.
            bool tailLooksLikeSite = strong ? tailWords <= 6 && headWords >= 2 : tailWords <= 4 && headWords >= 3 && headWords > tailWords;
            if (tailIsSite || tailLooksLikeSite)
            {
                return StripSiteName(head, site);
            }
        }

        return title;
    }

    private static string? Absolute(string? href, string? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }

        if (Uri.TryCreate(href.Trim(), UriKind.Absolute, out Uri? abs) && (abs.Scheme == Uri.UriSchemeHttp || abs.Scheme == Uri.UriSchemeHttps))
        {
            return abs.ToString();
        }

        return baseUrl is not null && Uri.TryCreate(baseUrl, UriKind.Absolute, out Uri? b) && Uri.TryCreate(b, href.Trim(), out Uri? rel)
            ? rel.ToString()
            : null;
    }

    internal static string? Clean(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return null;
        }

        string t = string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return t.Length == 0 ? null : System.Net.WebUtility.HtmlDecode(t);
    }

    /// <summary>The elements metadata comes from, found in one iterative walk of the document (instead of a query each).</summary>
    private sealed class MetadataElements
    {
        public List<IElement> Metas { get; } = [];

        public List<string> JsonLdScripts { get; } = [];

        public IElement? FirstH1 { get; private set; }

        public string? Canonical { get; private set; }

        /// <summary>time[pubdate], else [itemprop=datePublished], else the first time[datetime].</summary>
        public IElement? Time => _pubdate ?? _itemPropDate ?? _firstTime;

        private IElement? _pubdate;
        private IElement? _itemPropDate;
        private IElement? _firstTime;

        public static MetadataElements Find(IDocument doc, bool readJsonLd)
        {
            var found = new MetadataElements();
            var stack = new Stack<IElement>();
            if (doc.DocumentElement is { } root)
            {
                stack.Push(root);
            }

            while (stack.Count > 0)
            {
                IElement e = stack.Pop();
                switch (e.LocalName)
                {
                    case "meta":
                        found.Metas.Add(e);
                        break;
                    case "h1":
                        found.FirstH1 ??= e;
                        break;
                    case "link" when found.Canonical is null && string.Equals(e.GetAttribute("rel"), "canonical", StringComparison.OrdinalIgnoreCase):
                        found.Canonical = e.GetAttribute("href");
                        break;
                    case "time":
                        found._pubdate ??= e.HasAttribute("pubdate") ? e : null;
                        found._firstTime ??= e.HasAttribute("datetime") ? e : null;
                        break;
                    case "script" when readJsonLd && string.Equals(e.GetAttribute("type"), "application/ld+json", StringComparison.OrdinalIgnoreCase):
                        found.JsonLdScripts.Add(e.TextContent);
                        break;
                    default:
                        break;
                }

                if (found._itemPropDate is null && e.GetAttribute("itemprop") == "datePublished")
                {
                    found._itemPropDate = e;
                }

                // ChildNodes is an indexed list; Children is a filtered view that re-enumerates on each index.
                INodeList children = e.ChildNodes;
                for (int i = children.Length - 1; i >= 0; i--)
                {
                    if (children[i] is IElement child)
                    {
                        stack.Push(child);
                    }
                }
            }

            return found;
        }
    }

    /// <summary>The Article-like object of a page's JSON-LD blocks (first one wins per field).</summary>
    private sealed class JsonLdArticle
    {
        public string? Headline { get; private set; }

        public List<string> Authors { get; } = [];

        public string? DatePublished { get; private set; }

        public string? Publisher { get; private set; }

        public string? Url { get; private set; }

        public string? Language { get; private set; }

        public string? ArticleBody { get; private set; }

        public static JsonLdArticle Read(IReadOnlyList<string> blocks)
        {
            var result = new JsonLdArticle();
            foreach (string json in blocks)
            {
                if (json.Length > 5_000_000)
                {
                    continue;
                }

                try
                {
                    using JsonDocument parsed = JsonDocument.Parse(json, JsonOptions);
                    result.Visit(parsed.RootElement);
                }
                catch (JsonException)
                {
                    // Broken JSON-LD is common (unescaped quotes, HTML inside); the page's other metadata still counts.
                }
            }

            return result;
        }

        /// <summary>Walks the JSON iteratively (objects, arrays, @graph) and reads every object typed as an article or page.</summary>
        private void Visit(JsonElement root)
        {
            var stack = new Stack<JsonElement>();
            stack.Push(root);
            var pages = new List<JsonElement>();
            while (stack.Count > 0)
            {
                JsonElement e = stack.Pop();
                if (e.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement item in e.EnumerateArray().Reverse())
                    {
                        stack.Push(item);
                    }

                    continue;
                }

                if (e.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                string type = TypeOf(e);
                if (type.Contains("Article", StringComparison.Ordinal) || type.Contains("BlogPosting", StringComparison.Ordinal)
                    || type.Contains("Report", StringComparison.Ordinal) || type.Contains("NewsArticle", StringComparison.Ordinal))
                {
                    ReadArticle(e);
                }
                else if (type.Contains("WebPage", StringComparison.Ordinal))
                {
                    pages.Add(e);
                }

                foreach (JsonProperty p in e.EnumerateObject())
                {
                    if (p.Name is "@graph" or "mainEntity" or "mainEntityOfPage" or "hasPart" && p.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
                    {
                        stack.Push(p.Value);
                    }
                }
            }

            // A WebPage object fills in only what no article object said.
            foreach (JsonElement page in pages)
            {
                ReadArticle(page);
            }
        }

        private void ReadArticle(JsonElement e)
        {
            Headline ??= Clean(Str(e, "headline") ?? Str(e, "name"));
            DatePublished ??= Str(e, "datePublished") ?? Str(e, "dateCreated");
            Url ??= Str(e, "url");
            Language ??= Str(e, "inLanguage");
            if (ArticleBody is null && Str(e, "articleBody") is { Length: > 0 } body)
            {
                ArticleBody = body;
            }

            if (Publisher is null && e.TryGetProperty("publisher", out JsonElement pub))
            {
                Publisher = Clean(pub.ValueKind == JsonValueKind.String ? pub.GetString() : FirstName(pub));
            }

            if (Authors.Count == 0 && (e.TryGetProperty("author", out JsonElement author) || e.TryGetProperty("creator", out author)))
            {
                foreach (JsonElement a in author.ValueKind == JsonValueKind.Array ? author.EnumerateArray().ToArray() : [author])
                {
                    if (a.ValueKind == JsonValueKind.Object && TypeOf(a) is { } kind
                        && (kind.Contains("Organization", StringComparison.Ordinal) || kind.Contains("Organisation", StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    string? name = a.ValueKind == JsonValueKind.String ? a.GetString() : FirstName(a);
                    if (name is not null && !name.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                    {
                        AddAuthor(Authors, name);
                    }
                }
            }
        }

        private static string? FirstName(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => Str(e, "name"),
            JsonValueKind.Array => e.EnumerateArray().Select(FirstName).FirstOrDefault(n => n is not null),
            _ => null,
        };

        private static string TypeOf(JsonElement e)
        {
            if (!e.TryGetProperty("@type", out JsonElement t))
            {
                return "";
            }

            return t.ValueKind switch
            {
                JsonValueKind.String => t.GetString() ?? "",
                JsonValueKind.Array => string.Join(' ', t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString())),
                _ => "",
            };
        }

        private static string? Str(JsonElement e, string name)
        {
            if (!e.TryGetProperty(name, out JsonElement v))
            {
                return null;
            }

            return v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Array => v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()).FirstOrDefault(),
                JsonValueKind.Object => Str(v, "@value") ?? Str(v, "name"),
                _ => null,
            };
        }
    }
}

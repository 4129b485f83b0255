using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Storymatch.Extraction;

/// <summary>
/// Extracts an article from a web page: the main text (see <see cref="ContentExtractor"/>: paragraphs, headings,
/// lists and quotes of the best-scoring container, without navigation, share bars, related lists, comments and
/// other furniture) and the metadata (title, authors, date, site, canonical URL, language).
/// Never throws for bad HTML: whatever the parser makes of it is read; empty input gives empty text.
/// </summary>
internal static class HtmlExtractor
{
    /// <summary>
    /// Pages are cut at this many characters before parsing. A real article page is far smaller; beyond it the
    /// page is a dump (inline data, endless lists), and parsing it whole would cost seconds and gigabytes.
    /// </summary>
    public const int MaxHtmlChars = 8_000_000;

    /// <summary>Elements nested deeper than this are flattened into their ancestor before parsing (see <see cref="HtmlPrefilter"/>).</summary>
    public const int MaxNestingDepth = 256;

    // Script and style text is never article text; skipping it halves parse time. JSON-LD is taken from the source first.
    private static readonly HtmlParserOptions ParserOptions = new()
    {
        IsScripting = false,
        SkipComments = true,
        SkipScriptText = true,
        SkipRawText = true,
        SkipCDATA = true,
        DisableElementPositionTracking = true,
    };

    /// <summary>Extracts the article from <paramref name="html"/>; <paramref name="url"/> helps metadata when known.</summary>
    public static ExtractedArticle Extract(string html, string? url = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (html.Length > MaxHtmlChars)
        {
            html = html[..MaxHtmlChars];
        }

        var jsonLd = new List<string>();
        html = HtmlPrefilter.Run(html, MaxNestingDepth, jsonLd);
        using IDocument doc = new HtmlParser(ParserOptions).ParseDocument(html);
        return Extract(doc, url, jsonLd);
    }

    /// <summary>
    /// Extracts the article from raw page bytes, decoded by <see cref="Web.HtmlDecoder"/> (byte order mark,
    /// meta declaration, then UTF-8 or windows-1252 by validity): the one charset decoder, shared with WARC ingest.
    /// At most <see cref="MaxHtmlChars"/> bytes are read.
    /// </summary>
    public static ExtractedArticle Extract(Stream html, string? url = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var buffer = new MemoryStream();
        CopyAtMost(html, buffer, MaxHtmlChars);
        return Extract(Web.HtmlDecoder.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)).Html, url);
    }

    /// <summary>Extracts the article from an already parsed document (the document is read, not changed).</summary>
    public static ExtractedArticle Extract(IDocument document, string? url = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Extract(document, url, null);
    }

    private static ExtractedArticle Extract(IDocument document, string? url, IReadOnlyList<string>? jsonLd)
    {
        PageMetadata meta = PageMetadata.Read(document, url, jsonLd);
        string text = ContentExtractor.Extract(document, meta.Title, meta.ArticleBody, out string pageStart);
        List<string> header = HeaderLines(pageStart, meta.Title);
        IReadOnlyList<string> authors = meta.Authors;
        List<string> visible = Bylines.FromPageLines(header, meta.Organisations);
        if (authors.Count == 0 || (visible.Count > authors.Count && authors.All(a => visible.Contains(a, StringComparer.OrdinalIgnoreCase))))
        {
            // No person in the metadata (or fewer than the byline shows): the byline under the headline says who wrote it.
            authors = visible;
        }

        return new ExtractedArticle
        {
            Text = text,
            Title = meta.Title,
            Authors = authors,
            Published = meta.Published ?? DateLine(header),
            SiteName = meta.SiteName ?? HostOf(meta.CanonicalUrl ?? url),
            CanonicalUrl = meta.CanonicalUrl,
            Language = meta.DeclaredLanguage ?? LanguageDetector.Detect(text),
        };
    }

    /// <summary>Lines to look for a byline and a date line in</summary>
    private const int HeaderLineCount = 30;

    private const int HeaderLinesAbove = 8;

    private const int MaxDateLineChars = 100;

    /// <summary>
    /// The lines of the page's header: from the headline (the first line that is the title) on, a few dozen
    /// lines; without a headline line, the page's first lines. Dates and names in navigation, sidebars and
    /// teasers before the headline (another story's date, a columnist list) are left out that way.
    /// </summary>
    private static List<string> HeaderLines(string pageStart, string? title)
    {
        string[] lines = pageStart.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        int start = 0;
        if (title is not null)
        {
            string t = Squeeze(title);
            int at = Array.FindIndex(lines, l => t.Length > 0 && Squeeze(l) == t);
            if (at >= 0)
            {
                start = at;
            }
        }

        // A kicker, byline or date line may sit just above the headline.
        start = Math.Max(0, start - HeaderLinesAbove);
        return [.. lines.Skip(start).Take(HeaderLineCount + HeaderLinesAbove)];
    }

    /// <summary>The first date written on a short line of the header (a dateline), never one inside a paragraph of the story.</summary>
    private static DateTimeOffset? DateLine(List<string> header)
    {
        foreach (string line in header)
        {
            if (line.Length <= MaxDateLineChars && DateFinder.FindInText(line) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    private static string Squeeze(string s) => new([.. s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static string? HostOf(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out Uri? u) && u.Host.Length > 0
            ? (u.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? u.Host[4..] : u.Host)
            : null;

    private static void CopyAtMost(Stream from, Stream to, long max)
    {
        byte[] buffer = new byte[81920];
        long total = 0;
        int n;
        while (total < max && (n = from.Read(buffer, 0, (int)Math.Min(buffer.Length, max - total))) > 0)
        {
            to.Write(buffer, 0, n);
            total += n;
        }
    }
}

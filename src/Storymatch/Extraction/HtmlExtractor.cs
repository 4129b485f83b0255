using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Storymatch.Extraction;

/// <summary>
/// Main-text extraction from an HTML page, on AngleSharp's DOM. This first version keeps paragraphs and
/// headings outside navigation, header, footer, aside and form elements; the extraction stage refines it.
/// </summary>
public static class HtmlExtractor
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    /// <summary>Extracts the article from <paramref name="html"/>; <paramref name="url"/> helps metadata when known.</summary>
    public static ExtractedArticle Extract(string html, string? url = null)
    {
        using IDocument doc = Parser.ParseDocument(html);
        foreach (IElement e in doc.QuerySelectorAll("script, style, noscript, nav, header, footer, aside, form, iframe, svg"))
        {
            e.Remove();
        }

        var paragraphs = new List<string>();
        foreach (IElement e in doc.QuerySelectorAll("h1, h2, h3, p, li, blockquote"))
        {
            string text = string.Join(' ', e.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (text.Length > 0 && e.QuerySelector("p") is null)
            {
                paragraphs.Add(text);
            }
        }

        string? title = doc.QuerySelector("meta[property='og:title']")?.GetAttribute("content") ?? doc.Title;
        return new ExtractedArticle
        {
            Text = string.Join("\n\n", paragraphs),
            Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim(),
            CanonicalUrl = doc.QuerySelector("link[rel='canonical']")?.GetAttribute("href") ?? url,
            Language = doc.DocumentElement.GetAttribute("lang"),
        };
    }
}

using System.Collections.Frozen;
using System.Text;

namespace Storymatch.Extraction;

/// <summary>
/// One linear pass over raw HTML before it is parsed: takes out comments, scripts, styles and inline SVG (about
/// 60% of a news page's bytes, none of it text; JSON-LD scripts are kept aside for the metadata), and caps the
/// tag nesting depth. Hand-written because the HTML tree builder (AngleSharp, as the standard algorithm
/// prescribes) searches the stack of open elements for every tag, so 100k nested elements cost minutes, and no
/// parser option bounds that. This is a tag scanner, not a parser: it counts start and end tags of elements that
/// must be closed, skips raw-text elements, and drops the tags that would go deeper than the limit (their content
/// stays, attached to the deepest kept element).
/// </summary>
internal static class HtmlPrefilter
{
    /// <summary>Elements that never nest (void) or whose end tag is optional: they do not count towards depth.</summary>
    private static readonly FrozenSet<string> NonNesting = FrozenSet.ToFrozenSet(
    [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen",
        "p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot", "option", "optgroup", "rt", "rp", "colgroup",
        "caption", "html", "head", "body", "frame", "basefont", "bgsound", "image",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>Elements whose content is text up to their end tag; kept, but nothing inside is a tag.</summary>
    private static readonly FrozenSet<string> RawText = FrozenSet.ToFrozenSet(
        ["textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Elements removed whole, content included.</summary>
    private static readonly FrozenSet<string> Removed = FrozenSet.ToFrozenSet(["script", "style", "svg"], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NonNestingLookup = NonNesting.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> RawTextLookup = RawText.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> RemovedLookup = Removed.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The filtered page; the text of its JSON-LD scripts is added to <paramref name="jsonLd"/>.</summary>
    public static string Run(string html, int maxDepth, List<string> jsonLd)
    {
        var output = new StringBuilder(html.Length / 2);
        int depth = 0;
        int copied = 0;
        int i = 0;
        while (i < html.Length)
        {
            int lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                break;
            }

            char next = html[lt + 1];
            if (next == '!' || next == '?')
            {
                bool comment = next == '!' && string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0;
                int close = comment ? html.IndexOf("-->", lt + 4, StringComparison.Ordinal) : html.IndexOf('>', lt + 2);
                i = close < 0 ? html.Length : close + (comment ? 3 : 1);
                if (comment)
                {
                    Drop(html, output, ref copied, lt, i);
                }

                continue;
            }

            bool isEnd = next == '/';
            int nameStart = lt + (isEnd ? 2 : 1);
            int nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':' or '_'))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                i = lt + 1;
                continue;
            }

            int gt = html.IndexOf('>', nameEnd);
            int tagEnd = gt < 0 ? html.Length : gt + 1;
            ReadOnlySpan<char> name = html.AsSpan(nameStart, nameEnd - nameStart);
            bool selfClosing = gt > 0 && html[gt - 1] == '/';
            if (!isEnd && RemovedLookup.Contains(name))
            {
                int endTag = selfClosing ? tagEnd : html.IndexOf(string.Concat("</", name), tagEnd, StringComparison.OrdinalIgnoreCase);
                int contentEnd = endTag < 0 ? html.Length : endTag;
                if (name.Equals("script", StringComparison.OrdinalIgnoreCase)
                    && html.AsSpan(lt, tagEnd - lt).Contains("ld+json", StringComparison.OrdinalIgnoreCase))
                {
                    jsonLd.Add(html[tagEnd..contentEnd]);
                }

                int after = endTag < 0 ? -1 : html.IndexOf('>', endTag);
                i = Math.Max(after < 0 ? html.Length : after + 1, tagEnd);
                Drop(html, output, ref copied, lt, i);
                continue;
            }

            if (RawTextLookup.Contains(name))
            {
                if (!isEnd)
                {
                    int endTag = html.IndexOf(string.Concat("</", name), tagEnd, StringComparison.OrdinalIgnoreCase);
                    tagEnd = endTag < 0 ? html.Length : endTag;
                }
            }
            else if (!NonNestingLookup.Contains(name) && !selfClosing)
            {
                bool keep;
                if (isEnd)
                {
                    keep = depth <= maxDepth;
                    depth = Math.Max(0, depth - 1);
                }
                else
                {
                    depth++;
                    keep = depth <= maxDepth;
                }

                if (!keep)
                {
                    Drop(html, output, ref copied, lt, tagEnd);
                }
            }

            i = tagEnd;
        }

        if (copied == 0)
        {
            return html;
        }

        output.Append(html, copied, html.Length - copied);
        return output.ToString();
    }

    /// <summary>Leaves out html[from..to): copies what lies between the last cut and <paramref name="from"/>.</summary>
    private static void Drop(string html, StringBuilder output, ref int copied, int from, int to)
    {
        output.Append(html, copied, from - copied);
        copied = to;
    }
}

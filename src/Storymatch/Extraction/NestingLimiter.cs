using System.Collections.Frozen;
using System.Text;

namespace Storymatch.Extraction;

/// <summary>
/// Caps the tag nesting depth of HTML before it is parsed. Hand-written because the HTML tree builder (AngleSharp,
/// as the standard algorithm prescribes) searches the stack of open elements for every tag, so 100k nested
/// elements cost minutes; no parser option bounds it. This is a tag scanner, not a parser: it counts start and end
/// tags of elements that must be closed, skips comments and raw-text elements, and drops the tags that would go
/// deeper than the limit (their content stays, attached to the deepest kept element).
/// </summary>
internal static class NestingLimiter
{
    /// <summary>Elements that never nest (void) or whose end tag is optional: they do not count towards depth.</summary>
    private static readonly FrozenSet<string> NonNesting = FrozenSet.ToFrozenSet(
    [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen",
        "p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot", "option", "optgroup", "rt", "rp", "colgroup",
        "caption", "html", "head", "body", "frame", "basefont", "bgsound", "image",
    ], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> RawText = FrozenSet.ToFrozenSet(
        ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NonNestingLookup = NonNesting.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> RawTextLookup = RawText.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary><paramref name="html"/> itself when no element nests deeper than <paramref name="maxDepth"/>; else a copy without the excess tags.</summary>
    public static string Limit(string html, int maxDepth)
    {
        return Scan(html, maxDepth, null) ? Rewrite(html, maxDepth) : html;
    }

    private static string Rewrite(string html, int maxDepth)
    {
        var sb = new StringBuilder(html.Length);
        Scan(html, maxDepth, sb);
        return sb.ToString();
    }

    /// <summary>Walks the tags; with <paramref name="output"/>, copies the text leaving out tags beyond the limit. Returns whether the limit was exceeded.</summary>
    private static bool Scan(string html, int maxDepth, StringBuilder? output)
    {
        int depth = 0;
        bool exceeded = false;
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
                int close = next == '!' && string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0
                    ? html.IndexOf("-->", lt + 4, StringComparison.Ordinal)
                    : html.IndexOf('>', lt + 2);
                i = close < 0 ? html.Length : close + 1;
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
            bool raw = RawTextLookup.Contains(name);
            bool keep = true;
            if (raw && !isEnd)
            {
                // Raw text runs to its end tag; nothing inside is a tag.
                int endTag = html.IndexOf(string.Concat("</", name), tagEnd, StringComparison.OrdinalIgnoreCase);
                tagEnd = endTag < 0 ? html.Length : endTag;
            }
            else if (!raw && !NonNestingLookup.Contains(name) && !selfClosing)
            {
                if (isEnd)
                {
                    keep = depth <= maxDepth;
                    depth = Math.Max(0, depth - 1);
                }
                else
                {
                    depth++;
                    keep = depth <= maxDepth;
                    exceeded |= !keep;
                }
            }

            if (output is not null && !keep)
            {
                output.Append(html, copied, lt - copied);
                copied = tagEnd;
            }

            if (output is null && exceeded)
            {
                return true;
            }

            i = tagEnd;
        }

        output?.Append(html, copied, html.Length - copied);
        return exceeded;
    }
}

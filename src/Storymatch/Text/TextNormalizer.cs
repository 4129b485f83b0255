using System.Globalization;
using System.Text;

namespace Storymatch.Text;

/// <summary>
/// The one normal form every stage compares in: NFKC, lower case, one form of quotes and dashes, whitespace
/// folded. Two texts that differ only in those respects normalise to the same string (and so to the same
/// content hash).
/// </summary>
internal static class TextNormalizer
{
    /// <summary>
    /// Folds <paramref name="text"/> to the comparison form: NFKC, invariant lower case, quotes to <c>'</c>
    /// and <c>"</c>, dashes to <c>-</c>, every whitespace run (line breaks included) to one space, trimmed.
    /// </summary>
    public static string Normalize(string text) => Fold(text, caseFold: true, keepParagraphs: false);

    /// <summary>
    /// A readable normal form: NFKC, unified quotes and dashes, spaces folded within lines, and paragraph
    /// breaks (blank lines) kept as exactly one blank line. Case is kept. Used for display and sentence splitting.
    /// </summary>
    public static string NormalizeForDisplay(string text) => Fold(text, caseFold: false, keepParagraphs: true);

    private static string Fold(string text, bool caseFold, bool keepParagraphs)
    {
        if (text.Length == 0)
        {
            return text;
        }

        // NFKC first: it maps compatibility forms (full-width letters, ligatures, non-breaking spaces) onto the
        // characters the rest of this method knows.
        string nfkc = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(nfkc.Length);
        int pendingNewlines = 0;
        bool pendingSpace = false;
        foreach (char raw in nfkc)
        {
            char c = MapPunctuation(raw);
            if (c == '\n')
            {
                pendingNewlines++;
                continue;
            }

            if (IsSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (c == '\u00AD' || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF')
            {
                // Soft hyphen, zero-width characters and BOMs carry no text.
                continue;
            }

            if (sb.Length > 0)
            {
                if (keepParagraphs && pendingNewlines >= 2)
                {
                    sb.Append("\n\n");
                }
                else if (keepParagraphs && pendingNewlines == 1)
                {
                    sb.Append('\n');
                }
                else if (pendingSpace || pendingNewlines > 0)
                {
                    sb.Append(' ');
                }
            }

            pendingNewlines = 0;
            pendingSpace = false;
            sb.Append(caseFold ? char.ToLowerInvariant(c) : c);
        }

        return sb.ToString();
    }

    private static bool IsSpace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\u00A0');

    /// <summary>Maps the many Unicode quotes and dashes to ASCII; carriage returns and line/paragraph separators to <c>\n</c>.</summary>
    internal static char MapPunctuation(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u02BC' or '\u0060' or '\u00B4' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' or '\u300C' or '\u300D' => '"',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE58' or '\uFE63' or '\uFF0D' => '-',
        '\r' or '\u2028' or '\u2029' or '\u0085' => '\n',
        _ => c,
    };

    /// <summary>True for letters, marks and digits: the characters that make up word tokens.</summary>
    internal static bool IsWordChar(char c)
    {
        if (c < 128)
        {
            return (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9;
        }

        UnicodeCategory cat = CharUnicodeInfo.GetUnicodeCategory(c);
        return cat is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
    }

    /// <summary>
    /// True for scripts written without spaces between words (Han, Kana, Hangul syllables are spaced but short,
    /// Thai, Lao, Khmer, Myanmar): each such character is its own token.
    /// </summary>
    internal static bool IsUnspacedScriptChar(char c) =>
        (c >= '\u3040' && c <= '\u30FF') // Hiragana, Katakana
        || (c >= '\u3400' && c <= '\u4DBF') // CJK extension A
        || (c >= '\u4E00' && c <= '\u9FFF') // CJK unified ideographs
        || (c >= '\uF900' && c <= '\uFAFF') // CJK compatibility ideographs
        || (c >= '\u0E00' && c <= '\u0EFF') // Thai, Lao
        || (c >= '\u1000' && c <= '\u109F') // Myanmar
        || (c >= '\u1780' && c <= '\u17FF') // Khmer
        || char.IsSurrogate(c); // supplementary ideographs (extension B+): each surrogate pair handled as one token
}

using System.Collections.Frozen;

namespace Storymatch.Text;

/// <summary>
/// Splits text into sentences: at line breaks, and after <c>. ! ?</c> (and the CJK full stops) when what
/// follows starts a new sentence. Known abbreviations ("Mr.", "U.S.", "Jan.") and initials do not end a
/// sentence. Works on display text (case kept), since capitalisation is the main cue.
/// </summary>
internal static class SentenceSplitter
{
    private static readonly FrozenSet<string> Abbreviations = new[]
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep",
        "rev", "hon", "pres", "vs", "etc", "inc", "ltd", "co", "corp", "no", "nos", "vol", "fig", "approx", "est",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n",
        "e.g", "i.e", "a.m", "p.m", "dept", "univ", "ave", "blvd", "rd", "mass", "calif", "fla", "wash", "sr", "bros",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sentence ranges in <paramref name="text"/>, trimmed, empty ones skipped.</summary>
    public static List<Range> Split(string text)
    {
        var result = new List<Range>();
        int start = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n')
            {
                Add(text, start, i, result);
                start = i + 1;
            }
            else if (c is '。' or '！' or '？')
            {
                Add(text, start, i + 1, result);
                start = i + 1;
            }
            else if (c is '.' or '!' or '?')
            {
                int end = i + 1;
                // Absorb closing quotes/brackets and repeated terminators: 'said." Next'.
                while (end < text.Length && (text[end] is '"' or '\'' or ')' or ']' or '.' or '!' or '?' or '\u201D' or '\u2019'))
                {
                    end++;
                }

                if (end >= text.Length)
                {
                    break;
                }

                if (char.IsWhiteSpace(text[end]) && StartsSentence(text, end) && !(c == '.' && IsAbbreviation(text, i)))
                {
                    Add(text, start, end, result);
                    start = end;
                }

                i = end;
                continue;
            }

            i++;
        }

        Add(text, start, text.Length, result);
        return result;
    }

    /// <summary>The sentences of <paramref name="text"/> as strings.</summary>
    public static List<string> SplitToStrings(string text)
    {
        List<Range> ranges = Split(text);
        var list = new List<string>(ranges.Count);
        foreach (Range r in ranges)
        {
            list.Add(text[r]);
        }

        return list;
    }

    private static void Add(string text, int start, int end, List<Range> result)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            result.Add(new Range(start, end));
        }
    }

    private static bool StartsSentence(string text, int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos]))
        {
            pos++;
        }

        if (pos >= text.Length)
        {
            return false;
        }

        char c = text[pos];
        return char.IsUpper(c) || char.IsDigit(c) || c is '"' or '\'' or '(' or '[' or '\u201C' or '\u2018' or '-' or '\u2013' or '\u2014'
            || (TextNormalizer.IsWordChar(c) && !char.IsLower(c));
    }

    private static bool IsAbbreviation(string text, int dot)
    {
        int s = dot;
        while (s > 0 && (char.IsLetter(text[s - 1]) || (text[s - 1] == '.' && s - 2 >= 0 && char.IsLetter(text[s - 2]))))
        {
            s--;
        }

        int len = dot - s;
        if (len == 0)
        {
            return false;
        }

        // A single capital letter before the dot is an initial ("George W. Bush").
        if (len == 1 && char.IsUpper(text[s]))
        {
            return true;
        }

        return Abbreviations.Contains(text.AsSpan(s, len).ToString());
    }
}

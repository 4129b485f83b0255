using Storymatch.Text;

namespace Storymatch.Reading;

/// <summary>
/// Finds the headline of a plain-text article among its first lines: the first line that reads like a headline (four
/// to 25 words, one sentence without a closing full stop) and is none of what copied pages put before it: a site
/// tagline ("All About The Latest Updates": every word capitalised, its content words generic), a breadcrumb or
/// section label ("Metro Herald | Transport", "Business > Deals", "World:"), a photo caption ("This photo shows ...",
/// "... (AP Photo/...)") or a dateline opening the body ("HONG KONG - ..."). When no line qualifies, a short first line
/// that is none of those; otherwise no title (a body paragraph or a caption is no title).
/// </summary>
internal static class HeadlineFinder
{
    /// <summary>The headline is looked for among this many first non-empty lines.</summary>
    private const int SearchLines = 10;

    private const int MaxTitleLength = 200;

    private const int MinWords = 4;

    private const int MaxWords = 25;

    private static readonly string[] CaptionStarts =
    [
        "this photo", "this image", "this picture", "this file photo", "this combination", "this handout", "in this photo",
        "in this image", "a photo", "photo:", "photo -", "file photo", "file -", "file:", "pictured:", "image:", "foto:",
        "bild:", "picture:", "(photo", "[photo",
    ];

    private static readonly string[] CaptionMarks =
    [
        "(ap photo", "ap photo/", "(photo:", "(photo by", "photo by ", "getty images", "(reuters/", "afp via getty", "/ afp",
        "(foto:", "foto:", "credit:", "photograph:", "pool photo",
    ];

    /// <summary>The headline of <paramref name="text"/>, or null when none of its first lines is one.</summary>
    public static string? Find(string text)
    {
        string? fallback = null;
        int seen = 0;
        foreach (ReadOnlySpan<char> raw in text.AsSpan().EnumerateLines())
        {
            ReadOnlySpan<char> line = raw.Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            if (++seen > SearchLines)
            {
                break;
            }

            if (line.Length > MaxTitleLength || IsFurniture(line))
            {
                continue;
            }

            int words = WordTokenizer.Count(line);
            if (words is >= MinWords and <= MaxWords && !EndsAsSentence(line) && !HasSentenceBreak(line))
            {
                return line.ToString();
            }

            if (seen == 1 && words is > 0 and < MinWords && !EndsAsSentence(line))
            {
                fallback = line.ToString();
            }
        }

        return fallback;
    }

    /// <summary>Taglines, breadcrumbs, section labels, captions and datelines.</summary>
    internal static bool IsFurniture(ReadOnlySpan<char> line) =>
        IsBreadcrumb(line) || IsCaption(line) || IsDateline(line) || IsTagline(line) || line[^1] == ':';

    private static bool IsBreadcrumb(ReadOnlySpan<char> line) =>
        line.Contains(" | ", StringComparison.Ordinal) || line.Contains(" > ", StringComparison.Ordinal) || line.Contains(" » ", StringComparison.Ordinal)
        || line.Contains(" / ", StringComparison.Ordinal);

    private static bool IsCaption(ReadOnlySpan<char> line)
    {
        Span<char> lower = stackalloc char[Math.Min(line.Length, MaxTitleLength)];
        int n = line[..lower.Length].ToLowerInvariant(lower);
        ReadOnlySpan<char> l = lower[..n];
        foreach (string start in CaptionStarts)
        {
            if (l.StartsWith(start, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (string mark in CaptionMarks)
        {
            if (l.Contains(mark, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"HONG KONG - Chinese President ...", "BERLIN (Reuters) - ...": an upper-case place, then a dash or bracket.</summary>
    private static bool IsDateline(ReadOnlySpan<char> line)
    {
        int i = 0;
        int letters = 0;
        while (i < line.Length && (char.IsUpper(line[i]) || line[i] is ' ' or '.' or '\'' or '/'))
        {
            if (char.IsLetter(line[i]))
            {
                letters++;
            }

            i++;
        }

        if (letters < 3 || i >= line.Length || i > 40)
        {
            return false;
        }

        ReadOnlySpan<char> rest = line[i..].TrimStart();
        return rest.Length > 0 && rest[0] is '-' or '\u2013' or '\u2014' or '(' or ',';
    }

    /// <summary>Every word capitalised and most content words generic ("All About The Latest Updates", "Breaking News Today").</summary>
    private static bool IsTagline(ReadOnlySpan<char> line)
    {
        int content = 0;
        int generic = 0;
        Span<char> lower = stackalloc char[TextChain.MaxTokenLength];
        Span<char> latin = stackalloc char[TextChain.LatinBufferLength];
        foreach (WordTokenizer.Token t in WordTokenizer.Enumerate(line))
        {
            ReadOnlySpan<char> word = t.Of(line);
            if (word.Length > TextChain.MaxTokenLength)
            {
                return false;
            }

            if (!char.IsUpper(word[0]))
            {
                return false; // a lower-case word: a sentence-case headline, not a tagline
            }

            int n = TextChain.Lower(word, lower);
            if (TextChain.IsStopWord(lower[..n]))
            {
                continue;
            }

            content++;
            int l = TextChain.ToLatin(lower[..n], latin);
            if (Lexicon.IsGeneric(latin[..l]) || Lexicon.IsOrgWord(latin[..l]))
            {
                generic++;
            }
        }

        return content > 0 && generic * 2 >= content;
    }

    private static bool EndsAsSentence(ReadOnlySpan<char> line)
    {
        ReadOnlySpan<char> t = line.TrimEnd("\"'\u201D\u2019)");
        return t.Length > 0 && t[^1] == '.' && !(t.Length >= 3 && t[^2] == '.' && t[^3] == '.');
    }

    /// <summary>Two sentences on one line ("... today. According to ..."): a paragraph.</summary>
    private static bool HasSentenceBreak(ReadOnlySpan<char> line)
    {
        for (int i = 1; i + 2 < line.Length; i++)
        {
            if (line[i] == '.' && line[i + 1] == ' ' && char.IsUpper(line[i + 2]) && char.IsLower(line[i - 1]))
            {
                return true;
            }
        }

        return false;
    }
}

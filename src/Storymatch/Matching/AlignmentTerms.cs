using System.Collections.Frozen;

namespace Storymatch.Matching;

/// <summary>
/// Turns one token into the key sentence alignment compares: function words are dropped, capitalised names map
/// to a spelling-variant skeleton (so Kuleba/Kureba, Qin Gang/Qin Kang, Wang Wenbin/Wang Wen-pin meet), numbers
/// stay whole, other words are cut to a short prefix (a crude, language-neutral stem: declared/declaring).
/// </summary>
internal static class AlignmentTerms
{
    /// <summary>Longest key written; longer tokens are cut (a stem needs no more).</summary>
    public const int MaxKeyLength = 24;

    private const int StemLength = 6;

    // English function words only: other languages fall back on the within-pair weighting, which already
    // makes words that occur in most sentences cheap.
    private static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "from", "with", "as",
        "into", "onto", "over", "under", "about", "after", "before", "since", "during", "between", "through", "than",
        "that", "this", "these", "those", "it", "its", "it's", "he", "she", "they", "them", "his", "her", "their", "we",
        "our", "you", "your", "i", "me", "my", "him", "who", "whom", "whose", "which", "what", "when", "where", "why",
        "how", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did", "will",
        "would", "shall", "should", "can", "could", "may", "might", "must", "not", "no", "so", "if", "then", "also",
        "there", "here", "all", "any", "some", "such", "both", "each", "other", "more", "most", "very", "just", "only",
        "up", "out", "off", "said", "says", "say", "s", "t", "mr", "mrs", "ms",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopLookup =
        StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when <paramref name="lower"/> (lower case) carries no content.</summary>
    public static bool IsStopWord(ReadOnlySpan<char> lower) => StopLookup.Contains(lower);

    /// <summary>
    /// Writes a comparison key of a token into <paramref name="key"/> and returns its length (0: none).
    /// <paramref name="surface"/> is the token as written (case kept); <paramref name="key"/> must hold
    /// <see cref="MaxKeyLength"/> + 1 characters. A token has up to two keys (<paramref name="variant"/> 0 and 1):
    /// an ALL-CAPS word may be a name or a shouted word, so it gets both the name skeleton and the word stem.
    /// </summary>
    public static int MakeKey(ReadOnlySpan<char> surface, int variant, Span<char> key, out TermKind kind)
    {
        kind = TermKind.Word;
        if (surface.IsEmpty)
        {
            return 0;
        }

        Span<char> lower = stackalloc char[MaxKeyLength];
        int n = Math.Min(surface.Length, MaxKeyLength);
        surface[..n].ToLowerInvariant(lower[..n]);
        ReadOnlySpan<char> word = lower[..n];
        if (surface.Length <= MaxKeyLength && IsStopWord(word))
        {
            return 0;
        }

        if (HasDigit(surface))
        {
            kind = TermKind.Number;
            if (variant > 0)
            {
                return 0;
            }

            word.CopyTo(key);
            return n;
        }

        bool capitalised = char.IsUpper(surface[0]) && surface.Length >= 4;
        bool allCaps = capitalised && !HasLower(surface);
        if (variant == 0 && capitalised)
        {
            int len = Skeleton(word, key[1..]);
            if (len >= 3)
            {
                kind = TermKind.Name;
                key[0] = '~'; // a name key never equals a word key
                return len + 1;
            }
        }
        else if (variant == 1 && (!allCaps || Skeleton(word, key[1..]) < 3))
        {
            // Only ALL-CAPS names have a second key (their stem); otherwise variant 0 said it all.
            return 0;
        }

        int stem = Math.Min(n, StemLength);
        word[..stem].CopyTo(key);
        return stem;
    }

    /// <summary>
    /// A spelling-variant skeleton of a name: first letter kept, later vowels dropped, hyphens and apostrophes
    /// dropped, letters that transliterations and typos swap merged (l/r, b/p/v, g/k/q/c, d/t, z/s), repeats collapsed.
    /// </summary>
    internal static int Skeleton(ReadOnlySpan<char> lower, Span<char> output)
    {
        int len = 0;
        char last = '\0';
        for (int i = 0; i < lower.Length && len < output.Length; i++)
        {
            char c = Fold(lower[i]);
            if (c is '-' or '\'' || (i > 0 && IsVowel(c)))
            {
                if (IsVowel(c))
                {
                    last = '\0'; // "Kaka" keeps both k's apart from "Kka"
                }

                continue;
            }

            if (c == last)
            {
                continue;
            }

            output[len++] = c;
            last = c;
        }

        return len;
    }

    private static char Fold(char c) => c switch
    {
        'l' => 'r',
        'p' or 'v' => 'b',
        'g' or 'q' or 'c' => 'k',
        'd' => 't',
        'z' => 's',
        'á' or 'à' or 'â' or 'ä' or 'ã' or 'å' => 'a',
        'é' or 'è' or 'ê' or 'ë' => 'e',
        'í' or 'ì' or 'î' or 'ï' => 'i',
        'ó' or 'ò' or 'ô' or 'ö' or 'õ' => 'o',
        'ú' or 'ù' or 'û' or 'ü' => 'u',
        'ç' => 'k',
        'ñ' => 'n',
        _ => c,
    };

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static bool HasLower(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (char.IsLower(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasDigit(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>What a sentence term is: evidence lists names and numbers separately.</summary>
internal enum TermKind : byte
{
    Word,
    Name,
    Number,
}

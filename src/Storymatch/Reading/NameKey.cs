namespace Storymatch.Reading;

/// <summary>
/// A phonetic skeleton of a name, so that variant spellings, transliterations and typos meet:
/// "Kuleba", "Kureba" and "Kuleva" → "klb"; "Wenbin" and "Wen-pin" → "bnbn"; "Zelensky", "Zelenskyy",
/// "Zelenskyi" and "Selenskyj" → "slnsk". Hand-written (a Soundex-like consonant-class code tuned for
/// transliteration variants: Soundex keeps only four characters and separates l/r and b/v).
/// </summary>
/// <remarks>
/// Rules, applied to the Latin transliteration: hyphens, apostrophes and spaces removed; the first letter kept
/// as its class; later vowels (and y, and j or h after a vowel) dropped; consonants folded into classes
/// {b p v f w}, {k g c q x}, {l r}, {s z} (d and t stay apart, else "Putin" would meet "Biden"); runs of one class written once. Skeletons shorter than three
/// classes are too unspecific ("Xi" → "k"), so short names key on their plain Latin spelling instead.
/// </remarks>
internal static class NameKey
{
    /// <summary>The longest key written; longer names are cut (the prefix is specific enough).</summary>
    public const int MaxLength = 24;

    /// <summary>The key of a name given in any script and case.</summary>
    public static string Of(string name)
    {
        Span<char> latin = stackalloc char[(Math.Min(name.Length, 64) * Transliterator.MaxExpansion) + 1];
        Span<char> lower = stackalloc char[Math.Min(name.Length, 64)];
        int n = name.AsSpan(0, lower.Length).ToLowerInvariant(lower);
        int l = Transliterator.ToLatin(lower[..n], latin);
        Span<char> key = stackalloc char[MaxLength];
        int k = Write(latin[..l], key);
        return new string(key[..k]);
    }

    /// <summary>
    /// Writes the key of <paramref name="latinLower"/> (already transliterated and lower case) into
    /// <paramref name="destination"/>; returns its length.
    /// </summary>
    public static int Write(ReadOnlySpan<char> latinLower, Span<char> destination) => WriteCore(latinLower, destination, out _);

    private static int WriteCore(ReadOnlySpan<char> latinLower, Span<char> destination, out bool skeleton)
    {
        skeleton = false;
        int n = 0;
        char last = '\0';
        bool afterVowel = false;
        int letters = 0;
        foreach (char c in latinLower)
        {
            if (c is '-' or '\'' or ' ' or '.' or '\u2019')
            {
                continue;
            }

            letters++;
            bool first = n == 0;
            char cls = ClassOf(c, first, afterVowel);
            afterVowel = IsVowel(c);
            if (cls == '\0')
            {
                continue;
            }

            if (cls == last)
            {
                continue;
            }

            if (n >= destination.Length)
            {
                break;
            }

            destination[n++] = cls;
            last = cls;
        }

        if (n >= 3 || letters == 0)
        {
            skeleton = n >= 3;
            return n;
        }

        // Too short to be specific: the plain spelling (punctuation removed) identifies the name.
        n = 0;
        foreach (char c in latinLower)
        {
            if (c is '-' or '\'' or ' ' or '.' or '\u2019')
            {
                continue;
            }

            if (n >= destination.Length)
            {
                break;
            }

            destination[n++] = c;
        }

        return n;
    }

    /// <summary>
    /// The variant key of one name word: the consonant skeleton of <see cref="Write"/>, a '-', then the vowel skeleton
    /// (vowel clusters, i and y folded: "Kuleba" → "klb-uea", "Zelenskyy" → "slnsk-eei"), so that words which share
    /// only their consonants ("Ministry"/"Minister", "Carta"/"Corte", "Dmytro"/"Dmitry") stay apart. Names written in
    /// a script without vowels (Arabic, Hebrew: <paramref name="vowelless"/>) get '*' for the vowels, which
    /// <see cref="EntityKeys"/> treats as matching any vowels. Short names: their plain spelling.
    /// </summary>
    public static int WriteVariant(ReadOnlySpan<char> latinLower, Span<char> destination, bool vowelless)
    {
        int n = WriteCore(latinLower, destination, out bool skeleton);
        if (!skeleton || n >= destination.Length - 1)
        {
            return n;
        }

        destination[n++] = '-';
        if (vowelless)
        {
            destination[n++] = '*';
            return n;
        }

        char previous = '\0';
        bool afterVowel = false;
        foreach (char raw in latinLower)
        {
            char v = raw switch
            {
                'a' => 'a',
                'e' => 'e',
                'i' or 'y' => 'i',
                'j' when afterVowel => 'i',
                'o' => 'o',
                'u' => 'u',
                _ => '\0',
            };
            if (v == '\0')
            {
                afterVowel = false;
                continue;
            }

            // One letter per vowel cluster class: "yy", "yi", "iy" → "i".
            if (!(afterVowel && v == previous))
            {
                if (n >= destination.Length)
                {
                    break;
                }

                destination[n++] = v;
            }

            previous = v;
            afterVowel = true;
        }

        return n;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static char ClassOf(char c, bool first, bool afterVowel)
    {
        switch (c)
        {
            case 'a' or 'e' or 'i' or 'o' or 'u' or 'y':
                return first ? 'a' : '\0';
            case 'h':
                return first ? 'h' : '\0';
            case 'j':
                return afterVowel ? '\0' : 'j';
            case 'b' or 'p' or 'v' or 'f' or 'w':
                return 'b';
            case 'k' or 'g' or 'c' or 'q' or 'x':
                return 'k';
            case 'l' or 'r':
                return 'l';
            case 'd':
                return 'd';
            case 't':
                return 't'; // kept apart from d: "Putin" and "Biden" must not meet
            case 's' or 'z':
                return 's';
            case 'm' or 'n':
                return c;
            default:
                // Digits and letters of scripts without a transliteration keep themselves.
                return char.IsLetterOrDigit(c) ? c : '\0';
        }
    }
}

using System.Text;

namespace Storymatch.Reading;

/// <summary>
/// Writes lower-case text in Latin letters without diacritics, so that names and words meet across scripts:
/// Cyrillic (Russian/Ukrainian scientific-style with English digraphs), Greek, Arabic (consonant skeleton),
/// Hebrew (best effort) and Latin diacritics folded ("Zełenski" → "zelenski", "Путин" → "putin"). Characters of
/// other scripts (CJK, Thai, ...) pass through unchanged. Hand-written: .NET has no transliteration API and ICU
/// transforms are not available to the engine.
/// </summary>
internal static class Transliterator
{
    /// <summary>The longest output of one input character ("щ" → "shch").</summary>
    public const int MaxExpansion = 4;

    // Index = char code below TableSize; null = keep the character; "" = drop it (combining marks, vowel signs).
    private const int TableSize = 0x0800;
    private static readonly string?[] Table = BuildTable();

    /// <summary>Transliterates <paramref name="lower"/> (already lower case) to Latin.</summary>
    public static string ToLatin(string lower)
    {
        char[] buffer = new char[(lower.Length * MaxExpansion) + 1];
        int n = ToLatin(lower.ToLowerInvariant(), buffer);
        return new string(buffer, 0, n);
    }

    /// <summary>
    /// Transliterates <paramref name="lower"/> into <paramref name="destination"/> and returns the number of
    /// characters written; output stops early when the destination is full (at most <see cref="MaxExpansion"/>
    /// characters per input character are needed).
    /// </summary>
    public static int ToLatin(ReadOnlySpan<char> lower, Span<char> destination)
    {
        int n = 0;
        foreach (char c in lower)
        {
            if (c < 128)
            {
                if (n >= destination.Length)
                {
                    break;
                }

                destination[n++] = c;
                continue;
            }

            string? mapped = c < TableSize ? Table[c] : null;
            if (mapped is null)
            {
                if (n >= destination.Length)
                {
                    break;
                }

                destination[n++] = c;
            }
            else
            {
                if (n + mapped.Length > destination.Length)
                {
                    break;
                }

                mapped.AsSpan().CopyTo(destination[n..]);
                n += mapped.Length;
            }
        }

        return n;
    }

    private static string?[] BuildTable()
    {
        var table = new string?[TableSize];

        // Latin-1 and Latin Extended: the base letter of the canonical decomposition ("é" → "e").
        for (int c = 0x00C0; c < 0x0250; c++)
        {
            string decomposed = ((char)c).ToString().Normalize(NormalizationForm.FormD);
            if (decomposed.Length > 0 && decomposed[0] < 128 && char.IsLetter(decomposed[0]))
            {
                table[c] = decomposed[..1].ToLowerInvariant();
            }
        }

        // Letters with no decomposition.
        Set(table, "ß", "ss");
        Set(table, "æ", "ae");
        Set(table, "œ", "oe");
        Set(table, "ø", "o");
        Set(table, "ł", "l");
        Set(table, "đ", "d");
        Set(table, "ð", "d");
        Set(table, "þ", "th");
        Set(table, "ı", "i");
        Set(table, "ħ", "h");
        for (int c = 0x0300; c < 0x0370; c++)
        {
            table[c] = string.Empty; // combining diacritics
        }

        // Greek (modern pronunciation), accented forms via their decomposition below.
        const string greek = "αa βv γg δd εe ζz ηi θth ιi κk λl μm νn ξx οo πp ρr σs ςs τt υy φf χch ψps ωo";
        foreach (string pair in greek.Split(' '))
        {
            table[pair[0]] = pair[1..];
            table[char.ToUpperInvariant(pair[0])] = pair[1..];
        }

        for (int c = 0x0386; c < 0x03D0; c++)
        {
            string decomposed = ((char)c).ToString().Normalize(NormalizationForm.FormD);
            if (decomposed.Length > 1 && decomposed[0] < TableSize && table[char.ToLowerInvariant(decomposed[0])] is { } g)
            {
                table[c] = g;
            }
        }

        // Cyrillic: Russian, Ukrainian, Belarusian, Serbian/Macedonian extras; English-style digraphs because
        // that is how English-language news spells Russian and Ukrainian names.
        const string cyrillic = "аa бb вv гg дd еe ёe жzh зz иi йy кk лl мm нn оo пp рr сs тt уu фf хkh цts чch шsh щshch ъ ыy ь эe юyu яya "
            + "іi їyi єye ґg ўu ђdj јj љlj њnj ћc џdz ѓg ќk ѕdz";
        foreach (string pair in cyrillic.Split(' '))
        {
            table[pair[0]] = pair[1..];
            table[char.ToUpperInvariant(pair[0])] = pair[1..];
        }

        // Arabic: consonants and long vowels; short-vowel marks dropped (texts rarely carry them).
        const string arabic = "اa أa إi آa ٱa بb تt ثth جj حh خkh دd ذdh رr زz سs شsh صs ضd طt ظz عa غgh فf قq كk لl مm نn هh وw يy ىa ةa ءa ؤw ئy پp چch ژzh گg کk یy";
        foreach (string pair in arabic.Split(' '))
        {
            table[pair[0]] = pair[1..];
        }

        for (int c = 0x064B; c <= 0x065F; c++)
        {
            table[c] = string.Empty;
        }

        table[0x0640] = string.Empty; // tatweel

        // Hebrew consonants (best effort; vowel points dropped).
        const string hebrew = "אa בb גg דd הh וv זz חkh טt יy ךkh כk לl םm מm ןn נn סs עa ףf פp ץts צts קk רr שsh תt";
        foreach (string pair in hebrew.Split(' '))
        {
            table[pair[0]] = pair[1..];
        }

        for (int c = 0x0591; c <= 0x05C7; c++)
        {
            table[c] = string.Empty;
        }

        return table;
    }

    private static void Set(string?[] table, string letter, string latin)
    {
        table[letter[0]] = latin;
        table[char.ToUpperInvariant(letter[0])] = latin;
    }
}

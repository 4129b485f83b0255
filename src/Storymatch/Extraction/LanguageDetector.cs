using System.Collections.Frozen;
using System.Globalization;
using Storymatch.Text;

namespace Storymatch.Extraction;

/// <summary>
/// A small language identifier for news text, written for Storymatch (no model files): the writing system
/// decides between scripts (Han, Kana, Hangul, Arabic, Cyrillic, Greek, Hebrew, Devanagari, Thai), and within
/// Latin and Cyrillic the most frequent function words decide the language. Covers en, de, es, fr, it, pt, nl,
/// pl, tr, ru, uk, ar, fa, zh, ja, ko, el, he, hi, th. Returns null when the text gives too little evidence.
/// </summary>
internal static class LanguageDetector
{
    /// <summary>Only the start of a long text is read: a few thousand characters decide any language here.</summary>
    private const int MaxCharsRead = 20_000;

    private static readonly string[] LatinLanguages = ["en", "de", "es", "fr", "it", "pt", "nl", "pl", "tr"];

    private static readonly string[][] LatinStopwords =
    [
        ["the", "and", "of", "to", "in", "is", "that", "for", "it", "was", "on", "with", "he", "as", "at", "by", "this", "have", "from", "are", "said", "his", "they", "be", "has", "were", "which", "their", "will", "would", "been", "not", "but", "an", "who"],
        ["der", "die", "und", "das", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "sich", "des", "auf", "für", "im", "dem", "auch", "es", "an", "werden", "aus", "er", "hat", "dass", "sie", "nach", "wird", "bei", "einer", "um", "noch", "wie", "über", "sind"],
        ["el", "la", "de", "que", "y", "en", "los", "del", "se", "las", "por", "un", "para", "con", "una", "su", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "o", "fue", "este", "ha", "sí", "porque", "esta", "son", "entre", "está", "cuando"],
        ["le", "la", "les", "de", "des", "et", "un", "une", "du", "en", "est", "que", "qui", "dans", "pour", "pas", "au", "sur", "par", "il", "ne", "se", "plus", "avec", "ce", "sont", "a", "aux", "ont", "été", "mais", "elle", "cette", "nous", "ou"],
        ["il", "di", "che", "e", "la", "per", "un", "in", "del", "della", "è", "non", "una", "le", "si", "con", "da", "sono", "dei", "al", "gli", "alla", "nel", "anche", "più", "lo", "come", "ha", "ma", "delle", "questo", "nella", "degli", "dal", "ci"],
        ["de", "que", "e", "o", "a", "do", "da", "em", "um", "para", "é", "com", "não", "uma", "os", "no", "se", "na", "por", "mais", "as", "dos", "como", "mas", "foi", "ao", "ele", "das", "tem", "à", "seu", "sua", "ou", "ser", "quando"],
        ["de", "het", "een", "van", "en", "in", "is", "dat", "op", "te", "zijn", "met", "voor", "niet", "die", "er", "aan", "ook", "als", "bij", "door", "maar", "om", "nog", "wordt", "uit", "naar", "dan", "heeft", "worden", "over", "deze", "wel", "kan", "hij"],
        ["i", "w", "nie", "na", "się", "z", "do", "to", "że", "jest", "o", "jak", "a", "po", "co", "tak", "za", "od", "ale", "przez", "jego", "dla", "już", "są", "czy", "tym", "może", "być", "jej", "także", "który", "która", "było", "oraz", "tylko"],
        ["ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "gibi", "en", "ne", "o", "olan", "kadar", "sonra", "ama", "her", "değil", "var", "ise", "yok", "mi", "ki", "veya", "şu", "üzere", "göre", "olduğunu", "diye", "ancak", "tarafından", "oldu", "bin"],
    ];

    // Each function word maps to the languages (bit i = LatinLanguages[i]) that use it.
    private static readonly FrozenDictionary<string, int> LatinWordLanguages = BuildLatinWords();

    /// <summary>The ISO 639-1 code of the language of <paramref name="text"/>, or null when unsure.</summary>
    public static string? Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        ReadOnlySpan<char> sample = text.AsSpan(0, Math.Min(text.Length, MaxCharsRead));
        ScriptCounts counts = CountScripts(sample);
        int letters = counts.Total;
        if (letters < 10)
        {
            return null;
        }

        int cjk = counts.Han + counts.Kana;
        if (counts.Hangul > 0.3 * letters)
        {
            return "ko";
        }

        if (cjk > 0.3 * letters)
        {
            return counts.Kana > 0.1 * cjk ? "ja" : "zh";
        }

        if (counts.Arabic > 0.5 * letters)
        {
            return counts.PersianOnly > 0.01 * counts.Arabic ? "fa" : "ar";
        }

        if (counts.Cyrillic > 0.5 * letters)
        {
            return counts.UkrainianOnly > 0.005 * counts.Cyrillic ? "uk" : "ru";
        }

        if (counts.Greek > 0.5 * letters)
        {
            return "el";
        }

        if (counts.Hebrew > 0.5 * letters)
        {
            return "he";
        }

        if (counts.Devanagari > 0.5 * letters)
        {
            return "hi";
        }

        if (counts.Thai > 0.5 * letters)
        {
            return "th";
        }

        return counts.Latin > 0.5 * letters ? DetectLatin(sample) : null;
    }

    private static string? DetectLatin(ReadOnlySpan<char> text)
    {
        Span<int> hits = stackalloc int[LatinLanguages.Length];
        Span<char> lower = stackalloc char[32];
        FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup = LatinWordLanguages.GetAlternateLookup<ReadOnlySpan<char>>();
        int words = 0;
        foreach (WordTokenizer.Token t in WordTokenizer.Enumerate(text))
        {
            words++;
            ReadOnlySpan<char> w = t.Of(text);
            if (w.Length > lower.Length)
            {
                continue;
            }

            int n = w.ToLowerInvariant(lower);
            if (lookup.TryGetValue(lower[..n], out int mask))
            {
                for (int i = 0; i < hits.Length; i++)
                {
                    if ((mask & (1 << i)) != 0)
                    {
                        hits[i]++;
                    }
                }
            }
        }

        int best = 0;
        for (int i = 1; i < hits.Length; i++)
        {
            if (hits[i] > hits[best])
            {
                best = i;
            }
        }

        // Too few function words (a list of names, a headline of three words) is no evidence.
        return hits[best] >= 2 && hits[best] >= 0.05 * words ? LatinLanguages[best] : null;
    }

    /// <summary>
    /// How many scripts the letters of <paramref name="text"/> use, counting a script when it has at least three letters
    /// (a stray symbol is not a script); Han and Kana count as one (Japanese mixes them by nature).
    /// </summary>
    internal static int CountLetterScripts(ReadOnlySpan<char> text)
    {
        ScriptCounts c = CountScripts(text);
        ReadOnlySpan<int> counts = [c.Latin, c.Cyrillic, c.Greek, c.Hebrew, c.Arabic, c.Devanagari, c.Thai, c.Hangul, c.Han + c.Kana];
        int scripts = 0;
        foreach (int n in counts)
        {
            scripts += n >= 3 ? 1 : 0;
        }

        return scripts;
    }

    private static ScriptCounts CountScripts(ReadOnlySpan<char> text)
    {
        var c = default(ScriptCounts);
        foreach (char ch in text)
        {
            if (!char.IsLetter(ch))
            {
                continue;
            }

            c.Total++;
            switch (ch)
            {
                case < '\u0250':
                    c.Latin++;
                    break;
                case >= '\u0370' and < '\u0400':
                    c.Greek++;
                    break;
                case >= '\u0400' and < '\u0530':
                    c.Cyrillic++;
                    if (ch is 'і' or 'ї' or 'є' or 'ґ' or 'І' or 'Ї' or 'Є' or 'Ґ')
                    {
                        c.UkrainianOnly++;
                    }

                    break;
                case >= '\u0590' and < '\u0600':
                    c.Hebrew++;
                    break;
                case >= '\u0600' and < '\u0780':
                case >= '\uFB50' and < '\uFF00' when CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.OtherLetter:
                    c.Arabic++;
                    if (ch is 'پ' or 'چ' or 'ژ' or 'گ' or 'ی')
                    {
                        c.PersianOnly++;
                    }

                    break;
                case >= '\u0900' and < '\u0980':
                    c.Devanagari++;
                    break;
                case >= '\u0E00' and < '\u0E80':
                    c.Thai++;
                    break;
                case >= '\u3040' and < '\u3100':
                    c.Kana++;
                    break;
                case >= '\u1100' and < '\u1200':
                case >= '\uAC00' and < '\uD7B0':
                    c.Hangul++;
                    break;
                case >= '\u3400' and < '\uA000':
                case >= '\uF900' and < '\uFB00':
                    c.Han++;
                    break;
                default:
                    c.Latin += ch is >= '\u1E00' and < '\u1F00' ? 1 : 0;
                    break;
            }
        }

        return c;
    }

    private static FrozenDictionary<string, int> BuildLatinWords()
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int lang = 0; lang < LatinStopwords.Length; lang++)
        {
            foreach (string w in LatinStopwords[lang])
            {
                map[w] = map.GetValueOrDefault(w) | (1 << lang);
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private struct ScriptCounts
    {
        public int Total;
        public int Latin;
        public int Cyrillic;
        public int UkrainianOnly;
        public int Greek;
        public int Hebrew;
        public int Arabic;
        public int PersianOnly;
        public int Devanagari;
        public int Thai;
        public int Kana;
        public int Hangul;
        public int Han;
    }
}

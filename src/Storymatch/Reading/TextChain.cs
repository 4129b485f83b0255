using Storymatch.Matching;
using Storymatch.Text;

namespace Storymatch.Reading;

/// <summary>
/// The one normalise / tokenise / stop-word / stem chain every stage reads text with: display normal form
/// (<see cref="TextNormalizer.NormalizeForDisplay"/>), tokens of <see cref="WordTokenizer"/>, elisions and
/// possessives trimmed, invariant lower case, Arabic proclitics dropped, Latin transliteration
/// (<see cref="Transliterator"/>), function words of <see cref="Stopwords"/>, and a stem that is the first
/// <see cref="StemLength"/> Latin characters.
/// </summary>
/// <remarks>
/// Why a prefix and not the Snowball stemmers of Lucene.Net.Analysis.Common: a Snowball stemmer needs the article's
/// language, and labels are often wrong or missing on news pages (and pages mix languages); it stems in the original
/// script, so "Украина" and "Ukraina" would not meet after transliteration; and the similarity model is fitted on
/// prefix stems, which also bridge cognates across languages ("ukrai" in English, German, Spanish and transliterated
/// Russian). The cut prefix does what the model needs in every language at no cost per token.
/// </remarks>
internal static class TextChain
{
    /// <summary>Stems are cut to this many Latin characters.</summary>
    public const int StemLength = 5;

    /// <summary>Longer "tokens" are URLs, hashes or glued words: no terms.</summary>
    public const int MaxTokenLength = 48;

    /// <summary>Size of a buffer that holds the Latin form of any token up to <see cref="MaxTokenLength"/>.</summary>
    public const int LatinBufferLength = MaxTokenLength * Transliterator.MaxExpansion;

    // Article with a preceding conjunction or preposition, longest first: wa-l, bi-l, fa-l, ka-l, li-l, al.
    private static readonly string[] ArabicProclitics = ["\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0641\u0627\u0644", "\u0643\u0627\u0644", "\u0644\u0644", "\u0627\u0644"];

    /// <summary>Drops French/Italian elisions and English possessives: "l'Ukraine" → "Ukraine", "China's" → "China".</summary>
    public static (int Start, int Length) TrimElision(ReadOnlySpan<char> text, int start, int length)
    {
        int apostrophe = text.Slice(start, length).IndexOfAny('\'', '\u2019');
        if (apostrophe < 0)
        {
            return (start, length);
        }

        if (apostrophe <= 2 && length - apostrophe - 1 >= 2)
        {
            return (start + apostrophe + 1, length - apostrophe - 1);
        }

        if (length - apostrophe - 1 <= 2)
        {
            return (start, apostrophe);
        }

        return (start, length);
    }

    /// <summary>Lower case of <paramref name="token"/> into <paramref name="lower"/> (at least as long); returns its length.</summary>
    public static int Lower(ReadOnlySpan<char> token, Span<char> lower) => token.ToLowerInvariant(lower);

    /// <summary>
    /// The Latin form of a lower-case token (proclitics dropped, transliterated) into <paramref name="latin"/>
    /// (<see cref="LatinBufferLength"/> long for any token); returns its length.
    /// </summary>
    public static int ToLatin(ReadOnlySpan<char> lower, Span<char> latin) => Transliterator.ToLatin(StripArabicProclitics(lower), latin);

    /// <summary>True when the lower-case token is a function word.</summary>
    public static bool IsStopWord(ReadOnlySpan<char> lower) => Stopwords.Contains(lower);

    /// <summary>The stem of a Latin-form token: its first <see cref="StemLength"/> characters.</summary>
    public static ReadOnlySpan<char> Stem(ReadOnlySpan<char> latin) => latin[..Math.Min(latin.Length, StemLength)];

    /// <summary>
    /// Drops the article and the one-letter conjunctions and prepositions Arabic writes onto the word ("والرئيس" →
    /// "رئيس"), so that the stem starts at the word itself. Only when enough of the word remains.
    /// </summary>
    public static ReadOnlySpan<char> StripArabicProclitics(ReadOnlySpan<char> word)
    {
        if (word.Length < 4 || word[0] < '\u0600' || word[0] > '\u06FF')
        {
            return word;
        }

        foreach (string prefix in ArabicProclitics)
        {
            if (word.StartsWith(prefix, StringComparison.Ordinal) && word.Length - prefix.Length >= 3)
            {
                return word[prefix.Length..];
            }
        }

        return word[0] is '\u0648' or '\u0641' or '\u0628' && word.Length >= 5 ? word[1..] : word;
    }
}

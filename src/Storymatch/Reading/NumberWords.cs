using System.Collections.Frozen;
using System.Text;
using Storymatch.Matching;

namespace Storymatch.Reading;

/// <summary>
/// Spelled-out numbers: single words in the main news languages (through <see cref="NumbersAndDates"/>), and
/// English compounds up to the billions ("twenty-two", "three hundred and five", "1.5 million" is digits plus a
/// multiplier, handled by <see cref="NumberFinder"/>). <see cref="ToWords"/> writes English words, so that
/// parsing and writing round-trip.
/// </summary>
internal static class NumberWords
{
    private static readonly string[] Small =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly (string Word, long Value)[] Scales = [("billion", 1_000_000_000), ("million", 1_000_000), ("thousand", 1_000)];

    private static readonly FrozenDictionary<string, long> EnglishWords = BuildEnglish();
    private static readonly FrozenDictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> EnglishLookup = EnglishWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The value of one number word (Latin, lower case) in any of the main languages, or 0. "one" and "zero" are left
    /// out here (mostly an article or a pronoun); they count inside compounds.
    /// </summary>
    public static int ValueOf(ReadOnlySpan<char> latinLower)
    {
        if (latinLower.Length < 3)
        {
            return 0;
        }

        if (EnglishLookup.TryGetValue(latinLower, out long v) && v is > 1 and < 1000)
        {
            return (int)v;
        }

        return NumbersAndDates.NumberWordOf(latinLower);
    }

    /// <summary>True when the English word takes part in a compound number (including "one", "hundred", "thousand").</summary>
    public static bool IsEnglishPart(ReadOnlySpan<char> latinLower) => EnglishLookup.ContainsKey(latinLower);

    /// <summary>
    /// Parses an English number phrase ("twenty-two", "three hundred and five", "one million two hundred thousand");
    /// words separated by spaces or hyphens, "and" allowed after a hundred or a scale.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> phrase, out long value)
    {
        value = 0;
        long total = 0;
        long group = 0;
        bool any = false;
        bool lastWasNumber = false;
        foreach (Range r in phrase.SplitAny(' ', '-'))
        {
            ReadOnlySpan<char> w = phrase[r];
            if (w.IsEmpty)
            {
                continue;
            }

            if (w.SequenceEqual("and"))
            {
                if (!lastWasNumber)
                {
                    return false;
                }

                lastWasNumber = false;
                continue;
            }

            if (!EnglishLookup.TryGetValue(w, out long v))
            {
                return false;
            }

            any = true;
            lastWasNumber = true;
            if (v == 100)
            {
                group = (group == 0 ? 1 : group) * 100;
            }
            else if (v >= 1000)
            {
                total += (group == 0 ? 1 : group) * v;
                group = 0;
            }
            else
            {
                group += v;
            }
        }

        value = total + group;
        return any && lastWasNumber;
    }

    /// <summary>English words for <paramref name="n"/> (0 ≤ n &lt; 10¹²): "three hundred and five", "twenty-two".</summary>
    public static string ToWords(long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(n, 1_000_000_000_000);
        if (n == 0)
        {
            return "zero";
        }

        var sb = new StringBuilder();
        foreach ((string word, long value) in Scales)
        {
            if (n >= value)
            {
                Append(sb, BelowThousand((int)(n / value)));
                sb.Append(' ').Append(word);
                n %= value;
            }
        }

        if (n > 0)
        {
            if (sb.Length > 0 && n < 100)
            {
                sb.Append(" and");
            }

            Append(sb, BelowThousand((int)n));
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string words)
    {
        if (sb.Length > 0)
        {
            sb.Append(' ');
        }

        sb.Append(words);
    }

    private static string BelowThousand(int n)
    {
        var sb = new StringBuilder();
        if (n >= 100)
        {
            sb.Append(Small[n / 100]).Append(" hundred");
            n %= 100;
            if (n > 0)
            {
                sb.Append(" and ");
            }
        }

        if (n >= 20)
        {
            sb.Append(Tens[n / 10]);
            if (n % 10 > 0)
            {
                sb.Append('-').Append(Small[n % 10]);
            }
        }
        else if (n > 0 || sb.Length == 0)
        {
            sb.Append(Small[n]);
        }

        return sb.ToString();
    }

    private static FrozenDictionary<string, long> BuildEnglish()
    {
        var d = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < Small.Length; i++)
        {
            d[Small[i]] = i;
        }

        for (int i = 2; i < Tens.Length; i++)
        {
            d[Tens[i]] = i * 10;
        }

        d["hundred"] = 100;
        foreach ((string word, long value) in Scales)
        {
            d[word] = value;
        }

        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

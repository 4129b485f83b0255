using System.Collections.Frozen;
using Storymatch.Matching;

namespace Storymatch.Reading;

/// <summary>
/// Finds numbers written with digits ("1,000", "3.5", "1.5 million", "$20bn", "12-point", "20th", "5%") or words
/// ("twelve", "twenty-two", "twelve-point", "three hundred"), with their value, unit and kind. Numbers inside dates
/// (the day and year of "December 2, 2019") are the date's, not numbers of their own.
/// </summary>
internal static class NumberFinder
{
    private static readonly FrozenDictionary<string, string> CurrencyWords = Pairs(
        "dollar:USD dollars:USD usd:USD euro:EUR euros:EUR eur:EUR pound:GBP pounds:GBP sterling:GBP yuan:CNY renminbi:CNY "
        + "yen:JPY rouble:RUB roubles:RUB ruble:RUB rubles:RUB rubel:RUB hryvnia:UAH hryvnias:UAH franc:CHF francs:CHF "
        + "rupee:INR rupees:INR dolares:USD dolar:USD reais:BRL real:BRL pesos:MXN peso:MXN");

    private static readonly FrozenDictionary<string, string> MeasureWords = Pairs(
        "km:km kilometre:km kilometres:km kilometer:km kilometers:km kilometros:km kilometern:km mile:mi miles:mi "
        + "m:m metre:m metres:m meter:m meters:m metros:m kg:kg kilogram:kg kilograms:kg kilos:kg tonne:t tonnes:t ton:t tons:t "
        + "hectare:ha hectares:ha litre:l litres:l liter:l liters:l barrel:bbl barrels:bbl degrees:deg degree:deg "
        + "mw:MW gw:GW kwh:kWh hours:h hour:h minutes:min minute:min days:d day:d weeks:wk week:wk months:mo month:mo years:yr year:yr");

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CurrencyLookup = CurrencyWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> MeasureLookup = MeasureWords.GetAlternateLookup<ReadOnlySpan<char>>();

    public static List<NumberMention> Find(ArticleReading r, List<DateMention> dates)
    {
        var found = new List<NumberMention>();
        string text = r.Text;
        ReadToken[] tokens = r.Tokens;
        int di = 0;
        for (int i = 0; i < tokens.Length; i++)
        {
            ReadToken t = tokens[i];
            while (di < dates.Count && dates[di].Span.End <= t.Start)
            {
                di++;
            }

            if (di < dates.Count && dates[di].Span.Start <= t.Start)
            {
                continue; // inside a date
            }

            if (t.Has(TokenFlags.Numeric))
            {
                i = Digits(r, i, found);
            }
            else if (t.NumberWord != 0 || (NumberWords.IsEnglishPart(r.LatinOf(t)) && i + 1 < tokens.Length && IsScale(r.LatinOf(tokens[i + 1]))))
            {
                i = Words(r, i, found);
            }
        }

        return found;
    }

    private static bool IsScale(ReadOnlySpan<char> w) => w is "hundred" or "thousand" or "million" or "billion";

    private static int Digits(ArticleReading r, int i, List<NumberMention> found)
    {
        string text = r.Text;
        ReadToken[] tokens = r.Tokens;
        ReadToken t = tokens[i];
        int start = t.Start;
        if (start > 0 && char.IsLetter(text[start - 1]))
        {
            return i; // "G7", "COVID19": part of a name
        }

        // Digit groups joined by thousands or decimal separators: "1,000,000", "3.5", "1.000".
        int last = i;
        while (last + 1 < tokens.Length && tokens[last + 1].Has(TokenFlags.Numeric) && tokens[last + 1].Start == tokens[last].End + 1
            && text[tokens[last].End] is '.' or ',' && IsAllDigits(text.AsSpan(tokens[last].Start, tokens[last].Length)))
        {
            last++;
        }

        ReadOnlySpan<char> raw = text.AsSpan(start, tokens[last].End - start);
        int digitsEnd = 0;
        while (digitsEnd < raw.Length && (char.IsDigit(raw[digitsEnd]) || raw[digitsEnd] is '.' or ','))
        {
            digitsEnd++;
        }

        if (!NumbersAndDates.TryParseNumber(raw[..digitsEnd], out double value))
        {
            return last;
        }

        ReadOnlySpan<char> suffix = raw[digitsEnd..];
        string? unit = null;
        NumberKind kind = NumberKind.Count;
        int end = tokens[last].End;
        if (suffix.Length > 0)
        {
            ReadOnlySpan<char> s = suffix[0] == '-' ? suffix[1..] : suffix;
            string lower = s.ToString().ToLowerInvariant();
            if (lower is "st" or "nd" or "rd" or "th" or "e" or "er" or "eme" or "o" or "a")
            {
                kind = NumberKind.Ordinal;
            }
            else if (CurrencyLookup.TryGetValue(lower, out string? currency))
            {
                kind = NumberKind.Money;
                unit = currency;
            }
            else if (MeasureLookup.TryGetValue(lower, out string? measure))
            {
                kind = NumberKind.Measure;
                unit = measure;
            }
            else if (lower is "bn" or "b")
            {
                value *= 1e9;
            }
            else if (lower is "m" or "mn")
            {
                value *= 1e6;
            }
            else
            {
                unit = lower; // "12-point", "10-day"
            }
        }

        // A multiplier word after: "1.5 million", "20 Milliarden".
        if (last + 1 < tokens.Length && Gap(text, tokens[last], tokens[last + 1]) && MultiplierOf(r.LatinOf(tokens[last + 1])) is double mult and > 1)
        {
            value *= mult;
            last++;
            end = tokens[last].End;
        }

        // A currency sign before, a unit word after.
        char before = start > 0 ? text[start - 1] : ' ';
        int signAt = start > 1 && before == ' ' ? start - 2 : start - 1;
        if (signAt >= 0 && CurrencySign(text[signAt]) is string sign)
        {
            kind = NumberKind.Money;
            unit = sign;
            start = signAt;
        }

        if (end < text.Length && text[end] == '%')
        {
            kind = NumberKind.Percent;
            unit = "%";
            end++;
        }
        else if (last + 1 < tokens.Length && Gap(text, tokens[last], tokens[last + 1]))
        {
            ReadOnlySpan<char> next = r.LatinOf(tokens[last + 1]);
            if (next is "percent" or "prozent" or "pourcent" or "per" or "por" or "pour" or "procent" or "protsent" or "protsenta" or "protsentov")
            {
                int k = last + 1;
                if (next is "per" or "por" or "pour" && k + 1 < tokens.Length && r.LatinOf(tokens[k + 1]) is "cent" or "ciento" or "cento")
                {
                    k++;
                }
                else if (next is "per" or "por" or "pour")
                {
                    k = -1;
                }

                if (k > 0)
                {
                    kind = NumberKind.Percent;
                    unit = "%";
                    last = k;
                    end = tokens[k].End;
                }
            }
            else if (unit is null && CurrencyLookup.TryGetValue(next, out string? currency))
            {
                kind = NumberKind.Money;
                unit = currency;
                last++;
                end = tokens[last].End;
            }
            else if (unit is null && kind == NumberKind.Count && MeasureLookup.TryGetValue(next, out string? measure))
            {
                kind = NumberKind.Measure;
                unit = measure;
                last++;
                end = tokens[last].End;
            }
        }

        if (kind == NumberKind.Count && unit is null && digitsEnd == 4 && raw.Length == 4 && value is >= 1900 and <= 2100)
        {
            kind = NumberKind.Year;
        }

        found.Add(new NumberMention(new TextSpan(start, end - start), text[start..end], value, unit, kind, t.Sentence));
        return last;
    }

    private static int Words(ArticleReading r, int i, List<NumberMention> found)
    {
        string text = r.Text;
        ReadToken[] tokens = r.Tokens;
        ReadToken t = tokens[i];
        double value = t.NumberWord;
        int last = i;
        string? unit = null;

        // English compounds: "twenty two", "three hundred and five", "two million".
        int k = i;
        while (k + 1 < tokens.Length && Gap(text, tokens[k], tokens[k + 1])
            && (NumberWords.IsEnglishPart(r.LatinOf(tokens[k + 1])) || (r.LatinOf(tokens[k + 1]) is "and" && k + 2 < tokens.Length && NumberWords.IsEnglishPart(r.LatinOf(tokens[k + 2])))))
        {
            k += r.LatinOf(tokens[k + 1]) is "and" ? 2 : 1;
        }

        ReadOnlySpan<char> latin = r.LatinOf(t);
        int hyphen = latin.IndexOf('-');
        if (k > i || hyphen < 0)
        {
            string phrase = text[t.Start..tokens[k].End].ToLowerInvariant();
            if (NumberWords.TryParse(phrase, out long v))
            {
                value = v;
                last = k;
            }
        }
        else if (NumberWords.TryParse(latin, out long whole))
        {
            value = whole; // "twenty-two"
        }
        else
        {
            // "twelve-point", "zwölf-Punkte-Plan": the number word starts a compound; the rest is the unit.
            ReadOnlySpan<char> rest = latin[(hyphen + 1)..];
            int next = rest.IndexOf('-');
            unit = (next > 0 ? rest[..next] : rest).ToString();
        }

        if (last + 1 < tokens.Length && Gap(text, tokens[last], tokens[last + 1]) && MultiplierOf(r.LatinOf(tokens[last + 1])) is double mult and > 1)
        {
            value *= mult;
            last++;
        }

        NumberKind kind = NumberKind.Count;
        if (unit is null && last + 1 < tokens.Length && Gap(text, tokens[last], tokens[last + 1]))
        {
            ReadOnlySpan<char> next = r.LatinOf(tokens[last + 1]);
            if (next is "percent")
            {
                kind = NumberKind.Percent;
                unit = "%";
                last++;
            }
            else if (CurrencyLookup.TryGetValue(next, out string? currency))
            {
                kind = NumberKind.Money;
                unit = currency;
                last++;
            }
        }

        int start = t.Start;
        int end = tokens[last].End;
        found.Add(new NumberMention(new TextSpan(start, end - start), text[start..end], value, unit, kind, t.Sentence));
        return last;
    }

    private static double MultiplierOf(ReadOnlySpan<char> latin) => latin switch
    {
        "thousand" or "tausend" or "mil" or "mille" or "mila" or "tysyach" or "tysiecy" => 1e3,
        "million" or "millions" or "mio" or "millionen" or "millones" or "milioni" or "millon" or "milhoes" or "milion" or "miliony" or "milliona" or "millionov" => 1e6,
        "billion" or "billions" or "bn" or "milliarde" or "milliarden" or "mrd" or "milliard" or "milliards" or "miliardi" or "miliard" or "milliarda" or "milliardov" => 1e9,
        _ => 1,
    };

    private static string? CurrencySign(char c) => c switch
    {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "CNY",
        '₽' => "RUB",
        '₴' => "UAH",
        '₹' => "INR",
        _ => null,
    };

    private static bool Gap(string text, in ReadToken a, in ReadToken b) => b.Start == a.End + 1 && text[a.End] == ' ';

    private static bool IsAllDigits(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (!char.IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static FrozenDictionary<string, string> Pairs(string pairs)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string p in pairs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = p.IndexOf(':');
            d[p[..colon]] = p[(colon + 1)..];
        }

        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

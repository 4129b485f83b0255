using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Storymatch.Reading;

/// <summary>
/// Finds numbers and dates in display text, in a form that is the same across languages and spellings:
/// "1,000", "1.000" and "1 000" → 1000; "3,5" and "3.5" → 3.5; "1.5 million" and "1,5 Millionen" → 1500000;
/// "twelve", "zwölf" and "doce" → 12; "12-point" → 12; "March 20", "20. März", "20 de marzo", "20 марта",
/// "2023-03-20", "20.03.2023" and "3月20日" → day 03-20; weekday names in several languages → weekday.
/// </summary>
internal static partial class NumbersAndDates
{
    private static readonly FrozenDictionary<string, int> MonthNames = BuildWords(
        // Latin-script forms after transliteration and diacritic folding (so "März" → "marz", "марта" → "marta").
        ("january jan januar janvier enero gennaio janeiro styczen stycznia ocak yanvar yanvarya sichnya", 1),
        ("february feb februar fevrier febrero febbraio fevereiro luty lutego subat fevral fevralya lyutogo", 2),
        ("march mar marz maerz mars marzo marco marzec marca mart marta bereznya", 3),
        ("april apr avril abril aprile kwiecien kwietnia nisan aprel aprelya kvitnya", 4),
        ("may mai mayo maggio maio maj maja mayis maya travnya", 5),
        ("june jun juni juin junio giugno junho czerwiec czerwca haziran iyun iyunya chervnya", 6),
        ("july jul juli juillet julio luglio julho lipiec lipca temmuz iyul iyulya lypnya", 7),
        ("august aug aout agosto sierpien sierpnia agustos avgust avgusta serpnya", 8),
        ("september sep sept septembre septiembre settembre setembro wrzesien wrzesnia eylul sentyabr sentyabrya veresnya", 9),
        ("october oct oktober octobre octubre ottobre outubro pazdziernik pazdziernika ekim oktyabr oktyabrya zhovtnya", 10),
        ("november nov novembre noviembre novembro listopad listopada kasim noyabr noyabrya", 11),
        ("december dec dezember decembre diciembre dicembre dezembro grudzien grudnia aralik dekabr dekabrya grudnya", 12));

    private static readonly FrozenDictionary<string, int> WeekdayNames = BuildWords(
        ("monday montag lundi lunes lunedi segunda-feira poniedzialek pazartesi ponedelnik", 1),
        ("tuesday dienstag mardi martes martedi terca-feira wtorek sali vtornik", 2),
        ("wednesday mittwoch mercredi miercoles mercoledi quarta-feira sroda carsamba", 3),
        ("thursday donnerstag jeudi jueves giovedi quinta-feira czwartek persembe chetverg", 4),
        ("friday freitag vendredi viernes venerdi sexta-feira piatek cuma pyatnitsa", 5),
        ("saturday samstag sonnabend samedi sabado sabato sobota cumartesi subbota", 6),
        ("sunday sonntag dimanche domingo domenica niedziela pazar voskresene voskresenye", 7));

    // Small numbers spelled out (one/"ein" left out: they are mostly articles). Words that are also common
    // words elsewhere are left out too: "once" and "neuf", and Turkish "on" (10), Italian "due" (2), French
    // "cent" (100), Turkish "bin" (1000), Italian "sei" (6) and Russian "sem" (7), which English or German text
    // ("on", "due to", "per cent", "ich bin", "sei") would otherwise turn into numbers shared by every article.
    private static readonly FrozenDictionary<string, int> NumberWords = BuildWords(
        ("two zwei dos deux dois duas dwa dwie iki dva", 2),
        ("three drei tres trois tre trzy uc tri", 3),
        ("four vier cuatro quatre quattro quatro cztery dort chetyre", 4),
        ("five funf cinco cinq cinque piec bes pyat", 5),
        ("six sechs seis szesc alti shest", 6),
        ("seven sieben siete sette sete siedem yedi", 7),
        ("eight acht ocho huit otto oito osiem sekiz vosem", 8),
        ("nine neun nueve nove dziewiec dokuz devyat", 9),
        ("ten zehn diez dix dieci dez dziesiec desyat", 10),
        ("eleven elf onze undici jedenascie", 11),
        ("twelve zwolf doce douze dodici dwanascie", 12),
        ("twenty zwanzig veinte vingt venti vinte dwadziescia", 20),
        ("hundred hundert cien cento sto", 100));

    private static readonly FrozenDictionary<string, double> Multipliers = BuildMultipliers(
        ("thousand tausend mil mille mila tysiecy tysiace tysiac tysyach tysyachi", 1e3),
        ("million millions mio millionen millones milioni millon milione milhoes milhao milion miliony milionow milyon million milliona millionov", 1e6),
        ("billion billions bn milliarde milliarden mrd milliard milliards miliardi miliardo bilhoes bilhao miliard miliardy miliardow milyar milliarda milliardov", 1e9));

    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> MonthLookup = MonthNames.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> WeekdayLookup = WeekdayNames.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> NumberWordLookup = NumberWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> MultiplierLookup = Multipliers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The month (1-12) a transliterated, lower-case word names, or 0.</summary>
    public static int MonthOf(ReadOnlySpan<char> latinLower) => MonthLookup.TryGetValue(latinLower, out int m) ? m : 0;

    /// <summary>The weekday (1 = Monday … 7 = Sunday) a transliterated, lower-case word names, or 0.</summary>
    public static int WeekdayOf(ReadOnlySpan<char> latinLower) => WeekdayLookup.TryGetValue(latinLower, out int d) ? d : 0;

    /// <summary>The value of a small spelled-out number (transliterated, lower case), or 0.</summary>
    public static int NumberWordOf(ReadOnlySpan<char> latinLower) => NumberWordLookup.TryGetValue(latinLower, out int v) ? v : 0;

    /// <summary>
    /// Every number in <paramref name="display"/> with its canonical form ("1000", "3.5", "1500000"), skipping
    /// the ranges of numeric dates (which <see cref="NumericDates"/> reports).
    /// </summary>
    public static List<(string Canonical, string Label)> Numbers(string display)
    {
        var result = new List<(string, string)>();
        List<Range> dateRanges = NumericDateRanges(display);
        foreach (Match m in NumberPattern().Matches(display))
        {
            if (Overlaps(dateRanges, m.Index, m.Length))
            {
                continue;
            }

            if (!TryParseNumber(m.ValueSpan, out double value))
            {
                continue;
            }

            string label = m.Value;
            int after = m.Index + m.Length;
            (double multiplier, int wordEnd) = MultiplierAfter(display, after);
            if (multiplier > 1)
            {
                value *= multiplier;
                label = display[m.Index..wordEnd];
            }

            if (value is 0 or 1)
            {
                continue; // too common to say anything
            }

            result.Add((Canonical(value), label));
        }

        return result;
    }

    /// <summary>Dates written with digits: ISO, day.month.year, month/day/year (both readings when ambiguous), CJK.</summary>
    public static List<(int Month, int Day, string Label)> NumericDates(string display)
    {
        var result = new List<(int, int, string)>();
        foreach (Match m in IsoDate().Matches(display))
        {
            AddDate(result, Int(m.Groups[2].ValueSpan), Int(m.Groups[3].ValueSpan), m.Value);
        }

        foreach (Match m in DottedDate().Matches(display))
        {
            AddDate(result, Int(m.Groups[2].ValueSpan), Int(m.Groups[1].ValueSpan), m.Value);
        }

        foreach (Match m in SlashDate().Matches(display))
        {
            int a = Int(m.Groups[1].ValueSpan);
            int b = Int(m.Groups[2].ValueSpan);
            AddDate(result, a, b, m.Value);
            if (a != b)
            {
                AddDate(result, b, a, m.Value);
            }
        }

        foreach (Match m in CjkDate().Matches(display))
        {
            AddDate(result, Int(m.Groups[1].ValueSpan), m.Groups[2].Success ? Int(m.Groups[2].ValueSpan) : 0, m.Value);
        }

        return result;
    }

    /// <summary>The canonical text of a number: integers plainly, others to two decimals.</summary>
    public static string Canonical(double value)
    {
        if (Math.Abs(value - Math.Round(value)) < 1e-9 && Math.Abs(value) < 1e15)
        {
            return ((long)Math.Round(value)).ToString(CultureInfo.InvariantCulture);
        }

        return value.ToString("0.##", CultureInfo.InvariantCulture);
    }

    internal static bool TryParseNumber(ReadOnlySpan<char> text, out double value)
    {
        // Separators: a group of exactly three digits after a separator is a thousands group, anything else
        // after the last separator is a decimal fraction ("1.000" = 1000 in German and English news alike).
        value = 0;
        double fraction = 0;
        double scale = 1;
        bool inFraction = false;
        int groupDigits = 0;
        int i = 0;
        double whole = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int digit = CharUnicodeInfo.GetDecimalDigitValue(c);
            if (digit >= 0)
            {
                if (inFraction)
                {
                    scale /= 10;
                    fraction += digit * scale;
                }
                else
                {
                    whole = (whole * 10) + digit;
                }

                groupDigits++;
                i++;
                continue;
            }

            // A separator: look at the length of the digit run that follows.
            int run = 0;
            int j = i + 1;
            while (j < text.Length && CharUnicodeInfo.GetDecimalDigitValue(text[j]) >= 0)
            {
                run++;
                j++;
            }

            if (run == 0 || inFraction)
            {
                break;
            }

            bool isLast = j >= text.Length;
            if (run == 3 && !(isLast && (c is '.' or ',') && HasOtherSeparatorBefore(text, i, c)))
            {
                groupDigits = 0;
                i++;
                continue; // thousands separator: keep accumulating the whole part
            }

            inFraction = true;
            i++;
        }

        value = whole + fraction;
        return groupDigits > 0 || whole > 0;
    }

    private static bool HasOtherSeparatorBefore(ReadOnlySpan<char> text, int end, char separator)
    {
        // "1,234.567": the last separator differs from an earlier one, so it is the decimal point.
        for (int i = 0; i < end; i++)
        {
            if (text[i] is '.' or ',' && text[i] != separator)
            {
                return true;
            }
        }

        return false;
    }

    private static (double Multiplier, int End) MultiplierAfter(string text, int pos)
    {
        int i = pos;
        while (i < text.Length && text[i] is ' ' or '\u00A0')
        {
            i++;
        }

        int start = i;
        while (i < text.Length && char.IsLetter(text[i]))
        {
            i++;
        }

        if (i == start || i - start > 16)
        {
            return (1, pos);
        }

        Span<char> lower = stackalloc char[16];
        Span<char> latin = stackalloc char[16 * Transliterator.MaxExpansion];
        int n = text.AsSpan(start, i - start).ToLowerInvariant(lower);
        int l = Transliterator.ToLatin(lower[..n], latin);
        return MultiplierLookup.TryGetValue(latin[..l], out double m) ? (m, i) : (1, pos);
    }

    private static List<Range> NumericDateRanges(string display)
    {
        var ranges = new List<Range>();
        foreach (Regex r in new[] { IsoDate(), DottedDate(), SlashDate(), CjkDate() })
        {
            foreach (Match m in r.Matches(display))
            {
                ranges.Add(new Range(m.Index, m.Index + m.Length));
            }
        }

        return ranges;
    }

    private static bool Overlaps(List<Range> ranges, int start, int length)
    {
        foreach (Range r in ranges)
        {
            if (start < r.End.Value && r.Start.Value < start + length)
            {
                return true;
            }
        }

        return false;
    }

    private static void AddDate(List<(int, int, string)> result, int month, int day, string label)
    {
        if (month is >= 1 and <= 12 && day is >= 0 and <= 31)
        {
            result.Add((month, day, label));
        }
    }

    private static int Int(ReadOnlySpan<char> digits) => int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : -1;

    private static FrozenDictionary<string, int> BuildWords(params (string Words, int Value)[] groups)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((string words, int value) in groups)
        {
            foreach (string w in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                d.TryAdd(w, value);
            }
        }

        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, double> BuildMultipliers(params (string Words, double Value)[] groups)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach ((string words, double value) in groups)
        {
            foreach (string w in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                d.TryAdd(w, value);
            }
        }

        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }

    // A number: digit groups joined by thousands separators, optionally a decimal part. Not after a letter
    // ("COVID19", "G7" are names); a suffix is allowed ("20th", "12-point", "10km").
    [GeneratedRegex(@"(?<![\p{L}\d.,])\d+(?:[.,\u00A0\u202F']\d+)*")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)?\d\d)(?![\d])")]
    private static partial Regex DottedDate();

    [GeneratedRegex(@"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)?\d\d)(?![\d/])")]
    private static partial Regex SlashDate();

    [GeneratedRegex(@"(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?")]
    private static partial Regex CjkDate();
}

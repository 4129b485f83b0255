using System.Globalization;
using System.Text.RegularExpressions;

namespace Storymatch.Reading;

/// <summary>
/// Finds dates: a month name with a day and/or a year ("December 2, 2019", "20 March", "20 de marzo", "March 20 to
/// 22", "20-22 March", "March 2023"), numeric dates (ISO, day.month.year), weekdays ("Monday", "from Monday to
/// Wednesday") and relative days ("today", "yesterday", "next week"). Dates are resolved to calendar days against
/// the publication date where the text leaves the year or the day open: a weekday in a sentence about the future
/// ("will") is the next one, otherwise the last one; a range's end is on or after its start.
/// </summary>
internal static partial class DateFinder
{
    public static List<DateMention> Find(ArticleReading r)
    {
        var found = new List<DateMention>();
        ReadToken[] tokens = r.Tokens;
        string text = r.Text;
        DateOnly? published = r.Published is { } p ? DateOnly.FromDateTime(p.Date) : null;
        var used = new bool[tokens.Length];
        for (int i = 0; i < tokens.Length; i++)
        {
            if (used[i])
            {
                continue;
            }

            ReadToken t = tokens[i];
            if (t.Month != 0 && MonthDate(r, i, used, published) is DateMention m)
            {
                found.Add(m);
            }
            else if (t.Weekday != 0 && WeekdayDate(r, i, used, published) is DateMention w)
            {
                found.Add(w);
            }
            else if (RelativeDay(r, i, used, published) is DateMention d)
            {
                found.Add(d);
            }
        }

        foreach (Match match in IsoDate().Matches(text))
        {
            AddNumeric(r, found, match, Int(match.Groups[1].Value), Int(match.Groups[2].Value), Int(match.Groups[3].Value));
        }

        foreach (Match match in DottedDate().Matches(text))
        {
            int year = Int(match.Groups[3].Value);
            AddNumeric(r, found, match, year < 100 ? 2000 + year : year, Int(match.Groups[2].Value), Int(match.Groups[1].Value));
        }

        found.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return found;
    }

    private static void AddNumeric(ArticleReading r, List<DateMention> found, Match m, int year, int month, int day)
    {
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month))
        {
            return;
        }

        var span = new TextSpan(m.Index, m.Length);
        foreach (DateMention d in found)
        {
            if (d.Span.Overlaps(span))
            {
                return;
            }
        }

        var date = new DateOnly(year, month, day);
        found.Add(new DateMention(span, m.Value, date, date, false, Math.Max(0, r.SentenceAt(m.Index))) { Year = year, Month = month, Day = day });
    }

    private static DateMention? MonthDate(ArticleReading r, int i, bool[] used, DateOnly? published)
    {
        ReadToken[] tokens = r.Tokens;
        ReadToken t = tokens[i];
        int month = t.Month;
        int first = i;
        int last = i;
        int day = 0;
        int dayTo = 0;

        // A day before the month: "20 March", "20. März", "20 de marzo", "20-22 March".
        if (i > 0 && DayOf(r, tokens[i - 1], out int d0, out int d1) && Near(r, tokens[i - 1], t, 3))
        {
            day = d0;
            dayTo = d1;
            first = i - 1;
        }
        else if (i > 1 && r.LatinOf(tokens[i - 1]) is "de" or "del" && DayOf(r, tokens[i - 2], out d0, out d1) && Near(r, tokens[i - 2], tokens[i - 1], 1))
        {
            day = d0;
            dayTo = d1;
            first = i - 2;
        }
        else if (i + 1 < tokens.Length && DayOf(r, tokens[i + 1], out d0, out d1) && Near(r, t, tokens[i + 1], 1) && !IsYear(r, tokens[i + 1]))
        {
            // After the month: "March 20", "March 20th", "March 20-22".
            day = d0;
            dayTo = d1;
            last = i + 1;
        }

        // "from March 20 to 22", "March 20 and 21".
        if (day != 0 && dayTo == 0 && last + 2 < tokens.Length && r.LatinOf(tokens[last + 1]) is "to" or "until" or "through" or "and" or "al" or "bis" or "au"
            && DayOf(r, tokens[last + 2], out int e0, out _) && e0 > day && tokens[last + 2].Sentence == t.Sentence
            && (last + 3 >= tokens.Length || tokens[last + 3].Month == 0 || tokens[last + 3].Month == month))
        {
            dayTo = e0;
            last += 2;
        }

        int year = 0;
        if (last + 1 < tokens.Length && IsYear(r, tokens[last + 1]) && Near(r, tokens[last], tokens[last + 1], 2))
        {
            year = Value(r, tokens[last + 1]);
            last++;
        }

        if (day == 0 && year == 0)
        {
            return null; // "May", "March" alone are as often a verb as a month
        }

        // A weekday just before: "Friday March 17", "Friday, 17 March".
        int weekday = 0;
        if (first > 0 && tokens[first - 1].Weekday != 0 && Near(r, tokens[first - 1], tokens[first], 2))
        {
            first--;
            weekday = tokens[first].Weekday;
        }

        for (int k = first; k <= last; k++)
        {
            used[k] = true;
        }

        DateOnly? from = null;
        DateOnly? to = null;
        if (day == 0)
        {
            from = new DateOnly(year, month, 1);
            to = from.Value.AddMonths(1).AddDays(-1);
        }
        else
        {
            int y = year != 0 ? year : published is { } p ? NearestYear(p, month, day) : 0;
            if (y != 0 && day <= DateTime.DaysInMonth(y, month) && (dayTo == 0 || dayTo <= DateTime.DaysInMonth(y, month)))
            {
                from = new DateOnly(y, month, day);
                to = dayTo == 0 ? from : new DateOnly(y, month, dayTo);
            }
        }

        return Mention(r, first, last, from, to, relative: false, year, month, day, weekday);
    }

    private static DateMention? WeekdayDate(ArticleReading r, int i, bool[] used, DateOnly? published)
    {
        ReadToken[] tokens = r.Tokens;
        int weekday = tokens[i].Weekday;
        if (IsAmbiguousWeekday(r, i))
        {
            return null;
        }

        int first = i;
        int last = i;
        int toWeekday = 0;
        if (i + 2 < tokens.Length && r.LatinOf(tokens[i + 1]) is "to" or "until" or "through" or "and" or "bis" or "al" or "au" or "-"
            && tokens[i + 2].Weekday != 0 && tokens[i + 2].Sentence == tokens[i].Sentence)
        {
            toWeekday = tokens[i + 2].Weekday;
            last = i + 2;
        }
        else if (i + 1 < tokens.Length && tokens[i + 1].Weekday != 0 && r.Text.AsSpan(tokens[i].End, tokens[i + 1].Start - tokens[i].End).Trim().SequenceEqual("-"))
        {
            toWeekday = tokens[i + 1].Weekday;
            last = i + 1;
        }

        int direction = Direction(r, i);
        for (int k = first; k <= last; k++)
        {
            used[k] = true;
        }

        DateOnly? from = null;
        DateOnly? to = null;
        if (published is { } p)
        {
            from = Resolve(p, weekday, direction);
            to = toWeekday == 0 ? from : NextOnOrAfter(from.Value, toWeekday);
        }

        return Mention(r, first, last, from, to, relative: true, 0, 0, 0, weekday);
    }

    private static DateMention? RelativeDay(ArticleReading r, int i, bool[] used, DateOnly? published)
    {
        ReadToken[] tokens = r.Tokens;
        ReadOnlySpan<char> w = r.LatinOf(tokens[i]);
        int offset;
        switch (w)
        {
            case "today" or "heute" or "hoy" or "oggi" or "hoje" or "segodnya" or "aujourd":
                offset = 0;
                break;
            case "yesterday" or "gestern" or "ayer" or "ieri" or "ontem" or "vchera":
                offset = -1;
                break;
            case "tomorrow" or "domani" or "zavtra":
                offset = 1;
                break;
            case "week" or "month" or "year" when i > 0 && r.LatinOf(tokens[i - 1]) is "next" or "last" or "this" or "past" or "coming":
                return RelativePeriod(r, i, used, published, w);
            default:
                return null;
        }

        used[i] = true;
        DateOnly? day = published?.AddDays(offset);
        return Mention(r, i, i, day, day, relative: true, 0, 0, 0, 0);
    }

    private static DateMention? RelativePeriod(ArticleReading r, int i, bool[] used, DateOnly? published, ReadOnlySpan<char> unit)
    {
        ReadToken[] tokens = r.Tokens;
        ReadOnlySpan<char> which = r.LatinOf(tokens[i - 1]);
        int step = which is "next" or "coming" ? 1 : which is "this" ? 0 : -1;
        int first = i - 1;
        if (first > 0 && r.LatinOf(tokens[first - 1]) is "early" or "late")
        {
            first--;
        }

        for (int k = first; k <= i; k++)
        {
            used[k] = true;
        }

        DateOnly? from = null;
        DateOnly? to = null;
        if (published is { } p)
        {
            if (unit is "week")
            {
                DateOnly monday = p.AddDays(-(((int)p.DayOfWeek + 6) % 7)).AddDays(7 * step);
                from = monday;
                to = monday.AddDays(6);
            }
            else if (unit is "month")
            {
                var start = new DateOnly(p.Year, p.Month, 1).AddMonths(step);
                from = start;
                to = start.AddMonths(1).AddDays(-1);
            }
            else
            {
                from = new DateOnly(p.Year + step, 1, 1);
                to = new DateOnly(p.Year + step, 12, 31);
            }
        }

        return Mention(r, first, i, from, to, relative: true, 0, 0, 0, 0);
    }

    private static DateMention Mention(ArticleReading r, int first, int last, DateOnly? from, DateOnly? to, bool relative, int year, int month, int day, int weekday)
    {
        int start = r.Tokens[first].Start;
        int end = r.Tokens[last].End;
        return new DateMention(new TextSpan(start, end - start), r.Text[start..end], from, to, relative, r.Tokens[first].Sentence)
        {
            Year = year,
            Month = month,
            Day = day,
            Weekday = weekday,
        };
    }

    /// <summary>+1 when the sentence speaks of the future ("will", "next"), -1 otherwise.</summary>
    private static int Direction(ArticleReading r, int i)
    {
        ReadToken[] tokens = r.Tokens;
        int sentence = tokens[i].Sentence;
        if (i > 0 && r.LatinOf(tokens[i - 1]) is "last" or "past" or "previous")
        {
            return -1;
        }

        if (i > 0 && r.LatinOf(tokens[i - 1]) is "next" or "coming")
        {
            return 1;
        }

        for (int k = i; k >= 0 && tokens[k].Sentence == sentence; k--)
        {
            if (IsFutureCue(r.LatinOf(tokens[k])))
            {
                return 1;
            }
        }

        for (int k = i + 1; k < tokens.Length && tokens[k].Sentence == sentence; k++)
        {
            if (IsFutureCue(r.LatinOf(tokens[k])))
            {
                return 1;
            }
        }

        return -1;
    }

    private static bool IsFutureCue(ReadOnlySpan<char> w) => w is "will" or "shall" or "i'll" or "we'll" or "he'll" or "she'll" or "they'll" or "wird" or "werden" or "next" or "upcoming" or "scheduled" or "planned" or "due";

    private static DateOnly Resolve(DateOnly published, int weekday, int direction)
    {
        int current = ((int)published.DayOfWeek + 6) % 7 + 1; // 1 = Monday
        if (current == weekday)
        {
            return published;
        }

        int forward = (weekday - current + 7) % 7;
        return direction > 0 ? published.AddDays(forward) : published.AddDays(forward - 7);
    }

    private static DateOnly NextOnOrAfter(DateOnly from, int weekday)
    {
        int current = ((int)from.DayOfWeek + 6) % 7 + 1;
        return from.AddDays((weekday - current + 7) % 7);
    }

    private static int NearestYear(DateOnly published, int month, int day)
    {
        int best = published.Year;
        int bestDistance = int.MaxValue;
        for (int y = published.Year - 1; y <= published.Year + 1; y++)
        {
            if (day > DateTime.DaysInMonth(y, month))
            {
                continue;
            }

            int distance = Math.Abs(new DateOnly(y, month, day).DayNumber - published.DayNumber);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = y;
            }
        }

        return best;
    }

    /// <summary>"March" as a verb or a name is rare enough; "May" and Portuguese/Spanish weekday words are checked by case.</summary>
    private static bool IsAmbiguousWeekday(ArticleReading r, int i) => !r.Tokens[i].Has(TokenFlags.Capitalised) && r.LatinOf(r.Tokens[i]) is "sali" or "cuma" or "pazar";

    private static bool DayOf(ArticleReading r, in ReadToken t, out int from, out int to)
    {
        from = 0;
        to = 0;
        if (!t.Has(TokenFlags.Numeric) || t.Length > 7)
        {
            return false;
        }

        ReadOnlySpan<char> s = r.Text.AsSpan(t.Start, t.Length);
        int i = 0;
        int v = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && i < 2)
        {
            v = (v * 10) + (s[i] - '0');
            i++;
        }

        if (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            return false; // three or more digits: not a day
        }

        ReadOnlySpan<char> rest = s[i..];
        if (rest.Length > 0 && rest[0] == '-')
        {
            ReadOnlySpan<char> second = rest[1..];
            if (second.Length is 1 or 2 && int.TryParse(second, NumberStyles.None, CultureInfo.InvariantCulture, out int w) && w is >= 1 and <= 31 && w > v)
            {
                to = w;
            }
            else
            {
                return false;
            }
        }
        else if (rest.Length > 0 && !(rest is "st" or "nd" or "rd" or "th" or "er" or "e"))
        {
            return false;
        }

        from = v;
        return v is >= 1 and <= 31;
    }

    private static bool IsYear(ArticleReading r, in ReadToken t)
    {
        if (!t.Has(TokenFlags.Numeric) || t.Length != 4)
        {
            return false;
        }

        int v = Value(r, t);
        return v is >= 1900 and <= 2100;
    }

    private static int Value(ArticleReading r, in ReadToken t) =>
        int.TryParse(r.Text.AsSpan(t.Start, t.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : 0;

    /// <summary>True when only spaces and at most <paramref name="maxPunctuation"/> characters of ". ," separate the tokens.</summary>
    private static bool Near(ArticleReading r, in ReadToken a, in ReadToken b, int maxPunctuation)
    {
        int gap = b.Start - a.End;
        if (gap is < 1 or > 4)
        {
            return gap == 0 && false;
        }

        int punctuation = 0;
        foreach (char c in r.Text.AsSpan(a.End, gap))
        {
            if (c is '.' or ',')
            {
                punctuation++;
            }
            else if (c != ' ')
            {
                return false;
            }
        }

        return punctuation <= maxPunctuation && punctuation < 2;
    }

    private static int Int(string digits) => int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : -1;

    [GeneratedRegex(@"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?![\d])")]
    private static partial Regex DottedDate();
}

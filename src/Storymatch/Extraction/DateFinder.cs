using System.Globalization;
using System.Text.RegularExpressions;

namespace Storymatch.Extraction;

/// <summary>
/// Reads publication dates from the forms pages use: ISO 8601 and RFC 1123 values of meta tags and JSON-LD,
/// dates in URLs (/2019/11/19/, 2019-11-19, 20191119), and dates written in text ("November 19, 2019",
/// "19 Nov 2019", "19.11.2019"). Implausible years (before 1990 or more than a year ahead) are refused.
/// </summary>
internal static partial class DateFinder
{
    private static readonly string[] MonthNames =
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];

    [GeneratedRegex(@"(?<![0-9])(?<y>(?:19|20)[0-9]{2})[/_-](?<m>[01]?[0-9])[/_-](?<d>[0-3]?[0-9])(?![0-9])|(?<![0-9])(?<y>(?:19|20)[0-9]{2})(?<m>[01][0-9])(?<d>[0-3][0-9])(?![0-9])")]
    private static partial Regex UrlDateRegex();

    [GeneratedRegex(
        @"\b(?:(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?<d>[0-3]?[0-9])(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)[0-9]{2})" +
        @"|(?<d>[0-3]?[0-9])(?:st|nd|rd|th)?\.?\s+(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?<y>(?:19|20)[0-9]{2})" +
        @"|(?<y>(?:19|20)[0-9]{2})-(?<m>[01][0-9])-(?<d>[0-3][0-9])" +
        @"|(?<d>[0-3]?[0-9])\.(?<m>[01]?[0-9])\.(?<y>(?:19|20)[0-9]{2}))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TextDateRegex();

    /// <summary>Parses a machine-readable date value (meta content, JSON-LD, time@datetime).</summary>
    public static DateTimeOffset? ParseValue(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 100)
        {
            return null;
        }

        string v = value.Trim();

        // Unix timestamps (seconds or milliseconds) appear in some meta tags.
        if (long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out long number) && v.Length is 10 or 13)
        {
            DateTimeOffset t = v.Length == 10 ? DateTimeOffset.FromUnixTimeSeconds(number) : DateTimeOffset.FromUnixTimeMilliseconds(number);
            return Plausible(t);
        }

        // "+0000" offsets without a colon are common; DateTimeOffset wants "+00:00".
        if (v.Length > 5 && (v[^5] is '+' or '-') && v[^4..].All(char.IsAsciiDigit) && v.Contains('T', StringComparison.Ordinal))
        {
            v = v[..^2] + ":" + v[^2..];
        }

        if (DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset parsed))
        {
            return Plausible(parsed);
        }

        return FindInText(v);
    }

    /// <summary>A date in a URL path, e.g. /2019/11/19/ or -20191119-.</summary>
    public static DateTimeOffset? FromUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        Match m = UrlDateRegex().Match(url);
        return m.Success ? Make(m.Groups["y"].Value, m.Groups["m"].Value, null, m.Groups["d"].Value) : null;
    }

    /// <summary>The first date written in <paramref name="text"/> in one of the common forms.</summary>
    public static DateTimeOffset? FindInText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        foreach (Match m in TextDateRegex().Matches(text))
        {
            DateTimeOffset? d = Make(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["mon"].Value, m.Groups["d"].Value);
            if (d is not null)
            {
                return d;
            }
        }

        return null;
    }

    private static DateTimeOffset? Make(string year, string month, string? monthName, string day)
    {
        int y = int.Parse(year, CultureInfo.InvariantCulture);
        int m = string.IsNullOrEmpty(monthName)
            ? int.Parse(month, CultureInfo.InvariantCulture)
            : Array.IndexOf(MonthNames, monthName[..3].ToLowerInvariant()) + 1;
        int d = int.Parse(day, CultureInfo.InvariantCulture);
        if (m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return null;
        }

        return Plausible(new DateTimeOffset(y, m, d, 0, 0, 0, TimeSpan.Zero));
    }

    private static DateTimeOffset? Plausible(DateTimeOffset t) =>
        t.Year >= 1990 && t <= DateTimeOffset.UtcNow.AddYears(1) ? t : null;
}

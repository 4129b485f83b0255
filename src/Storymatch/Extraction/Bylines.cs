using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Storymatch.Extraction;

/// <summary>
/// Turns author fields and visible bylines into people's names. A byline often carries more than names
/// ("By TOM KRISHER, AP Auto Writer", "Troy L. Smith, Cleveland.com", "Amy Kuperinsky | NJ Advance Media"), and
/// author fields often name no person at all: an agency ("Reuters", "AFP"), the outlet itself, a desk
/// ("News Nation Bureau", "Redaktion", "Editorial") or a site account ("admin"). Those are not authors: a
/// listing of who wrote what, or a comparison of bylines, must not treat "Reuters" as a colleague of everyone.
/// </summary>
internal static partial class Bylines
{
    private const int MaxNameChars = 60;

    /// <summary>Words that make a name an organisation, a desk, a role or a placeholder (compared in lower case).</summary>
    private static readonly FrozenSet<string> NonPersonWords = FrozenSet.ToFrozenSet(
    [
        // agencies and wire services
        "reuters", "ap", "afp", "dpa", "ansa", "efe", "apa", "sda", "kna", "epd", "kyodo", "yonhap", "xinhua", "tass", "ria", "interfax",
        "pti", "ians", "ani", "upi", "bloomberg", "aap", "cna", "bernama", "antara", "anadolu", "belga", "anp", "tt", "ntb", "ritzau", "stt",
        "associated", "press", "presse", "agence", "agencia", "agenzia", "agentur", "agency", "wire", "wires", "newswire",
        // desks, roles, placeholders in several languages
        "staff", "editor", "editors", "editorial", "editorials", "redaktion", "redaktionen", "redacción", "redaccion", "rédaction", "redazione",
        "redação", "redacao", "redactie", "redakcja", "redakce", "newsroom", "desk", "bureau", "team", "admin", "administrator", "webmaster",
        "correspondent", "correspondents", "reporter", "reporters", "writer", "writers", "contributor", "contributors", "columnist",
        "guest", "anonymous", "unknown", "author", "autor", "auteur", "autore", "user", "moderator", "publisher", "board",
        // organisation words
        "news", "media", "network", "networks", "group", "inc", "ltd", "llc", "gmbh", "corp", "corporation", "company", "online", "digital",
        "magazine", "newspaper", "times", "post", "daily", "weekly", "journal", "tribune", "herald", "gazette", "radio", "tv", "television",
        "channel", "broadcasting", "service", "services", "international", "institute", "foundation", "university", "ministry", "department",
        "office", "council", "association", "society", "club", "official", "officials", "desk", "insider", "sports", "weather",
    ]);

    [GeneratedRegex(@"^\W*(?:by|written by|posted by|story by|words by|von|par|por|di|door|av|af|przez|autor(?:in)?|text|texto|testo|texte|текст|автор)\s*[:：]?\s+(?<names>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylineLineRegex();

    [GeneratedRegex(@"^\W*(?:by|von|par|por|di|door|av|text|текст|автор|autor)\s*[:：]?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylineWordRegex();

    // Single-letter conjunctions ("y", "e", "i") only in lower case: "Sarah E. Needleman" keeps its initial.
    [GeneratedRegex(@"\s*(?:,|;|\||&|\b(?:and|And|AND|und|et|og|och|en|и)\b|\s(?:y|e|i)\s|\s[-–—]\s)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex NameSeparatorRegex();

    /// <summary>
    /// The people named in an author field or byline: split into names, affiliations and roles dropped,
    /// organisations and placeholders refused. <paramref name="organisations"/> are names that are the page's
    /// publisher or site (never an author).
    /// </summary>
    public static List<string> People(string? raw, IReadOnlyCollection<string> organisations)
    {
        var names = new List<string>();
        string? text = PageMetadata.Clean(raw);
        if (text is null || text.Length > 300 || text.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            return names;
        }

        if (BylineLineRegex().Match(text) is { Success: true } m)
        {
            text = m.Groups["names"].Value;
        }

        // "Finian Cunningham. Sputnik International": a full stop after a whole word ends the name.
        string[] parts = NameSeparatorRegex().Split(SentenceCut(text));
        bool single = parts.Length == 1;
        foreach (string part in parts)
        {
            string name = part.Trim().Trim('.', ':', '-', '–', '—', '@', '(', ')').Trim();
            if (IsPerson(name, single, organisations))
            {
                name = TitleCaseIfShouted(name);
                if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    /// <summary>The names of a visible byline in the page's first lines ("By Jane Doe", "Von Jane Doe", a "By" line followed by the name), or none.</summary>
    public static List<string> FromPageLines(IReadOnlyList<string> lines, IReadOnlyCollection<string> organisations)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            if (line.Length > 120)
            {
                continue;
            }

            if (BylineWordRegex().IsMatch(line) && i + 1 < lines.Count && lines[i + 1].Length <= 120)
            {
                List<string> next = People(lines[i + 1], organisations);
                if (next.Count > 0)
                {
                    return next;
                }
            }
            else if (BylineLineRegex().IsMatch(line))
            {
                List<string> names = People(line, organisations);
                if (names.Count > 0)
                {
                    return names;
                }
            }
        }

        return [];
    }

    private static string SentenceCut(string text)
    {
        for (int i = 2; i < text.Length - 2; i++)
        {
            if (text[i] == '.' && text[i + 1] == ' ' && char.IsLetter(text[i - 1]) && char.IsLetter(text[i - 2]))
            {
                return text[..i];
            }
        }

        return text;
    }

    private static bool IsPerson(string name, bool wholeField, IReadOnlyCollection<string> organisations)
    {
        if (name.Length is < 2 or > MaxNameChars || name.Any(char.IsDigit) || name.Contains('@', StringComparison.Ordinal)
            || name.Contains("://", StringComparison.Ordinal) || name.Contains(".com", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string squeezed = Squeeze(name);
        foreach (string organisation in organisations)
        {
            string o = Squeeze(organisation);
            if (o.Length > 0 && (squeezed == o || (squeezed.Length >= 4 && o.StartsWith(squeezed, StringComparison.Ordinal))))
            {
                return false;
            }
        }

        string[] words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 5)
        {
            return false;
        }

        foreach (string w in words)
        {
            string lower = w.Trim('.', ',').ToLowerInvariant();
            if (NonPersonWords.Contains(lower) || lower.Contains("admin", StringComparison.Ordinal))
            {
                return false;
            }
        }

        // Scripts without case (CJK, Arabic, ...) cannot show capitals; there a short name is taken as it is.
        if (!words.Any(w => w.Any(char.IsUpper) || w.Any(char.IsLower)))
        {
            return name.Length <= 20;
        }

        // Names start with a capital (particles such as "de", "van", "bin" aside); one word alone only when it
        // was the whole field and is not shouted (a station code or handle is written in capitals).
        int capitalised = words.Count(w => char.IsUpper(w[0]));
        if (capitalised == 0 || words.Any(w => char.IsLower(w[0]) && w.Length > 3))
        {
            return false;
        }

        if (words.Length == 1)
        {
            return wholeField && !name.All(c => !char.IsLetter(c) || char.IsUpper(c));
        }

        return true;
    }

    private static string TitleCaseIfShouted(string name) =>
        name.Any(char.IsLower) ? name : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.ToLowerInvariant());

    private static string Squeeze(string s) => new([.. s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
}

using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Storymatch.Text;

namespace Storymatch.Extraction;

/// <summary>
/// Removes boilerplate from plain text by general rules: short lines made of interface words ("Advertisements",
/// "Share", "Print"), calls to action (comment forms, newsletter sign-ups, cookie notices), related-content and
/// comment headers, bylines, and everything after a clear end-of-article marker in the last part of the text
/// (author blurbs, "Leave a Reply", unrelated headlines). Newsletter or comment-form sentences glued to the end of
/// a paragraph go too.
/// </summary>
internal static partial class BoilerplateCleaner
{
    /// <summary>Lines longer than this are article text whatever words they contain.</summary>
    private const int MaxBoilerplateWords = 16;

    // Words that make up interface labels; a short line of nothing else is not article text.
    private static readonly FrozenSet<string> InterfaceWords = FrozenSet.ToFrozenSet(
    [
        "advertisement", "advertisements", "advertising", "ad", "ads", "advert", "adverts", "anzeige", "werbung", "publicidad", "publicité",
        "pubblicità", "publicidade", "reklama", "annons", "advertentie", "sponsored", "promoted", "share", "shares", "sharing",
        "tweet", "email", "print", "facebook", "twitter", "whatsapp", "linkedin", "pinterest", "reddit", "telegram", "messenger",
        "comments", "comment", "reply", "replies", "menu", "search", "login", "log", "in", "sign", "up", "subscribe",
        "newsletter", "close", "skip", "to", "content", "main", "home", "back", "top", "next", "previous", "prev", "more",
        "read", "continue", "reading", "show", "hide", "load", "view", "all", "copy", "link", "save", "follow", "us", "on",
        "the", "this", "article", "story", "post", "page", "x", "of", "and", "image", "photo", "video", "gallery", "play",
        "watch", "listen", "audio", "related", "posts", "articles", "stories", "tags", "topics", "categories", "category",
        "loading", "click", "here", "open", "expand", "collapse",
    ]);

    /// <summary>Lines that announce the end of the article: what follows them is comments, bios or other stories.</summary>
    [GeneratedRegex(
        @"^\W*(leave a (reply|comment)|post a comment|add a comment|join the (discussion|conversation)|what do you think\??|" +
        @"related (posts?|articles?|stories|news|content|coverage|reading)|you (may|might) also (like|be interested( in)?)|" +
        @"recommended( for you| stories| articles)?|more (stories|articles|news) from|read (more|next)|most (read|popular|viewed)|" +
        @"(about|written by|posted by) (the )?author\b.*|comments?( \(\d+\))?|\d+ comments?|(show|view|load) comments|" +
        @"sponsored (content|stories|links)|trending( now| stories)?|popular (posts|stories|articles)|further reading|more on this( story| topic)?)\W*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EndMarkerRegex();

    /// <summary>Calls to action and notices; matched anywhere in a short line.</summary>
    [GeneratedRegex(
        @"\b(sign up for (our|the)|subscribe to (our|the)|newsletters?\b.*\b(inbox|email|daily|weekly|free)|(register|sign up|subscribe) (here|now|today)\b|" +
        @"your email address will not be published|required fields are marked|we use cookies|this (web)?site uses cookies|accept (all )?cookies|" +
        @"cookie (policy|settings)|privacy policy|terms (of|and) (use|service|conditions)|all rights reserved|copyright ©|©\s*\d{4}|" +
        @"story continues below|article continues (below|after)|continue reading (below|the main story)|scroll (down )?to continue|" +
        @"click here (to|for)|(requires|needs) javascript|tell us what you think|follow us on|share this (article|story|post|page)|share on (facebook|twitter|whatsapp|linkedin)|" +
        @"enable javascript|javascript is (disabled|required)|(image|photo|video) (caption|credit|source)s?:?|getty images|" +
        @"get (our|the) (daily|weekly|free) newsletter|sent directly to your inbox|delivered (straight |directly )?to your inbox|(right |straight )?(in|to) your inbox\b.*\b(subscribe|sign up|newsletter)|" +
        @"\b(may|can) be reached at\b|have a (news )?tip\?|\bfollow (him|her|them|us) on (twitter|facebook|instagram)|like this (story|article|post)\?|" +
        @"\((image|photo|picture|pic|foto|bild|credit|source|video)s?:\s*[^)]*\)\s*$|" +
        @"^\W*(don'?t miss|must read|read also|also read|see also|lesen sie auch|lire aussi|à lire aussi|leia também|lea también|ver también|leggi anche)\W*$|" +
        @"^\W*(updated|last updated|published|posted|first published)\b[^a-z]{0,6}(at|on)?\W*\d.{0,30}$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoticeRegex();

    /// <summary>A byline: "By Jane Doe", "Written by Jane Doe", "Reporting by ...", a short line naming people.</summary>
    [GeneratedRegex(
        @"^\W*(?i:by|written by|posted by|reporting by|editing by|reported by|additional reporting by|author:?|words by|story by)\s+\p{Lu}[\p{L}.'’-]*(\s+(\p{Lu}[\p{L}.'’-]*|and|&|de|van|von|da|di|del|bin)){0,5}\W*$",
        RegexOptions.CultureInvariant)]
    private static partial Regex BylineRegex();

    /// <summary>A line that is only a date, a time, or a media duration ("March 16, 202300:39", "02:15").</summary>
    [GeneratedRegex(
        @"^\W*((\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?,?\s*\d{4}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})?\s*(\d{1,2}:\d{2}(:\d{2})?\s*(am|pm)?)?\s*(\p{Lu}{2,4})?\W*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateOnlyRegex();

    /// <summary>True when <paramref name="line"/>, on its own, is boilerplate rather than article text.</summary>
    public static bool IsBoilerplateLine(string line)
    {
        ReadOnlySpan<char> trimmed = line.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return true;
        }

        int words = WordTokenizer.Count(trimmed);
        if (words > MaxBoilerplateWords)
        {
            return false;
        }

        string text = trimmed.ToString();
        if (words == 0 || (DateOnlyRegex().IsMatch(text) && HasDigit(text)))
        {
            return true;
        }

        return EndMarkerRegex().IsMatch(text) || BylineRegex().IsMatch(text) || OnlyInterfaceWords(text) || NoticeRegex().IsMatch(text);
    }

    /// <summary>
    /// A paragraph without the boilerplate sentences at its start or end ("Have a tip? Jane Doe may be reached at
    /// ...", "Follow her on Twitter."); empty when every sentence of it is boilerplate.
    /// </summary>
    public static string TrimParagraph(string paragraph) => TrimBoilerplateSentences(paragraph);

    /// <summary>True for a line after which the rest of a text is not article (comment forms, related lists, bios).</summary>
    public static bool IsEndMarker(string line)
    {
        string t = line.Trim();
        return t.Length > 0 && WordTokenizer.Count(t) <= MaxBoilerplateWords && (EndMarkerRegex().IsMatch(t) || BylineRegex().IsMatch(t));
    }

    /// <summary>
    /// Cleans plain text: drops boilerplate lines, boilerplate sentences at the start or end of a paragraph, and
    /// everything after an end-of-article marker found in the last part of the text. Paragraphs stay separated by
    /// blank lines.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<string> lines = [.. text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
        int total = lines.Sum(l => l.Length);

        // An end marker only ends the article when most of the text is already behind it.
        int end = lines.Count;
        int seen = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            if (seen >= 0.5 * total && IsEndMarker(lines[i]))
            {
                end = i;
                break;
            }

            seen += lines[i].Length;
        }

        var kept = new List<string>();
        for (int i = 0; i < end; i++)
        {
            string line = lines[i];
            if (IsBoilerplateLine(line) || IsFragment(line, i, end))
            {
                continue;
            }

            string trimmed = TrimBoilerplateSentences(line);
            if (trimmed.Length > 0)
            {
                kept.Add(trimmed);
            }
        }

        return string.Join("\n\n", kept);
    }

    /// <summary>A word or two of lower-case text on a line of its own at the very start or end: a torn-off label.</summary>
    private static bool IsFragment(string line, int index, int count)
    {
        if (index > 1 && index < count - 2)
        {
            return false;
        }

        int words = WordTokenizer.Count(line);
        return words <= 2 && line.Length <= 20 && !char.IsUpper(line[0]) && !char.IsDigit(line[0]);
    }

    private static string TrimBoilerplateSentences(string line)
    {
        if (WordTokenizer.Count(line) <= MaxBoilerplateWords)
        {
            return line;
        }

        // Sentence ends here are any ". ", "! ", "? ": boilerplate glued on by a scraper often starts in lower case,
        // which a proper sentence splitter would not cut.
        List<int> starts = SentenceStarts(line);
        int first = 0, last = starts.Count;
        while (first < last && IsBoilerplateLine(Sentence(line, starts, first)))
        {
            first++;
        }

        while (last > first && IsBoilerplateLine(Sentence(line, starts, last - 1)))
        {
            last--;
        }

        if (first >= last)
        {
            return "";
        }

        int end = last < starts.Count ? starts[last] : line.Length;
        return line[starts[first]..end].Trim();
    }

    private static string Sentence(string line, List<int> starts, int i) =>
        line[starts[i]..(i + 1 < starts.Count ? starts[i + 1] : line.Length)];

    private static List<int> SentenceStarts(string line)
    {
        var starts = new List<int> { 0 };
        for (int i = 1; i < line.Length - 1; i++)
        {
            if (line[i] == ' ' && line[i - 1] is '.' or '!' or '?' or '”' or '"' && (line[i - 1] is not ('”' or '"') || (i > 1 && line[i - 2] is '.' or '!' or '?')))
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static bool OnlyInterfaceWords(string text)
    {
        int words = 0;
        Span<char> buffer = stackalloc char[32];
        FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup = InterfaceWords.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (WordTokenizer.Token t in WordTokenizer.Enumerate(text))
        {
            words++;
            if (words > 8 || !lookup.Contains(Lower(t.Of(text), buffer)))
            {
                return false;
            }
        }

        return words > 0;
    }

    private static ReadOnlySpan<char> Lower(ReadOnlySpan<char> word, Span<char> buffer)
    {
        if (word.Length > buffer.Length)
        {
            return word;
        }

        int n = word.ToLowerInvariant(buffer);
        return buffer[..n];
    }

    private static bool HasDigit(string s)
    {
        foreach (char c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Collections.Frozen;

namespace Storymatch.Extraction;

/// <summary>What an element's class, id, role and itemprop say about it.</summary>
[Flags]
internal enum Cue
{
    None = 0,

    /// <summary>Main-content words: article, content, body, entry, post, story, text.</summary>
    Content = 1,

    /// <summary>Page furniture: navigation, menus, share and social bars, newsletters, cookie banners, ads, footers.</summary>
    Furniture = 2,

    /// <summary>Material that follows an article but is not part of it: comments, related articles, author bios.</summary>
    Appendix = 4,

    /// <summary>itemprop="articleBody" or a class/id that names the article body outright.</summary>
    ArticleBody = 8,
}

/// <summary>
/// Reads the words of class, id, role and itemprop attributes (split on punctuation and camelCase, so
/// "articleBody", "article-body" and "article_body" read alike) and classifies them with word lists.
/// Whole words, not substrings: "ad" must not match "header" or "download".
/// </summary>
internal static class ClassCues
{
    private static readonly FrozenSet<string> ContentWords = FrozenSet.ToFrozenSet(
    [
        "article", "articles", "content", "contents", "body", "entry", "hentry", "post", "story", "text", "main", "blog",
        "prose", "richtext", "rte", "copy", "column", "page", "news",
    ]);

    private static readonly FrozenSet<string> FurnitureWords = FrozenSet.ToFrozenSet(
    [
        "nav", "navbar", "navigation", "menu", "menus", "breadcrumb", "breadcrumbs", "pagination", "pager", "footer",
        "masthead", "topbar", "toolbar", "tools", "sidebar", "sidebars", "widget", "widgets", "share", "shares", "sharing",
        "sharebar", "social", "socials", "newsletter", "newsletters", "subscribe", "subscription", "signup", "signin", "login",
        "register", "registration", "cookie", "cookies", "consent", "gdpr", "ad", "ads", "adv", "advert", "adverts",
        "advertisement", "advertising", "adslot", "adunit", "dfp", "sponsor", "sponsored", "promo", "promos", "promotion",
        "promoted", "banner", "banners", "outbrain", "taboola", "popup", "modal", "overlay", "sticky", "skip", "print",
        "follow", "donate", "donation", "paywall", "affiliate", "rating", "poll", "survey", "hidden", "disclaimer", "copyright",
        "tags", "keywords", "caption", "credit", "credits", "byline", "dateline", "meta", "metadata", "timestamp", "toc",
        "icon", "icons", "button", "buttons", "btn", "jump", "newsletterbox", "flyout", "dropdown", "search", "feedback",
    ]);

    private static readonly FrozenSet<string> AppendixWords = FrozenSet.ToFrozenSet(
    [
        "comment", "comments", "commentlist", "disqus", "discussion", "respond", "reply", "replies", "related", "relatedposts",
        "recommend", "recommended", "recommendation", "recommendations", "popular", "trending", "mostread", "most",
        "teaser", "teasers", "carousel", "bio", "biography", "author", "authors", "about", "more", "readmore", "also",
        "next", "prev", "previous", "upnext", "further", "suggested", "latest",
    ]);

    private static readonly FrozenSet<string> ArticleBodyWords = FrozenSet.ToFrozenSet(
    [
        "articlebody", "article body", "article content", "article text", "story body", "story content", "story text",
        "post content", "post body", "post text", "entry content", "entry body", "main content", "body text", "content body",
        "article main", "articletext", "storybody", "postbody", "postcontent", "entrycontent", "bodytext", "text body",
    ]);

    /// <summary>Classifies the element's class, id, role and itemprop words.</summary>
    public static Cue Classify(string? className, string? id, string? role, string? itemProp)
    {
        Cue cue = Cue.None;
        if (itemProp is not null && itemProp.Contains("articleBody", StringComparison.OrdinalIgnoreCase))
        {
            cue |= Cue.ArticleBody | Cue.Content;
        }

        if (role is not null)
        {
            cue |= role.ToLowerInvariant() switch
            {
                "navigation" or "banner" or "contentinfo" or "menu" or "menubar" or "search" or "complementary" or "dialog" or "alert" => Cue.Furniture,
                "main" or "article" => Cue.Content,
                _ => Cue.None,
            };
        }

        cue |= ClassifyWords(className);
        cue |= ClassifyWords(id);
        return cue;
    }

    private static Cue ClassifyWords(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 400)
        {
            return Cue.None;
        }

        Cue cue = Cue.None;

        // Lower-cased words of one class name, and the last two joined by a space ("article body").
        Span<char> pair = stackalloc char[130];
        foreach (Range r in value.AsSpan().SplitAny(" \t\n\r\f"))
        {
            ReadOnlySpan<char> name = value.AsSpan()[r];
            if (name.IsEmpty || name.Length > 64)
            {
                continue;
            }

            // A class name is read as a sequence of words: "articleBody__text-2" -> article, body, text.
            int wordCount = 0, previousLength = 0, start = -1;
            for (int i = 0; i <= name.Length; i++)
            {
                char c = i < name.Length ? name[i] : '-';
                bool boundary = !char.IsLetter(c) || (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]));
                if (boundary && start >= 0)
                {
                    int length = i - start;
                    Span<char> word = pair.Slice(previousLength + 1, length);
                    name[start..i].ToLowerInvariant(word);
                    cue |= Lookup(word, wordCount == 0);
                    if (previousLength > 0 && WordCueLookup.TryGetValue(pair[..(previousLength + 1 + length)], out Cue pairCue))
                    {
                        cue |= pairCue;
                    }

                    // Keep this word as the "previous" one at the front of the buffer.
                    word.CopyTo(pair);
                    pair[length] = ' ';
                    previousLength = length;
                    wordCount++;
                    start = -1;
                }

                if (char.IsLetter(c) && start < 0)
                {
                    start = i;
                }
            }
        }

        return cue;
    }

    // One dictionary for the four lists: a single lookup per word.
    private static readonly FrozenDictionary<string, Cue> WordCues = BuildWordCues();

    private static readonly FrozenDictionary<string, Cue>.AlternateLookup<ReadOnlySpan<char>> WordCueLookup = WordCues.GetAlternateLookup<ReadOnlySpan<char>>();

    private static FrozenDictionary<string, Cue> BuildWordCues()
    {
        var map = new Dictionary<string, Cue>(StringComparer.Ordinal);
        foreach (string w in AppendixWords)
        {
            map[w] = Cue.Appendix;
        }

        foreach (string w in FurnitureWords)
        {
            map[w] = Cue.Furniture;
        }

        foreach (string w in ContentWords)
        {
            map[w] = Cue.Content;
        }

        foreach (string w in ArticleBodyWords)
        {
            map[w] = Cue.ArticleBody | Cue.Content;
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static Cue Lookup(ReadOnlySpan<char> w, bool first)
    {
        if (!WordCueLookup.TryGetValue(w, out Cue cue))
        {
            return Cue.None;
        }

        // "more" or "next" alone say little unless they lead the name ("more-stories", "next-article").
        return cue == Cue.Appendix && !first && w is "more" or "next" or "also" or "about" or "latest" or "most" ? Cue.None : cue;
    }
}

using Storymatch.Matching;

namespace Storymatch.Reading;

/// <summary>
/// Finds named entities as whole spans: runs of name words (capitalised, not function words, not months or weekdays;
/// a word capitalised only at a sentence start counts only if the article capitalises it elsewhere too, or a title
/// stands before it), with name particles allowed inside ("Lula da Silva"). A person's title at the front is cut off
/// and types the rest ("President Xi Jinping" → person "Xi Jinping"); an institution word makes an organisation
/// ("Security Council", "Senado Federal"); a known place or an upper-case dateline at a line start is a place. A lone
/// generic word ("President", "Council", "Senado") is never an entity. Hand-written: no served library recognises
/// names across the languages and scripts of news.
/// </summary>
internal static class EntityFinder
{
    public static List<EntityMention> Find(ArticleReading r)
    {
        ReadToken[] tokens = r.Tokens;
        string text = r.Text;
        var capitalisedMid = new HashSet<ulong>();
        var seenLower = new HashSet<ulong>();
        foreach (ReadToken t in tokens)
        {
            if (t.Has(TokenFlags.Capitalised))
            {
                if (!t.Has(TokenFlags.SentenceStart) && !t.Has(TokenFlags.AllCaps))
                {
                    capitalisedMid.Add(t.Exact);
                }
            }
            else if (!t.Has(TokenFlags.Numeric | TokenFlags.Unspaced))
            {
                seenLower.Add(t.Exact);
            }
        }

        var found = new List<EntityMention>();
        int i = 0;
        while (i < tokens.Length)
        {
            if (!IsNameWord(r, tokens, i, capitalisedMid, seenLower))
            {
                i++;
                continue;
            }

            // Extend the run: name words separated by one space on the same line, particles between two name words.
            int end = i + 1;
            bool caps = tokens[i].Has(TokenFlags.AllCaps);
            while (end < tokens.Length)
            {
                if (!Adjacent(text, tokens[end - 1], tokens[end]) || tokens[end].Sentence != tokens[i].Sentence)
                {
                    break;
                }

                if (IsNameWord(r, tokens, end, capitalisedMid, seenLower) && tokens[end].Has(TokenFlags.AllCaps) == caps)
                {
                    end++;
                    continue;
                }

                if (tokens[end].Has(TokenFlags.Particle) && !tokens[end].Has(TokenFlags.Capitalised) && end + 1 < tokens.Length
                    && Adjacent(text, tokens[end], tokens[end + 1]) && IsNameWord(r, tokens, end + 1, capitalisedMid, seenLower)
                    && !tokens[end + 1].Has(TokenFlags.Title | TokenFlags.Generic))
                {
                    end += 2;
                    continue;
                }

                break;
            }

            AddRun(r, i, end, found);
            i = end;
        }

        AddHanPlaces(r, found);
        found.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        ResolveShortForms(found);
        return found;
    }

    private static bool IsNameWord(ArticleReading r, ReadToken[] tokens, int i, HashSet<ulong> capitalisedMid, HashSet<ulong> seenLower)
    {
        ReadToken t = tokens[i];
        if (!t.Has(TokenFlags.Capitalised) || t.Has(TokenFlags.Numeric | TokenFlags.Unspaced) || t.Length < 2
            || t.Month != 0 || t.Weekday != 0 || t.NumberWord != 0)
        {
            return false;
        }

        if (t.Has(TokenFlags.Stop) && !t.Has(TokenFlags.Title))
        {
            return false;
        }

        if (t.Place is not null || t.Has(TokenFlags.Title))
        {
            return true;
        }

        if (t.Has(TokenFlags.AllCaps))
        {
            // Upper case is a name only for acronyms ("NATO", "AFP") and datelines; headings and shouting are not.
            return t.Length <= 5 || IsDatelineStart(r, tokens, i);
        }

        bool afterTitle = i > 0 && tokens[i - 1].Has(TokenFlags.Title);
        return afterTitle || (!seenLower.Contains(t.Exact)
            && (!t.Has(TokenFlags.SentenceStart) || capitalisedMid.Contains(t.Exact) || t.Has(TokenFlags.Generic)));
    }

    /// <summary>True when token <paramref name="i"/> begins an upper-case run at a line start that ends in a dateline mark.</summary>
    private static bool IsDatelineStart(ArticleReading r, ReadToken[] tokens, int i)
    {
        string text = r.Text;
        int first = i;
        while (first > 0 && tokens[first - 1].Has(TokenFlags.AllCaps) && Adjacent(text, tokens[first - 1], tokens[first]))
        {
            first--;
        }

        int lineStart = tokens[first].Start;
        if (lineStart > 0 && text[lineStart - 1] != '\n')
        {
            return false;
        }

        int last = i;
        while (last + 1 < tokens.Length && tokens[last + 1].Has(TokenFlags.AllCaps) && Adjacent(text, tokens[last], tokens[last + 1]))
        {
            last++;
        }

        int after = tokens[last].End;
        while (after < text.Length && text[after] == ' ')
        {
            after++;
        }

        return after < text.Length && text[after] is ',' or '(' or '-' or ':' or '/';
    }

    private static bool Adjacent(string text, in ReadToken a, in ReadToken b)
    {
        int gap = b.Start - a.End;
        if (gap == 1)
        {
            return text[a.End] == ' ';
        }

        // "Putin's adviser": the possessive was trimmed off the token; it ends the name.
        return false;
    }

    private static void AddRun(ArticleReading r, int start, int end, List<EntityMention> found)
    {
        ReadToken[] tokens = r.Tokens;
        EntityKind kind = EntityKind.Unknown;

        // A title before the run (lower case, "spokesman Wang Wenbin") or inside it ("Foreign Minister Qin Gang").
        if (start > 0 && tokens[start - 1].Has(TokenFlags.Title) && !tokens[start - 1].Has(TokenFlags.Capitalised))
        {
            kind = EntityKind.Person;
        }

        int lastTitle = -1;
        for (int k = start; k < end - 1; k++)
        {
            if (tokens[k].Has(TokenFlags.Title))
            {
                lastTitle = k;
            }
        }

        if (lastTitle >= 0)
        {
            // What stands before the title is the person's country or office ("Russian President", "Chinese Foreign
            // Minister"): places in it are mentions of their own.
            for (int k = start; k < lastTitle; k++)
            {
                if (tokens[k].Place is not null)
                {
                    AddPlaceToken(r, k, found);
                }
            }

            start = lastTitle + 1;
            kind = EntityKind.Person;
        }

        // Leading and trailing words that are not names ("Secretary", a dangling title).
        while (start < end && tokens[start].Has(TokenFlags.Particle))
        {
            start++;
        }

        while (end > start && (tokens[end - 1].Has(TokenFlags.Title | TokenFlags.Particle)))
        {
            end--;
        }

        if (end <= start)
        {
            return;
        }

        bool allGeneric = true;
        bool org = false;
        for (int k = start; k < end; k++)
        {
            if (!tokens[k].Has(TokenFlags.Generic | TokenFlags.Title | TokenFlags.Particle))
            {
                allGeneric = false;
            }

            if (tokens[k].Has(TokenFlags.OrgWord))
            {
                org = true;
            }
        }

        string? place = PlaceOfRun(r, start, end);
        if (place is null && end - start == 1 && tokens[start].Place is not null)
        {
            place = tokens[start].Place;
        }

        bool dateline = tokens[start].Has(TokenFlags.AllCaps) && IsDatelineStart(r, tokens, start);
        if (place is null && (allGeneric && (end - start == 1 || !org)))
        {
            return; // "President", "Council", "Latest Updates": common words, not a name
        }

        if (place is null && end - start > 1 && tokens[start].Place is not null && !org && kind != EntityKind.Person)
        {
            // "Russian Vladimir Putin"-like runs: the leading country word is its own mention.
            AddPlaceToken(r, start, found);
            start++;
        }

        if (place is not null || (dateline && kind != EntityKind.Person))
        {
            kind = EntityKind.Place;
        }
        else if (org && kind != EntityKind.Person)
        {
            kind = EntityKind.Organisation;
        }

        int spanStart = tokens[start].Start;
        int spanEnd = tokens[end - 1].End;
        string surface = r.Text[spanStart..spanEnd];
        string key = place is not null ? "@" + place : EntityKeys.OfName(r, start, end);
        if (key.Length == 0)
        {
            return;
        }

        found.Add(new EntityMention(new TextSpan(spanStart, spanEnd - spanStart), surface, key, kind, tokens[start].Sentence));
    }

    private static void AddPlaceToken(ArticleReading r, int k, List<EntityMention> found)
    {
        ReadToken t = r.Tokens[k];
        found.Add(new EntityMention(new TextSpan(t.Start, t.Length), r.Text.Substring(t.Start, t.Length), "@" + t.Place, EntityKind.Place, t.Sentence));
    }

    /// <summary>A well-known place written in several words ("Hong Kong", "United States"), by the words run together.</summary>
    private static string? PlaceOfRun(ArticleReading r, int start, int end)
    {
        if (end - start < 2 || end - start > 4)
        {
            return null;
        }

        Span<char> joined = stackalloc char[TextChain.LatinBufferLength];
        int n = 0;
        for (int k = start; k < end; k++)
        {
            ReadOnlySpan<char> latin = r.LatinOf(r.Tokens[k]);
            if (n + latin.Length > joined.Length)
            {
                return null;
            }

            latin.CopyTo(joined[n..]);
            n += latin.Length;
        }

        return PlaceNames.OfWhole(joined[..n]);
    }

    private static void AddHanPlaces(ArticleReading r, List<EntityMention> found)
    {
        foreach ((string canonical, string form) in PlaceNames.InHanText(r.Text))
        {
            int at = 0;
            while ((at = r.Text.IndexOf(form, at, StringComparison.Ordinal)) >= 0)
            {
                int sentence = Math.Max(0, r.SentenceAt(at));
                found.Add(new EntityMention(new TextSpan(at, form.Length), form, "@" + canonical, EntityKind.Place, sentence));
                at += form.Length;
            }
        }
    }

    /// <summary>
    /// A one-word mention that is a word of a longer name in the same article ("Kuleba" after "Dmytro Kuleba", "Xi"
    /// after "Xi Jinping") takes that name's key and kind, when exactly one longer name fits; persons' kinds spread to
    /// every mention of the same key.
    /// </summary>
    private static void ResolveShortForms(List<EntityMention> found)
    {
        for (int i = 0; i < found.Count; i++)
        {
            EntityMention m = found[i];
            if (m.Kind is EntityKind.Place or EntityKind.Organisation || m.Key.Contains(' ', StringComparison.Ordinal))
            {
                continue;
            }

            string? full = null;
            EntityKind kind = m.Kind;
            bool ambiguous = false;
            foreach (EntityMention other in found)
            {
                if (other.Kind is EntityKind.Place or EntityKind.Organisation || !EntityKeys.IsWordOf(m.Key, other.Key))
                {
                    continue;
                }

                if (full is not null && full != other.Key)
                {
                    ambiguous = true;
                    break;
                }

                full = other.Key;
                kind = other.Kind == EntityKind.Unknown ? kind : other.Kind;
            }

            if (full is not null && !ambiguous)
            {
                found[i] = m with { Key = full, Kind = kind };
            }
        }

        var persons = new HashSet<string>(StringComparer.Ordinal);
        foreach (EntityMention m in found)
        {
            if (m.Kind == EntityKind.Person)
            {
                persons.Add(m.Key);
            }
        }

        for (int i = 0; i < found.Count; i++)
        {
            if (found[i].Kind == EntityKind.Unknown && persons.Contains(found[i].Key))
            {
                found[i] = found[i] with { Kind = EntityKind.Person };
            }
        }
    }
}

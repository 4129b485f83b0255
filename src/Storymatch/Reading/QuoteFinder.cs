using System.Collections.Frozen;

namespace Storymatch.Reading;

/// <summary>
/// Finds quotations: text between double quotes (the display form has already unified “ ” « » „ “ into "), and
/// reported speech ("X said that ..."). The speaker is the name next to a speech verb just after the quote
/// ("...," Kuleba said; "...," said Kuleba), or just before it (Kuleba said: "..."); "he" or "she" stands for the
/// last person named before.
/// </summary>
internal static class QuoteFinder
{
    /// <summary>Longest quote kept: an unpaired quote mark must not swallow the article.</summary>
    private const int MaxQuoteLength = 1500;

    private static readonly FrozenSet<string> SpeechVerbs = (
        "said says say told tells added adds stated states declared announced asked wrote writes noted insisted warned "
        + "explained stressed argued claimed replied urged according recalled admitted confirmed tweeted posted "
        + "sagte sagt erklarte betonte dijo afirmo declaro anadio senalo explico aseguro dit declare affirme selon disse "
        + "afirmou declarou detto dichiarato zayavil skazal soobshchil")
        .Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> VerbLookup = SpeechVerbs.GetAlternateLookup<ReadOnlySpan<char>>();

    public static List<QuoteMention> Find(ArticleReading r, List<EntityMention> entities)
    {
        var found = new List<QuoteMention>();
        string text = r.Text;
        int open = -1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n' && open >= 0 && i + 1 < text.Length && text[i + 1] == '\n')
            {
                open = -1; // a quote does not run over a paragraph break
            }

            if (c != '"')
            {
                continue;
            }

            if (open < 0)
            {
                open = i;
                continue;
            }

            int start = open + 1;
            int length = i - start;
            open = -1;
            if (length <= 0 || length > MaxQuoteLength || text.AsSpan(start, length).IsWhiteSpace())
            {
                continue;
            }

            (string? speaker, string? key) = SpeakerAfter(r, i + 1, entities) ?? SpeakerBefore(r, open < 0 ? start - 1 : open, entities) ?? (null, null);
            var span = new TextSpan(start, length);
            found.Add(new QuoteMention(span, text.Substring(start, length).Trim(), speaker, key, Math.Max(0, r.SentenceAt(start))));
        }

        AddReportedSpeech(r, entities, found);
        found.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return found;
    }

    /// <summary>`..." X said`, `..." said X`, `..., according to X`.</summary>
    private static (string?, string?)? SpeakerAfter(ArticleReading r, int pos, List<EntityMention> entities)
    {
        ReadToken[] tokens = r.Tokens;
        int first = FirstTokenAtOrAfter(tokens, pos);
        if (first < 0 || tokens[first].Start - pos > 3)
        {
            return null;
        }

        for (int k = first; k < tokens.Length && k < first + 7; k++)
        {
            if (r.Text.AsSpan(tokens[first].Start, tokens[k].Start - tokens[first].Start).IndexOfAny(".\"!?") >= 0)
            {
                break;
            }

            if (IsSpeechVerb(r, k))
            {
                return SpeakerAround(r, k, entities, beforeLimit: pos);
            }
        }

        return null;
    }

    /// <summary>`X said: "...`, `X said, "...`.</summary>
    private static (string?, string?)? SpeakerBefore(ArticleReading r, int quoteMark, List<EntityMention> entities)
    {
        ReadToken[] tokens = r.Tokens;
        int last = LastTokenBefore(tokens, quoteMark);
        if (last < 0)
        {
            return null;
        }

        ReadOnlySpan<char> between = r.Text.AsSpan(tokens[last].End, quoteMark - tokens[last].End).Trim();
        if (between.Length > 1 || (between.Length == 1 && between[0] is not (':' or ',')))
        {
            return null;
        }

        for (int k = last; k >= 0 && k > last - 4; k--)
        {
            if (IsSpeechVerb(r, k))
            {
                return SpeakerAround(r, k, entities, beforeLimit: -1);
            }
        }

        return null;
    }

    private static (string?, string?)? SpeakerAround(ArticleReading r, int verb, List<EntityMention> entities, int beforeLimit)
    {
        ReadToken[] tokens = r.Tokens;
        ReadToken v = tokens[verb];
        EntityMention? best = null;
        foreach (EntityMention m in entities)
        {
            if (m.Kind == EntityKind.Place)
            {
                continue;
            }

            // Right after the verb ("said Kuleba", "according to Wang"), or right before it ("Kuleba said").
            if (m.Span.Start >= v.Start + v.Length && m.Span.Start - (v.Start + v.Length) <= 30 && OnlyWords(r.Text, v.Start + v.Length, m.Span.Start))
            {
                best = m;
                break;
            }

            if (m.Span.End <= v.Start && m.Span.Start >= beforeLimit && v.Start - m.Span.End <= 3 && OnlyWords(r.Text, m.Span.End, v.Start))
            {
                best = m;
            }
        }

        if (best is null && verb > 0 && r.LatinOf(tokens[verb - 1]) is "he" or "she")
        {
            foreach (EntityMention m in entities)
            {
                if (m.Span.End <= tokens[verb - 1].Start && m.Kind == EntityKind.Person)
                {
                    best = m;
                }
            }
        }

        return best is null ? null : (best.Surface, best.Key);
    }

    /// <summary>"X said that ...": the clause after "that" to the end of the sentence is X's reported speech.</summary>
    private static void AddReportedSpeech(ArticleReading r, List<EntityMention> entities, List<QuoteMention> found)
    {
        ReadToken[] tokens = r.Tokens;
        for (int k = 0; k + 1 < tokens.Length; k++)
        {
            if (!IsSpeechVerb(r, k))
            {
                continue;
            }

            int that = -1;
            for (int j = k + 1; j < tokens.Length && j <= k + 5 && tokens[j].Sentence == tokens[k].Sentence; j++)
            {
                if (r.LatinOf(tokens[j]) is "that" or "dass" or "que" or "che" or "chto")
                {
                    that = j;
                    break;
                }
            }

            if (that < 0 || that + 1 >= tokens.Length || tokens[that + 1].Sentence != tokens[k].Sentence)
            {
                continue;
            }

            (string?, string?)? speaker = SpeakerAround(r, k, entities, beforeLimit: -1);
            if (speaker is not (string surface, string key))
            {
                continue;
            }

            SentenceReading sentence = r.Sentences[tokens[k].Sentence];
            int start = tokens[that + 1].Start;
            int end = sentence.Span.End;
            while (end > start && r.Text[end - 1] is '.' or '!' or '?' or '"' or ' ')
            {
                end--;
            }

            var span = new TextSpan(start, end - start);
            if (span.Length <= 0 || found.Exists(q => q.Span.Overlaps(span)))
            {
                continue;
            }

            found.Add(new QuoteMention(span, r.Text[start..end], surface, key, tokens[k].Sentence) { Direct = false });
        }
    }

    private static bool IsSpeechVerb(ArticleReading r, int k) => !r.Tokens[k].Has(TokenFlags.Capitalised) && VerbLookup.Contains(r.LatinOf(r.Tokens[k]));

    private static bool OnlyWords(string text, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (!(char.IsLetter(text[i]) || text[i] is ' ' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static int FirstTokenAtOrAfter(ReadToken[] tokens, int pos)
    {
        int lo = 0;
        int hi = tokens.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (tokens[mid].Start < pos)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo < tokens.Length ? lo : -1;
    }

    private static int LastTokenBefore(ReadToken[] tokens, int pos)
    {
        int i = FirstTokenAtOrAfter(tokens, pos);
        return i < 0 ? tokens.Length - 1 : i - 1;
    }
}

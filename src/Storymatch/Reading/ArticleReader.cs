using Storymatch.Matching;
using Storymatch.Text;

namespace Storymatch.Reading;

/// <summary>
/// Reads an article once: display normal form, sentences, tokens through the one <see cref="TextChain"/>, then
/// entities (<see cref="EntityFinder"/>), quotes (<see cref="QuoteFinder"/>), numbers and dates
/// (<see cref="NumberFinder"/>, <see cref="DateFinder"/>). Every stage (profile, alignment, relations, comparison)
/// works from the result. Bounded: a text is read up to <see cref="MaxTextLength"/> characters.
/// </summary>
internal static class ArticleReader
{
    /// <summary>Longer texts are cut here (a page of this length is not one article).</summary>
    public const int MaxTextLength = 1 << 20;

    /// <summary>The headline is looked for among this many first lines of the body.</summary>
    private const int HeadlineSearchLines = 8;

    public static ArticleReading Read(string? title, string body, string? language, DateTimeOffset? published)
    {
        string headline = string.IsNullOrWhiteSpace(title) ? string.Empty : OneLine(TextNormalizer.NormalizeForDisplay(title));
        string display = TextNormalizer.NormalizeForDisplay(body ?? string.Empty);
        if (display.Length > MaxTextLength)
        {
            display = display[..MaxTextLength];
        }

        string text;
        TextSpan headlineSpan;
        bool inBody = false;
        if (headline.Length == 0)
        {
            text = display;
            headlineSpan = new TextSpan(0, 0);
        }
        else if (FindLine(display, headline) is int at)
        {
            text = display;
            headlineSpan = new TextSpan(at, headline.Length);
            inBody = true;
        }
        else
        {
            text = display.Length == 0 ? headline : headline + "\n\n" + display;
            headlineSpan = new TextSpan(0, headline.Length);
        }

        List<Range> ranges = SentenceSplitter.Split(text);
        var scratch = Scratch.ForThisThread();
        ReadToken[] tokens = Tokenise(text, ranges, scratch, out char[] latin);
        var sentences = new SentenceReading[ranges.Count];
        var terms = new List<string>[ranges.Count];
        for (int s = 0; s < ranges.Count; s++)
        {
            terms[s] = [];
        }

        AddTerms(text, tokens, latin, terms);
        for (int s = 0; s < ranges.Count; s++)
        {
            (int offset, int length) = ranges[s].GetOffsetAndLength(text.Length);
            var span = new TextSpan(offset, length);
            sentences[s] = new SentenceReading(s, span, text.Substring(offset, length), headlineSpan.Length > 0 && span.Overlaps(headlineSpan), terms[s]);
        }

        var partial = new ArticleReading(text, language, published, headlineSpan, inBody, sentences, [], [], [], [], tokens.Length)
        {
            Tokens = tokens,
            Latin = latin,
        };
        List<EntityMention> entities = EntityFinder.Find(partial);
        List<DateMention> dates = DateFinder.Find(partial);
        List<NumberMention> numbers = NumberFinder.Find(partial, dates);
        List<QuoteMention> quotes = QuoteFinder.Find(partial, entities);
        return new ArticleReading(text, language, published, headlineSpan, inBody, sentences, entities, quotes, numbers, dates, tokens.Length)
        {
            Tokens = tokens,
            Latin = latin,
        };
    }

    private static string OneLine(string s) => s.Contains('\n') ? string.Join(' ', s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) : s.Trim();

    /// <summary>The offset of a line of <paramref name="body"/> (among its first lines) equal to <paramref name="line"/>.</summary>
    private static int? FindLine(string body, string line)
    {
        int pos = 0;
        for (int n = 0; n < HeadlineSearchLines && pos < body.Length; n++)
        {
            int end = body.IndexOf('\n', pos);
            if (end < 0)
            {
                end = body.Length;
            }

            ReadOnlySpan<char> candidate = body.AsSpan(pos, end - pos).Trim();
            if (candidate.SequenceEqual(line))
            {
                return pos + (body.AsSpan(pos, end - pos).Length - body.AsSpan(pos, end - pos).TrimStart().Length);
            }

            pos = end + 1;
            while (pos < body.Length && body[pos] == '\n')
            {
                pos++;
            }
        }

        return null;
    }

    private static ReadToken[] Tokenise(string text, List<Range> sentences, Scratch scratch, out char[] latinBuffer)
    {
        List<ReadToken> tokens = scratch.Tokens;
        char[] latinChars = scratch.LatinChars(text.Length * 2);
        int latinUsed = 0;
        Span<char> lower = stackalloc char[TextChain.MaxTokenLength];
        Span<char> latin = stackalloc char[TextChain.LatinBufferLength];
        int sentence = 0;
        int sentenceEnd = sentences.Count > 0 ? sentences[0].End.GetOffset(text.Length) : 0;
        foreach (WordTokenizer.Token raw in WordTokenizer.Enumerate(text))
        {
            while (sentence < sentences.Count - 1 && raw.Start >= sentenceEnd)
            {
                sentence++;
                sentenceEnd = sentences[sentence].End.GetOffset(text.Length);
            }

            if (raw.Length > TextChain.MaxTokenLength)
            {
                continue;
            }

            (int start, int length) = TextChain.TrimElision(text, raw.Start, raw.Length);
            ReadOnlySpan<char> span = text.AsSpan(start, length);
            int n = TextChain.Lower(span, lower);
            ReadOnlySpan<char> lowerSpan = lower[..n];
            int l = TextChain.ToLatin(lowerSpan, latin);
            ReadOnlySpan<char> latinSpan = latin[..l];
            if (latinUsed + l > latinChars.Length)
            {
                Array.Resize(ref latinChars, Math.Max(latinChars.Length * 2, latinUsed + l));
            }

            latinSpan.CopyTo(latinChars.AsSpan(latinUsed));
            var info = new ReadToken
            {
                Start = start,
                Length = length,
                Sentence = sentence,
                Exact = TermKey.Of('x', latinSpan),
                LatinStart = latinUsed,
                LatinLength = l,
            };
            latinUsed += l;
            char first = span[0];
            if (char.IsUpper(first))
            {
                info.Flags |= TokenFlags.Capitalised;
                if (length >= 2 && !HasLower(span))
                {
                    info.Flags |= TokenFlags.AllCaps;
                }
            }

            if (IsSentenceStart(text, start))
            {
                info.Flags |= TokenFlags.SentenceStart;
            }

            if (TextChain.IsStopWord(lowerSpan))
            {
                info.Flags |= TokenFlags.Stop;
            }

            bool unspaced = TextNormalizer.IsUnspacedScriptChar(first);
            if (unspaced)
            {
                info.Flags |= TokenFlags.Unspaced;
            }
            else if (char.IsDigit(first))
            {
                info.Flags |= TokenFlags.Numeric;
            }
            else
            {
                info.Place = PlaceNames.Of(latinSpan);
                int hyphen = latinSpan.IndexOf('-');
                info.NumberWord = NumberWords.ValueOf(hyphen > 0 ? latinSpan[..hyphen] : latinSpan);
                info.Month = (byte)NumbersAndDates.MonthOf(latinSpan);
                info.Weekday = (byte)NumbersAndDates.WeekdayOf(latinSpan);
                if (Lexicon.IsTitle(latinSpan))
                {
                    info.Flags |= TokenFlags.Title;
                }

                if (Lexicon.IsOrgWord(latinSpan))
                {
                    info.Flags |= TokenFlags.OrgWord | TokenFlags.Generic;
                }
                else if (Lexicon.IsGeneric(latinSpan))
                {
                    info.Flags |= TokenFlags.Generic;
                }

                if (Lexicon.IsParticle(latinSpan))
                {
                    info.Flags |= TokenFlags.Particle;
                }
            }

            tokens.Add(info);
        }

        latinBuffer = latinChars.AsSpan(0, latinUsed).ToArray();
        ReadToken[] result = [.. tokens];
        return result;
    }

    /// <summary>Sets each content token's stem and collects the terms of each sentence.</summary>
    private static void AddTerms(string text, ReadToken[] tokens, char[] latin, List<string>[] terms)
    {
        StemPool pool = StemPool.ForThisThread();
        for (int i = 0; i < tokens.Length; i++)
        {
            ref ReadToken t = ref tokens[i];
            if (t.Has(TokenFlags.Unspaced))
            {
                // Unspaced scripts: character bigrams carry the words (a single Han character is too ambiguous).
                if (i > 0 && tokens[i - 1].Has(TokenFlags.Unspaced) && tokens[i - 1].End == t.Start && tokens[i - 1].Sentence == t.Sentence)
                {
                    t.Stem = pool.Get(text.AsSpan(tokens[i - 1].Start, t.End - tokens[i - 1].Start));
                    terms[t.Sentence].Add(t.Stem);
                }

                continue;
            }

            if (t.Has(TokenFlags.Stop | TokenFlags.Numeric) || t.LatinLength < 2)
            {
                continue;
            }

            t.Stem = pool.Get(TextChain.Stem(latin.AsSpan(t.LatinStart, t.LatinLength)));
            terms[t.Sentence].Add(t.Stem);
        }
    }

    private static bool HasLower(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (char.IsLower(c))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool IsSentenceStart(string text, int start)
    {
        int j = start - 1;
        while (j >= 0 && text[j] is ' ' or '\t' or '"' or '\'' or '(' or '[' or '-' or '*' or '\u00AB')
        {
            j--;
        }

        return j < 0 || text[j] is '.' or '!' or '?' or '\n' or ':' or ';' or '|' or '\u2022' or '\u3002';
    }

    /// <summary>Per-thread buffers reused between articles.</summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? _current;

        private char[] _latin = new char[4096];

        public List<ReadToken> Tokens { get; } = new(1024);

        public static Scratch ForThisThread()
        {
            Scratch s = _current ??= new Scratch();
            if (s.Tokens.Capacity > 1 << 16)
            {
                s.Tokens.Capacity = 1024;
            }

            s.Tokens.Clear();
            return s;
        }

        public char[] LatinChars(int want)
        {
            if (_latin.Length < want && want <= 1 << 16)
            {
                _latin = new char[want];
            }

            return _latin.Length >= want ? _latin : new char[want];
        }
    }
}

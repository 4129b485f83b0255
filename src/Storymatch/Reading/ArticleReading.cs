namespace Storymatch.Reading;

/// <summary>
/// The one reading of an article that every stage shares: its text (display normal form, headline first), its
/// sentences with their content terms, and the entities, quotes, numbers and dates it mentions. Offsets are into
/// <see cref="Text"/>; sentence numbers in mentions are 0-based indexes into <see cref="Sentences"/>.
/// </summary>
internal sealed class ArticleReading
{
    internal ArticleReading(
        string text,
        string? language,
        DateTimeOffset? published,
        TextSpan headline,
        bool headlineInBody,
        IReadOnlyList<SentenceReading> sentences,
        IReadOnlyList<EntityMention> entities,
        IReadOnlyList<QuoteMention> quotes,
        IReadOnlyList<NumberMention> numbers,
        IReadOnlyList<DateMention> dates,
        int tokenCount)
    {
        Text = text;
        Language = language;
        Published = published;
        HeadlineSpan = headline;
        HeadlineInBody = headlineInBody;
        Sentences = sentences;
        Entities = entities;
        Quotes = quotes;
        Numbers = numbers;
        Dates = dates;
        TokenCount = tokenCount;
    }

    /// <summary>
    /// Display normal form (NFKC, one form of quotes and dashes) of the headline, a blank line, then the body; when the
    /// body already carries the headline as one of its first lines, the body alone (that line is the headline).
    /// </summary>
    public string Text { get; }

    public string? Language { get; }

    public DateTimeOffset? Published { get; }

    /// <summary>Where the headline is in <see cref="Text"/> (length 0 when there is none).</summary>
    public TextSpan HeadlineSpan { get; }

    /// <summary>True when the headline is one of the body's lines (not written before the body).</summary>
    public bool HeadlineInBody { get; }

    /// <summary>The headline (empty when there is none).</summary>
    public string Headline => Text.Substring(HeadlineSpan.Start, HeadlineSpan.Length);

    /// <summary>Offset where the body starts in <see cref="Text"/>.</summary>
    public int BodyStart => HeadlineInBody || HeadlineSpan.Length == 0 ? 0 : Math.Min(Text.Length, HeadlineSpan.End + 2);

    /// <summary>The tokens read, in order (for the stages built on the reading: profile, alignment).</summary>
    internal ReadToken[] Tokens { get; init; } = [];

    /// <summary>The Latin forms of all tokens, back to back; a token's is <c>Latin[t.LatinStart..(t.LatinStart + t.LatinLength)]</c>.</summary>
    internal char[] Latin { get; init; } = [];

    /// <summary>The Latin form (lower case, transliterated) of token <paramref name="t"/>.</summary>
    internal ReadOnlySpan<char> LatinOf(in ReadToken t) => Latin.AsSpan(t.LatinStart, t.LatinLength);

    public IReadOnlyList<SentenceReading> Sentences { get; }

    public IReadOnlyList<EntityMention> Entities { get; }

    public IReadOnlyList<QuoteMention> Quotes { get; }

    public IReadOnlyList<NumberMention> Numbers { get; }

    public IReadOnlyList<DateMention> Dates { get; }

    /// <summary>Word tokens read (headline and body).</summary>
    public int TokenCount { get; }

    /// <summary>The index of the sentence holding <paramref name="offset"/>, or -1 (between sentences).</summary>
    public int SentenceAt(int offset)
    {
        int lo = 0;
        int hi = Sentences.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            TextSpan s = Sentences[mid].Span;
            if (offset < s.Start)
            {
                hi = mid - 1;
            }
            else if (offset >= s.End)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }
}

namespace Storymatch.Reading;

/// <summary>What a named entity is, where the text tells it.</summary>
internal enum EntityKind
{
    Unknown,
    Person,
    Organisation,
    Place,
}

/// <summary>A range of <see cref="ArticleReading.Text"/>.</summary>
internal readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public bool Contains(int offset) => offset >= Start && offset < End;

    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;
}

/// <summary>
/// One sentence of an article: its 0-based index, where it is, its text, whether it belongs to the headline, and its
/// content terms (stop-word-free stems, in order of appearance; see <see cref="TextChain"/>).
/// </summary>
internal sealed record SentenceReading(int Index, TextSpan Span, string Text, bool IsHeadline, IReadOnlyList<string> Terms);

/// <summary>
/// One mention of a named entity. <see cref="Key"/> is the one variant key over the whole name: equal keys mean the
/// same real-world entity (spelling variants and transliterations meet); <see cref="EntityKeys.SameEntity"/> also
/// joins a lone surname with the full name across versions.
/// </summary>
internal sealed record EntityMention(TextSpan Span, string Surface, string Key, EntityKind Kind, int Sentence);

/// <summary>A quotation and, where the text says who, its speaker (surface form and entity key).</summary>
internal sealed record QuoteMention(TextSpan Span, string Text, string? Speaker, string? SpeakerKey, int Sentence)
{
    /// <summary>True for words in quote marks; false for reported speech ("X said that ...").</summary>
    public bool Direct { get; init; } = true;
}

/// <summary>What a number counts.</summary>
internal enum NumberKind
{
    Count,
    Money,
    Percent,
    Measure,
    Ordinal,
    Year,
}

/// <summary>
/// A number as written (digits or words) with its value, its unit where one is written ("point", "km", "USD",
/// "%"), and what it counts. Numbers inside dates are not reported here.
/// </summary>
internal sealed record NumberMention(TextSpan Span, string Surface, double Value, string? Unit, NumberKind Kind, int Sentence);

/// <summary>
/// A date or date range as written, resolved to calendar days where possible (<see cref="From"/> = <see cref="To"/>
/// for a single day; null when the year or the anchor is unknown). <see cref="Relative"/> marks dates written
/// relative to the publication ("Monday", "yesterday", "next week").
/// </summary>
internal sealed record DateMention(TextSpan Span, string Surface, DateOnly? From, DateOnly? To, bool Relative, int Sentence)
{
    /// <summary>The month as written (1-12), 0 when none (a weekday or a relative day).</summary>
    public int Month { get; init; }

    /// <summary>The day of the month as written (1-31), 0 when none.</summary>
    public int Day { get; init; }

    /// <summary>The year as written, 0 when none.</summary>
    public int Year { get; init; }

    /// <summary>The weekday as written (1 = Monday … 7 = Sunday), 0 when none.</summary>
    public int Weekday { get; init; }
}

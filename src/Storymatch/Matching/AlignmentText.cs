using System.Runtime.InteropServices;
using Storymatch.Reading;
using Storymatch.Text;

namespace Storymatch.Matching;

/// <summary>
/// An article's body sentences from its reading, each reduced to its sorted, distinct term ids. Term ids come from an <see cref="AlignmentVocabulary"/> shared by the texts
/// being compared, so equal ids mean equal keys.
/// </summary>
internal sealed class AlignmentText
{
    private AlignmentText(string display, Range[] sentences, int[][] terms)
    {
        Display = display;
        SentenceRanges = sentences;
        SentenceTerms = terms;
    }

    /// <summary>The display form (<see cref="TextNormalizer.NormalizeForDisplay"/>) the sentences index into.</summary>
    public string Display { get; }

    public IReadOnlyList<Range> SentenceRanges { get; }

    /// <summary>Per sentence, its term ids: sorted, distinct.</summary>
    internal int[][] SentenceTerms { get; }

    public int SentenceCount => SentenceRanges.Count;

    public string Sentence(int index) => Display[SentenceRanges[index]];

    /// <summary>Reads and indexes <paramref name="text"/> (any form) through <see cref="ArticleReader"/>.</summary>
    public static AlignmentText Create(string text, AlignmentVocabulary vocabulary) =>
        Create(ArticleReader.Read(null, text ?? string.Empty, null, null), vocabulary);

    /// <summary>
    /// Indexes the body sentences of a reading (a headline written before the body takes no part): names by the
    /// variant key of the name (its last word for a person, so that "Kuleba" meets "Dmytro Kuleba"), numbers and
    /// dates by value, other words by the reading's stem.
    /// </summary>
    /// <param name="reading">The article's reading.</param>
    /// <param name="vocabulary">The vocabulary shared by the texts being compared.</param>
    /// <param name="allSentences">Index the headline too, so that sentence i is the reading's sentence i (the story comparison numbers sentences so).</param>
    public static AlignmentText Create(ArticleReading reading, AlignmentVocabulary vocabulary, bool allSentences = false)
    {
        var ranges = new List<Range>(reading.Sentences.Count);
        var terms = new List<int[]>(reading.Sentences.Count);
        var scratch = new List<int>(64);
        ReadToken[] tokens = reading.Tokens;
        int ti = 0;
        int ei = 0;
        int ni = 0;
        int di = 0;
        Span<char> key = stackalloc char[64];
        foreach (SentenceReading s in reading.Sentences)
        {
            while (ti < tokens.Length && tokens[ti].Start < s.Span.Start)
            {
                ti++;
            }

            if (s.IsHeadline && !reading.HeadlineInBody && !allSentences)
            {
                continue;
            }

            scratch.Clear();
            for (; ti < tokens.Length && tokens[ti].Start < s.Span.End; ti++)
            {
                ref readonly ReadToken t = ref tokens[ti];
                if (Inside(reading.Entities, ref ei, t.Start, out EntityMention? e))
                {
                    if (e!.Span.Start == t.Start)
                    {
                        string k = e.Key;
                        int space = k.LastIndexOf(' ');
                        ReadOnlySpan<char> nameKey = k.StartsWith('@') || space < 0 ? k : k.AsSpan(space + 1);
                        key[0] = '~';
                        int n = Math.Min(nameKey.Length, key.Length - 1);
                        nameKey[..n].CopyTo(key[1..]);
                        scratch.Add(vocabulary.Intern(key[..(n + 1)], TermKind.Name, e.Surface));
                    }

                    continue;
                }

                if (Inside(reading.Numbers, ref ni, t.Start, out NumberMention? num))
                {
                    if (num!.Span.Start <= t.Start && (ti == 0 || tokens[ti - 1].Start < num.Span.Start))
                    {
                        string nk = "#" + NumbersAndDates.Canonical(num.Value) + (num.Unit is null ? string.Empty : " " + num.Unit);
                        scratch.Add(vocabulary.Intern(nk, TermKind.Number, num.Surface));
                    }

                    continue;
                }

                if (Inside(reading.Dates, ref di, t.Start, out DateMention? d))
                {
                    if (ti == 0 || tokens[ti - 1].Start < d!.Span.Start)
                    {
                        string dk = d!.From is { } f
                            ? "%" + f.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + (d.To is { } to && to != f ? to.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) : string.Empty)
                            : $"%{d.Month}/{d.Day}/{d.Weekday}";
                        scratch.Add(vocabulary.Intern(dk, TermKind.Number, d.Surface));
                    }

                    continue;
                }

                if (t.Stem is not null)
                {
                    scratch.Add(vocabulary.Intern(t.Stem, TermKind.Word, t.Stem));
                }
            }

            Span<int> span = CollectionsMarshal.AsSpan(scratch);
            span.Sort();
            int distinct = 0;
            for (int i = 0; i < span.Length; i++)
            {
                if (i == 0 || span[i] != span[i - 1])
                {
                    span[distinct++] = span[i];
                }
            }

            ranges.Add(new Range(s.Span.Start, s.Span.End));
            terms.Add(span[..distinct].ToArray());
        }

        return new AlignmentText(reading.Text, [.. ranges], [.. terms]) { Reading = reading };
    }

    /// <summary>The reading the sentences come from.</summary>
    public ArticleReading? Reading { get; private init; }

    /// <summary>Advances <paramref name="index"/> over sorted mentions; true when <paramref name="offset"/> lies in the current one.</summary>
    private static bool Inside<T>(IReadOnlyList<T> mentions, ref int index, int offset, out T? mention)
        where T : class
    {
        while (index < mentions.Count && SpanOf(mentions[index]).End <= offset)
        {
            index++;
        }

        if (index < mentions.Count && SpanOf(mentions[index]).Contains(offset))
        {
            mention = mentions[index];
            return true;
        }

        mention = null;
        return false;
    }

    private static TextSpan SpanOf<T>(T mention) => mention switch
    {
        EntityMention e => e.Span,
        NumberMention n => n.Span,
        DateMention d => d.Span,
        _ => default,
    };
}

/// <summary>Interns term keys to dense ids for one comparison (or one batch of comparisons); keeps a surface form per key.</summary>
internal sealed class AlignmentVocabulary
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<TermKind> _kinds = [];
    private readonly List<string> _surfaces = [];

    public AlignmentVocabulary()
    {
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _kinds.Count;

    internal TermKind KindOf(int id) => _kinds[id];

    /// <summary>The first surface form seen for a term (for evidence).</summary>
    public string SurfaceOf(int id) => _surfaces[id];

    internal int Intern(ReadOnlySpan<char> key, TermKind kind, ReadOnlySpan<char> surface)
    {
        if (_lookup.TryGetValue(key, out int id))
        {
            return id;
        }

        id = _kinds.Count;
        _lookup[key] = id;
        _kinds.Add(kind);
        _surfaces.Add(surface.ToString());
        return id;
    }
}

/// <summary>What a sentence term is: evidence lists names and numbers separately.</summary>
internal enum TermKind : byte
{
    Word,
    Name,
    Number,
}

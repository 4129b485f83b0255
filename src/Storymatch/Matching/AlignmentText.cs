using System.Runtime.InteropServices;
using Storymatch.Text;

namespace Storymatch.Matching;

/// <summary>
/// An article's text split into sentences, each reduced to its sorted, distinct term ids (see
/// <see cref="AlignmentTerms"/>). Term ids come from an <see cref="AlignmentVocabulary"/> shared by the texts
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

    /// <summary>Splits and indexes <paramref name="text"/> (any form; it is display-normalised first).</summary>
    public static AlignmentText Create(string text, AlignmentVocabulary vocabulary)
    {
        string display = TextNormalizer.NormalizeForDisplay(text ?? string.Empty);
        return Create(display, SentenceSplitter.Split(display), vocabulary);
    }

    /// <summary>Indexes the given sentences of <paramref name="display"/> (a text already split, e.g. by the article's reading).</summary>
    public static AlignmentText Create(string display, IReadOnlyList<Range> ranges, AlignmentVocabulary vocabulary)
    {
        var terms = new int[ranges.Count][];
        var scratch = new List<int>(64);
        Span<char> key = stackalloc char[AlignmentTerms.MaxKeyLength + 1];
        for (int s = 0; s < ranges.Count; s++)
        {
            scratch.Clear();
            ReadOnlySpan<char> sentence = display.AsSpan()[ranges[s]];
            foreach (WordTokenizer.Token token in WordTokenizer.Enumerate(sentence))
            {
                for (int variant = 0; variant < 2; variant++)
                {
                    int len = AlignmentTerms.MakeKey(token.Of(sentence), variant, key, out TermKind kind);
                    if (len > 0)
                    {
                        scratch.Add(vocabulary.Intern(key[..len], kind, token.Of(sentence)));
                    }
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

            terms[s] = span[..distinct].ToArray();
        }

        return new AlignmentText(display, [.. ranges], terms);
    }
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

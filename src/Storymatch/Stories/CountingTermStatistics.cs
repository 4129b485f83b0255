using Storymatch.Matching;

namespace Storymatch.Stories;

/// <summary>
/// Document frequencies that can be seeded from storage and grow as articles arrive; remembers which terms
/// changed so that only those are written back. Not thread-safe.
/// </summary>
/// <remarks>
/// <see cref="DocumentCount"/> adds <see cref="BackgroundDocuments"/> to the documents really counted: a prior of
/// that many unseen documents that hold none of the counted terms. Without it a small store is a degenerate
/// collection (five versions of one story make every one of their words "common", so nothing looks alike);
/// with it a story's vocabulary is rare, as it is in the news at large. Once a store holds many more documents
/// than the prior, the prior no longer matters.
/// </remarks>
public sealed class CountingTermStatistics(long backgroundDocuments = CountingTermStatistics.DefaultBackgroundDocuments) : ITermStatistics
{
    /// <summary>The prior's size: the order of the collection the similarity model was fitted on (2,566 SemEval texts).</summary>
    public const long DefaultBackgroundDocuments = 1000;

    private readonly Dictionary<ulong, long> _frequencies = [];
    private readonly HashSet<ulong> _changed = [];

    /// <summary>Documents really counted (what is stored).</summary>
    public long CountedDocuments { get; private set; }

    /// <summary>The prior: unseen documents assumed to hold none of the counted terms.</summary>
    public long BackgroundDocuments { get; } = backgroundDocuments;

    /// <summary>Counted documents plus the prior: the collection size document frequencies are read against.</summary>
    public long DocumentCount => CountedDocuments + BackgroundDocuments;

    /// <summary>Number of distinct terms counted.</summary>
    public int TermCount => _frequencies.Count;

    public long DocumentFrequency(ulong term) => _frequencies.GetValueOrDefault(term);

    /// <summary>Sets a stored frequency (loading; not marked as changed).</summary>
    public void Seed(ulong term, long frequency) => _frequencies[term] = frequency;

    /// <summary>Sets the stored document count (loading).</summary>
    public void SeedDocumentCount(long count) => CountedDocuments = count;

    /// <summary>Counts one more document holding the terms of <paramref name="profile"/>.</summary>
    public void Add(ArticleProfile profile)
    {
        CountedDocuments++;
        foreach (ulong term in profile.DistinctTerms())
        {
            _frequencies[term] = _frequencies.GetValueOrDefault(term) + 1;
            _changed.Add(term);
        }
    }

    /// <summary>The terms whose frequency changed since loading (or since <see cref="ClearChanges"/>), with their frequency.</summary>
    public IEnumerable<(ulong Term, long Frequency)> Changes()
    {
        foreach (ulong term in _changed)
        {
            yield return (term, _frequencies[term]);
        }
    }

    public void ClearChanges() => _changed.Clear();
}

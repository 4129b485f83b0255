using Storymatch.Matching;

namespace Storymatch.Stories;

/// <summary>
/// Document frequencies that can be seeded from storage and grow as articles arrive; remembers which terms
/// changed so that only those are written back. Not thread-safe.
/// </summary>
public sealed class CountingTermStatistics : ITermStatistics
{
    private readonly Dictionary<ulong, long> _frequencies = [];
    private readonly HashSet<ulong> _changed = [];

    public long DocumentCount { get; private set; }

    /// <summary>Number of distinct terms counted.</summary>
    public int TermCount => _frequencies.Count;

    public long DocumentFrequency(ulong term) => _frequencies.GetValueOrDefault(term);

    /// <summary>Sets a stored frequency (loading; not marked as changed).</summary>
    public void Seed(ulong term, long frequency) => _frequencies[term] = frequency;

    /// <summary>Sets the stored document count (loading).</summary>
    public void SeedDocumentCount(long count) => DocumentCount = count;

    /// <summary>Counts one more document holding the terms of <paramref name="profile"/>.</summary>
    public void Add(ArticleProfile profile)
    {
        DocumentCount++;
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

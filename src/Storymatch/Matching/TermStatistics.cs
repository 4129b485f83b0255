namespace Storymatch.Matching;

/// <summary>
/// Document frequencies for IDF weighting: how many documents there are, and how many hold a term.
/// The story store persists its own implementation; <see cref="TermStatistics"/> is the in-memory one.
/// </summary>
internal interface ITermStatistics
{
    /// <summary>Number of documents counted.</summary>
    long DocumentCount { get; }

    /// <summary>Number of documents holding <paramref name="term"/> (a <see cref="TermKey"/>); 0 when unseen.</summary>
    long DocumentFrequency(ulong term);
}

/// <summary>In-memory document frequencies, updated incrementally as profiles arrive or leave. Not thread-safe.</summary>
internal sealed class TermStatistics : ITermStatistics
{
    private readonly Dictionary<ulong, long> _frequencies = [];

    public long DocumentCount { get; private set; }

    /// <summary>Number of distinct terms with a non-zero frequency.</summary>
    public int TermCount => _frequencies.Count;

    /// <summary>Statistics over <paramref name="profiles"/>.</summary>
    public static TermStatistics From(IEnumerable<ArticleProfile> profiles)
    {
        var stats = new TermStatistics();
        foreach (ArticleProfile p in profiles)
        {
            stats.Add(p);
        }

        return stats;
    }

    public long DocumentFrequency(ulong term) => _frequencies.GetValueOrDefault(term);

    /// <summary>Counts one more document holding the terms of <paramref name="profile"/>.</summary>
    public void Add(ArticleProfile profile)
    {
        DocumentCount++;
        foreach (ulong term in profile.DistinctTerms())
        {
            _frequencies[term] = _frequencies.GetValueOrDefault(term) + 1;
        }
    }

    /// <summary>Forgets a document previously <see cref="Add"/>ed (for example one that was replaced).</summary>
    public void Remove(ArticleProfile profile)
    {
        if (DocumentCount == 0)
        {
            return;
        }

        DocumentCount--;
        foreach (ulong term in profile.DistinctTerms())
        {
            long df = _frequencies.GetValueOrDefault(term);
            if (df <= 1)
            {
                _frequencies.Remove(term);
            }
            else
            {
                _frequencies[term] = df - 1;
            }
        }
    }
}

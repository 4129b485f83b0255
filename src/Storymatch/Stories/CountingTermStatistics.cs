using System.Runtime.InteropServices;
using Storymatch.Matching;
using Storymatch.Storage;

namespace Storymatch.Stories;

/// <summary>
/// Document frequencies read from a store on demand (only the terms of the articles at hand, in batched
/// queries) and counted as articles arrive; the increments are written back as increments, so two writers
/// never lose each other's counts. Not thread-safe.
/// </summary>
/// <remarks>
/// <see cref="DocumentCount"/> adds <see cref="BackgroundDocuments"/> to the documents really counted: a prior of
/// that many unseen documents that hold none of the counted terms. Without it a small store is a degenerate
/// collection (five versions of one story make every one of their words "common", so nothing looks alike);
/// with it a story's vocabulary is rare, as it is in the news at large. Once a store holds many more documents
/// than the prior, the prior no longer matters.
/// </remarks>
internal sealed class CountingTermStatistics(long backgroundDocuments = CountingTermStatistics.DefaultBackgroundDocuments) : ITermStatistics
{
    /// <summary>The prior's size: the order of the collection the similarity model was fitted on (2,566 SemEval texts).</summary>
    public const long DefaultBackgroundDocuments = 1000;

    /// <summary>Cached terms above which <see cref="TrimCache"/> forgets the cache (it is reloaded on demand).</summary>
    public const int MaxCachedTerms = 4_000_000;

    private readonly Dictionary<ulong, long> _frequencies = [];
    private readonly Dictionary<ulong, long> _pending = [];
    private readonly List<ulong> _missing = [];
    private readonly Dictionary<ulong, long> _batch = [];
    private long _pendingDocuments;

    /// <summary>Documents really counted (what is stored plus what is pending).</summary>
    public long CountedDocuments { get; private set; }

    /// <summary>The prior: unseen documents assumed to hold none of the counted terms.</summary>
    public long BackgroundDocuments { get; } = backgroundDocuments;

    /// <summary>Counted documents plus the prior: the collection size document frequencies are read against.</summary>
    public long DocumentCount => CountedDocuments + BackgroundDocuments;

    /// <summary>Number of distinct terms known (cached or counted).</summary>
    public int TermCount => _frequencies.Count;

    /// <summary>The frequency of a term: counted here, or loaded by <see cref="Prefetch"/> (0 for a term never loaded).</summary>
    public long DocumentFrequency(ulong term) => _frequencies.GetValueOrDefault(term);

    /// <summary>Sets a stored frequency (loading; not counted as a change).</summary>
    public void Seed(ulong term, long frequency) => _frequencies[term] = frequency;

    /// <summary>Sets the stored document count (loading).</summary>
    public void SeedDocumentCount(long count) => CountedDocuments = count + _pendingDocuments;

    /// <summary>
    /// Loads from <paramref name="store"/> the frequencies of every term of <paramref name="profiles"/> not yet
    /// known here, in a few batched queries; the document count is refreshed too.
    /// </summary>
    public void Prefetch(IStoreSession store, IEnumerable<ArticleProfile> profiles)
    {
        _missing.Clear();
        foreach (ArticleProfile profile in profiles)
        {
            foreach (ulong term in profile.DistinctTerms())
            {
                if (_frequencies.TryAdd(term, 0))
                {
                    _missing.Add(term);
                }
            }
        }

        LoadMissing(store);
        SeedDocumentCount(store.TermDocuments());
    }

    /// <summary>Reads the stored frequencies of the terms in <see cref="_missing"/> (pending counts stay on top).</summary>
    private void LoadMissing(IStoreSession store)
    {
        if (_missing.Count == 0)
        {
            return;
        }

        long[] df = new long[_missing.Count];
        store.TermFrequencies(CollectionsMarshal.AsSpan(_missing), df);
        for (int i = 0; i < df.Length; i++)
        {
            _frequencies[_missing[i]] = df[i] + _pending.GetValueOrDefault(_missing[i]);
        }
    }

    /// <summary>
    /// Counts a batch of documents: their terms are tallied once per batch, the frequencies of terms not known yet
    /// are read from <paramref name="store"/> in a few queries, and the tallies are added on top (one dictionary
    /// update per distinct term of the batch, not per term of each document).
    /// </summary>
    public void AddBatch(IStoreSession store, IReadOnlyList<ArticleProfile> profiles)
    {
        _batch.Clear();
        foreach (ArticleProfile profile in profiles)
        {
            Tally(profile.Words.Keys);
            Tally(profile.Entities.Keys);
            Tally(profile.Numbers.Keys);
            Tally(profile.Dates.Keys);
            Tally(profile.Grams.Keys);
            Tally(profile.PivotOnly);
        }

        _missing.Clear();
        foreach (ulong term in _batch.Keys)
        {
            if (!_frequencies.ContainsKey(term))
            {
                _missing.Add(term);
            }
        }

        LoadMissing(store);
        foreach ((ulong term, long count) in _batch)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_frequencies, term, out _) += count;
            CollectionsMarshal.GetValueRefOrAddDefault(_pending, term, out _) += count;
        }

        _pendingDocuments += profiles.Count;
        SeedDocumentCount(store.TermDocuments());
    }

    private void Tally(ulong[] keys)
    {
        foreach (ulong key in keys)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_batch, key, out _)++;
        }
    }

    /// <summary>Counts one more document holding the terms of <paramref name="profile"/>.</summary>
    public void Add(ArticleProfile profile)
    {
        CountedDocuments++;
        _pendingDocuments++;
        foreach (ulong term in profile.DistinctTerms())
        {
            _frequencies[term] = _frequencies.GetValueOrDefault(term) + 1;
            _pending[term] = _pending.GetValueOrDefault(term) + 1;
        }
    }

    /// <summary>The counts added since loading (or the last <see cref="ClearChanges"/>): term and increment.</summary>
    public IEnumerable<KeyValuePair<ulong, long>> Changes() => _pending;

    /// <summary>Documents added since the last <see cref="ClearChanges"/>.</summary>
    public long PendingDocuments => _pendingDocuments;

    /// <summary>Writes the pending increments to <paramref name="work"/> (df += increment: safe beside other writers).</summary>
    public void Flush(IUnitOfWork work)
    {
        work.AddTermFrequencies(_pending, _pendingDocuments);
        ClearChanges();
    }

    public void ClearChanges()
    {
        _pending.Clear();
        _pendingDocuments = 0;
    }

    /// <summary>Forgets everything loaded (another writer changed the store); pending counts must be flushed first.</summary>
    public void Reset()
    {
        _frequencies.Clear();
        _pending.Clear();
        _pendingDocuments = 0;
        CountedDocuments = 0;
    }

    /// <summary>Forgets the cache when it holds more than <see cref="MaxCachedTerms"/> terms and nothing is pending.</summary>
    public void TrimCache()
    {
        if (_frequencies.Count > MaxCachedTerms && _pending.Count == 0)
        {
            _frequencies.Clear();
            _frequencies.TrimExcess();
        }
    }
}

namespace Storymatch.Stories;

/// <summary>
/// What story clustering needs from the similarity stage: a profile per article, the "same story" score of two
/// profiles, and the profile's distinctive keys for the candidate index. Kept small so that clustering does not
/// depend on how the similarity is computed.
/// </summary>
/// <typeparam name="TProfile">The per-article profile (built once, scored many times).</typeparam>
internal interface IStoryModel<TProfile>
    where TProfile : class
{
    /// <summary>Builds the profile of an article.</summary>
    TProfile Profile(Article article);

    /// <summary>The "same story" score of two profiles, in [0, 1].</summary>
    double Score(TProfile a, TProfile b);

    /// <summary>
    /// The score when it is at least <paramref name="floor"/>; below that the model may return any value below
    /// <paramref name="floor"/> (an upper bound it got cheaply). The default scores in full.
    /// </summary>
    double ScoreAtLeast(TProfile a, TProfile b, double floor) => Score(a, b);

    /// <summary>Least score for an article to join a story (the model's own scale).</summary>
    double JoinThreshold { get; }

    /// <summary>
    /// Adds the profile's index keys (hashes of its terms and entities) with their weight in the profile to
    /// <paramref name="keys"/>; the clusterer keeps the most distinctive ones. Keys must be distinct.
    /// </summary>
    void CollectKeys(TProfile profile, List<WeightedKey> keys);
}

/// <summary>An index key (hash of a term or entity) and its weight in one article.</summary>
internal readonly record struct WeightedKey(ulong Key, float Weight);

using Storymatch.Matching;

namespace Storymatch.Stories;

/// <summary>
/// The story model over the similarity stage: <see cref="ArticleProfile"/> per article,
/// <see cref="StorySimilarity"/> as the "same story" score, and the profile's entities and content words as
/// index keys. Document frequencies grow with every article profiled through <see cref="Profile"/>.
/// </summary>
public sealed class ProfileStoryModel(CountingTermStatistics statistics) : IStoryModel<ArticleProfile>
{
    /// <summary>
    /// Least <see cref="StorySimilarity"/> score to join a story. The same threshold that makes a pair "same story"
    /// in <see cref="RelationClassifier"/>: a story is a set of versions that pairwise would be called the same story.
    /// </summary>
    public const double DefaultJoinThreshold = RelationClassifier.SameStoryThreshold;

    // Entities find a story best (names survive rewriting and translation); words make up for texts without names.
    private const float EntityKeyBoost = 2f;

    public ProfileStoryModel()
        : this(new CountingTermStatistics())
    {
    }

    public CountingTermStatistics Statistics { get; } = statistics;

    public double JoinThreshold { get; init; } = DefaultJoinThreshold;

    public ArticleProfile Profile(Article article)
    {
        ArticleProfile profile = ArticleProfile.FromArticle(article);
        Statistics.Add(profile);
        return profile;
    }

    public double Score(ArticleProfile a, ArticleProfile b) => StorySimilarity.Score(a, b, Statistics).Score;

    public void CollectKeys(ArticleProfile profile, List<WeightedKey> keys)
    {
        AddKeys(profile.Entities, EntityKeyBoost, keys);
        AddKeys(profile.Words, 1f, keys);
    }

    /// <summary>The story match of two profiles with the shared entities, numbers and dates as evidence.</summary>
    public static StoryMatch Match(ArticleProfile a, ArticleProfile b, ITermStatistics statistics)
    {
        SimilarityBreakdown breakdown = StorySimilarity.Score(a, b, statistics);
        return new StoryMatch(
            breakdown.Score,
            Labels(StorySimilarity.Shared(a.Entities, b.Entities, statistics)),
            Labels(StorySimilarity.Shared(a.Numbers, b.Numbers, statistics)),
            Labels(StorySimilarity.Shared(a.Dates, b.Dates, statistics)));
    }

    private static List<string> Labels(List<SharedTerm> shared) =>
        [.. shared.Select(t => string.Equals(t.InA, t.InB, StringComparison.Ordinal) ? t.InA : $"{t.InA} ~ {t.InB}")];

    private static void AddKeys(SparseVector vector, float boost, List<WeightedKey> keys)
    {
        for (int i = 0; i < vector.Count; i++)
        {
            keys.Add(new WeightedKey(vector.Keys[i], boost * vector.Weights[i]));
        }
    }
}

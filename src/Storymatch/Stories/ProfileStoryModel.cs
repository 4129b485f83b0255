using Storymatch.Matching;

namespace Storymatch.Stories;

/// <summary>
/// The story model over the similarity stage: a <see cref="WeightedProfile"/> per article (its
/// <see cref="ArticleProfile"/> weighed once with the document frequencies of the moment, so that scoring a
/// candidate is only merges), <see cref="StorySimilarity"/> as the "same story" score, and the profile's entities
/// and content words as index keys. Document frequencies grow with every article profiled through <see cref="Profile"/>.
/// </summary>
internal sealed class ProfileStoryModel(CountingTermStatistics statistics) : IStoryModel<WeightedProfile>
{
    /// <summary>
    /// Least score to join a story: the similarity model's score for an estimated SemEval "Overall" of 2.25, a
    /// quarter point stricter than its pairwise "same story" cut (2.5, <see cref="SimilarityModel.SameStoryThreshold"/>),
    /// toward "somewhat similar" (2). A story grows one article at a time against a few of its members, so articles
    /// about the same people but another event must not chain into it (about 0.73).
    /// </summary>
    public static readonly double DefaultJoinThreshold = SimilarityModel.Squash(-2.25, SimilarityModel.Centre, SimilarityModel.Scale);

    /// <summary>Fewest words (title and text) an article needs to join a story or be joined.</summary>
    public const int MinTokensToJoin = 4;

    /// <summary>
    /// Least distinctive content two articles must share to be one story (<see cref="StorySimilarity.DistinctShared"/>:
    /// IDF above the bar, summed over shared pivot words and half over shared entities). Many common words or a
    /// phonetic look-alike name alone stay below it. On the SemEval development pairs about 6 % of pairs labelled
    /// the same story (Overall ≤ 1.5) fall below 1.0, mostly pairs across scripts; 0.5 keeps most of them.
    /// </summary>
    public const double MinDistinctShared = 0.5;

    /// <summary>Taken off the score of two articles whose dates name different months (see <see cref="ArticleProfile.DatesConflict"/>).</summary>
    public const double DateConflictPenalty = 0.15;

    // Entities find a story best (names survive rewriting and translation); words make up for texts without names.
    private const float EntityKeyBoost = 2f;

    public ProfileStoryModel()
        : this(new CountingTermStatistics())
    {
    }

    public CountingTermStatistics Statistics { get; } = statistics;

    public double JoinThreshold { get; init; } = DefaultJoinThreshold;

    public WeightedProfile Profile(Article article)
    {
        ArticleProfile profile = ArticleProfile.FromArticle(article);
        Statistics.Add(profile);
        return WeightedProfile.Create(profile, Statistics);
    }

    /// <summary>Weighs an already counted profile (a stored story's member being restored).</summary>
    public WeightedProfile Weigh(ArticleProfile profile) => WeightedProfile.Create(profile, Statistics);

    /// <summary>
    /// The story score; 0 when either text has fewer than <see cref="MinTokensToJoin"/> words (one word or a bare
    /// name is no evidence of the same story, however well it matches).
    /// </summary>
    public double Score(WeightedProfile a, WeightedProfile b) =>
        !CanJoin(a, b) ? 0 : Math.Max(0, StorySimilarity.Score(a, b).Score - DatePenalty(a, b));

    public double ScoreAtLeast(WeightedProfile a, WeightedProfile b, double floor)
    {
        if (!CanJoin(a, b))
        {
            return 0;
        }

        double penalty = DatePenalty(a, b);
        return Math.Max(0, StorySimilarity.ScoreAtLeast(a, b, floor + penalty) - penalty);
    }

    /// <summary>
    /// What dates of two different events take off the score (<see cref="ArticleProfile.DatesConflict"/>): a weight,
    /// not a wall, as large as the time weight's (a very close match, a copy, still joins).
    /// </summary>
    private static double DatePenalty(WeightedProfile a, WeightedProfile b) =>
        ArticleProfile.DatesConflict(a.Profile, b.Profile) ? DateConflictPenalty : 0;

    /// <summary>Enough words on both sides and enough distinctive content shared for the score to mean "same story".</summary>
    private static bool CanJoin(WeightedProfile a, WeightedProfile b) =>
        a.Profile.TokenCount >= MinTokensToJoin && b.Profile.TokenCount >= MinTokensToJoin
        && StorySimilarity.DistinctShared(a, b) >= MinDistinctShared;

    public void CollectKeys(WeightedProfile profile, List<WeightedKey> keys)
    {
        AddKeys(profile.Profile.Entities, EntityKeyBoost, keys);
        AddKeys(profile.Profile.Words, 1f, keys);
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

namespace Storymatch.Matching;

/// <summary>How similar two articles are, and why: the score and the features it combines, each in [0, 1].</summary>
/// <param name="Score">The "same story" score in [0, 1].</param>
/// <param name="Lexical">TF-IDF cosine of the content words (title weighted up).</param>
/// <param name="Title">TF-IDF cosine of the titles; when a title is missing, of one title against the other's words.</param>
/// <param name="Entities">IDF-weighted cosine of the named entities, variant spellings merged.</param>
/// <param name="Numbers">IDF-weighted cosine of the numbers.</param>
/// <param name="Dates">IDF-weighted cosine of the dates (day and month, month, weekday).</param>
/// <param name="Grams">IDF-weighted cosine of the character n-grams of the transliterated words.</param>
/// <param name="CrossLanguage">True when the articles are in different languages (see <see cref="StorySimilarity.IsCrossLanguage"/>).</param>
/// <param name="Pivot">TF-IDF cosine of the content words mapped to English by the installed dictionaries (<see cref="ArticleProfile.Pivot"/>).</param>
/// <param name="Distinct">
/// Distinctive content shared, 1 − exp(−D / 5), D the IDF above <see cref="StorySimilarity.DistinctBar"/> summed over the
/// shared pivot words and entities: common words add nothing, however many.
/// </param>
internal readonly record struct SimilarityBreakdown(
    double Score, double Lexical, double Title, double Entities, double Numbers, double Dates, double Grams, bool CrossLanguage,
    double Pivot = 0, double Distinct = 0);

/// <summary>A term two profiles share, as each of them spells it (for evidence: "Kuleba" ~ "Kureba").</summary>
internal readonly record struct SharedTerm(string InA, string InB, double Idf);

/// <summary>
/// The "same story" score between two <see cref="ArticleProfile"/>s under the given document frequencies.
/// Cheap: each feature is one merge of two sorted key arrays plus one frequency look-up per term.
/// </summary>
internal static class StorySimilarity
{
    /// <summary>Scores <paramref name="a"/> against <paramref name="b"/> under <paramref name="stats"/>; symmetric.</summary>
    public static SimilarityBreakdown Score(ArticleProfile a, ArticleProfile b, ITermStatistics stats) =>
        Score(WeightedProfile.Create(a, stats), WeightedProfile.Create(b, stats));

    /// <summary>
    /// Scores two profiles weighted in advance (see <see cref="WeightedProfile"/>): no frequency look-up, no
    /// allocation; the same result as the three-argument overload when both were weighted under the same statistics.
    /// </summary>
    public static SimilarityBreakdown Score(WeightedProfile a, WeightedProfile b) => Score(a, b, double.NegativeInfinity);

    /// <summary>
    /// The score of <paramref name="a"/> and <paramref name="b"/> when it is at least <paramref name="floor"/>; below
    /// that, possibly only an upper bound of it (still below <paramref name="floor"/>). The character n-gram cosine,
    /// the costliest feature, is computed only when the other features leave the floor within reach: the model's
    /// estimate is convex in the n-gram feature (linear terms plus a maximum with a positive weight), so its largest
    /// value over the feature's range [0, 1] is at one end, and if both ends are below the floor so is the score.
    /// </summary>
    public static double ScoreAtLeast(WeightedProfile a, WeightedProfile b, double floor) => Score(a, b, floor).Score;

    /// <summary>
    /// The IDF a shared term must exceed to count as distinctive: that of a term in 2 % of the documents, lowered in a
    /// small collection to that of a term in 8 documents (a story's members share its terms; they must still count).
    /// </summary>
    public static double DistinctBar(long documents) => Math.Min(Math.Log(50), Math.Log((documents + 1.0) / 8.5));

    /// <summary>The raw distinctive shared content D of <see cref="SimilarityBreakdown.Distinct"/>: entities count half (their keys are phonetic).</summary>
    public static double DistinctShared(WeightedProfile a, WeightedProfile b)
    {
        double bar = DistinctBar(Math.Min(a.DocumentCount, b.DocumentCount));
        return WeightedVector.DistinctShared(a.Pivot, b.Pivot, bar) + (0.5 * WeightedVector.DistinctShared(a.Entities, b.Entities, bar));
    }

    private static SimilarityBreakdown Score(WeightedProfile a, WeightedProfile b, double floor)
    {
        double lexical = WeightedVector.Cosine(a.Words, b.Words);
        double title;
        if (a.TitleWords.Count > 0 && b.TitleWords.Count > 0)
        {
            title = WeightedVector.Cosine(a.TitleWords, b.TitleWords);
        }
        else if (a.TitleWords.Count > 0 || b.TitleWords.Count > 0)
        {
            // One title: how well it matches the other article's words (its headline may be missing, not its topic).
            title = a.TitleWords.Count > 0 ? WeightedVector.Cosine(a.TitleWords, b.Words) : WeightedVector.Cosine(a.Words, b.TitleWords);
        }
        else
        {
            title = lexical;
        }

        var features = new SimilarityBreakdown(
            0,
            lexical,
            title,
            WeightedVector.Cosine(a.Entities, b.Entities),
            WeightedVector.Cosine(a.Numbers, b.Numbers),
            WeightedVector.Cosine(a.Dates, b.Dates),
            0,
            IsCrossLanguage(a.Profile, b.Profile),
            ReferenceEquals(a.Pivot, a.Words) && ReferenceEquals(b.Pivot, b.Words) ? lexical : WeightedVector.Cosine(a.Pivot, b.Pivot),
            1 - Math.Exp(-DistinctShared(a, b) / 5));
        if (floor > 0)
        {
            double bound = Math.Max(SimilarityModel.Score(features), SimilarityModel.Score(features with { Grams = 1 }));
            if (bound < floor)
            {
                return features with { Score = bound };
            }
        }

        features = features with { Grams = WeightedVector.Cosine(a.Grams, b.Grams) };
        return features with { Score = SimilarityModel.Score(features) };
    }

    /// <summary>The terms of <paramref name="a"/> and <paramref name="b"/> in common, rarest first (labels as each spells them).</summary>
    public static List<SharedTerm> Shared(SparseVector a, SparseVector b, ITermStatistics stats)
    {
        var shared = new List<SharedTerm>();
        int i = 0;
        int j = 0;
        while (i < a.Keys.Length && j < b.Keys.Length)
        {
            ulong ka = a.Keys[i];
            ulong kb = b.Keys[j];
            if (ka < kb)
            {
                i++;
            }
            else if (ka > kb)
            {
                j++;
            }
            else
            {
                shared.Add(new SharedTerm(a.LabelAt(i), b.LabelAt(j), Idf(stats, ka)));
                i++;
                j++;
            }
        }

        shared.Sort((x, y) => y.Idf.CompareTo(x.Idf));
        return shared;
    }

    /// <summary>Inverse document frequency, smoothed so that unseen terms and a single document stay finite.</summary>
    public static double Idf(ITermStatistics stats, ulong term)
    {
        long n = stats.DocumentCount;
        long df = Math.Min(stats.DocumentFrequency(term), n);
        return Math.Log((n + 1.0) / (df + 0.5));
    }

    /// <summary>
    /// True when the two articles are in different languages: by their declared languages when both have one,
    /// otherwise by their dominant scripts. Cross-language pairs share only names, numbers, dates and cognates, so
    /// their features are weighed differently.
    /// </summary>
    public static bool IsCrossLanguage(ArticleProfile a, ArticleProfile b)
    {
        if (!string.IsNullOrEmpty(a.Language) && !string.IsNullOrEmpty(b.Language))
        {
            return !a.Language.AsSpan(0, Math.Min(2, a.Language.Length)).Equals(b.Language.AsSpan(0, Math.Min(2, b.Language.Length)), StringComparison.OrdinalIgnoreCase);
        }

        return a.Script != b.Script && a.Script != ArticleScript.Unknown && b.Script != ArticleScript.Unknown;
    }
}

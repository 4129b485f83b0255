namespace Storymatch.Matching;

/// <summary>
/// The fixed formula that turns the features of a <see cref="SimilarityBreakdown"/> into the "same story" score:
/// a linear model of the square roots of the features (plus the best of lexical/n-gram/entity similarity and two
/// products), one coefficient set for same-language and one for cross-language pairs, giving an estimate of the
/// SemEval "Overall" label (negated: −4 unrelated … −1 same story), squashed to [0, 1] by a logistic curve.
/// Score 0.5 is the estimate −2.65, between "somewhat similar" and "somewhat dissimilar".
/// </summary>
/// <remarks>
/// How the constants were fit (reproduce with <c>storymatch-tools eval-similarity --fit</c>): ridge least squares
/// (λ = 5 on every coefficient, chosen by the grouped cross-validation) of −Overall on every pair of
/// semeval2022-task8-pairs-dev.csv, separately for same- and cross-language pairs, with document frequencies from
/// the file's own texts and the pivot dictionaries installed (Debian dict-freedict-*-eng); then the logistic centre
/// and scale by grid search for the best Pearson correlation. The quality figure is not the fit's own: the same
/// command cross-validates grouped by language pair (each pair scored by a fit that never saw its language pair)
/// and prints the held-out Pearson. Nothing is fitted to individual pairs. Rounded to three decimals.
/// </remarks>
internal static class SimilarityModel
{
    /// <summary>
    /// A score at or above this says "same story" (SemEval Overall about 2.65 or better: the logistic centre).
    /// </summary>
    public const double SameStoryThreshold = 0.5;

    /// <summary>Number of model inputs derived from a breakdown (the last one is the constant 1).</summary>
    public const int FeatureCount = 13;

    /// <summary>Names of the model inputs, in order.</summary>
    public static readonly IReadOnlyList<string> FeatureNames =
        ["lexical", "title", "entities", "numbers", "dates", "grams", "pivot", "distinct", "best", "lexical*entities", "grams*entities", "pivot*entities", "bias"];

    // Same order as FeatureNames.
    private static ReadOnlySpan<double> SameLanguageWeights => [0.795, 1.345, 0.131, 0.244, 0.240, -0.264, 0.934, 0.073, -0.069, 0.223, 0.138, 0.280, -4.072];

    private static ReadOnlySpan<double> CrossLanguageWeights => [-0.203, 0.063, 0.629, 0.343, 0.031, -0.041, -0.164, 0.763, 0.820, 0.181, 0.534, 0.249, -3.664];

    /// <summary>The checked-in coefficients of one language group (for tests that refit and compare).</summary>
    internal static ReadOnlySpan<double> Weights(bool crossLanguage) => crossLanguage ? CrossLanguageWeights : SameLanguageWeights;

    /// <summary>Centre of the logistic squashing, on the −Overall scale.</summary>
    internal const double Centre = -2.65;

    /// <summary>Scale (softness) of the logistic squashing.</summary>
    internal const double Scale = 0.35;

    /// <summary>The score of a breakdown's features (its <see cref="SimilarityBreakdown.Score"/> is ignored).</summary>
    public static double Score(in SimilarityBreakdown features) => Squash(EstimateLabel(features), Centre, Scale);

    /// <summary>The linear estimate of −Overall (about −4 … −1) before squashing.</summary>
    public static double EstimateLabel(in SimilarityBreakdown features)
    {
        Span<double> x = stackalloc double[FeatureCount];
        Expand(features, x);
        ReadOnlySpan<double> w = features.CrossLanguage ? CrossLanguageWeights : SameLanguageWeights;
        double sum = 0;
        for (int i = 0; i < FeatureCount; i++)
        {
            sum += w[i] * x[i];
        }

        return sum;
    }

    /// <summary>Writes the model inputs of <paramref name="f"/> into <paramref name="x"/> (length <see cref="FeatureCount"/>).</summary>
    public static void Expand(in SimilarityBreakdown f, Span<double> x)
    {
        // Square roots: the cosines of related pairs spread over 0.05-0.5, where differences matter most.
        double l = Math.Sqrt(f.Lexical);
        double t = Math.Sqrt(f.Title);
        double e = Math.Sqrt(f.Entities);
        double g = Math.Sqrt(f.Grams);
        double p = Math.Sqrt(f.Pivot);
        x[0] = l;
        x[1] = t;
        x[2] = e;
        x[3] = Math.Sqrt(f.Numbers);
        x[4] = Math.Sqrt(f.Dates);
        x[5] = g;
        x[6] = p;
        x[7] = f.Distinct;
        x[8] = Math.Max(Math.Max(l, p), Math.Max(g, e));
        x[9] = l * e;
        x[10] = g * e;
        x[11] = p * e;
        x[12] = 1;
    }

    /// <summary>The logistic curve that maps the label estimate to [0, 1].</summary>
    public static double Squash(double label, double centre, double scale) => 1 / (1 + Math.Exp(-(label - centre) / scale));
}

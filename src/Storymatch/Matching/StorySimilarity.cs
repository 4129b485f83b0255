namespace Storymatch.Matching;

/// <summary>How similar two articles are, and why: the score and the features it combines, each in [0, 1].</summary>
/// <param name="Score">The "same story" score in [0, 1].</param>
/// <param name="Lexical">TF-IDF cosine of the content words (title weighted up).</param>
/// <param name="Title">TF-IDF cosine of the titles; when a title is missing, of one title against the other's words.</param>
/// <param name="Entities">IDF-weighted cosine of the named entities, variant spellings merged.</param>
/// <param name="Numbers">IDF-weighted cosine of the numbers.</param>
/// <param name="Dates">IDF-weighted cosine of the dates (day and month, month, weekday).</param>
public readonly record struct SimilarityBreakdown(double Score, double Lexical, double Title, double Entities, double Numbers, double Dates);

/// <summary>A term two profiles share, as each of them spells it (for evidence: "Kuleba" ~ "Kureba").</summary>
public readonly record struct SharedTerm(string InA, string InB, double Idf);

/// <summary>
/// The "same story" score between two <see cref="ArticleProfile"/>s under the given document frequencies.
/// Cheap: each feature is one merge of two sorted key arrays plus one frequency look-up per term.
/// </summary>
public static class StorySimilarity
{
    /// <summary>Scores <paramref name="a"/> against <paramref name="b"/>; symmetric.</summary>
    public static SimilarityBreakdown Score(ArticleProfile a, ArticleProfile b, ITermStatistics stats)
    {
        double lexical = Cosine(a.Words, b.Words, stats, sublinear: true);
        double title;
        if (a.TitleWords.Count > 0 && b.TitleWords.Count > 0)
        {
            title = Cosine(a.TitleWords, b.TitleWords, stats, sublinear: true);
        }
        else if (a.TitleWords.Count > 0 || b.TitleWords.Count > 0)
        {
            title = a.TitleWords.Count > 0 ? Cosine(a.TitleWords, b.Words, stats, sublinear: true) : Cosine(a.Words, b.TitleWords, stats, sublinear: true);
        }
        else
        {
            title = lexical;
        }

        double entities = Cosine(a.Entities, b.Entities, stats, sublinear: true);
        double numbers = Cosine(a.Numbers, b.Numbers, stats, sublinear: false);
        double dates = Cosine(a.Dates, b.Dates, stats, sublinear: false);
        double score = Combine(lexical, title, entities, numbers, dates);
        return new SimilarityBreakdown(score, lexical, title, entities, numbers, dates);
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
        return Math.Log((n + 1.0) / (df + 1.0)) + 1.0;
    }

    /// <summary>The fixed formula that turns the features into one score (see the class remarks for how it was set).</summary>
    internal static double Combine(double lexical, double title, double entities, double numbers, double dates)
    {
        double s = (0.45 * lexical) + (0.15 * title) + (0.25 * entities) + (0.10 * numbers) + (0.05 * dates);
        return Math.Clamp(s, 0, 1);
    }

    /// <summary>IDF-weighted cosine of two sparse vectors; counts dampened to 1 + ln(count) when <paramref name="sublinear"/>, else binary.</summary>
    internal static double Cosine(SparseVector a, SparseVector b, ITermStatistics stats, bool sublinear)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        ulong[] ak = a.Keys;
        ulong[] bk = b.Keys;
        float[] aw = a.Weights;
        float[] bw = b.Weights;
        double dot = 0;
        double na = 0;
        double nb = 0;
        int i = 0;
        int j = 0;
        while (i < ak.Length || j < bk.Length)
        {
            if (j >= bk.Length || (i < ak.Length && ak[i] < bk[j]))
            {
                double w = Weight(aw[i], sublinear) * Idf(stats, ak[i]);
                na += w * w;
                i++;
            }
            else if (i >= ak.Length || bk[j] < ak[i])
            {
                double w = Weight(bw[j], sublinear) * Idf(stats, bk[j]);
                nb += w * w;
                j++;
            }
            else
            {
                double idf = Idf(stats, ak[i]);
                double wa = Weight(aw[i], sublinear) * idf;
                double wb = Weight(bw[j], sublinear) * idf;
                na += wa * wa;
                nb += wb * wb;
                dot += wa * wb;
                i++;
                j++;
            }
        }

        return na == 0 || nb == 0 ? 0 : Math.Clamp(dot / Math.Sqrt(na * nb), 0, 1);
    }

    private static double Weight(float count, bool sublinear) => !sublinear ? 1 : count <= 1 ? count : 1 + Math.Log(count);
}

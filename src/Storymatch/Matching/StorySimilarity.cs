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
public readonly record struct SimilarityBreakdown(
    double Score, double Lexical, double Title, double Entities, double Numbers, double Dates, double Grams, bool CrossLanguage);

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
        double grams = Cosine(a.Grams, b.Grams, stats, sublinear: true);
        bool cross = IsCrossLanguage(a, b);
        var features = new SimilarityBreakdown(0, lexical, title, entities, numbers, dates, grams, cross);
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

    /// <summary>
    /// IDF mass of the shared terms over the IDF mass of the smaller side (counts ignored): how much of the
    /// shorter article's names, numbers or dates the other one has.
    /// </summary>
    public static double Containment(SparseVector a, SparseVector b, ITermStatistics stats)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        double sa = 0;
        double sb = 0;
        double shared = 0;
        int i = 0;
        int j = 0;
        ulong[] ak = a.Keys;
        ulong[] bk = b.Keys;
        while (i < ak.Length || j < bk.Length)
        {
            if (j >= bk.Length || (i < ak.Length && ak[i] < bk[j]))
            {
                sa += Idf(stats, ak[i++]);
            }
            else if (i >= ak.Length || bk[j] < ak[i])
            {
                sb += Idf(stats, bk[j++]);
            }
            else
            {
                double idf = Idf(stats, ak[i]);
                sa += idf;
                sb += idf;
                shared += idf;
                i++;
                j++;
            }
        }

        return shared / Math.Min(sa, sb);
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

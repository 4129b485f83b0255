namespace Storymatch.Matching;

/// <summary>
/// An <see cref="ArticleProfile"/> with its IDF weights applied and vector norms computed under one snapshot of
/// <see cref="ITermStatistics"/>: scoring two weighted profiles is then only merges of sorted arrays, with no
/// frequency look-up. Story assignment can keep one per story member and refresh it when the statistics have
/// moved enough (IDF changes slowly once thousands of documents are counted).
/// </summary>
internal sealed class WeightedProfile
{
    private WeightedProfile(ArticleProfile profile, ITermStatistics stats)
    {
        Profile = profile;
        DocumentCount = stats.DocumentCount;
        Words = WeightedVector.Of(profile.Words, stats, sublinear: true, keepIdf: true);
        Pivot = ReferenceEquals(profile.Pivot, profile.Words) ? Words : WeightedVector.Of(profile.Pivot, stats, sublinear: true, keepIdf: true);
        TitleWords = WeightedVector.Of(profile.TitleWords, stats, sublinear: true);
        Entities = WeightedVector.Of(profile.Entities, stats, sublinear: true, keepIdf: true);
        Numbers = WeightedVector.Of(profile.Numbers, stats, sublinear: false);
        Dates = WeightedVector.Of(profile.Dates, stats, sublinear: false);
        Grams = WeightedVector.Of(profile.Grams, stats, sublinear: true);
    }

    /// <summary>Documents counted in the statistics the weights come from.</summary>
    public long DocumentCount { get; }

    /// <summary>The profile the weights were computed for.</summary>
    public ArticleProfile Profile { get; }

    internal WeightedVector Words { get; }

    internal WeightedVector TitleWords { get; }

    internal WeightedVector Entities { get; }

    internal WeightedVector Numbers { get; }

    internal WeightedVector Dates { get; }

    internal WeightedVector Grams { get; }

    /// <summary>The content words in the pivot language (<see cref="ArticleProfile.Pivot"/>); <see cref="Words"/> itself when they are the same.</summary>
    internal WeightedVector Pivot { get; }

    /// <summary>Weighs <paramref name="profile"/> under <paramref name="stats"/>.</summary>
    public static WeightedProfile Create(ArticleProfile profile, ITermStatistics stats) => new(profile, stats);
}

/// <summary>A sparse vector of IDF-weighted values with its Euclidean norm.</summary>
internal sealed class WeightedVector
{
    private static readonly WeightedVector Empty = new([], [], 0, null);

    private WeightedVector(ulong[] keys, float[] weights, double norm, float[]? idf)
    {
        Keys = keys;
        Weights = weights;
        Norm = norm;
        Idf = idf;
    }

    /// <summary>The IDF of each key, when asked for (what <see cref="DistinctShared"/> reads).</summary>
    public float[]? Idf { get; }

    public ulong[] Keys { get; }

    public float[] Weights { get; }

    public double Norm { get; }

    public int Count => Keys.Length;

    /// <summary>Weights counts by IDF; counts dampened to 1 + ln(count) when <paramref name="sublinear"/>, else binary.</summary>
    public static WeightedVector Of(SparseVector v, ITermStatistics stats, bool sublinear, bool keepIdf = false)
    {
        if (v.Count == 0)
        {
            return Empty;
        }

        float[] weights = new float[v.Count];
        float[]? idfs = keepIdf ? new float[v.Count] : null;
        double norm = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            float count = v.Weights[i];
            double tf = !sublinear ? 1 : count <= 1 ? count : 1 + Math.Log(count);
            double idf = StorySimilarity.Idf(stats, v.Keys[i]);
            float w = (float)(tf * idf);
            weights[i] = w;
            if (idfs is not null)
            {
                idfs[i] = (float)idf;
            }

            norm += (double)w * w;
        }

        // Keys are shared with the profile: they are never modified.
        return new WeightedVector(v.Keys, weights, Math.Sqrt(norm), idfs);
    }

    /// <summary>
    /// How much distinctive content two vectors share: the sum over their common keys of the IDF above
    /// <paramref name="bar"/> (a key in most documents adds nothing however many there are). Needs both weighted with
    /// <c>keepIdf</c>; 0 otherwise.
    /// </summary>
    public static double DistinctShared(WeightedVector a, WeightedVector b, double bar)
    {
        if (a.Idf is not { } ai || b.Idf is null)
        {
            return 0;
        }

        ulong[] ak = a.Keys;
        ulong[] bk = b.Keys;
        double sum = 0;
        int i = 0;
        int j = 0;
        while (i < ak.Length && j < bk.Length)
        {
            ulong ka = ak[i];
            ulong kb = bk[j];
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
                sum += Math.Max(0, ai[i] - bar);
                i++;
                j++;
            }
        }

        return sum;
    }

    /// <summary>Cosine of two weighted vectors: one merge of the sorted key arrays.</summary>
    public static double Cosine(WeightedVector a, WeightedVector b)
    {
        if (a.Norm == 0 || b.Norm == 0)
        {
            return 0;
        }

        ulong[] ak = a.Keys;
        ulong[] bk = b.Keys;
        float[] aw = a.Weights;
        float[] bw = b.Weights;
        double dot = 0;
        int i = 0;
        int j = 0;
        while (i < ak.Length && j < bk.Length)
        {
            ulong ka = ak[i];
            ulong kb = bk[j];
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
                dot += (double)aw[i] * bw[j];
                i++;
                j++;
            }
        }

        return Math.Clamp(dot / (a.Norm * b.Norm), 0, 1);
    }
}

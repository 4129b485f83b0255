using System.Buffers;
using Storymatch.Reading;

namespace Storymatch.Matching;

/// <summary>
/// Aligns the sentences of two versions of an article. Hand-written: no available library aligns paraphrased
/// sentences. Sentence similarity is a weighted Dice overlap of the terms of the articles' readings (names by their
/// variant key, numbers and dates by value, words by stem) where each term weighs by how rare it is across the sentences of both
/// texts. A monotone alignment (dynamic programming, maximal total similarity) gives the in-order pairs; each
/// sentence's best counterpart anywhere gives the out-of-order ones. O(n·m) over sentence pairs, each a merge
/// of two short sorted arrays: a few hundred microseconds for two 100-sentence articles.
/// </summary>
internal static class SentenceAligner
{
    /// <summary>
    /// Least similarity for two sentences to count as counterparts. About a third of the weighted content shared:
    /// paraphrases of one sentence share its names, numbers and several content words; unrelated sentences of the
    /// same story share one or two names, which on their own stay below this.
    /// </summary>
    public const double CounterpartThreshold = 0.34;

    /// <summary>
    /// Lower bar for a pair that lies between two anchored pairs (or before the first one) on the monotone path:
    /// a quarter of the weighted content shared, enough to confirm a reworded counterpart in its expected place.
    /// </summary>
    public const double GapThreshold = 0.25;

    /// <summary>Sentences with fewer content terms ("(AP)", "Advertisement") take no part: they match by accident.</summary>
    public const int MinSentenceTerms = 3;

    /// <summary>Aligns two readings.</summary>
    public static SentenceAlignment Align(ArticleReading a, ArticleReading b)
    {
        var vocabulary = new AlignmentVocabulary();
        return Align(AlignmentText.Create(a, vocabulary), AlignmentText.Create(b, vocabulary), vocabulary);
    }

    /// <summary>Aligns two stored texts (read through <see cref="ArticleReader"/>).</summary>
    public static SentenceAlignment Align(string textA, string textB)
    {
        var vocabulary = new AlignmentVocabulary();
        AlignmentText a = AlignmentText.Create(textA, vocabulary);
        AlignmentText b = AlignmentText.Create(textB, vocabulary);
        return Align(a, b, vocabulary);
    }

    /// <summary>Aligns two texts indexed with the same <paramref name="vocabulary"/>.</summary>
    public static SentenceAlignment Align(AlignmentText a, AlignmentText b, AlignmentVocabulary vocabulary)
    {
        int n = a.SentenceCount;
        int m = b.SentenceCount;
        float[] weights = TermWeights(a, b, vocabulary.Count);
        float[] massA = SentenceMass(a, weights);
        float[] massB = SentenceMass(b, weights);
        float[] sim = ArrayPool<float>.Shared.Rent(Math.Max(1, n * m));
        try
        {
            for (int i = 0; i < n; i++)
            {
                int[] ti = a.SentenceTerms[i];
                for (int j = 0; j < m; j++)
                {
                    int[] tj = b.SentenceTerms[j];
                    sim[(i * m) + j] = ti.Length < MinSentenceTerms || tj.Length < MinSentenceTerms
                        ? 0f
                        : Dice(ti, tj, weights, massA[i], massB[j]);
                }
            }

            return Build(a, b, sim.AsSpan(0, n * m), massA, massB, vocabulary);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(sim);
        }
    }

    /// <summary>
    /// The similarity of two single sentences as the alignment scores them (term weights from just these two
    /// sentences, so shared terms weigh a little less than in a whole article).
    /// </summary>
    public static double SentenceSimilarity(string sentenceA, string sentenceB)
    {
        var vocabulary = new AlignmentVocabulary();
        AlignmentText a = AlignmentText.Create(sentenceA, vocabulary);
        AlignmentText b = AlignmentText.Create(sentenceB, vocabulary);
        if (a.SentenceCount != 1 || b.SentenceCount != 1)
        {
            throw new ArgumentException("Each text must be exactly one sentence.");
        }

        float[] weights = TermWeights(a, b, vocabulary.Count);
        return Dice(a.SentenceTerms[0], b.SentenceTerms[0], weights, SentenceMass(a, weights)[0], SentenceMass(b, weights)[0]);
    }

    private static float[] TermWeights(AlignmentText a, AlignmentText b, int vocabularySize)
    {
        // Within-pair inverse sentence frequency: words found in most sentences of both texts ("russia" in a
        // story about Russia) say little about which sentences correspond.
        var df = new int[vocabularySize];
        int sentences = 0;
        foreach (AlignmentText text in (ReadOnlySpan<AlignmentText>)[a, b])
        {
            foreach (int[] terms in text.SentenceTerms)
            {
                sentences++;
                foreach (int t in terms)
                {
                    df[t]++;
                }
            }
        }

        var weights = new float[vocabularySize];
        for (int t = 0; t < vocabularySize; t++)
        {
            weights[t] = df[t] == 0 ? 0f : (float)Math.Log(1.0 + ((double)sentences / df[t]));
        }

        return weights;
    }

    private static float[] SentenceMass(AlignmentText text, float[] weights)
    {
        var mass = new float[text.SentenceCount];
        for (int s = 0; s < mass.Length; s++)
        {
            float sum = 0;
            foreach (int t in text.SentenceTerms[s])
            {
                sum += weights[t];
            }

            mass[s] = sum;
        }

        return mass;
    }

    private static float Dice(int[] x, int[] y, float[] weights, float massX, float massY)
    {
        float shared = 0;
        int i = 0;
        int j = 0;
        while (i < x.Length && j < y.Length)
        {
            int d = x[i] - y[j];
            if (d == 0)
            {
                shared += weights[x[i]];
                i++;
                j++;
            }
            else if (d < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        float total = massX + massY;
        return total <= 0 ? 0f : 2f * shared / total;
    }

    private static SentenceAlignment Build(AlignmentText a, AlignmentText b, ReadOnlySpan<float> sim, float[] massA, float[] massB, AlignmentVocabulary vocabulary)
    {
        int n = a.SentenceCount;
        int m = b.SentenceCount;
        float threshold = (float)CounterpartThreshold;

        // Anchors: the monotone path through strong counterparts. Then the gaps between consecutive anchors (and
        // before the first) are aligned again with a lower bar: a heavily reworded sentence that sits between two
        // anchored ones is the counterpart of the sentence in the same place, even if it shares few words.
        var inOrder = new HashSet<(int, int)>();
        List<(int I, int J)> anchors = MonotonePath(sim, m, 0, n, 0, m, threshold);
        var gapPairs = new HashSet<(int, int)>();
        int prevI = -1;
        int prevJ = -1;
        foreach ((int i, int j) in anchors)
        {
            inOrder.Add((i, j));
            if (i - prevI > 1 && j - prevJ > 1)
            {
                foreach ((int gi, int gj) in MonotonePath(sim, m, prevI + 1, i, prevJ + 1, j, (float)GapThreshold))
                {
                    inOrder.Add((gi, gj));
                    gapPairs.Add((gi, gj));
                }
            }

            prevI = i;
            prevJ = j;
        }

        // Best counterpart of each sentence, wherever it is.
        var pairs = new List<AlignedSentencePair>();
        var seen = new HashSet<(int, int)>();
        double coveredA = 0;
        double totalA = 0;
        int matchedA = 0;
        for (int i = 0; i < n; i++)
        {
            if (a.SentenceTerms[i].Length < MinSentenceTerms)
            {
                continue;
            }

            totalA += massA[i];
            int bestJ = ArgMaxRow(sim, i, m);
            if (bestJ >= 0 && (sim[(i * m) + bestJ] >= threshold || InOrderPartnerOfA(gapPairs, i) is not null))
            {
                coveredA += massA[i];
                matchedA++;
                // Prefer the in-order partner when it is (nearly) as good: it is the counterpart in the story's flow.
                int partner = InOrderPartnerOfA(inOrder, i) is int k
                    && (gapPairs.Contains((i, k)) || sim[(i * m) + k] >= sim[(i * m) + bestJ] - 0.05f) ? k : bestJ;
                if (seen.Add((i, partner)))
                {
                    pairs.Add(new AlignedSentencePair(i, partner, sim[(i * m) + partner], inOrder.Contains((i, partner))));
                }
            }
        }

        double coveredB = 0;
        double totalB = 0;
        int matchedB = 0;
        for (int j = 0; j < m; j++)
        {
            if (b.SentenceTerms[j].Length < MinSentenceTerms)
            {
                continue;
            }

            totalB += massB[j];
            int bestI = -1;
            float best = 0;
            for (int i = 0; i < n; i++)
            {
                if (sim[(i * m) + j] > best)
                {
                    best = sim[(i * m) + j];
                    bestI = i;
                }
            }

            int? gapPartner = InOrderPartnerOfB(gapPairs, j);
            bool gapFilled = gapPartner is not null;
            if (bestI >= 0 && (best >= threshold || gapFilled))
            {
                coveredB += massB[j];
                matchedB++;
                if (!pairs.Exists(p => p.IndexB == j))
                {
                    int partner = gapPartner is int gi && best < threshold ? gi : bestI;
                    pairs.Add(new AlignedSentencePair(partner, j, sim[(partner * m) + j], inOrder.Contains((partner, j))));
                    seen.Add((partner, j));
                }
            }
        }

        foreach ((int i, int j) in inOrder)
        {
            if (seen.Add((i, j)))
            {
                pairs.Add(new AlignedSentencePair(i, j, sim[(i * m) + j], true));
            }
        }

        pairs.Sort((p, q) => p.IndexA != q.IndexA ? p.IndexA.CompareTo(q.IndexA) : p.IndexB.CompareTo(q.IndexB));
        int matched = Math.Min(matchedA, matchedB);
        double order = matched == 0 ? 0 : Math.Min(1.0, (double)inOrder.Count / matched);
        return new SentenceAlignment(a, b, pairs, totalA == 0 ? 0 : coveredA / totalA, totalB == 0 ? 0 : coveredB / totalB, order,
            inOrder.Count, SharedTerms(a, b, vocabulary))
        {
            Vocabulary = vocabulary,
        };
    }

    private static int? InOrderPartnerOfB(HashSet<(int, int)> inOrder, int j)
    {
        foreach ((int x, int y) in inOrder)
        {
            if (y == j)
            {
                return x;
            }
        }

        return null;
    }

    /// <summary>
    /// The monotone path of maximal total similarity through the rectangle [i0, i1) × [j0, j1) of the similarity
    /// matrix, using only cells at or above <paramref name="threshold"/>; pairs in increasing order.
    /// </summary>
    private static List<(int I, int J)> MonotonePath(ReadOnlySpan<float> sim, int m, int i0, int i1, int j0, int j1, float threshold)
    {
        int rows = i1 - i0;
        int cols = j1 - j0;
        var path = new List<(int, int)>();
        if (rows <= 0 || cols <= 0)
        {
            return path;
        }

        // dp[r, c] = best total similarity aligning the first r rows with the first c columns of the rectangle.
        int w = cols + 1;
        float[] dp = ArrayPool<float>.Shared.Rent((rows + 1) * w);
        try
        {
            Array.Clear(dp, 0, (rows + 1) * w);
            for (int r = 1; r <= rows; r++)
            {
                for (int c = 1; c <= cols; c++)
                {
                    float s = sim[((i0 + r - 1) * m) + j0 + c - 1];
                    float best = Math.Max(dp[((r - 1) * w) + c], dp[(r * w) + c - 1]);
                    if (s >= threshold)
                    {
                        best = Math.Max(best, dp[((r - 1) * w) + c - 1] + s);
                    }

                    dp[(r * w) + c] = best;
                }
            }

            for (int r = rows, c = cols; r > 0 && c > 0;)
            {
                float s = sim[((i0 + r - 1) * m) + j0 + c - 1];
                if (s >= threshold && dp[(r * w) + c] == dp[((r - 1) * w) + c - 1] + s)
                {
                    path.Add((i0 + r - 1, j0 + c - 1));
                    r--;
                    c--;
                }
                else if (dp[((r - 1) * w) + c] >= dp[(r * w) + c - 1])
                {
                    r--;
                }
                else
                {
                    c--;
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(dp);
        }

        path.Reverse();
        return path;
    }

    private static int? InOrderPartnerOfA(HashSet<(int, int)> inOrder, int i)
    {
        foreach ((int x, int y) in inOrder)
        {
            if (x == i)
            {
                return y;
            }
        }

        return null;
    }

    private static int ArgMaxRow(ReadOnlySpan<float> sim, int i, int m)
    {
        int best = -1;
        float bestScore = 0;
        for (int j = 0; j < m; j++)
        {
            if (sim[(i * m) + j] > bestScore)
            {
                bestScore = sim[(i * m) + j];
                best = j;
            }
        }

        return best;
    }

    private static SharedTermSet SharedTerms(AlignmentText a, AlignmentText b, AlignmentVocabulary vocabulary)
    {
        var inA = new HashSet<int>();
        foreach (int[] terms in a.SentenceTerms)
        {
            inA.UnionWith(terms);
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        var numbers = new SortedSet<string>(StringComparer.Ordinal);
        var done = new HashSet<int>();
        foreach (int[] terms in b.SentenceTerms)
        {
            foreach (int t in terms)
            {
                if (!inA.Contains(t) || !done.Add(t))
                {
                    continue;
                }

                switch (vocabulary.KindOf(t))
                {
                    case TermKind.Name:
                        names.Add(vocabulary.SurfaceOf(t));
                        break;
                    case TermKind.Number:
                        numbers.Add(vocabulary.SurfaceOf(t));
                        break;
                }
            }
        }

        return new SharedTermSet([.. names], [.. numbers]);
    }
}

/// <summary>Two sentences found to correspond: indexes into each text's sentences, their similarity, and whether the pair is on the monotone path.</summary>
internal readonly record struct AlignedSentencePair(int IndexA, int IndexB, double Score, bool InOrder);

/// <summary>Names (by variant skeleton: surface form of the first text) and numbers both texts mention.</summary>
internal sealed record SharedTermSet(IReadOnlyList<string> Names, IReadOnlyList<string> Numbers);

/// <summary>
/// The result of <see cref="SentenceAligner"/>: aligned pairs (in order and not), the share of each text's
/// content (term weight of sentences with a counterpart) that has a counterpart in the other, and how much of the
/// correspondence keeps the order (pairs on the monotone path / sentences matched on the sparser side).
/// </summary>
internal sealed record SentenceAlignment(
    AlignmentText A,
    AlignmentText B,
    IReadOnlyList<AlignedSentencePair> Pairs,
    double CoverageA,
    double CoverageB,
    double OrderPreservation,
    int InOrderCount,
    SharedTermSet Shared)
{
    /// <summary>Mean similarity of the aligned pairs (0 when none).</summary>
    public double MeanPairScore => Pairs.Count == 0 ? 0 : Pairs.Average(p => p.Score);

    /// <summary>
    /// The vocabulary the texts were indexed with (set by <see cref="SentenceAligner"/>), for <see cref="Differences"/>.
    /// </summary>
    internal AlignmentVocabulary? Vocabulary { get; init; }

    /// <summary>
    /// What differs between the two sentences of an aligned pair: the names and the numbers or dates that only one of
    /// them has ("Putin said ..." against "Biden said ...": Putin only in A, Biden only in B).
    /// </summary>
    public SentenceDifference Differences(AlignedSentencePair pair)
    {
        int[] a = A.SentenceTerms[pair.IndexA];
        int[] b = B.SentenceTerms[pair.IndexB];
        var namesA = new List<string>();
        var namesB = new List<string>();
        var numbersA = new List<string>();
        var numbersB = new List<string>();
        if (Vocabulary is { } v)
        {
            foreach (int t in a)
            {
                if (Array.BinarySearch(b, t) < 0)
                {
                    AddOf(v, t, namesA, numbersA);
                }
            }

            foreach (int t in b)
            {
                if (Array.BinarySearch(a, t) < 0)
                {
                    AddOf(v, t, namesB, numbersB);
                }
            }
        }

        return new SentenceDifference(namesA, namesB, numbersA, numbersB);
    }

    private static void AddOf(AlignmentVocabulary v, int term, List<string> names, List<string> numbers)
    {
        switch (v.KindOf(term))
        {
            case TermKind.Name:
                names.Add(v.SurfaceOf(term));
                break;
            case TermKind.Number:
                numbers.Add(v.SurfaceOf(term));
                break;
        }
    }
}

/// <summary>Names and numbers (or dates) that only one sentence of an aligned pair has.</summary>
internal sealed record SentenceDifference(IReadOnlyList<string> NamesOnlyInA, IReadOnlyList<string> NamesOnlyInB, IReadOnlyList<string> NumbersOnlyInA, IReadOnlyList<string> NumbersOnlyInB)
{
    /// <summary>True when the two sentences name the same people and places and give the same numbers and dates.</summary>
    public bool IsEmpty => NamesOnlyInA.Count == 0 && NamesOnlyInB.Count == 0 && NumbersOnlyInA.Count == 0 && NumbersOnlyInB.Count == 0;
}

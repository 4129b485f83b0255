using Storymatch.Fingerprints;
using Storymatch.Matching;
using Storymatch.Text;
using Storymatch.Tools.Fingerprints;

namespace Storymatch.Tests.Matching;

public class DuplicateQualityTests
{
    private const int Articles = 10_000;
    private const int Seed = 20240501;
    private const double Threshold = 0.8;

    [Fact]
    public void Recall_and_precision_against_brute_force_exact_jaccard_on_10k_generated_articles()
    {
        List<GeneratedArticle> articles = [.. new PlantedCorpusGenerator(Seed).Generate(Articles)];
        var documents = articles.Select(a => (a.Id, TextNormalizer.Normalize(a.Text))).ToList();
        var numberOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < documents.Count; i++)
        {
            numberOf.Add(documents[i].Id, i);
        }

        DuplicateReport report = new DuplicateDetector(new DuplicateOptions { Threshold = Threshold }).Detect(documents);
        var found = report.Pairs.Select(p => Key(numberOf[p.A], numberOf[p.B])).ToHashSet();
        Assert.Equal(report.Pairs.Count, found.Count); // no pair reported twice

        Dictionary<long, double> truth = BruteForcePairsAtOrAbove(documents, Threshold);
        int hits = found.Count(truth.ContainsKey);
        double recall = (double)hits / truth.Count, precision = (double)hits / found.Count;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"quality: {truth.Count} true pairs, {found.Count} found, {report.CandidatePairs} LSH candidates, recall {recall:F4}, precision {precision:F4}; "
            + $"missed by true Jaccard: {MissesByJaccard(truth, found)}");

        // The corpus must exercise the threshold: many true pairs, and planted near-duplicates on both sides of it.
        Assert.True(truth.Count > 2000, $"only {truth.Count} true pairs");
        Assert.Contains(articles, a => a.Kind == "near-duplicate" && a.PlantedJaccard is > 0.76 and < Threshold);
        Assert.Contains(articles, a => a.Kind == "near-duplicate" && a.PlantedJaccard is >= Threshold and < 0.82);
        Assert.True(recall >= 0.97, $"recall {recall:F4} < 0.97 ({truth.Count - hits} of {truth.Count} true pairs missed)");
        Assert.True(precision >= 0.99, $"precision {precision:F4} < 0.99");
    }

    [Fact]
    public void Generator_reports_the_true_jaccard_and_is_reproducible()
    {
        List<GeneratedArticle> first = [.. new PlantedCorpusGenerator(7).Generate(600)];
        List<GeneratedArticle> again = [.. new PlantedCorpusGenerator(7).Generate(600)];
        Assert.Equal(first, again);
        Dictionary<string, string> texts = first.ToDictionary(a => a.Id, a => TextNormalizer.Normalize(a.Text));
        foreach (GeneratedArticle derived in first.Where(a => a.DuplicateOf is not null))
        {
            double exact = Shingles.Jaccard(Shingles.Set(texts[derived.Id]), Shingles.Set(texts[derived.DuplicateOf!]));
            Assert.Equal(derived.PlantedJaccard!.Value, exact, 4);
            if (derived.Kind is "exact-copy" or "reformatted-copy")
            {
                Assert.Equal(ContentHash.OfNormalized(texts[derived.DuplicateOf!]), ContentHash.OfNormalized(texts[derived.Id]));
            }
        }

        Assert.All(first, a => Assert.InRange(WordTokenizer.Count(a.Text), 250, 1000));
        Assert.Contains(first, a => a.Kind == "reformatted-copy" && a.Text.Contains('\u201C', StringComparison.Ordinal));
    }

    /// <summary>
    /// Ground truth: every pair sharing at least one shingle, found through an inverted index (sorted
    /// (shingle, document) entries), with its exact Jaccard from the shared count (returned for the pairs at or above the threshold). Pairs sharing nothing have
    /// Jaccard 0, so this is exact for any threshold above 0.
    /// </summary>
    private static Dictionary<long, double> BruteForcePairsAtOrAbove(List<(string Id, string Text)> documents, double threshold)
    {
        ulong[][] sets = new ulong[documents.Count][];
        Parallel.For(0, documents.Count, i => sets[i] = Shingles.Set(documents[i].Text));
        int total = sets.Sum(s => s.Length);
        ulong[] shingles = new ulong[total];
        int[] owners = new int[total];
        int at = 0;
        for (int d = 0; d < sets.Length; d++)
        {
            sets[d].CopyTo(shingles, at);
            owners.AsSpan(at, sets[d].Length).Fill(d);
            at += sets[d].Length;
        }

        Array.Sort(shingles, owners);
        var shared = new Dictionary<long, int>();
        for (int start = 0; start < total;)
        {
            int end = start + 1;
            while (end < total && shingles[end] == shingles[start])
            {
                end++;
            }

            for (int i = start; i < end; i++)
            {
                for (int j = i + 1; j < end; j++)
                {
                    long key = Key(owners[i], owners[j]);
                    shared[key] = shared.GetValueOrDefault(key) + 1;
                }
            }

            start = end;
        }

        var truth = new Dictionary<long, double>();
        foreach ((long key, int common) in shared)
        {
            int a = (int)(key >> 32), b = (int)(key & 0xFFFFFFFF);
            double jaccard = (double)common / (sets[a].Length + sets[b].Length - common);
            if (jaccard >= threshold)
            {
                truth.Add(key, jaccard);
            }
        }

        return truth;
    }

    /// <summary>"[0.80, 0.82): 9 of 140, ..." for the bins that have misses.</summary>
    private static string MissesByJaccard(Dictionary<long, double> truth, HashSet<long> found)
    {
        static double Bin(double jaccard) => Math.Floor(jaccard * 50) / 50;
        var all = truth.Values.GroupBy(Bin).ToDictionary(g => g.Key, g => g.Count());
        return string.Join(", ", truth.Where(t => !found.Contains(t.Key)).GroupBy(t => Bin(t.Value)).OrderBy(g => g.Key)
            .Select(g => $"[{g.Key:F2}, {g.Key + 0.02:F2}): {g.Count()} of {all[g.Key]}"));
    }

    private static long Key(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;
}

using Storymatch.Fingerprints;
using Storymatch.Matching;
using Storymatch.Text;

namespace Storymatch.Tests.Matching;

public class DuplicateDetectorTests
{
    private static readonly string Base = Words(0, 200);

    [Fact]
    public void Finds_exact_and_near_duplicates_and_groups_them_transitively()
    {
        // b: one word changed near the end (J = 190/200 ~ 0.95 of 196 shingles); c: a few more words changed
        // relative to b; d: unrelated; e: an exact copy of a.
        string b = Replace(Base, 180, "changed");
        string c = Replace(Replace(b, 20, "other"), 100, "more");
        var documents = new List<(string, string)> { ("a", Base), ("b", b), ("c", c), ("d", Words(1000, 200)), ("e", Base) };
        DuplicateReport report = new DuplicateDetector().Detect(documents);

        Assert.Equal(5, report.Documents);
        Assert.Contains(report.Pairs, p => p is { A: "a", B: "e", Relation: DuplicateRelation.Exact, Jaccard: 1 });
        DuplicatePair ab = Assert.Single(report.Pairs, p => p.A == "a" && p.B == "b");
        Assert.Equal(DuplicateRelation.NearDuplicate, ab.Relation);
        Assert.Equal(ExactJaccard(Base, b), ab.Jaccard, 12);
        Assert.Contains(report.Pairs, p => p.A == "b" && p.B == "e"); // expanded to every copy of a
        Assert.DoesNotContain(report.Pairs, p => p.A == "d" || p.B == "d");
        Assert.All(report.Pairs, p => Assert.True(p.Jaccard >= 0.8));
        IReadOnlyList<string> group = Assert.Single(report.Groups);
        Assert.Equal(["a", "b", "c", "e"], group);
    }

    [Fact]
    public void Pairs_below_the_threshold_are_not_reported_even_when_candidates()
    {
        // 30 of 200 words changed, spread out: J around 0.4, a likely LSH candidate at 16 x 8 is still rejected.
        string far = Base;
        for (int i = 3; i < 200; i += 7)
        {
            far = Replace(far, i, "x" + i);
        }

        double exact = ExactJaccard(Base, far);
        Assert.InRange(exact, 0.05, 0.79);
        DuplicateReport report = new DuplicateDetector().Detect([("a", Base), ("b", far)]);
        Assert.Empty(report.Pairs);
        Assert.Empty(report.Groups);
    }

    [Fact]
    public void Threshold_changes_what_counts()
    {
        string edited = Base;
        for (int i = 10; i < 200; i += 25)
        {
            edited = Replace(edited, i, "y" + i);
        }

        double exact = ExactJaccard(Base, edited);
        Assert.InRange(exact, 0.6, 0.8);
        Assert.Empty(new DuplicateDetector().Detect([("a", Base), ("b", edited)]).Pairs);
        var lenient = new DuplicateDetector(new DuplicateOptions { Threshold = 0.5 });
        Assert.Single(lenient.Detect([("a", Base), ("b", edited)]).Pairs);
    }

    [Fact]
    public void Verify_gives_containment_both_ways()
    {
        var detector = new DuplicateDetector(new DuplicateOptions { Threshold = 0.5 });
        string longer = Base + " " + Words(500, 30);
        DocumentFingerprint a = detector.Fingerprint("short", Base);
        DocumentFingerprint b = detector.Fingerprint("long", longer);
        DuplicatePair pair = Assert.IsType<DuplicatePair>(detector.Verify(a, b));
        Assert.Equal(1, pair.ContainmentAB);
        Assert.Equal(196.0 / 226, pair.ContainmentBA, 12);
        Assert.Equal(196.0 / 226, pair.Jaccard, 12);
        Assert.Equal(128, a.Signature.Length);
        Assert.Equal(detector.Lsh.Bands, detector.BandHashes(a.Signature).Length);
        Assert.Equal(DuplicateRelation.Exact, detector.Verify(a, detector.Fingerprint("copy", Base))!.Relation);
        Assert.Null(detector.Verify(a, detector.Fingerprint("other", Words(900, 200))));
    }

    [Fact]
    public void Empty_texts_are_exact_copies_of_each_other_only()
    {
        DuplicateReport report = new DuplicateDetector().Detect([("e1", ""), ("x", Base), ("e2", "")]);
        DuplicatePair pair = Assert.Single(report.Pairs);
        Assert.Equal(("e1", "e2", DuplicateRelation.Exact), (pair.A, pair.B, pair.Relation));
    }

    [Fact]
    public void Group_joins_pairs_by_union_find()
    {
        DuplicatePair[] pairs = [DuplicatePair.ExactCopy("a", "b"), DuplicatePair.ExactCopy("c", "d"), DuplicatePair.ExactCopy("b", "e"), DuplicatePair.ExactCopy("d", "a")];
        Assert.Equal([["a", "b", "c", "d", "e"]], DuplicateDetector.Group(pairs));
        Assert.Equal(2, DuplicateDetector.Group([DuplicatePair.ExactCopy("a", "b"), DuplicatePair.ExactCopy("c", "d")]).Count);
        Assert.Empty(DuplicateDetector.Group([]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(double.NaN)]
    public void Threshold_out_of_range_throws(double threshold)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new DuplicateDetector(new DuplicateOptions { Threshold = threshold }));

    [Fact]
    public void Lsh_index_pairs_documents_sharing_a_band_once()
    {
        var index = new LshIndex(new LshParameters(4, 2));
        index.Add([1, 2, 3, 4, 5, 6, 7, 8]);
        index.Add([9, 9, 3, 4, 9, 9, 7, 8]); // shares bands 1 and 3 with document 0: one pair
        index.Add([0, 0, 0, 0, 0, 0, 0, 0]);
        index.Add([1, 2, 0, 0, 0, 0, 0, 1]); // shares band 0 with 0, bands 1 and 2 with 2
        Assert.Equal(4, index.Count);
        Assert.Equal([(0, 1), (0, 3), (2, 3)], index.CandidatePairs());
    }

    internal static string Words(int from, int count) => string.Join(' ', Enumerable.Range(from, count).Select(i => "w" + i));

    private static string Replace(string text, int wordIndex, string word)
    {
        string[] words = text.Split(' ');
        words[wordIndex] = word;
        return string.Join(' ', words);
    }

    private static double ExactJaccard(string a, string b) => Shingles.Jaccard(Shingles.Set(TextNormalizer.Normalize(a)), Shingles.Set(TextNormalizer.Normalize(b)));
}

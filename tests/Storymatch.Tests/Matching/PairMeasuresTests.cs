using Storymatch.Fingerprints;
using Storymatch.Matching;
using Storymatch.Text;

namespace Storymatch.Tests.Matching;

public class PairMeasuresTests
{
    [Fact]
    public void Identical_texts_are_exact_with_every_measure_at_one()
    {
        string text = TextNormalizer.Normalize("Officials said on Monday that the bridge would reopen next week after repairs.");
        PairMeasures m = PairMeasures.Compute(text, text);
        Assert.True(m.Exact);
        Assert.Equal((1.0, 1.0, 1.0, 1.0, 1.0, 1.0), (m.Jaccard1, m.Jaccard3, m.Jaccard5, m.ContainmentAB, m.ContainmentBA, m.MinHashEstimate));
    }

    [Fact]
    public void Measures_of_a_small_known_pair()
    {
        // Words: {a b c d e f} vs {a b c d e g}: 5 of 7. 3-shingles: abc bcd cde def vs abc bcd cde deg: 3 of 5.
        // 5-shingles: abcde bcdef vs abcde bcdeg: 1 of 3.
        PairMeasures m = PairMeasures.Compute("a b c d e f", "a b c d e g");
        Assert.False(m.Exact);
        Assert.Equal(5.0 / 7, m.Jaccard1, 12);
        Assert.Equal(3.0 / 5, m.Jaccard3, 12);
        Assert.Equal(1.0 / 3, m.Jaccard5, 12);
        Assert.Equal(0.5, m.ContainmentAB);
        Assert.Equal(5, m.ShingleSize);
    }

    [Fact]
    public void A_text_inside_a_longer_one_is_contained_one_way()
    {
        string inner = string.Join(' ', Enumerable.Range(0, 40).Select(i => "w" + i));
        string outer = inner + " " + string.Join(' ', Enumerable.Range(100, 40).Select(i => "w" + i));
        PairMeasures m = PairMeasures.Compute(inner, outer);
        Assert.Equal(1, m.ContainmentAB);
        Assert.Equal(36.0 / 76, m.ContainmentBA, 12);
        Assert.Equal(36.0 / 76, m.Jaccard5, 12);
        Assert.InRange(m.MinHashEstimate, 0.3, 0.65);
    }

    [Fact]
    public void Disjoint_texts_score_zero_and_shingle_size_follows_the_hasher()
    {
        var hasher = new MinHasher(new MinHashOptions { ShingleSize = 3 });
        PairMeasures m = PairMeasures.Compute("alpha beta gamma delta", "one two three four", hasher);
        Assert.Equal((0.0, 0.0, 0.0, 0.0, 0.0), (m.Jaccard1, m.Jaccard3, m.Jaccard5, m.ContainmentAB, m.ContainmentBA));
        Assert.Equal(3, m.ShingleSize);
        Assert.InRange(m.MinHashEstimate, 0, 0.05);
    }
}

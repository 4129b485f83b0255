using Storymatch.Fingerprints;

namespace Storymatch.Tests.Fingerprints;

public class LshTests
{
    [Fact]
    public void Default_parameters_for_0_8_at_128_permutations()
    {
        // Cross-checked with an independent brute force (trapezoid rule, 400 steps, in Python): weight 0.95 gives
        // 16 x 8, equal weights give 9 x 13.
        LshParameters lsh = LshParameters.ForThreshold(0.8, 128);
        Assert.Equal((16, 8), (lsh.Bands, lsh.Rows));
        Assert.InRange(lsh.CandidateProbability(0.8), 0.94, 0.95);
        LshParameters balanced = LshParameters.ForThreshold(0.8, 128, falseNegativeWeight: 0.5);
        Assert.Equal((9, 13), (balanced.Bands, balanced.Rows));
    }

    [Fact]
    public void Integration_matches_the_closed_form_for_one_band_of_one_row()
    {
        // P(s) = s: false-positive area t^2 / 2, false-negative area (1 - t)^2 / 2.
        var lsh = new LshParameters(1, 1);
        Assert.Equal(0.8 * 0.8 / 2, lsh.FalsePositiveArea(0.8), 1e-9);
        Assert.Equal(0.2 * 0.2 / 2, lsh.FalseNegativeArea(0.8), 1e-9);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(256)]
    public void Parameters_are_sane_for_every_threshold(int permutations)
    {
        double previousMidpoint = 0;
        foreach (double threshold in new[] { 0.3, 0.5, 0.7, 0.8, 0.9, 0.95 })
        {
            LshParameters lsh = LshParameters.ForThreshold(threshold, permutations);
            Assert.InRange(lsh.SignatureValuesUsed, 1, permutations);

            // The S-curve rises with similarity, and its midpoint moves up with the threshold.
            double previous = 0;
            for (double s = 0; s <= 1.0001; s += 0.05)
            {
                double p = lsh.CandidateProbability(Math.Min(s, 1));
                Assert.True(p >= previous - 1e-12, $"P not monotone at s={s} for {lsh}");
                previous = p;
            }

            double midpoint = Midpoint(lsh);
            Assert.True(midpoint >= previousMidpoint, $"midpoint {midpoint} fell at threshold {threshold}");
            previousMidpoint = midpoint;

            // Weighting misses more never lowers the probability of catching a pair at the threshold.
            double atThreshold = LshParameters.ForThreshold(threshold, permutations, 0.5).CandidateProbability(threshold);
            Assert.True(lsh.CandidateProbability(threshold) >= atThreshold - 1e-12);
        }
    }

    [Fact]
    public void Invalid_arguments_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LshParameters.ForThreshold(1, 128));
        Assert.Throws<ArgumentOutOfRangeException>(() => LshParameters.ForThreshold(0.8, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LshParameters.ForThreshold(0.8, 128, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LshParameters(0, 3));
        Assert.Throws<ArgumentException>(() => new LshParameters(16, 8).ComputeBandHashes(new uint[100]));
    }

    [Fact]
    public void Band_hashes_change_only_in_the_band_that_changed()
    {
        var lsh = new LshParameters(16, 8);
        uint[] signature = new MinHasher().ComputeSignature(MinHasherTests.Sentence);
        ulong[] original = lsh.ComputeBandHashes(signature);
        Assert.Equal(original, lsh.ComputeBandHashes((uint[])signature.Clone()));
        for (int position = 0; position < 128; position += 13)
        {
            uint[] changed = (uint[])signature.Clone();
            changed[position] ^= 1;
            ulong[] hashes = lsh.ComputeBandHashes(changed);
            for (int band = 0; band < 16; band++)
            {
                Assert.Equal(band == position / 8, hashes[band] != original[band]);
            }
        }
    }

    [Fact]
    public void Equal_rows_in_different_bands_hash_differently()
    {
        ulong[] hashes = new LshParameters(4, 2).ComputeBandHashes([5, 6, 5, 6, 5, 6, 5, 6]);
        Assert.Equal(4, hashes.Distinct().Count());
    }

    private static double Midpoint(LshParameters lsh)
    {
        double low = 0, high = 1;
        for (int i = 0; i < 40; i++)
        {
            double mid = (low + high) / 2;
            (low, high) = lsh.CandidateProbability(mid) < 0.5 ? (mid, high) : (low, mid);
        }

        return low;
    }
}

using Storymatch.Fingerprints;

namespace Storymatch.Tests.Fingerprints;

public class MinHasherTests
{
    /// <summary>Permutation counts around every vector width and block boundary (tails of 0-31 permutations).</summary>
    public static readonly int[] PermutationCounts = [1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 256];

    /// <summary>Shingle counts: none, one, and sizes that are and are not multiples of anything.</summary>
    public static readonly int[] ShingleCounts = [0, 1, 2, 3, 5, 8, 17, 100, 601];

    public const string Sentence = "the quick brown fox jumps over the lazy dog while the cat sat on the mat";

    private static readonly MinHashOptions Version1 = new() { Scheme = MinHashScheme.IndependentPermutations };

    [Fact]
    public void Default_signature_reference_values()
    {
        // Known answers for the default options (one permutation, fingerprint version 2): stored signatures
        // depend on these exact values. The sentence has 12 shingles, so 116 of the 128 values are densified.
        uint[] signature = new MinHasher().ComputeSignature(Sentence);
        Assert.Equal(MinHashScheme.OnePermutation, MinHashOptions.Default.Scheme);
        Assert.Equal(128, signature.Length);
        Assert.Equal(OnePermutationHead, signature[..8]);
        Assert.Equal(OnePermutationTail, signature[120..]);
        Assert.Equal(12, signature.Distinct().Count());
    }

    private static readonly uint[] OnePermutationHead = [0x69C08CABu, 0x3349AA9Fu, 0x69C08CABu, 0xD9D8AF75u, 0xE4DB0135u, 0x734B45CDu, 0x8B37A530u, 0xDECB39CCu];
    private static readonly uint[] OnePermutationTail = [0x8B79DF6Au, 0xBB544005u, 0xBB544005u, 0x43F3C7D3u, 0x69C08CABu, 0xD9D8AF75u, 0xE4DB0135u, 0x8B37A530u];

    [Fact]
    public void Independent_permutations_reference_values()
    {
        // Known answers for fingerprint version 1 (stores made before version 2 keep these signatures).
        uint[] signature = new MinHasher(Version1).ComputeSignature(Sentence);
        Assert.Equal(128, signature.Length);
        Assert.Equal([0x0B471B26u, 0x19BD263Cu, 0x20093B3Eu, 0x02DEBED2u, 0x20FFE9A4u, 0x05545613u, 0x02391200u, 0x085DB9EBu], signature[..8]);
        Assert.Equal([0x06F9ABDCu, 0x31B97140u, 0x0777B01Fu, 0x047B91B6u, 0x326C5A50u, 0x1616CF03u, 0x2FBEFECAu, 0x020AA6B3u], signature[120..]);
    }

    [Fact]
    public void Seeded_signature_reference_values()
    {
        // 13 permutations: one Vector256 block, one Vector128 block and a scalar tail of one.
        var hasher = new MinHasher(new MinHashOptions { Seed = 42, Permutations = 13, ShingleSize = 3, Scheme = MinHashScheme.IndependentPermutations });
        Assert.Equal(
            [0x6E4C2C35u, 0x090CDFFBu, 0x7BD3309Du, 0x129E8E84u, 0x8C9D3E0Cu, 0x0A1534C3u, 0x0DBE102Cu, 0x6CF9C50Fu, 0x17073C4Eu, 0x0193B1E9u, 0x2283EF0Eu, 0x169301C7u, 0x233C0B0Eu],
            hasher.ComputeSignature("a b c d e f g"));
    }

    [Fact]
    public void Every_tier_equals_the_scalar_reference_at_every_tail_length()
    {
        var random = new Random(2024);
        foreach (int permutations in PermutationCounts)
        {
            var hasher = new MinHasher(new MinHashOptions { Permutations = permutations, Seed = (ulong)permutations * 7919, Scheme = MinHashScheme.IndependentPermutations });
            foreach (int shingleCount in ShingleCounts)
            {
                ulong[] shingles = RandomShingles(random, shingleCount);
                uint[] expected = new uint[permutations];
                hasher.ComputeReference(shingles, expected);
                foreach (MinHasher.VectorWidth width in Enum.GetValues<MinHasher.VectorWidth>())
                {
                    uint[] actual = new uint[permutations];
                    MinHasher.Reset(actual);
                    hasher.Update(shingles, actual, width);
                    Assert.True(expected.AsSpan().SequenceEqual(actual), $"{width}, {permutations} permutations, {shingleCount} shingles");
                }

                Assert.Equal(expected, Signature(hasher, shingles));
            }
        }
    }

    [Theory]
    [InlineData(MinHashScheme.IndependentPermutations)]
    [InlineData(MinHashScheme.OnePermutation)]
    public void Streaming_in_random_chunks_equals_one_shot(MinHashScheme scheme)
    {
        var random = new Random(99);
        var hasher = new MinHasher(new MinHashOptions { Permutations = 129, Scheme = scheme });
        for (int trial = 0; trial < 20; trial++)
        {
            ulong[] shingles = RandomShingles(random, random.Next(0, 900));
            uint[] oneShot = Signature(hasher, shingles);
            uint[] streamed = new uint[hasher.Permutations];
            MinHasher.Reset(streamed);
            for (int offset = 0; offset < shingles.Length;)
            {
                int chunk = Math.Min(random.Next(0, 64), shingles.Length - offset);
                hasher.Update(shingles.AsSpan(offset, chunk), streamed);
                offset += chunk;
            }

            hasher.Complete(streamed);
            Assert.Equal(oneShot, streamed);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(40)]
    [InlineData(127)]
    public void One_permutation_densifies_every_empty_bin_from_the_shingles_values(int shingleCount)
    {
        var hasher = new MinHasher();
        ulong[] shingles = RandomShingles(new Random(shingleCount), shingleCount);
        uint[] bins = new uint[hasher.Permutations];
        MinHasher.Reset(bins);
        hasher.Update(shingles, bins);
        uint[] filled = Signature(hasher, shingles);

        // Non-empty bins keep their minimum; every empty one now holds one of them; nothing is MaxValue.
        HashSet<uint> values = [.. bins.Where(v => v != uint.MaxValue)];
        Assert.InRange(values.Count, 1, shingleCount);
        for (int i = 0; i < bins.Length; i++)
        {
            Assert.True(bins[i] == uint.MaxValue ? values.Contains(filled[i]) : filled[i] == bins[i], $"bin {i}");
        }
    }

    [Fact]
    public void Text_with_no_tokens_has_the_all_max_signature()
        => Assert.All(new MinHasher().ComputeSignature(" -- "), v => Assert.Equal(uint.MaxValue, v));

    [Fact]
    public void Repeated_shingles_do_not_change_the_signature()
    {
        var hasher = new MinHasher();
        ulong[] set = RandomShingles(new Random(3), 50);
        Assert.Equal(Signature(hasher, set), Signature(hasher, [.. set, .. set, .. set.Reverse()]));
    }

    [Theory]
    [InlineData(0.2, MinHashScheme.IndependentPermutations)]
    [InlineData(0.5, MinHashScheme.IndependentPermutations)]
    [InlineData(0.8, MinHashScheme.IndependentPermutations)]
    [InlineData(0.95, MinHashScheme.IndependentPermutations)]
    [InlineData(0.2, MinHashScheme.OnePermutation)]
    [InlineData(0.5, MinHashScheme.OnePermutation)]
    [InlineData(0.8, MinHashScheme.OnePermutation)]
    [InlineData(0.95, MinHashScheme.OnePermutation)]
    public void Estimate_is_unbiased_for_planted_jaccard(double jaccard, MinHashScheme scheme)
    {
        // Pairs of random sets with exactly the given Jaccard; the mean estimate over 60 pairs x 128 positions
        // has a standard error under 0.006, so 0.02 is a 3-sigma-plus bound that a biased hash family fails.
        var random = new Random(17);
        var hasher = new MinHasher(new MinHashOptions { Scheme = scheme });
        double sum = 0;
        const int Pairs = 60;
        for (int pair = 0; pair < Pairs; pair++)
        {
            (ulong[] a, ulong[] b, double exact) = PlantedPair(random, 600, jaccard);
            Assert.Equal(jaccard, exact, 0.005);
            sum += MinHasher.EstimateJaccard(Signature(hasher, a), Signature(hasher, b)) - exact;
        }

        Assert.InRange(sum / Pairs, -0.02, 0.02);
    }

    [Fact]
    public void Signature_of_text_allocates_nothing_in_steady_state()
    {
        var hasher = new MinHasher();
        string text = string.Join(' ', Enumerable.Range(0, 600).Select(i => "w" + (i * 31 % 500)));
        uint[] destination = new uint[hasher.Permutations];
        for (int i = 0; i < 3; i++)
        {
            hasher.ComputeSignature(text, destination);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        hasher.ComputeSignature(text, destination);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(hasher.ComputeSignature(text), destination);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(4097, 5)]
    [InlineData(128, 0)]
    [InlineData(128, 65)]
    public void Options_out_of_range_throw(int permutations, int shingleSize)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new MinHasher(new MinHashOptions { Permutations = permutations, ShingleSize = shingleSize }));

    [Fact]
    public void Wrong_destination_length_throws()
    {
        var hasher = new MinHasher();
        Assert.Throws<ArgumentException>(() => hasher.ComputeSignature("a b c", new uint[127]));
        Assert.Throws<ArgumentException>(() => MinHasher.EstimateJaccard(new uint[4], new uint[5]));
    }

    [Fact]
    public void Signature_bytes_round_trip_little_endian()
    {
        uint[] signature = [0x01020304u, 0xA0B0C0D0u, 0, uint.MaxValue];
        byte[] bytes = SignatureBytes.ToBytes(signature);
        Assert.Equal(new byte[] { 4, 3, 2, 1, 0xD0, 0xC0, 0xB0, 0xA0, 0, 0, 0, 0, 255, 255, 255, 255 }, bytes);
        Assert.Equal(signature, SignatureBytes.FromBytes(bytes));
        uint[] full = new MinHasher().ComputeSignature(Sentence);
        Assert.Equal(512, SignatureBytes.ByteLength(128));
        Assert.Equal(full, SignatureBytes.FromBytes(SignatureBytes.ToBytes(full)));
        Assert.Throws<FormatException>(() => SignatureBytes.FromBytes(new byte[7]));
        Assert.Throws<FormatException>(() => SignatureBytes.Read(new byte[8], new uint[3]));
    }

    internal static uint[] Signature(MinHasher hasher, ReadOnlySpan<ulong> shingles)
    {
        uint[] signature = new uint[hasher.Permutations];
        hasher.ComputeSignature(shingles, signature);
        return signature;
    }

    internal static ulong[] RandomShingles(Random random, int count)
    {
        ulong[] shingles = new ulong[count];
        random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(shingles.AsSpan()));
        return shingles;
    }

    /// <summary>Two sets of random values sharing c elements, with c chosen so |A ∩ B| / |A ∪ B| ≈ jaccard.</summary>
    private static (ulong[] A, ulong[] B, double Exact) PlantedPair(Random random, int size, double jaccard)
    {
        int common = (int)Math.Round(2 * size * jaccard / (1 + jaccard));
        ulong[] shared = RandomShingles(random, common);
        ulong[] a = [.. shared, .. RandomShingles(random, size - common)];
        ulong[] b = [.. shared, .. RandomShingles(random, size - common)];
        return (a, b, (double)common / ((2 * size) - common));
    }
}

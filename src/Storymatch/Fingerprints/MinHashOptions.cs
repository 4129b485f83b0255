namespace Storymatch.Fingerprints;

/// <summary>Settings of a <see cref="MinHasher"/>. Signatures are comparable only between hashers with equal options.</summary>
public sealed record MinHashOptions
{
    /// <summary>The seed the permutations are drawn from. Changing it changes every signature (stored ones too).</summary>
    public const ulong DefaultSeed = 0x5EED_57A3_2C1B_3C6DUL;

    /// <summary>The default options: 5-word shingles, 128 permutations, <see cref="DefaultSeed"/>.</summary>
    public static MinHashOptions Default { get; } = new();

    /// <summary>Words per shingle (1 to <see cref="Shingles.MaxSize"/>).</summary>
    public int ShingleSize { get; init; } = Shingles.DefaultSize;

    /// <summary>Signature length: one 32-bit minimum per permutation (1 to 4096).</summary>
    public int Permutations { get; init; } = 128;

    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>How the signature is drawn (<see cref="MinHashScheme.OnePermutation"/> unless a store made with the older scheme says otherwise).</summary>
    public MinHashScheme Scheme { get; init; } = MinHashScheme.OnePermutation;
}

/// <summary>How a <see cref="MinHasher"/> draws its signature values. Both estimate Jaccard similarity; their signatures are not comparable with each other.</summary>
public enum MinHashScheme
{
    /// <summary>One independent hash permutation per signature value: each shingle is hashed once per value (fingerprint version 1).</summary>
    IndependentPermutations = 1,

    /// <summary>
    /// One permutation split into as many bins as signature values, each value the minimum of its bin, empty bins
    /// filled by optimal densification: each shingle is hashed once (fingerprint version 2).
    /// </summary>
    OnePermutation = 2,
}

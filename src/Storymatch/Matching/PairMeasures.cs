using Storymatch.Fingerprints;

namespace Storymatch.Matching;

/// <summary>
/// Every duplicate measure between two texts, for <c>storymatch compare</c>. Jaccard values are exact (over
/// shingle sets); containment uses the hasher's shingle size; the MinHash estimate is what LSH sees.
/// </summary>
/// <param name="Exact">The normalised texts are identical, i.e. their content hashes are equal.</param>
/// <param name="Jaccard1">Jaccard similarity of the word sets (1-word shingles).</param>
/// <param name="Jaccard3">Jaccard similarity of 3-word shingle sets.</param>
/// <param name="Jaccard5">Jaccard similarity of 5-word shingle sets.</param>
/// <param name="ShingleSize">The shingle size of the containment and MinHash figures.</param>
/// <param name="ContainmentAB">Share of A's shingles found in B (1 = A is contained in B).</param>
/// <param name="ContainmentBA">Share of B's shingles found in A.</param>
/// <param name="MinHashEstimate">Share of equal signature positions: the MinHash estimate of the Jaccard at <paramref name="ShingleSize"/>.</param>
public sealed record PairMeasures(
    bool Exact,
    double Jaccard1,
    double Jaccard3,
    double Jaccard5,
    int ShingleSize,
    double ContainmentAB,
    double ContainmentBA,
    double MinHashEstimate)
{
    /// <summary>Measures two texts already in normal form (<see cref="Text.TextNormalizer.Normalize"/>).</summary>
    internal static PairMeasures Compute(string normalizedA, string normalizedB, MinHasher? hasher = null)
    {
        hasher ??= new MinHasher();
        ulong[] a = Shingles.Set(normalizedA, hasher.ShingleSize);
        ulong[] b = Shingles.Set(normalizedB, hasher.ShingleSize);
        return new PairMeasures(
            Exact: string.Equals(normalizedA, normalizedB, StringComparison.Ordinal),
            Jaccard1: JaccardAt(normalizedA, normalizedB, 1),
            Jaccard3: JaccardAt(normalizedA, normalizedB, 3),
            Jaccard5: hasher.ShingleSize == 5 ? Shingles.Jaccard(a, b) : JaccardAt(normalizedA, normalizedB, 5),
            ShingleSize: hasher.ShingleSize,
            ContainmentAB: Shingles.Containment(a, b),
            ContainmentBA: Shingles.Containment(b, a),
            MinHashEstimate: MinHasher.EstimateJaccard(hasher.ComputeSignature(normalizedA), hasher.ComputeSignature(normalizedB)));
    }

    private static double JaccardAt(string a, string b, int size) => Shingles.Jaccard(Shingles.Set(a, size), Shingles.Set(b, size));
}

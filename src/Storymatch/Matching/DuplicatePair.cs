using System.Text.Json.Serialization;

namespace Storymatch.Matching;

/// <summary>The two relations <see cref="DuplicatePair.Relation"/> takes.</summary>
public static class DuplicateRelation
{
    /// <summary>Identical normalised text (equal content hash).</summary>
    public const string Exact = "exact";

    /// <summary>Exact shingle Jaccard at or above the threshold.</summary>
    public const string NearDuplicate = "near-duplicate";
}

/// <summary>
/// Two documents found to be copies of each other. Jaccard and containment are exact, over shingle sets of
/// the detector's shingle size: <see cref="ContainmentAB"/> is the share of A's shingles that B has.
/// </summary>
/// <param name="A">The id of the document that comes first in input (or store) order.</param>
/// <param name="B">The id of the other document.</param>
/// <param name="Relation"><see cref="DuplicateRelation.Exact"/> or <see cref="DuplicateRelation.NearDuplicate"/>.</param>
/// <param name="Jaccard">Exact Jaccard similarity of the two shingle sets (1 for exact copies).</param>
/// <param name="ContainmentAB">|A ∩ B| / |A|: how much of A appears in B.</param>
/// <param name="ContainmentBA">|A ∩ B| / |B|: how much of B appears in A.</param>
/// <param name="MinHashEstimate">The signature estimate of the Jaccard, kept for diagnostics and left out of JSON.</param>
public sealed record DuplicatePair(
    string A,
    string B,
    string Relation,
    double Jaccard,
    double ContainmentAB,
    double ContainmentBA,
    [property: JsonIgnore] double MinHashEstimate = 1)
{
    /// <summary>An exact pair: identical normalised text, every measure 1.</summary>
    public static DuplicatePair ExactCopy(string a, string b) => new(a, b, DuplicateRelation.Exact, 1, 1, 1);
}

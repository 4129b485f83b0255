using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Storymatch.Matching;

namespace Storymatch.Cli.Commands;

/// <summary>
/// The <c>compare</c> report's relation: exact copy | near-duplicate | rewrite | partial reuse | same story |
/// unrelated, the similarity score in [0, 1] and the evidence (aligned sentences, shared entities, numbers, dates).
/// Document frequencies come from the store when there is one, else from the two articles.
/// </summary>
internal sealed class CompareRelationSection : ICompareSection
{
    /// <summary>Aligned pairs listed in the text report (JSON has all of the evidence).</summary>
    private const int PairsShown = 5;

    public void Add(ComparedPair pair, JsonObject json, List<string> lines)
    {
        Relation relation = pair.Comparison.Relation;
        RelationEvidence e = relation.Evidence;
        json["relation"] = relation.KindName;
        json["score"] = Math.Round(relation.Score, 4);
        json["evidence"] = JsonSerializer.SerializeToNode(e, CliJson.Default.RelationEvidence);

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"relation                {relation.KindName}, score {relation.Score:0.000}"));
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"  sentences with a counterpart: {e.CoverageA:0.00} of A, {e.CoverageB:0.00} of B; in order {e.OrderPreservation:0.00}; story similarity {e.StorySimilarity:0.000}"));
        if (e.SharedEntities.Count > 0)
        {
            lines.Add($"  shared entities: {string.Join(", ", e.SharedEntities.Take(12))}");
        }

        if (e.SharedNumbers.Count > 0)
        {
            lines.Add($"  shared numbers: {string.Join(", ", e.SharedNumbers.Take(12))}");
        }

        if (e.SharedDates.Count > 0)
        {
            lines.Add($"  shared dates: {string.Join(", ", e.SharedDates.Take(12))}");
        }

        foreach (SentencePairEvidence p in e.AlignedSentences.OrderByDescending(x => x.Score).Take(PairsShown))
        {
            ComparisonTextReport.Wrap(lines, "  ", string.Create(CultureInfo.InvariantCulture, $"{p.Score:0.00} A#{p.IndexA}: {p.SentenceA}"));
            ComparisonTextReport.Wrap(lines, "       ", string.Create(CultureInfo.InvariantCulture, $"B#{p.IndexB}: {p.SentenceB}"));
        }
    }
}

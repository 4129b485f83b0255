using System.Text.Json.Serialization;
using Storymatch.Text;

namespace Storymatch.Matching;

/// <summary>How two versions of an article relate, strongest first.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RelationKind>))]
public enum RelationKind
{
    /// <summary>The same text once normalised (case, quotes, dashes, whitespace).</summary>
    [JsonStringEnumMemberName("exact copy")]
    ExactCopy,

    /// <summary>Nearly every sentence of each has a near-identical counterpart, in the same order.</summary>
    [JsonStringEnumMemberName("near-duplicate")]
    NearDuplicate,

    /// <summary>Most sentences of one have a paraphrased counterpart in the other, largely in the same order.</summary>
    [JsonStringEnumMemberName("rewrite")]
    Rewrite,

    /// <summary>Some passages are shared (several sentences correspond), the rest differs.</summary>
    [JsonStringEnumMemberName("partial reuse")]
    PartialReuse,

    /// <summary>Few or no shared sentences, but the same event: the story similarity says so.</summary>
    [JsonStringEnumMemberName("same story")]
    SameStory,

    [JsonStringEnumMemberName("unrelated")]
    Unrelated,
}

/// <summary>
/// The story-level similarity of two articles (the "same story" score in [0, 1]) and the entities, numbers
/// and dates they share, from the similarity stage.
/// </summary>
internal sealed record StoryMatch(double Score, IReadOnlyList<string> SharedEntities, IReadOnlyList<string> SharedNumbers, IReadOnlyList<string> SharedDates)
{
    public static StoryMatch None { get; } = new(0, [], [], []);
}

/// <summary>An aligned sentence pair as evidence: the sentence numbers (from 1) in A and B, their similarity, whether the pair keeps the order, and both sentences.</summary>
public sealed record SentencePairEvidence(
    [property: JsonPropertyName("a_index")] int IndexA,
    [property: JsonPropertyName("b_index")] int IndexB,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("in_order")] bool InOrder,
    [property: JsonPropertyName("a")] string SentenceA,
    [property: JsonPropertyName("b")] string SentenceB);

/// <summary>Why a relation was chosen: the measures it rests on and what the two versions share.</summary>
public sealed record RelationEvidence(
    [property: JsonPropertyName("coverage_a")] double CoverageA,
    [property: JsonPropertyName("coverage_b")] double CoverageB,
    [property: JsonPropertyName("order_preservation")] double OrderPreservation,
    [property: JsonPropertyName("story_similarity")] double StorySimilarity,
    [property: JsonPropertyName("aligned_sentences")] IReadOnlyList<SentencePairEvidence> AlignedSentences,
    [property: JsonPropertyName("shared_entities")] IReadOnlyList<string> SharedEntities,
    [property: JsonPropertyName("shared_numbers")] IReadOnlyList<string> SharedNumbers,
    [property: JsonPropertyName("shared_dates")] IReadOnlyList<string> SharedDates)
{
    /// <summary>
    /// The share of A's sentences (those with enough content to align) that have a counterpart in B: how much of A is
    /// reused text, apart from <see cref="StorySimilarity"/> (how much the two tell the same event).
    /// </summary>
    [JsonPropertyName("sentences_reused")]
    public double SentencesReused { get; init; }
}

/// <summary>The relation of two versions, a similarity score in [0, 1] and the evidence.</summary>
public sealed record Relation(RelationKind Kind, double Score, RelationEvidence Evidence)
{
    /// <summary>The name used in JSON and on the command line ("near-duplicate", "partial reuse", ...).</summary>
    public string KindName => NameOf(Kind);

    public static string NameOf(RelationKind kind) => kind switch
    {
        RelationKind.ExactCopy => "exact copy",
        RelationKind.NearDuplicate => "near-duplicate",
        RelationKind.Rewrite => "rewrite",
        RelationKind.PartialReuse => "partial reuse",
        RelationKind.SameStory => "same story",
        _ => "unrelated",
    };
}

/// <summary>
/// Decides how two versions relate from their sentence alignment (text reuse) and the story similarity
/// (same event). The thresholds are round numbers that follow the definitions, not fitted to pairs:
/// <list type="bullet">
/// <item>near-duplicate: one text is (≥ 90 %) inside the other and at least 75 % of the other has a counterpart
/// (a paragraph added or cut), pairs are near-identical (mean similarity ≥ 0.85) and in order (≥ 90 %);</item>
/// <item>rewrite: "most" (≥ 50 %) of the two texts' content, taken together (mean of both coverages), has a
/// counterpart in the other, "largely in the same order" (≥ 75 % of matched sentences on the monotone path),
/// and at least three pairs; a short text contained in a much longer one is partial reuse, not a rewrite, and so
/// are verbatim passages (mean pair similarity ≥ 0.8) that cover less than half of one text;</item>
/// <item>partial reuse: at least two strongly similar sentence pairs (≥ 0.6: a passage copied, lightly edited at
/// most; two independent reports of one statement or one lead share about half of a sentence's weighted terms, not
/// more);</item>
/// <item>same story: story similarity at or above <see cref="SameStoryThreshold"/>.</item>
/// </list>
/// </summary>
internal static class RelationClassifier
{
    public const double NearDuplicateCoverage = 0.75;
    public const double NearDuplicateContainment = 0.9;
    public const double NearDuplicatePairScore = 0.85;
    public const double VerbatimPairScore = 0.8;
    public const double NearDuplicateOrder = 0.9;
    public const double RewriteCoverage = 0.5;
    public const double RewriteOrder = 0.75;
    public const int RewriteMinPairs = 3;
    public const double PartialReusePairScore = 0.6;
    public const int PartialReuseMinPairs = 2;

    /// <summary>Least story similarity for "same story" when no passage is shared: the similarity model's own cut.</summary>
    public const double SameStoryThreshold = SimilarityModel.SameStoryThreshold;

    /// <summary>At most this many aligned pairs go into the evidence (the strongest).</summary>
    public const int MaxEvidencePairs = 20;

    /// <summary>Classifies two texts given their story similarity.</summary>
    public static Relation Classify(string textA, string textB, StoryMatch story)
    {
        string normA = TextNormalizer.Normalize(textA ?? string.Empty);
        string normB = TextNormalizer.Normalize(textB ?? string.Empty);
        SentenceAlignment alignment = SentenceAligner.Align(textA ?? string.Empty, textB ?? string.Empty);
        RelationEvidence evidence = BuildEvidence(alignment, story);
        if (normA.Length > 0 && string.Equals(normA, normB, StringComparison.Ordinal))
        {
            return new Relation(RelationKind.ExactCopy, 1.0, evidence);
        }

        RelationKind kind = Decide(alignment, story.Score);
        return new Relation(kind, ScoreOf(kind, alignment, story.Score), evidence);
    }

    /// <summary>The relation implied by an alignment and a story similarity (exact copies are decided on the text before).</summary>
    public static RelationKind Decide(SentenceAlignment alignment, double storySimilarity)
    {
        double minCoverage = Math.Min(alignment.CoverageA, alignment.CoverageB);
        double meanCoverage = (alignment.CoverageA + alignment.CoverageB) / 2;
        double maxCoverage = Math.Max(alignment.CoverageA, alignment.CoverageB);
        if (minCoverage >= NearDuplicateCoverage && maxCoverage >= NearDuplicateContainment
            && alignment.MeanPairScore >= NearDuplicatePairScore && alignment.OrderPreservation >= NearDuplicateOrder)
        {
            return RelationKind.NearDuplicate;
        }

        // Verbatim passages that make up only part of one text are reuse; a rewrite rewords.
        bool verbatimPassages = alignment.MeanPairScore >= VerbatimPairScore && minCoverage < RewriteCoverage;
        if (!verbatimPassages && meanCoverage >= RewriteCoverage && alignment.OrderPreservation >= RewriteOrder && alignment.InOrderCount >= RewriteMinPairs)
        {
            return RelationKind.Rewrite;
        }

        int strongPairs = 0;
        foreach (AlignedSentencePair p in alignment.Pairs)
        {
            if (p.Score >= PartialReusePairScore)
            {
                strongPairs++;
            }
        }

        if (strongPairs >= PartialReuseMinPairs)
        {
            return RelationKind.PartialReuse;
        }

        return storySimilarity >= SameStoryThreshold ? RelationKind.SameStory : RelationKind.Unrelated;
    }

    /// <summary>
    /// The similarity score: the larger of the story similarity and the text reuse (content share with a
    /// counterpart × how close the counterparts are), so reuse never scores below the same story told anew.
    /// </summary>
    private static double ScoreOf(RelationKind kind, SentenceAlignment alignment, double storySimilarity)
    {
        double reuse = Math.Sqrt(alignment.CoverageA * alignment.CoverageB) * alignment.MeanPairScore;
        double score = Math.Max(Math.Clamp(storySimilarity, 0, 1), Math.Clamp(reuse, 0, 1));
        return kind == RelationKind.Unrelated ? Math.Min(score, SameStoryThreshold) : score;
    }

    private static RelationEvidence BuildEvidence(SentenceAlignment alignment, StoryMatch story)
    {
        var pairs = alignment.Pairs
            .OrderByDescending(p => p.Score)
            .Take(MaxEvidencePairs)
            .OrderBy(p => p.IndexA)
            .Select(p => new SentencePairEvidence(p.IndexA + 1, p.IndexB + 1, Math.Round(p.Score, 3), p.InOrder,
                alignment.A.Sentence(p.IndexA), alignment.B.Sentence(p.IndexB)))
            .ToList();
        IReadOnlyList<string> entities = story.SharedEntities.Count > 0 ? story.SharedEntities : alignment.Shared.Names;
        IReadOnlyList<string> numbers = story.SharedNumbers.Count > 0 ? story.SharedNumbers : alignment.Shared.Numbers;
        int content = 0;
        var reused = new HashSet<int>();
        for (int i = 0; i < alignment.A.SentenceCount; i++)
        {
            content += alignment.A.SentenceTerms[i].Length >= SentenceAligner.MinSentenceTerms ? 1 : 0;
        }

        foreach (AlignedSentencePair p in alignment.Pairs)
        {
            if (p.Score >= SentenceAligner.CounterpartThreshold || (p.InOrder && p.Score >= SentenceAligner.GapThreshold))
            {
                reused.Add(p.IndexA);
            }
        }

        return new RelationEvidence(Math.Round(alignment.CoverageA, 3), Math.Round(alignment.CoverageB, 3),
            Math.Round(alignment.OrderPreservation, 3), Math.Round(story.Score, 3), pairs, entities, numbers, story.SharedDates)
        {
            SentencesReused = content == 0 ? 0 : Math.Round((double)reused.Count / content, 3),
        };
    }
}

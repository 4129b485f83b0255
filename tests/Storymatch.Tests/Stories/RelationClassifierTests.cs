using Storymatch.Matching;

namespace Storymatch.Tests.Stories;

public class RelationClassifierTests
{
    private const string Council =
        "The city council approved the new budget for public transport on Monday evening. " +
        "Mayor Anna Keller said the plan adds forty electric buses to the fleet by 2026. " +
        "Opposition members criticised the cost of the charging stations near the harbour. " +
        "The vote passed with twenty-one members in favour and nine against the proposal. " +
        "Construction of the first depot is due to start in the spring, the transport office said.";

    [Fact]
    public void Same_text_with_other_quotes_and_spacing_is_an_exact_copy()
    {
        Relation r = RelationClassifier.Classify(Council, Council.Replace(". ", ".\n\n  ", StringComparison.Ordinal), StoryMatch.None);
        Assert.Equal(RelationKind.ExactCopy, r.Kind);
        Assert.Equal(1.0, r.Score);
    }

    [Fact]
    public void One_word_changed_is_a_near_duplicate()
    {
        Relation r = RelationClassifier.Classify(Council, Council.Replace("Monday", "Tuesday", StringComparison.Ordinal), StoryMatch.None);
        Assert.Equal(RelationKind.NearDuplicate, r.Kind);
        Assert.InRange(r.Score, 0.8, 1.0);
    }

    [Fact]
    public void Shared_passage_inside_other_text_is_partial_reuse()
    {
        const string other =
            "Heavy rain flooded several streets in the old town overnight, the fire brigade reported. " +
            "Residents were asked to keep away from the river banks until the water level falls. " +
            "Mayor Anna Keller said the plan adds forty electric buses to the fleet by 2026. " +
            "Opposition members criticised the cost of the charging stations near the harbour. " +
            "Schools in the district will stay closed on Friday while crews clear the debris. " +
            "Forecasters expect more storms over the weekend across the northern valleys.";
        Relation r = RelationClassifier.Classify(Council, other, StoryMatch.None);
        Assert.Equal(RelationKind.PartialReuse, r.Kind);
        Assert.Equal(2, r.Evidence.AlignedSentences.Count(p => p.Score >= 0.9));
    }

    [Fact]
    public void No_shared_sentences_uses_story_similarity()
    {
        const string report = "Storm Elsa cut power to thousands of homes in the north. Engineers worked through the night to restore supplies to the region.";
        Assert.Equal(RelationKind.SameStory, RelationClassifier.Classify(Council, report, new StoryMatch(0.6, ["Elsa"], [], [])).Kind);
        Relation unrelated = RelationClassifier.Classify(Council, report, new StoryMatch(0.05, [], [], []));
        Assert.Equal(RelationKind.Unrelated, unrelated.Kind);
        Assert.InRange(unrelated.Score, 0, RelationClassifier.SameStoryThreshold);
    }

    [Fact]
    public void Empty_texts_are_unrelated_not_exact_copies()
    {
        Relation r = RelationClassifier.Classify("", "   ", StoryMatch.None);
        Assert.Equal(RelationKind.Unrelated, r.Kind);
        Assert.Empty(r.Evidence.AlignedSentences);
    }

    [Fact]
    public void Seeds_000_and_001_are_rewrites_with_evidence()
    {
        string[] seeds = SeedFiles.TextsOrSkip();
        Relation r = RelationClassifier.Classify(seeds[0], seeds[1], StoryMatch.None);
        Assert.Equal(RelationKind.Rewrite, r.Kind);
        Assert.InRange(r.Score, 0.0, 1.0);
        Assert.True(r.Evidence.AlignedSentences.Count >= 5);
        Assert.Contains("Kremlin", r.Evidence.SharedEntities);
    }

    [Fact]
    public void Seed_pairs_other_than_000_001_are_not_rewrites_or_copies()
    {
        string[] seeds = SeedFiles.TextsOrSkip();
        for (int i = 0; i < seeds.Length; i++)
        {
            for (int j = i + 1; j < seeds.Length; j++)
            {
                if (i == 0 && j == 1)
                {
                    continue;
                }

                Relation r = RelationClassifier.Classify(seeds[i], seeds[j], StoryMatch.None);
                Assert.True(r.Kind > RelationKind.Rewrite, $"{i}-{j}: {r.KindName}");
            }
        }
    }
}

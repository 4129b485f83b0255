using Storymatch.Matching;

namespace Storymatch.Tests.Reading;

public sealed class AlignmentReadingTests
{
    [Fact]
    public void A_changed_name_aligns_but_is_flagged_and_not_shared()
    {
        const string a = "Putin said the talks in Geneva failed badly today.";
        const string b = "Biden said the talks in Geneva failed badly today.";
        double score = SentenceAligner.SentenceSimilarity(a, b);
        Assert.InRange(score, SentenceAligner.CounterpartThreshold, 0.95);
        SentenceAlignment alignment = SentenceAligner.Align(a, b);
        AlignedSentencePair pair = Assert.Single(alignment.Pairs);
        Assert.DoesNotContain("Putin", alignment.Shared.Names);
        Assert.DoesNotContain("Biden", alignment.Shared.Names);
        SentenceDifference diff = alignment.Differences(pair);
        Assert.Equal(["Putin"], diff.NamesOnlyInA);
        Assert.Equal(["Biden"], diff.NamesOnlyInB);
    }

    [Theory]
    [InlineData("On Monday Merkel met Macron in Paris to discuss the budget.", "On Monday Scholz met Macron in Paris to discuss the budget.", "Merkel", "Scholz")]
    [InlineData("The minister Kuleba spoke with Blinken in Kyiv about weapons.", "The minister Kuleba spoke with Lavrov in Kyiv about weapons.", "Blinken", "Lavrov")]
    public void Other_changed_names_are_flagged(string a, string b, string onlyA, string onlyB)
    {
        SentenceAlignment alignment = SentenceAligner.Align(a, b);
        AlignedSentencePair pair = Assert.Single(alignment.Pairs);
        SentenceDifference diff = alignment.Differences(pair);
        Assert.Contains(onlyA, diff.NamesOnlyInA);
        Assert.Contains(onlyB, diff.NamesOnlyInB);
    }

    [Fact]
    public void Variant_spellings_are_no_difference()
    {
        SentenceAlignment alignment = SentenceAligner.Align(
            "Foreign Minister Dmytro Kuleba met Antony Blinken in Kyiv on Thursday.",
            "Foreign Minister Dmytro Kureba met Antony Brinken in Kiev on Thursday.");
        AlignedSentencePair pair = Assert.Single(alignment.Pairs);
        Assert.True(alignment.Differences(pair).IsEmpty, alignment.Differences(pair).ToString());
    }

    [Fact]
    public void A_changed_number_is_flagged()
    {
        SentenceAlignment alignment = SentenceAligner.Align(
            "China proposed a twelve-point plan for peace in Ukraine last month.",
            "China proposed a 10-point plan for peace in Ukraine last month.");
        SentenceDifference diff = alignment.Differences(Assert.Single(alignment.Pairs));
        Assert.Equal(["twelve-point"], diff.NumbersOnlyInA);
        Assert.Equal(["10-point"], diff.NumbersOnlyInB);
    }
}

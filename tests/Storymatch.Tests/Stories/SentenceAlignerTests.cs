using Storymatch.Matching;

namespace Storymatch.Tests.Stories;

public class SentenceAlignerTests
{
    [Fact]
    public void Paraphrased_sentence_aligns_above_threshold_and_unrelated_one_does_not()
    {
        const string a = "Beijing also condemned Western sanctions and accused NATO and the United States of provoking Russia.";
        const string paraphrase = "Beijing has also condemned the Western sanctions, accusing NATO and the United States of provoking Moscow.";
        const string other = "The central bank raised interest rates by half a point on Tuesday to fight inflation.";
        Assert.True(SentenceAligner.SentenceSimilarity(a, paraphrase) >= SentenceAligner.CounterpartThreshold);
        Assert.Equal(0, SentenceAligner.SentenceSimilarity(a, other));
        Assert.Equal(1.0, SentenceAligner.SentenceSimilarity(a, a), 6);
    }

    [Fact]
    public void Variant_spellings_of_names_align()
    {
        const string a = "Foreign Minister Qin Gang spoke with Dmytro Kuleba about the talks in Kyiv.";
        const string b = "Foreign Minister Qin Kang spoke with Dmytro Kureba about the talks in Kyiv.";
        Assert.True(SentenceAligner.SentenceSimilarity(a, b) > 0.9);
    }

    [Fact]
    public void Reordered_sentences_match_but_lower_order_preservation()
    {
        string[] s =
        [
            "The city council approved the new budget for public transport on Monday evening.",
            "Mayor Anna Keller said the plan adds forty electric buses to the fleet by 2026.",
            "Opposition members criticised the cost of the charging stations near the harbour.",
            "The vote passed with twenty-one members in favour and nine against the proposal.",
        ];
        SentenceAlignment same = SentenceAligner.Align(string.Join(" ", s), string.Join(" ", s));
        SentenceAlignment reversed = SentenceAligner.Align(string.Join(" ", s), string.Join(" ", s.Reverse()));
        Assert.Equal(1.0, same.OrderPreservation, 3);
        Assert.Equal(1.0, same.CoverageA, 3);
        Assert.Equal(4, reversed.Pairs.Count);
        Assert.Equal(1.0, reversed.CoverageA, 3);
        Assert.True(reversed.OrderPreservation <= 0.25, $"order {reversed.OrderPreservation}");
    }

    [Fact]
    public void Empty_and_one_word_texts_align_to_nothing()
    {
        SentenceAlignment empty = SentenceAligner.Align("", "Some text here about the council budget vote.");
        Assert.Empty(empty.Pairs);
        Assert.Equal(0, empty.CoverageA);
        SentenceAlignment word = SentenceAligner.Align("Breaking", "Breaking");
        Assert.Empty(word.Pairs); // fewer than MinSentenceTerms content terms: no evidence either way
    }

    [Fact]
    public void Seed_rewrites_000_and_001_align_mostly_in_order()
    {
        string[] seeds = SeedFiles.TextsOrSkip();
        SentenceAlignment r = SentenceAligner.Align(seeds[0], seeds[1]);
        Assert.True(Math.Max(r.CoverageA, r.CoverageB) >= 0.5, $"coverage {r.CoverageA}/{r.CoverageB}");
        Assert.True(r.OrderPreservation >= 0.75, $"order {r.OrderPreservation}");
        Assert.Contains(r.Pairs, p => p.Score == 1.0 && r.A.Sentence(p.IndexA).StartsWith("Beijing also condemned", StringComparison.Ordinal));
    }
}

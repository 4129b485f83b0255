using System.Text.Json;
using Storymatch.Matching;
using Storymatch.Stories;
using Storymatch.Tools.Matching;

namespace Storymatch.Tests.Matching;

public class SimilarityQualityTests(ITestOutputHelper output)
{
    /// <summary>Just under what the model reaches (see docs/benchmarks.md): a drop below means a regression.</summary>
    private const double MinimumOverallPearson = 0.71;

    /// <summary>Just under the held-out figures of the cross-validation grouped by language pair (docs/benchmarks.md).</summary>
    private const double MinimumGroupedPearson = 0.65;

    private const double MinimumGroupedCrossLanguagePearson = 0.52;

    /// <summary>
    /// Share of same-story pairs (Overall ≤ 1.5) whose texts cluster into one story: just under the measured 0.685
    /// (docs/benchmarks.md). The target is 0.9; not reached yet.
    /// </summary>
    private const double MinimumClusteredSameStory = 0.67;

    /// <summary>Most unrelated pairs (Overall ≥ 3.5) allowed in one story: just over the measured 0.028 (the target is 0.02).</summary>
    private const double MaximumClusteredUnrelated = 0.03;

    [Fact]
    public void Seeds_score_clearly_higher_with_each_other_than_with_unrelated_articles()
    {
        string seeds = TestPaths.SharedOrSkip("seeds");
        string groundTruth = TestPaths.SharedOrSkip("data", "article-extraction-benchmark", "ground-truth.json");
        List<ArticleProfile> seedProfiles = Directory.GetFiles(seeds, "*.txt").Order(StringComparer.Ordinal)
            .Select(f => ArticleProfile.Create(null, File.ReadAllText(f), "en")).ToList();
        Assert.Equal(5, seedProfiles.Count);

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(groundTruth));
        List<string> unrelatedTexts = doc.RootElement.EnumerateObject().Select(e => e.Value.GetProperty("articleBody").GetString() ?? string.Empty).ToList();
        List<ArticleProfile> unrelated = unrelatedTexts.Select(t => ArticleProfile.Create(null, t)).ToList();
        var stats = TermStatistics.From(seedProfiles.Concat(unrelated));

        double minSeedPair = double.MaxValue;
        for (int i = 0; i < seedProfiles.Count; i++)
        {
            for (int j = i + 1; j < seedProfiles.Count; j++)
            {
                minSeedPair = Math.Min(minSeedPair, StorySimilarity.Score(seedProfiles[i], seedProfiles[j], stats).Score);
            }
        }

        double maxUnrelated = 0;
        int closest = 0;
        foreach (ArticleProfile seed in seedProfiles)
        {
            for (int u = 0; u < unrelated.Count; u++)
            {
                double score = StorySimilarity.Score(seed, unrelated[u], stats).Score;
                if (score > maxUnrelated)
                {
                    (maxUnrelated, closest) = (score, u);
                }
            }
        }

        output.WriteLine($"min seed-pair score {minSeedPair:F3}, max seed-vs-unrelated score {maxUnrelated:F3} ({unrelated.Count} unrelated)");
        output.WriteLine($"closest unrelated article: {unrelatedTexts[closest][..Math.Min(200, unrelatedTexts[closest].Length)]}");
        Assert.True(minSeedPair > maxUnrelated + 0.1, $"min seed pair {minSeedPair:F3} vs max unrelated {maxUnrelated:F3}");
    }

    [Fact]
    public void SemEval_correlation_stays_above_the_recorded_level()
    {
        string csv = TestPaths.SharedOrSkip("data", "semeval2022-task8-pairs-dev.csv");
        var errors = new List<string>();
        List<LabelledPair> pairs = SimilarityEvaluation.ReadPairs(csv, errors);
        Assert.Empty(errors);
        Assert.Equal(1283, pairs.Count);
        SimilarityEvaluationResult result = SimilarityEvaluation.Evaluate(pairs);
        foreach (SubsetCorrelation s in result.Subsets)
        {
            output.WriteLine($"{s.Subset}: {s.Pairs} pairs, pearson {s.Score:F3} (plain tf-idf {s.PlainTfIdf:F3})");
        }

        SubsetCorrelation all = result.Subsets[0];
        Assert.True(all.Score >= MinimumOverallPearson, $"overall Pearson {all.Score:F3} < {MinimumOverallPearson}");
        Assert.True(all.Score > all.PlainTfIdf, "the model must beat plain TF-IDF");

        // Held out: each language pair scored by a fit that never saw it.
        List<SubsetCorrelation> grouped = SimilarityEvaluation.HeldOutCorrelations(
            result.Pairs, SimilarityEvaluation.CrossValidate(result.Pairs, SimilarityEvaluation.LanguagePair), SimilarityEvaluation.LanguagePair);
        foreach (SubsetCorrelation s in grouped)
        {
            output.WriteLine($"held out by language pair, {s.Subset}: {s.Pairs} pairs, pearson {s.Score:F3}");
        }

        Assert.True(grouped[0].Score >= MinimumGroupedPearson, $"grouped held-out Pearson {grouped[0].Score:F3}");
        Assert.True(grouped[2].Score >= MinimumGroupedCrossLanguagePearson, $"grouped held-out cross-language Pearson {grouped[2].Score:F3}");

        // The checked-in constants are what the documented fit on every pair gives (so the comment stays true).
        SimilarityFit fit = SimilarityEvaluation.Fit(result.Pairs);
        for (int i = 0; i < SimilarityModel.FeatureCount; i++)
        {
            Assert.Equal(SimilarityModel.Weights(crossLanguage: false)[i], fit.SameLanguage[i], 0.0015);
            Assert.Equal(SimilarityModel.Weights(crossLanguage: true)[i], fit.CrossLanguage[i], 0.0015);
        }

        Assert.Equal(SimilarityModel.Centre, fit.Centre, 0.001);
        Assert.Equal(SimilarityModel.Scale, fit.Scale, 0.001);
    }

    [Fact]
    public void SemEval_texts_clustered_into_stories_keep_same_story_pairs_together_and_unrelated_apart()
    {
        string csv = TestPaths.SharedOrSkip("data", "semeval2022-task8-pairs-dev.csv");
        var errors = new List<string>();
        List<LabelledPair> pairs = SimilarityEvaluation.ReadPairs(csv, errors);
        Assert.Empty(errors);

        // One article per distinct text (a text recurs across pairs), in file order, undated: content decides.
        var model = new ProfileStoryModel();
        var clusterer = new StoryClusterer<WeightedProfile>(model);
        var storyOf = new Dictionary<string, long>(StringComparer.Ordinal);
        long Assign(string text, string language)
        {
            if (!storyOf.TryGetValue(text, out long story))
            {
                string trimmed = text.Trim();
                int newline = trimmed.IndexOf('\n', StringComparison.Ordinal);
                bool titled = newline is > 0 and < 250;
                var article = new Article
                {
                    Id = storyOf.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Title = titled ? trimmed[..newline] : null,
                    Text = titled ? trimmed[(newline + 1)..] : trimmed,
                    Language = language,
                };
                story = clusterer.Add(article).StoryId;
                storyOf[text] = story;
            }

            return story;
        }

        int same = 0, sameTogether = 0, unrelated = 0, unrelatedTogether = 0;
        foreach (LabelledPair p in pairs)
        {
            bool together = Assign(p.Text1, p.Language1) == Assign(p.Text2, p.Language2);
            if (p.Overall <= 1.5)
            {
                same++;
                sameTogether += together ? 1 : 0;
            }
            else if (p.Overall >= 3.5)
            {
                unrelated++;
                unrelatedTogether += together ? 1 : 0;
            }
        }

        double recall = (double)sameTogether / same;
        double falseJoins = (double)unrelatedTogether / unrelated;
        output.WriteLine($"{storyOf.Count} texts in {storyOf.Values.Distinct().Count()} stories; Overall <= 1.5: {sameTogether}/{same} ({recall:P1}) share a story; Overall >= 3.5: {unrelatedTogether}/{unrelated} ({falseJoins:P1})");
        Assert.True(falseJoins <= MaximumClusteredUnrelated, $"{falseJoins:P1} of unrelated pairs share a story");
        Assert.True(recall >= MinimumClusteredSameStory, $"{recall:P1} of same-story pairs share a story");
    }

    [Fact]
    public void Csv_reader_handles_quoted_multiline_fields_and_reports_bad_rows()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, ",pair_id,lang1,lang2,text1,text2,Overall\n0,p1,en,de,\"line one\nline \"\"two\"\"\",b,1.5\n1,p2,en,en,a,b,oops\n2,p3,en,en,a,\"b,c\",4\n");
            var errors = new List<string>();
            List<LabelledPair> pairs = SimilarityEvaluation.ReadPairs(path, errors);
            Assert.Equal(2, pairs.Count);
            Assert.Equal("line one\nline \"two\"", pairs[0].Text1);
            Assert.Equal("b,c", pairs[1].Text2);
            Assert.False(pairs[0].SameLanguage);
            Assert.Equal($"{path}:4: Overall 'oops' is not a number", Assert.Single(errors));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

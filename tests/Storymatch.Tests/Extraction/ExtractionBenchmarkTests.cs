using Storymatch.Extraction;
using Storymatch.Tools.Extraction;

namespace Storymatch.Tests.Extraction;

public class ExtractionBenchmarkTests
{
    /// <summary>Just under the measured F1 on all 181 pages (docs/benchmarks.md); a drop below it is a regression.</summary>
    private const double MinimumF1 = 0.965;

    [Fact]
    public void Score_IdenticalTexts_AreAllTruePositives()
    {
        ShingleMatch m = ExtractionBenchmark.Score("one two three four five six", "one two three four five six");
        Assert.Equal(new ShingleMatch(1, 0, 0), m);
    }

    [Fact]
    public void Score_CountsFourGramMultisets()
    {
        // Expected 4-grams: [a b c d], [b c d e]; extracted: [a b c d], [b c d x] -> tp 1, fp 1, fn 1.
        ShingleMatch m = ExtractionBenchmark.Score("a b c d e", "a b c d x");
        Assert.Equal(1 / 3.0, m.TruePositive, 9);
        Assert.Equal(1 / 3.0, m.FalsePositive, 9);
        Assert.Equal(1 / 3.0, m.FalseNegative, 9);
    }

    [Fact]
    public void Score_TokensAreWordRunsAndShortTextsAreOneShingle()
    {
        Assert.Equal(new ShingleMatch(1, 0, 0), ExtractionBenchmark.Score("Hello, world!", "hello world".Replace('h', 'H')));
        Assert.Equal(new ShingleMatch(0, 0, 1), ExtractionBenchmark.Score("some text", ""));
        Assert.Equal(default, ExtractionBenchmark.Score("", ""));
    }

    [Fact]
    public void ExtractionScore_AveragesPerPageAndSkipsPagesWithoutPredictions()
    {
        ShingleMatch[] pages = [new(1, 0, 0), new(0.5, 0, 0.5), new(0, 0, 1)];
        ExtractionScore s = ExtractionScore.Of(pages);
        Assert.Equal(1.0, s.Precision, 9);          // the third page predicted nothing: no precision term
        Assert.Equal(0.5, s.Recall, 9);             // (1 + 0.5 + 0) / 3
        Assert.Equal(2 * 0.5 / 1.5, s.F1, 9);
    }

    [Fact]
    public void Benchmark_F1_StaysAboveTheRecordedLevel()
    {
        string dir = TestPaths.SharedOrSkip("data", "article-extraction-benchmark");
        BenchmarkReport report = ExtractionBenchmark.Run(ExtractionBenchmark.Load(dir), (html, url) => HtmlExtractor.Extract(html, url).Text);

        Assert.Equal(181, report.Pages.Count);
        Assert.True(report.All.F1 >= MinimumF1, $"F1 {report.All.F1:F4} < {MinimumF1} (P {report.All.Precision:F4}, R {report.All.Recall:F4})");
        Assert.True(report.HeldOut.F1 >= MinimumF1 - 0.01, $"held-out F1 {report.HeldOut.F1:F4}");
    }
}

using Storymatch.Extraction;
using Storymatch.Tools.Extraction;

namespace Storymatch.Tests.Extraction;

public class ExtractionBenchmarkTests
{
    /// <summary>Just under the measured F1 on all 181 pages (docs/benchmarks.md); a drop below it is a regression.</summary>
    private const double MinimumF1 = 0.970;

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
    public void Metadata_BylinesAndDatesOfTheHandLabelledPages_AreRightOnAtLeast90Percent()
    {
        string dir = TestPaths.SharedOrSkip("data", "article-extraction-benchmark");
        List<MetadataLabel> labels = MetadataLabels.Load(Path.Combine(TestPaths.RepositoryRoot, "tests", "Storymatch.Tests", "Extraction", "metadata-labels.json"));
        Assert.True(labels.Count >= 40, $"{labels.Count} labelled pages");
        Assert.All(labels, l => Assert.True(l.Id[0] is >= '0' and <= '7', $"{l.Id} is in the held-out half"));

        HashSet<string> ids = [.. labels.Select(l => l.Id)];
        BenchmarkReport report = ExtractionBenchmark.Run(ExtractionBenchmark.Load(dir).Where(p => ids.Contains(p.Id)), (html, url) => HtmlExtractor.Extract(html, url));
        List<MetadataCheck> checks = MetadataLabels.Check(labels, report);
        Assert.Equal(labels.Count, checks.Count);
        int right = checks.Count(c => c.AuthorsRight && c.DateRight);
        Assert.True(right >= 0.9 * checks.Count, $"authors and dates right on {right} of {checks.Count}: " +
            string.Join("; ", checks.Where(c => !c.AuthorsRight || !c.DateRight).Select(c => $"{c.Label.Id[..12]} [{string.Join(", ", c.Authors)}] {c.Published:yyyy-MM-dd}")));
    }

    [Fact]
    public void Metadata_AgencyOutletAndPlaceholderBylinesAreNoAuthors_AndAffiliationsAreCut()
    {
        string[] site = ["Example Times"];
        Assert.Empty(Bylines.People("Reuters", site));
        Assert.Empty(Bylines.People("Redaktion", site));
        Assert.Empty(Bylines.People("AFP", site));
        Assert.Empty(Bylines.People("Staff", site));
        Assert.Empty(Bylines.People("admin", site));
        Assert.Empty(Bylines.People("Example Times", site));
        Assert.Empty(Bylines.People("News Nation Bureau", site));
        Assert.Equal(["Tom Krisher"], Bylines.People("By TOM KRISHER, AP Auto Writer", site));
        Assert.Equal(["Troy L. Smith"], Bylines.People("Troy L. Smith, Cleveland.com", site));
        Assert.Equal(["Sarah E. Needleman"], Bylines.People("Sarah E. Needleman", site));
        Assert.Equal(["Mike Wuerthele", "Malcolm Owen"], Bylines.People("By Mike Wuerthele and Malcolm Owen", site));
        Assert.Equal(["Jane Roe"], Bylines.FromPageLines(["Headline here", "Von", "Jane Roe", "12. März 2024"], site));
    }

    [Fact]
    public void Furigana_IsDropped_AndAVisibleBylineIsTaken()
    {
        string body = string.Concat(Enumerable.Repeat("<p>東京で大きな会議が開かれ、多くの人が集まりました。会議では新しい計画について話し合いました。</p>", 4));
        ExtractedArticle ruby = HtmlExtractor.Extract($"<html><body><article><h1>会議</h1><p><ruby>東京<rp>(</rp><rt>とうきょう</rt><rp>)</rp></ruby>で会議がありました。</p>{body}</article></body></html>");
        Assert.DoesNotContain("とうきょう", ruby.Text, StringComparison.Ordinal);
        Assert.Contains("東京で会議がありました。", ruby.Text, StringComparison.Ordinal);

        string paragraphs = string.Concat(Enumerable.Repeat("<p>The council voted on Tuesday to approve the new ferry terminal, after a long debate about costs and the harbour.</p>", 5));
        ExtractedArticle page = HtmlExtractor.Extract(
            "<html><head><title>Ferry terminal approved</title></head><body><aside><ul><li><a href='/old'>Older story</a> March 3, 2015</li></ul></aside>" +
            $"<article><h1>Ferry terminal approved</h1><p>By Jane Roe</p><p>November 19, 2019</p>{paragraphs}</article></body></html>");
        Assert.Equal(["Jane Roe"], page.Authors);
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

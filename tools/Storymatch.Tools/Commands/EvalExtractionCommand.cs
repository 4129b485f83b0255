using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Storymatch.Extraction;
using Storymatch.Tools.Extraction;

namespace Storymatch.Tools.Commands;

/// <summary>
/// <c>storymatch-tools eval-extraction [DIR] [--json] [--worst N] [--warmup]</c>: runs the extractor on the article-extraction
/// benchmark and prints precision, recall and F1 for the tuning half (ids 0-7), the held-out half (8-f) and all
/// pages, with pages/s and peak memory.
/// </summary>
internal static class EvalExtractionCommand
{
    private const string DefaultDirectory = "../shared/data/article-extraction-benchmark";
    private const string DefaultLabels = "tests/Storymatch.Tests/Extraction/metadata-labels.json";

    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo?>("dir")
        {
            Description = $"The benchmark folder (ground-truth.json + html/). Default: {DefaultDirectory}.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var worst = new Option<int>("--worst") { Description = "Also list the N pages of the tuning half (ids 0-7) with the lowest F1 (held-out pages are never listed)." };
        var labels = new Option<FileInfo?>("--labels") { Description = $"Hand-labelled bylines and dates to score metadata on. Default: {DefaultLabels} when present." };
        var warmup = new Option<bool>("--warmup") { Description = "Extract every page once, untimed, before the measured run (JIT warm, as a long ingest is)." };
        var command = new Command("eval-extraction", "Score main-text extraction on the article-extraction benchmark.") { dir, json, worst, warmup, labels };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(dir)?.FullName ?? Path.GetFullPath(DefaultDirectory);
            TextWriter output = parse.InvocationConfiguration.Output;
            if (!File.Exists(Path.Combine(path, "ground-truth.json")))
            {
                parse.InvocationConfiguration.Error.WriteLine($"storymatch-tools: {path}: no ground-truth.json (not an extraction benchmark folder)");
                return Program.ExitSomeRejected;
            }

            if (parse.GetValue(warmup))
            {
                foreach (BenchmarkPage page in ExtractionBenchmark.Load(path))
                {
                    HtmlExtractor.Extract(page.Html, page.Url);
                }
            }

            BenchmarkReport report = ExtractionBenchmark.Run(ExtractionBenchmark.Load(path), (html, url) => HtmlExtractor.Extract(html, url));
            long peakBytes = Process.GetCurrentProcess().PeakWorkingSet64;
            List<BenchmarkPageResult> lowest = [.. report.Pages.Where(p => p.Page.IsTuningPage).OrderBy(p => PageF1(p.Match)).Take(Math.Max(0, parse.GetValue(worst)))];
            var tuningByLanguage = ExtractionBenchmark.ByLanguage(report.Pages.Where(p => p.Page.IsTuningPage));
            var heldOutByLanguage = ExtractionBenchmark.ByLanguage(report.Pages.Where(p => !p.Page.IsTuningPage));
            string labelPath = parse.GetValue(labels)?.FullName ?? Path.GetFullPath(DefaultLabels);
            List<MetadataCheck> checks = File.Exists(labelPath) ? MetadataLabels.Check(MetadataLabels.Load(labelPath), report) : [];
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    dir = path,
                    pages = report.Pages.Count,
                    tuning = ScoreObject(report.Tuning),
                    heldOut = ScoreObject(report.HeldOut),
                    all = ScoreObject(report.All),
                    tuningByLanguage = tuningByLanguage.Select(x => new { language = x.Language, score = ScoreObject(x.Score) }),
                    heldOutByLanguage = heldOutByLanguage.Select(x => new { language = x.Language, score = ScoreObject(x.Score) }),
                    metadata = new
                    {
                        labels = checks.Count,
                        authorsRight = checks.Count(c => c.AuthorsRight),
                        datesRight = checks.Count(c => c.DateRight),
                        bothRight = checks.Count(c => c.AuthorsRight && c.DateRight),
                    },
                    seconds = report.ExtractionTime.TotalSeconds,
                    pagesPerSecond = report.PagesPerSecond,
                    cpuSeconds = report.ExtractionCpuTime.TotalSeconds,
                    pagesPerCpuSecond = report.PagesPerCpuSecond,
                    inputMegabytes = report.InputBytes / 1e6,
                    peakWorkingSetMegabytes = peakBytes / 1e6,
                    worst = lowest.Select(p => new { id = p.Page.Id, url = p.Page.Url, f1 = PageF1(p.Match) }),
                }));
                return Program.ExitOk;
            }

            output.WriteLine($"{report.Pages.Count} pages from {path}");
            output.WriteLine(Line("tuning (0-7)", report.Tuning));
            output.WriteLine(Line("held-out (8-f)", report.HeldOut));
            output.WriteLine(Line("all", report.All));
            foreach ((string language, ExtractionScore score) in tuningByLanguage)
            {
                output.WriteLine(Line("  tuning " + language, score));
            }

            foreach ((string language, ExtractionScore score) in heldOutByLanguage)
            {
                output.WriteLine(Line("  held-out " + language, score));
            }

            if (checks.Count > 0)
            {
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"metadata on {checks.Count} labelled pages: authors {checks.Count(c => c.AuthorsRight)}, dates {checks.Count(c => c.DateRight)}, both {checks.Count(c => c.AuthorsRight && c.DateRight)}"));
                foreach (MetadataCheck c in checks.Where(c => !c.AuthorsRight || !c.DateRight))
                {
                    output.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"  {c.Label.Id[..12]} authors [{string.Join("; ", c.Authors)}] want [{string.Join("; ", c.Label.Authors)}], date {c.Published:yyyy-MM-dd} want {c.Label.Published:yyyy-MM-dd}"));
                }
            }
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"extraction {report.ExtractionTime.TotalSeconds:F2} s wall ({report.PagesPerSecond:F0} pages/s), {report.ExtractionCpuTime.TotalSeconds:F2} s CPU ({report.PagesPerCpuSecond:F0} pages/CPU-s), {report.InputBytes / 1e6:F1} M chars of HTML, peak working set {peakBytes / 1e6:F0} MB"));
            foreach (BenchmarkPageResult p in lowest)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {PageF1(p.Match):F3} {p.Page.Id[..12]} {p.Page.Url}"));
            }

            return Program.ExitOk;
        });
        return command;
    }

    private static double PageF1(ShingleMatch m) => m.TruePositive == 0 ? 0 : 2 * m.TruePositive / (2 * m.TruePositive + m.FalsePositive + m.FalseNegative);

    private static object ScoreObject(ExtractionScore s) => new { precision = s.Precision, recall = s.Recall, f1 = s.F1, pages = s.Pages };

    private static string Line(string name, ExtractionScore s) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-18} P {s.Precision:F4}  R {s.Recall:F4}  F1 {s.F1:F4}  ({s.Pages} pages)");
}

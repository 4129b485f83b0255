using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Storymatch.Tools.Extraction;

/// <summary>One page's 4-gram match counts, each divided by their sum (so every page weighs the same).</summary>
internal readonly record struct ShingleMatch(double TruePositive, double FalsePositive, double FalseNegative);

/// <summary>Precision, recall and F1 over a set of pages, and how many pages they were computed on.</summary>
internal readonly record struct ExtractionScore(double Precision, double Recall, double F1, int Pages)
{
    /// <summary>
    /// Precision is the mean of tp/(tp+fp) over pages with tp+fp &gt; 0, recall the mean of tp/(tp+fn) over pages
    /// with tp+fn &gt; 0, F1 their harmonic mean: the article-extraction-benchmark's definition.
    /// </summary>
    public static ExtractionScore Of(IReadOnlyCollection<ShingleMatch> pages)
    {
        double p = 0, r = 0;
        int np = 0, nr = 0;
        foreach (ShingleMatch m in pages)
        {
            if (m.TruePositive + m.FalsePositive > 0)
            {
                p += m.TruePositive / (m.TruePositive + m.FalsePositive);
                np++;
            }

            if (m.TruePositive + m.FalseNegative > 0)
            {
                r += m.TruePositive / (m.TruePositive + m.FalseNegative);
                nr++;
            }
        }

        double precision = np == 0 ? 0 : p / np;
        double recall = nr == 0 ? 0 : r / nr;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ExtractionScore(precision, recall, f1, pages.Count);
    }
}

/// <summary>One benchmark page: its id, URL, raw HTML and the expected article body.</summary>
internal sealed record BenchmarkPage(string Id, string? Url, string Html, string ExpectedBody)
{
    /// <summary>Pages whose id starts with 0-7 are the ones rules may be tuned on; 8-f are held out.</summary>
    public bool IsTuningPage => Id.Length > 0 && Id[0] is >= '0' and <= '7';
}

/// <summary>A page's result in a benchmark run, with the page's language and metadata when the extractor gave them.</summary>
internal sealed record BenchmarkPageResult(BenchmarkPage Page, string Extracted, ShingleMatch Match)
{
    /// <summary>ISO 639-1 code the extractor declared or detected, or null.</summary>
    public string? Language { get; init; }

    public IReadOnlyList<string> Authors { get; init; } = [];

    public DateTimeOffset? Published { get; init; }
}

/// <summary>A whole benchmark run: the score on the tuning half, the held-out half and all pages, and the time spent.</summary>
internal sealed record BenchmarkReport(
    ExtractionScore Tuning,
    ExtractionScore HeldOut,
    ExtractionScore All,
    IReadOnlyList<BenchmarkPageResult> Pages,
    TimeSpan ExtractionTime,
    TimeSpan ExtractionCpuTime,
    long InputBytes)
{
    /// <summary>Pages per second of wall-clock time.</summary>
    public double PagesPerSecond => Pages.Count / Math.Max(ExtractionTime.TotalSeconds, 1e-9);

    /// <summary>Pages per second of the process's CPU time (all threads): the figure that holds on a busy machine.</summary>
    public double PagesPerCpuSecond => Pages.Count / Math.Max(ExtractionCpuTime.TotalSeconds, 1e-9);
}

/// <summary>
/// The article-extraction-benchmark (<c>html/&lt;id&gt;.html.gz</c> + <c>ground-truth.json</c>) and its metric:
/// tokens are the matches of <c>\w+</c>, each text is a multiset of token 4-grams, and per page tp, fp and fn are
/// normalised by their sum.
/// </summary>
internal static partial class ExtractionBenchmark
{
    private const int ShingleSize = 4;

    [GeneratedRegex(@"\w+")]
    private static partial Regex TokenRegex();

    /// <summary>Scores one extracted text against the expected one.</summary>
    public static ShingleMatch Score(string expected, string extracted)
    {
        Dictionary<string, int> want = Shingles(expected);
        Dictionary<string, int> got = Shingles(extracted);
        double tp = 0, fp = 0, fn = 0;
        foreach ((string shingle, int n) in got)
        {
            int m = want.GetValueOrDefault(shingle);
            tp += Math.Min(n, m);
            fp += Math.Max(0, n - m);
        }

        foreach ((string shingle, int m) in want)
        {
            fn += Math.Max(0, m - got.GetValueOrDefault(shingle));
        }

        double sum = tp + fp + fn;
        return sum == 0 ? default : new ShingleMatch(tp / sum, fp / sum, fn / sum);
    }

    /// <summary>
    /// Loads the benchmark from <paramref name="directory"/>. Pages are read lazily one at a time, so memory stays
    /// at one page plus the ground truth.
    /// </summary>
    public static IEnumerable<BenchmarkPage> Load(string directory)
    {
        string truthPath = Path.Combine(directory, "ground-truth.json");
        string htmlDir = Path.Combine(directory, "html");
        if (!File.Exists(truthPath) || !Directory.Exists(htmlDir))
        {
            throw new FileNotFoundException($"{directory}: not an extraction benchmark (needs ground-truth.json and html/)", truthPath);
        }

        using JsonDocument truth = JsonDocument.Parse(File.ReadAllBytes(truthPath));
        var entries = new List<(string Id, string? Url, string Body)>();
        foreach (JsonProperty page in truth.RootElement.EnumerateObject())
        {
            string body = page.Value.TryGetProperty("articleBody", out JsonElement b) ? b.GetString() ?? "" : "";
            string? url = page.Value.TryGetProperty("url", out JsonElement u) ? u.GetString() : null;
            entries.Add((page.Name, url, body));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        foreach ((string id, string? url, string body) in entries)
        {
            string path = Path.Combine(htmlDir, id + ".html.gz");
            if (File.Exists(path))
            {
                yield return new BenchmarkPage(id, url, ReadGzipText(path), body);
            }
        }
    }

    /// <summary>Runs <paramref name="extract"/> on every page and scores it; only the extraction itself is timed.</summary>
    public static BenchmarkReport Run(IEnumerable<BenchmarkPage> pages, Func<string, string?, string> extract) =>
        Run(pages, (html, url) => new Storymatch.Extraction.ExtractedArticle { Text = extract(html, url) });

    /// <summary>Scores per language (the extractor's language of each page; "?" when it gave none), most pages first.</summary>
    public static List<(string Language, ExtractionScore Score)> ByLanguage(IEnumerable<BenchmarkPageResult> pages) =>
        [.. pages.GroupBy(p => p.Language ?? "?")
            .Select(g => (g.Key, ExtractionScore.Of(g.Select(p => p.Match).ToList())))
            .OrderByDescending(x => x.Item2.Pages).ThenBy(x => x.Key, StringComparer.Ordinal)];

    /// <summary>Runs <paramref name="extract"/> (text and metadata) on every page and scores the text; only the extraction itself is timed.</summary>
    public static BenchmarkReport Run(IEnumerable<BenchmarkPage> pages, Func<string, string?, Storymatch.Extraction.ExtractedArticle> extract)
    {
        var results = new List<BenchmarkPageResult>();
        var clock = new Stopwatch();
        TimeSpan cpu = TimeSpan.Zero;
        using var process = Process.GetCurrentProcess();
        long bytes = 0;
        foreach (BenchmarkPage page in pages)
        {
            process.Refresh();
            TimeSpan cpuBefore = process.TotalProcessorTime;
            clock.Start();
            Storymatch.Extraction.ExtractedArticle extracted = extract(page.Html, page.Url);
            string text = extracted.Text;
            clock.Stop();
            process.Refresh();
            cpu += process.TotalProcessorTime - cpuBefore;
            bytes += page.Html.Length;
            // Keep only what the report needs: the page's HTML is dropped so memory stays flat.
            BenchmarkPage light = page with { Html = "" };
            results.Add(new BenchmarkPageResult(light, text, Score(page.ExpectedBody, text))
            {
                Language = extracted.Language,
                Authors = extracted.Authors,
                Published = extracted.Published,
            });
        }

        return new BenchmarkReport(
            ExtractionScore.Of(results.Where(r => r.Page.IsTuningPage).Select(r => r.Match).ToList()),
            ExtractionScore.Of(results.Where(r => !r.Page.IsTuningPage).Select(r => r.Match).ToList()),
            ExtractionScore.Of(results.Select(r => r.Match).ToList()),
            results,
            clock.Elapsed,
            cpu,
            bytes);
    }

    /// <summary>Reads a gzip-compressed UTF-8 file as text.</summary>
    public static string ReadGzipText(string path)
    {
        using FileStream file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static Dictionary<string, int> Shingles(string text)
    {
        var tokens = new List<string>();
        foreach (ValueMatch m in TokenRegex().EnumerateMatches(text))
        {
            tokens.Add(text.Substring(m.Index, m.Length));
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tokens.Count == 0)
        {
            return counts;
        }

        // As in the benchmark's reference scorer: a text shorter than one shingle is a single shorter shingle.
        int last = Math.Max(1, tokens.Count - ShingleSize + 1);
        var sb = new StringBuilder();
        for (int i = 0; i < last; i++)
        {
            sb.Clear();
            for (int j = i; j < Math.Min(i + ShingleSize, tokens.Count); j++)
            {
                if (j > i)
                {
                    sb.Append(' ');
                }

                sb.Append(tokens[j]);
            }

            string key = sb.ToString();
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }
}

using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace Storymatch.Bench.Comparison;

/// <summary>
/// The comparison of a 10-version story (<see cref="StorymatchEngine.CompareVersions"/>: reading, every pair aligned,
/// provenance, entities, quotes, claims, discrepancies, additions, omissions). The versions are the five seed
/// versions of ../shared/seeds (real pages, 550 to 1,100 words) and five more made from them by dropping every fifth
/// sentence at a different offset, so each story sentence has several counterparts. Without ../shared, the five
/// versions of sample story s13 and five such edits of them.
/// </summary>
[MemoryDiagnoser]
public class StoryComparisonBenchmarks
{
    private Article[] _versions = [];

    [GlobalSetup]
    public void Setup() => _versions = TenVersions();

    [Benchmark]
    public int CompareTenVersions() => StorymatchEngine.CompareVersions(_versions).Discrepancies.Count;

    /// <summary>The ten versions, and where they came from.</summary>
    public static Article[] TenVersions()
    {
        string root = RepositoryRoot();
        string seeds = Path.GetFullPath(Path.Combine(root, "..", "shared", "seeds"));
        string[] files = Directory.Exists(seeds)
            ? [.. Directory.GetFiles(seeds, "*.txt").Order(StringComparer.Ordinal)]
            : [.. Directory.GetFiles(Path.Combine(root, "samples", "articles"), "s13-*.txt").Order(StringComparer.Ordinal)];
        var versions = files.Select(f => new Article { Id = Path.GetFileName(f), Text = File.ReadAllText(f) }).ToList();
        int n = versions.Count;
        for (int k = 0; k < n && versions.Count < 10; k++)
        {
            string[] paragraphs = versions[k].Text.Split('\n');
            string edited = string.Join('\n', paragraphs.Where((_, i) => i % 5 != k % 5));
            versions.Add(new Article { Id = versions[k].Id + "-edit", Text = edited });
        }

        return [.. versions];
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Storymatch.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}

/// <summary>
/// <c>compare [--iterations N]</c>: the 10-version comparison timed by process CPU time as well as wall time, one
/// thread, after a warm-up (see <see cref="CpuTimeCommand"/> for why both).
/// </summary>
public static class StoryComparisonCpu
{
    public static int Run(string[] args)
    {
        int iterations = 30;
        if (args is ["--iterations", var value] && (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1))
        {
            Console.Error.WriteLine("compare: --iterations needs a positive integer");
            return 2;
        }

        Article[] versions = StoryComparisonBenchmarks.TenVersions();
        int words = versions.Sum(v => v.Text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length);
        long sink = 0;
        for (int i = 0; i < 5; i++)
        {
            sink += StorymatchEngine.CompareVersions(versions).Discrepancies.Count;
        }

        using var process = Process.GetCurrentProcess();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++)
        {
            sink += StorymatchEngine.CompareVersions(versions).Discrepancies.Count;
        }

        wall.Stop();
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations;

        // The reading of the ten versions alone (the shared analysis chain), measured the same way in the same run.
        process.Refresh();
        cpuBefore = process.TotalProcessorTime;
        var readWall = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++)
        {
            foreach (Article v in versions)
            {
                sink += Storymatch.Reading.ArticleReader.Read(v.Title, v.Text, v.Language, v.Published).Sentences.Count;
            }
        }

        readWall.Stop();
        process.Refresh();
        double readCpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations;
        Console.WriteLine(FormattableString.Invariant($"versions {versions.Length}, words {words}, iterations {iterations}"));
        Console.WriteLine(FormattableString.Invariant($"comparison: wall ms {wall.Elapsed.TotalMilliseconds / iterations:F1}, cpu ms {cpu:F1}") + (sink == 42 ? " " : ""));
        Console.WriteLine(FormattableString.Invariant($"of which reading the versions: wall ms {readWall.Elapsed.TotalMilliseconds / iterations:F1}, cpu ms {readCpu:F1}"));
        return 0;
    }
}

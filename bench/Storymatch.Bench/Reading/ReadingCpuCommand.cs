using System.Diagnostics;
using System.Globalization;
using Storymatch.Matching;
using Storymatch.Reading;

namespace Storymatch.Bench.Reading;

/// <summary>
/// <c>reading-cpu [--iterations N]</c>: the reading of one 600-word news article (<see cref="ArticleReader.Read"/>:
/// sentences, terms, entities, quotes, numbers, dates), the profile built from that reading, and both together, timed
/// by process CPU time on one thread (wall time beside it; on a shared machine wall time includes time spent
/// descheduled). The article is the first 600 words of the translated seed version (names, quotes, numbers and
/// dates throughout), or of the sample corpus when the seeds are absent. Run pinned to one core:
/// <c>taskset -c 1 dotnet bench/Storymatch.Bench/bin/Release/net10.0/Storymatch.Bench.dll reading-cpu</c>.
/// </summary>
public static class ReadingCpuCommand
{
    private static readonly DateTimeOffset Published = new(2023, 3, 17, 12, 0, 0, TimeSpan.Zero);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        int iterations = 20_000;
        if (args is ["--iterations", var value] && (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1))
        {
            stderr.WriteLine("reading-cpu: --iterations needs a positive integer");
            return 2;
        }
        else if (args.Length != 0 && args is not ["--iterations", _])
        {
            stderr.WriteLine("usage: reading-cpu [--iterations N]");
            return 2;
        }

        (string source, string text) = SixHundredWords();
        ArticleReading reading = ArticleReader.Read(null, text, "en", Published);
        stdout.WriteLine($"article: first 600 words of {source}; {reading.Sentences.Count} sentences, {reading.TokenCount} tokens, "
            + $"{reading.Entities.Count} entity mentions, {reading.Quotes.Count} quotes, {reading.Numbers.Count} numbers, {reading.Dates.Count} dates");
        (string Name, Func<int> Run)[] cases =
        [
            ("Read", () => ArticleReader.Read(null, text, "en", Published).TokenCount),
            ("ProfileFromReading", () => ProfileBuilder.Build(reading).TokenCount),
            ("ReadAndProfile", () => ProfileBuilder.Build(ArticleReader.Read(null, text, "en", Published)).TokenCount),
        ];
        stdout.WriteLine($"{"case",-22} {"wall us/op",10} {"cpu us/op",10} {"B/op",9}");
        foreach ((string name, Func<int> run) in cases)
        {
            long sink = 0;
            for (int i = 0; i < Math.Min(iterations, 3_000); i++)
            {
                sink += run(); // warm-up: tiered JIT reaches its optimised code
            }

            using var process = Process.GetCurrentProcess();
            TimeSpan cpuBefore = process.TotalProcessorTime;
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var wall = Stopwatch.StartNew();
            for (int i = 0; i < iterations; i++)
            {
                sink += run();
            }

            wall.Stop();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / iterations;
            stdout.WriteLine(FormattableString.Invariant($"{name,-22} {wall.Elapsed.TotalMicroseconds / iterations,10:F1} {cpu,10:F1} {(double)allocated / iterations,9:F0}") + (sink == 42 ? " " : ""));
        }

        return 0;
    }

    /// <summary>The first 600 whitespace-separated words of the translated seed (003), line breaks kept.</summary>
    internal static (string Source, string Text) SixHundredWords()
    {
        string root = FindRoot();
        string seeds = Path.Combine(root, "..", "shared", "seeds");
        string[] files = Directory.Exists(seeds) ? [.. Directory.GetFiles(seeds, "003_*.txt")] : [];
        string text;
        string source;
        if (files.Length == 1)
        {
            text = File.ReadAllText(files[0]);
            source = "seed 003";
        }
        else
        {
            text = string.Join("\n\n", Directory.GetFiles(Path.Combine(root, "samples", "articles"), "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText));
            source = "the sample articles";
        }

        int words = 0;
        bool inWord = false;
        for (int i = 0; i < text.Length; i++)
        {
            bool space = char.IsWhiteSpace(text[i]);
            if (!space && !inWord && ++words > 600)
            {
                return (source, text[..i].TrimEnd());
            }

            inWord = !space;
        }

        return (source, text);
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Storymatch.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Storymatch.slnx not found above " + AppContext.BaseDirectory);
    }
}

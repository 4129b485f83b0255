using System.Diagnostics;
using System.Globalization;
using Storymatch.Stories;
using Storymatch.Tools.Fingerprints;

namespace Storymatch.Bench.Stories;

/// <summary>
/// One new article at a time through the engine into an existing store, story assignment included, the process
/// already running: <c>engine-add --db STORE [--count N] [--warmup W] [--seed S] [--skip K]</c>.
/// <para>
/// The store is used as it is and grows by <c>count</c> documents: pass a copy (<c>cp store.db copy.db</c>, with its
/// <c>-wal</c> file if there is one). The tool opens the engine once through the public API, generates
/// <c>count</c> articles with the seeded generator (seed <c>S</c>, default 43; the first <c>K</c> generated
/// articles skipped, default 0), gives them ids of their own (<c>engine-add-S-NNNNNNN</c>) and shifts their
/// publication times so the first comes 7 minutes after the store's latest story activity (the generator's
/// 7-minute spacing kept), so they fall in the live window. The first <c>W</c> (default 20) calls warm up
/// (JIT, the live window read from the store) and are reported apart; every later
/// <see cref="StorymatchEngine.AddArticleAsync"/> is timed by wall clock, and process CPU (all threads, GC
/// included) is taken over the timed calls. With <c>--seed 42 --skip 100000</c> on the 100k store made from
/// <c>generate --seed 42</c> the articles are that corpus's next ones, so derived articles join stored stories.
/// </para>
/// </summary>
public static class EngineAddBench
{
    private const string Usage = "usage: engine-add --db STORE [--count N] [--warmup W] [--seed S] [--skip K]";
    private static readonly TimeSpan Spacing = TimeSpan.FromMinutes(7);

    public static int Run(string[] args)
    {
        string? db = Option(args, "--db");
        int count = Number(args, "--count", 500);
        int warmup = Number(args, "--warmup", 20);
        int seed = Number(args, "--seed", 43);
        int skip = Number(args, "--skip", 0);
        if (db is null || count <= warmup || warmup < 0 || skip < 0)
        {
            Console.Error.WriteLine($"engine-add: --db is required and --count must exceed --warmup. {Usage}");
            return 2;
        }

        if (!File.Exists(db))
        {
            Console.Error.WriteLine($"engine-add: {db} does not exist (pass a copy of an existing store).");
            return 2;
        }

        var open = Stopwatch.StartNew();
        using var engine = StorymatchEngine.Open(new StorymatchOptions { DatabasePath = db });
        open.Stop();
        long storedBefore = engine.Counts().Documents;
        long unassigned = engine.CountUnassigned();
        if (unassigned > 0)
        {
            // AddArticleAsync assigns only the article it stores: the store's backlog would make the run unrepresentative.
            Console.Error.WriteLine($"engine-add: {db} holds {unassigned} documents without a story; assign them first ('storymatch stories --update').");
            return 2;
        }

        DateTimeOffset latest = engine.ListStories(new StoryFilter { NewestFirst = true, Limit = 1 }) is [{ LastPublished: { } last }] ? last : DateTimeOffset.UtcNow;
        Article[] articles = Articles(seed, skip, count, latest);
        if (engine.GetDocument(articles[0].Id) is not null)
        {
            Console.Error.WriteLine($"engine-add: {articles[0].Id} is already in {db}: use a fresh copy of the store or another --seed.");
            return 2;
        }

        var opened = new HashSet<long>();
        int joinedStored = 0, joinedNew = 0, duplicates = 0, rejected = 0;
        var latencies = new double[count - warmup];
        var byOutcome = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var warm = new double[warmup];
        TimeSpan cpuBefore = TimeSpan.Zero;
        var timed = new Stopwatch();
        for (int i = 0; i < count; i++)
        {
            if (i == warmup)
            {
                cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                timed.Start();
            }

            long t0 = Stopwatch.GetTimestamp();
            ArticleIngestResult result = engine.AddArticleAsync(articles[i]).GetAwaiter().GetResult();
            double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            if (i < warmup)
            {
                warm[i] = ms;
            }
            else
            {
                latencies[i - warmup] = ms;
            }

            string outcome;
            switch (result)
            {
                case { Outcome: ArticleOutcome.Duplicate }:
                    duplicates++;
                    outcome = "duplicate";
                    break;
                case { Outcome: ArticleOutcome.Rejected }:
                    rejected++;
                    outcome = "rejected";
                    break;
                case { NewStory: true, Story: { } story }:
                    opened.Add(story);
                    outcome = "opened a story";
                    break;
                case { Story: { } story } when opened.Contains(story):
                    joinedNew++;
                    outcome = "joined a story of this run";
                    break;
                default:
                    joinedStored++;
                    outcome = "joined a stored story";
                    break;
            }

            if (i >= warmup)
            {
                if (!byOutcome.TryGetValue(outcome, out List<double>? list))
                {
                    byOutcome[outcome] = list = [];
                }

                list.Add(ms);
            }
        }

        timed.Stop();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        int n = latencies.Length;
        double[] sorted = [.. latencies];
        Array.Sort(sorted);
        using var process = Process.GetCurrentProcess();
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"store {db}: {storedBefore} documents before, latest story activity {latest:yyyy-MM-dd HH:mm}; engine opened in {open.Elapsed.TotalMilliseconds:F0} ms"));
        Console.WriteLine(string.Create(inv, $"added {count} generated articles (seed {seed}, skip {skip}): {opened.Count} opened a story, {joinedStored} joined a stored story, {joinedNew} joined a story opened in this run, {duplicates} duplicates, {rejected} rejected"));
        Console.WriteLine(string.Create(inv, $"warm-up ({warmup} calls): first {(warmup > 0 ? warm[0] : 0):F1} ms, rest mean {(warmup > 1 ? warm[1..].Average() : 0):F1} ms"));
        Console.WriteLine(string.Create(inv,
            $"timed {n} calls, wall per call: p50 {Percentile(sorted, 0.50):F2} ms, p90 {Percentile(sorted, 0.90):F2} ms, p99 {Percentile(sorted, 0.99):F2} ms, max {sorted[^1]:F2} ms, mean {sorted.Average():F2} ms"));
        foreach ((string outcome, List<double> list) in byOutcome.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            list.Sort();
            Console.WriteLine(string.Create(inv, $"  {outcome}: {list.Count} calls, p50 {Percentile([.. list], 0.50):F2} ms, p99 {Percentile([.. list], 0.99):F2} ms, max {list[^1]:F2} ms"));
        }

        Console.WriteLine(string.Create(inv,
            $"process CPU over the timed calls: {cpu.TotalSeconds:F2} s in {timed.Elapsed.TotalSeconds:F2} s wall = {cpu.TotalMilliseconds / n:F2} ms CPU per article"));
        Console.WriteLine(string.Create(inv, $"peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB"));
        return 0;
    }

    /// <summary>Generated articles with ids of their own, published from 7 minutes after <paramref name="latest"/> on.</summary>
    private static Article[] Articles(int seed, int skip, int count, DateTimeOffset latest)
    {
        GeneratedArticle[] generated = [.. new PlantedCorpusGenerator(seed).Generate(skip + count).Skip(skip)];
        TimeSpan shift = latest + Spacing - generated[0].Published;
        return [.. generated.Select((g, i) => new Article
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"engine-add-{seed}-{skip + i:D7}"),
            Title = g.Title,
            Text = g.Text,
            Url = g.Url + "?engine-add",
            Source = g.Source,
            Published = g.Published + shift,
        })];
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static int Number(string[] args, string name, int fallback) =>
        Option(args, name) is { } text ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : fallback;

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

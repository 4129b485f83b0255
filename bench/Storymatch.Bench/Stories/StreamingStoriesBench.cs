using System.Diagnostics;
using System.Globalization;
using System.Text;
using Storymatch.Matching;
using Storymatch.Stories;

namespace Storymatch.Bench.Stories;

/// <summary>
/// Streaming story assignment of generated articles: profile, count, weigh and assign each article in order, as
/// ingest does, with the real similarity model. Reports the total time, per-article assignment latency (the
/// clusterer's Add: candidate lookup + scoring + indexing; profiles are built beforehand in parallel batches, as the
/// ingest workers do), the stories indexed and peak memory. Not BenchmarkDotNet: a whole stream in a fresh process.
/// <c>dotnet run -c Release --project bench/Storymatch.Bench -- stories [--articles N] [--new-story-share P] [--seed S]</c>
/// </summary>
public static class StreamingStoriesBench
{
    private const int ProfileBatch = 2048;

    public static int Run(string[] args)
    {
        int articles = int.Parse(Option(args, "--articles") ?? "100000", CultureInfo.InvariantCulture);
        double newShare = double.Parse(Option(args, "--new-story-share") ?? "0.6", CultureInfo.InvariantCulture);
        int seed = int.Parse(Option(args, "--seed") ?? "42", CultureInfo.InvariantCulture);
        var generator = new ArticleGenerator(seed, newShare);

        var stats = new CountingTermStatistics();
        var model = new ProfileStoryModel(stats);
        var clusterer = new StoryClusterer<WeightedProfile>(model);
        var latencies = new double[articles];
        var truth = new int[articles];
        var assigned = new long[articles];
        long profileTicks = 0;
        long assignTicks = 0;
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        for (int start = 0; start < articles; start += ProfileBatch)
        {
            int count = Math.Min(ProfileBatch, articles - start);
            var batch = new (Article Article, int Story)[count];
            for (int i = 0; i < count; i++)
            {
                batch[i] = generator.Next();
            }

            long t0 = Stopwatch.GetTimestamp();
            var profiles = new ArticleProfile[count];
            Parallel.For(0, count, i => profiles[i] = ArticleProfile.FromArticle(batch[i].Article));
            profileTicks += Stopwatch.GetTimestamp() - t0;
            for (int i = 0; i < count; i++)
            {
                long a0 = Stopwatch.GetTimestamp();
                stats.Add(profiles[i]);
                WeightedProfile weighted = model.Weigh(profiles[i]);
                StoryAssignment assignment = clusterer.Add(batch[i].Article.Published, weighted);
                long elapsed = Stopwatch.GetTimestamp() - a0;
                assignTicks += elapsed;
                latencies[start + i] = elapsed * 1000.0 / Stopwatch.Frequency;
                truth[start + i] = batch[i].Story;
                assigned[start + i] = assignment.StoryId;
            }
        }

        total.Stop();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        double[] sorted = [.. latencies];
        Array.Sort(sorted);
        int tail = Math.Min(10000, articles / 10);
        double[] last = latencies[^tail..];
        Array.Sort(last);
        (double precision, double recall) = PairwiseOnSample(truth, assigned, 20000, seed);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"articles {articles}, true stories {generator.Stories}, stories formed {clusterer.StoryCount}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total {total.Elapsed.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F1} s CPU; profiling {profileTicks / (double)Stopwatch.Frequency:F1} s (parallel), assignment {assignTicks / (double)Stopwatch.Frequency:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"assignment per article: mean {latencies.Average():F3} ms, p50 {Percentile(sorted, 0.50):F3} ms, p99 {Percentile(sorted, 0.99):F3} ms, max {sorted[^1]:F1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"last {tail} articles ({clusterer.StoryCount} stories indexed): p50 {Percentile(last, 0.50):F3} ms, p99 {Percentile(last, 0.99):F3} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pairwise precision {precision:F3}, recall {recall:F3} (sampled article pairs)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB, managed heap now {GC.GetTotalMemory(false) / 1048576.0:F0} MiB"));
        return 0;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Pairwise precision/recall over same-true-story pairs and random pairs of a sample.</summary>
    private static (double Precision, double Recall) PairwiseOnSample(int[] truth, long[] assigned, int sample, int seed)
    {
        var byStory = new Dictionary<int, List<int>>();
        for (int i = 0; i < truth.Length; i++)
        {
            if (!byStory.TryGetValue(truth[i], out List<int>? list))
            {
                byStory[truth[i]] = list = [];
            }

            list.Add(i);
        }

        long truePairs = 0;
        long found = 0;
        foreach (List<int> members in byStory.Values)
        {
            for (int x = 0; x < members.Count; x++)
            {
                for (int y = x + 1; y < members.Count; y++)
                {
                    truePairs++;
                    found += assigned[members[x]] == assigned[members[y]] ? 1 : 0;
                }
            }
        }

        var byAssigned = new Dictionary<long, List<int>>();
        for (int i = 0; i < assigned.Length; i++)
        {
            if (!byAssigned.TryGetValue(assigned[i], out List<int>? list))
            {
                byAssigned[assigned[i]] = list = [];
            }

            list.Add(i);
        }

        long predicted = 0;
        long correct = 0;
        foreach (List<int> members in byAssigned.Values)
        {
            for (int x = 0; x < members.Count; x++)
            {
                for (int y = x + 1; y < members.Count; y++)
                {
                    predicted++;
                    correct += truth[members[x]] == truth[members[y]] ? 1 : 0;
                }
            }
        }

        _ = sample;
        _ = seed;
        return (predicted == 0 ? 1 : (double)correct / predicted, truePairs == 0 ? 1 : (double)found / truePairs);
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>
    /// Synthetic news: each story has its own names, numbers and topic words; each version retells it with a
    /// random selection of its sentences, shared everyday words (Zipf-distributed) and some words of its own.
    /// A share of articles opens a new story; the rest retell one of the recent stories. Time runs 5 days over the
    /// stream (no story fades), so every story stays indexed.
    /// </summary>
    private sealed class ArticleGenerator(int seed, double newShare)
    {
        private const int CommonWords = 5000;
        private const int SentencesPerStory = 14;
        private const int SentencesPerArticle = 10;
        private readonly Random _random = new(seed);
        private readonly List<string[]> _stories = [];
        private readonly DateTimeOffset _start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        private int _serial;

        public int Stories => _stories.Count;

        public (Article Article, int Story) Next()
        {
            int story = _stories.Count == 0 || _random.NextDouble() < newShare
                ? NewStory()
                : _stories.Count - 1 - Math.Min(_stories.Count - 1, (int)(-Math.Log(1 - _random.NextDouble()) * 300)); // mostly recent stories
            string[] sentences = _stories[story];
            var text = new StringBuilder(1600);
            foreach (int s in Enumerable.Range(0, SentencesPerStory).OrderBy(_ => _random.Next()).Take(SentencesPerArticle).Order())
            {
                text.Append(sentences[s]).Append(' ').Append(Common()).Append(' ').Append(Common()).Append(". ");
            }

            int serial = _serial++;
            var article = new Article
            {
                Id = "g" + serial.ToString(CultureInfo.InvariantCulture),
                Title = sentences[0],
                Text = text.ToString(),
                Published = _start.AddSeconds(serial * 4.3),
            };
            return (article, story);
        }

        private int NewStory()
        {
            int id = _stories.Count;
            string[] names = [.. Enumerable.Range(0, 5).Select(_ => Name())];
            string[] numbers = [.. Enumerable.Range(0, 3).Select(_ => _random.Next(10, 100000).ToString(CultureInfo.InvariantCulture))];
            string[] topic = [.. Enumerable.Range(0, 20).Select(_ => Word(3 + _random.Next(5)))];
            var sentences = new string[SentencesPerStory];
            for (int s = 0; s < sentences.Length; s++)
            {
                var sb = new StringBuilder();
                sb.Append(names[_random.Next(names.Length)]).Append(' ');
                for (int w = 0; w < 12; w++)
                {
                    sb.Append(_random.Next(4) switch
                    {
                        0 => Common(),
                        1 => names[_random.Next(names.Length)],
                        2 when w % 5 == 0 => numbers[_random.Next(numbers.Length)],
                        _ => topic[_random.Next(topic.Length)],
                    }).Append(' ');
                }

                sentences[s] = sb.ToString().TrimEnd();
            }

            _stories.Add(sentences);
            return id;
        }

        private string Common()
        {
            // Zipf-like: rank = floor(N^u), so low ranks (frequent words) dominate.
            int rank = (int)Math.Pow(CommonWords, _random.NextDouble());
            return "c" + rank.ToString(CultureInfo.InvariantCulture) + "x";
        }

        private string Name() => char.ToUpperInvariant((char)('a' + _random.Next(26))) + Word(4 + _random.Next(5));

        private string Word(int length)
        {
            Span<char> chars = stackalloc char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)('a' + _random.Next(26));
            }

            return new string(chars);
        }
    }
}

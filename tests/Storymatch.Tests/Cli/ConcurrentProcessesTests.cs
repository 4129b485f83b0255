using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Storymatch.Tests.Storage;

namespace Storymatch.Tests.Cli;

/// <summary>
/// Several storymatch processes on one database at once, as users run them: writers wait their turn, readers
/// never write, and every document ends stored once and in exactly one story.
/// </summary>
public class ConcurrentProcessesTests
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "Storymatch.Cli.dll");

    [Fact]
    public async Task Four_writers_with_overlapping_inputs_and_two_readers_share_one_database()
    {
        using var dir = new TempFolder();

        // 4 shards of 150 articles over 360 distinct ids: every id in one to three shards, with the same content.
        string[] shards = new string[4];
        for (int w = 0; w < shards.Length; w++)
        {
            var jsonl = new StringBuilder();
            for (int i = w * 70; i < (w * 70) + 150; i++)
            {
                int story = i / 3;
                string text = $"Story {story} headline words. " + CorpusText.Article(story, 60) + $" Version {i % 3} adds line {i}.";
                jsonl.Append(JsonSerializer.Serialize(new { id = $"doc{i}", title = $"Report {story}", text, published = $"2024-03-{1 + (i % 20):00}T10:00:00Z" })).Append('\n');
            }

            shards[w] = dir.Write($"shard{w}.jsonl", jsonl.ToString());
        }

        // The database exists before the readers start (a query never creates one).
        Assert.Equal(0, (await RunAsync("ingest", dir.Write("first.jsonl", "{\"id\":\"first\",\"text\":\"The first article of the day.\"}\n"), "--db", dir.Db)).Exit);

        using var stop = new CancellationTokenSource();
        Task<List<(int Exit, string Out, string Err)>>[] readers =
        [
            ReadUntilAsync(stop.Token, "stories", "--db", dir.Db, "--json"),
            ReadUntilAsync(stop.Token, "dups", "--db", dir.Db, "--json"),
        ];
        (int Exit, string Out, string Err)[] writers = await Task.WhenAll(shards.Select(s => RunAsync("ingest", s, "--db", dir.Db, "--json")));
        await stop.CancelAsync();
        List<(int Exit, string Out, string Err)> reads = [.. (await Task.WhenAll(readers)).SelectMany(r => r)];

        foreach ((int exit, string stdout, string stderr) in writers.Concat(reads))
        {
            Assert.True(exit is 0 or 1, $"exit {exit}: {stderr}");
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal); // no stack trace
            Assert.DoesNotContain("Unhandled", stderr, StringComparison.Ordinal);
        }

        Assert.NotEmpty(reads);
        long accepted = writers.Sum(w => JsonDocument.Parse(w.Out).RootElement.GetProperty("accepted").GetInt64());
        Assert.Equal(360, accepted); // each id stored by exactly one writer

        using var store = TestStore.Open(dir.Db);
        using Storymatch.Storage.IStoreSession read = store.Store.OpenRead();
        Assert.Equal(361, read.Count().Documents);
        Assert.Equal(0, read.CountUnassigned());
        List<Storymatch.Storage.StoryRow> stories = read.Stories(new Storymatch.Storage.StoryQuery());
        var members = stories.SelectMany(s => read.Members(s.Story).Select(m => m.Id)).ToList();
        Assert.Equal(361, members.Count);
        Assert.Equal(361, members.Distinct(StringComparer.Ordinal).Count()); // each document in exactly one story
        Assert.Equal(stories.Sum(s => s.Members), members.Count);
    }

    private static async Task<List<(int Exit, string Out, string Err)>> ReadUntilAsync(CancellationToken stop, params string[] args)
    {
        var results = new List<(int, string, string)>();
        while (!stop.IsCancellationRequested)
        {
            results.Add(await RunAsync(args));
        }

        return results;
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Cli);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}

using Storymatch.Ingest;
using Storymatch.Matching;
using Storymatch.Storage;
using Storymatch.Stories;

namespace Storymatch.Engine.Tests;

/// <summary>The engine's entry point as a library user calls it: open with options, ingest, ask, compare.</summary>
public sealed class EngineAsALibraryTests : IDisposable
{
    private static readonly DateTimeOffset Day0 = new(2024, 6, 3, 8, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "storymatch-engine-" + Guid.NewGuid().ToString("N")[..12]);

    public EngineAsALibraryTests() => Directory.CreateDirectory(_folder);

    private string Db => Path.Combine(_folder, "library.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Article Report(string id, string outlet, DateTimeOffset published, string lead) => new()
    {
        Id = id,
        Source = outlet,
        Published = published,
        Title = "Westbury council approves new ferry terminal",
        Text = lead + " Councillors in Westbury voted 31 to 9 on Tuesday to fund a ferry terminal on the east quay. " +
            "Mayor Hanna Lindqvist said the terminal would open in 2027 and cost 48 million euros. " +
            "Ferry operator Nordlink plans four daily crossings to Aalborg once the quay is rebuilt.",
    };

    [Fact]
    public void Options_out_of_range_are_refused_naming_the_setting()
    {
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => StorymatchEngine.Open(new StorymatchOptions { DatabasePath = Db, Workers = 0 }));
        Assert.Contains("Workers", e.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => StorymatchEngine.Open(new StorymatchOptions { DatabasePath = Db, FadeDays = -1 }));
        Assert.False(File.Exists(Db)); // nothing was created
    }

    [Fact]
    public async Task Articles_added_one_at_a_time_find_their_story_and_repeats_change_nothing()
    {
        using StorymatchEngine engine = StorymatchEngine.Open(new StorymatchOptions { DatabasePath = Db });
        ArticleIngestResult first = await engine.AddArticleAsync(Report("wire", "Northwire", Day0, "The harbour plan passed."), Ct);
        Assert.Equal(ArticleOutcome.Stored, first.Outcome);
        Assert.True(first.NewStory);

        ArticleIngestResult copy = await engine.AddArticleAsync(Report("reprint", "Coast Herald", Day0.AddHours(3), "Big news for the harbour."), Ct);
        Assert.Equal(ArticleOutcome.Stored, copy.Outcome);
        Assert.Equal(first.Story, copy.Story);
        Assert.False(copy.NewStory);

        Assert.Equal(ArticleOutcome.Duplicate, (await engine.AddArticleAsync(Report("wire", "Northwire", Day0, "The harbour plan passed."), Ct)).Outcome);
        ArticleIngestResult conflict = await engine.AddArticleAsync(Report("wire", "Northwire", Day0, "An edited lead."), Ct);
        Assert.Equal(ArticleOutcome.Rejected, conflict.Outcome);
        Assert.Contains("already stored with different content", conflict.Error, StringComparison.Ordinal);

        StoryDetail story = engine.GetStory(first.Story!.Value)!;
        Assert.Equal("wire", story.Summary.Original); // the earliest published
        Assert.Equal(["wire", "reprint"], story.Summary.Members);
        Assert.Equal(2, engine.Counts().Documents);
        Assert.Equal(first.Story, engine.StoryOf("reprint"));

        ArticleComparison comparison = engine.Compare(engine.GetDocument("wire")!.Article, engine.GetDocument("reprint")!.Article);
        Assert.NotEqual(RelationKind.Unrelated, comparison.Relation.Kind);
        Assert.True(comparison.Measures.Jaccard5 > 0.5);
        Assert.Contains(engine.FindSimilar("wire"), s => s.Id == "reprint");
    }

    [Fact]
    public async Task Ingest_of_files_reports_bad_input_by_location_and_stories_are_listed_and_filtered()
    {
        File.WriteAllText(Path.Combine(_folder, "a.jsonl"),
            """
            {"id":"a1","title":"Storm closes harbour bridge","text":"Storm damage closed the Westbury harbour bridge on Monday; engineers inspected the cables.","published":"2024-06-03T08:00:00Z"}
            {"id":"a2","title":"Harbour bridge shut after storm","text":"Engineers inspected the cables of the Westbury harbour bridge, closed on Monday after storm damage.","published":"2024-06-03T11:00:00Z"}
            not json
            {"id":"b1","title":"Brenford sign Norwegian striker","text":"Brenford have signed striker Aksel Dahl from Molde on a four-year contract, the club said on Friday.","published":"2024-06-07T09:00:00Z"}

            """);
        using StorymatchEngine engine = StorymatchEngine.Open(new StorymatchOptions { DatabasePath = Db });
        var issues = new List<IngestIssue>();
        IngestSummary summary = await engine.IngestAsync([Path.Combine(_folder, "a.jsonl")], new IngestCallbacks { Issues = issues.Add }, cancellationToken: Ct);
        Assert.Equal((3L, 1L), (summary.Accepted, summary.Rejected));
        IngestIssue issue = Assert.Single(issues);
        Assert.Equal(3, issue.Location.Line);
        Assert.Equal(3, summary.Stories!.Assigned);

        Assert.Equal(2, engine.ListStories().Count);
        StorySummary bridge = Assert.Single(engine.ListStories(new StoryFilter { MinMembers = 2 }));
        Assert.Equal(["a1", "a2"], bridge.Members);
        Assert.Equal("b1", Assert.Single(engine.ListStories(new StoryFilter { TitleContains = "striker" })).Original);
        Assert.Equal("b1", engine.ListStories(new StoryFilter { NewestFirst = true, Limit = 1 })[0].Original);
    }

    [Fact]
    public async Task Reads_from_many_threads_run_beside_writes_and_a_read_only_engine_refuses_to_write()
    {
        using (StorymatchEngine engine = StorymatchEngine.Open(new StorymatchOptions { DatabasePath = Db }))
        {
            Task writes = Task.Run(async () =>
            {
                for (int i = 0; i < 40; i++)
                {
                    await engine.AddArticleAsync(Report($"r{i}", $"Outlet {i}", Day0.AddMinutes(i), $"Report number {i}."), Ct);
                }
            }, Ct);
            Task[] reads = [.. Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!writes.IsCompleted)
                {
                    foreach (StorySummary s in engine.ListStories())
                    {
                        Assert.NotNull(engine.GetStory(s.Story));
                    }

                    await Task.Yield();
                }
            }, Ct))];
            await Task.WhenAll([writes, .. reads]);
            Assert.Equal(40, engine.Counts().Documents);
            Assert.Equal(0, engine.CountUnassigned());
        }

        using StorymatchEngine readOnly = StorymatchEngine.Open(new StorymatchOptions { DatabasePath = Db, ReadOnly = true });
        Assert.Equal(40, readOnly.Counts().Documents);
        await Assert.ThrowsAsync<StoreException>(() => readOnly.AddArticleAsync(Report("late", "Late", Day0, "Late."), Ct));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

using Storymatch.Cli.Commands;
using Storymatch.Ingest;
using Storymatch.Matching;
using Storymatch.Stories;
using Storymatch.Tests.Samples;
using Storymatch.Tests.Storage;

namespace Storymatch.Tests.Stories;

public class StoryServiceTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Day0 = new(2024, 5, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Seeds_among_200_real_articles_form_exactly_one_story_and_000_001_are_rewrites()
    {
        string[] seedPaths = SeedFiles.PathsOrSkip();
        List<Article> unrelated = StoryCorpora.UnrelatedOrSkip(220);
        Assert.True(unrelated.Count >= 200);
        var seeds = seedPaths.Select(p => new Article { Id = "seed-" + Path.GetFileName(p)[..3], Text = File.ReadAllText(p) }).ToList();

        // Seeds spread through the stream (no dates: ingest order decides).
        var all = new List<Article>(unrelated);
        for (int i = 0; i < seeds.Count; i++)
        {
            all.Insert(20 + (i * 45), seeds[i]);
        }

        using var dir = new TempFolder();
        using var h = StoryHarness.Open(dir.Db);
        h.Store.Write(all);
        StorymatchEngine service = h.Engine;
        StoryUpdateSummary summary = (await service.UpdateStoriesAsync(cancellationToken: Ct));
        Assert.Equal(all.Count, summary.Assigned);

        long story = service.StoryOf("seed-000")!.Value;
        StorySummary seedStory = service.ListStories().Single(s => s.Story == story);
        Assert.Equal(seeds.Select(s => s.Id).Order(StringComparer.Ordinal), seedStory.Members.Order(StringComparer.Ordinal));

        Relation relation = service.Compare(h.Store.GetDocument("seed-000")!.Article, h.Store.GetDocument("seed-001")!.Article).Relation;
        Assert.Equal(RelationKind.Rewrite, relation.Kind);
        output.WriteLine($"{all.Count} articles -> {service.ListStories().Count} stories; 000~001 {relation.KindName} {relation.Score:0.000}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Seeds_alone_or_among_the_samples_form_exactly_one_story(bool withSamples)
    {
        // A small store is a degenerate collection for document frequencies: the prior in CountingTermStatistics
        // must keep the five versions together when they are all there is, or nearly.
        string[] seedPaths = SeedFiles.PathsOrSkip();
        var seeds = seedPaths.Select(p => new Article { Id = "seed-" + Path.GetFileName(p)[..3], Text = File.ReadAllText(p) }).ToList();
        var all = new List<Article>();
        if (withSamples)
        {
            foreach (string file in Directory.GetFiles(Path.Combine(TestPaths.Samples, "articles"), "*.txt").Order(StringComparer.Ordinal))
            {
                all.Add(new Article { Id = Path.GetFileName(file), Text = File.ReadAllText(file) });
            }
        }

        all.AddRange(seeds);
        using var dir = new TempFolder();
        using var h = StoryHarness.Open(dir.Db);
        h.Store.Write(all);
        StorymatchEngine service = h.Engine;
        await service.UpdateStoriesAsync(cancellationToken: Ct);

        long story = service.StoryOf("seed-000")!.Value;
        StorySummary seedStory = service.ListStories().Single(s => s.Story == story);
        Assert.Equal(seeds.Select(s => s.Id).Order(StringComparer.Ordinal), seedStory.Members.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Update_reports_progress_up_to_the_pending_articles_and_commits_per_batch()
    {
        int n = StoryAssigner.UpdateBatch + 600;
        var articles = Enumerable.Range(0, n)
            .Select(i => new Article { Id = $"a{i}", Title = $"Report {i}", Text = $"Council {i} met on day {i % 28} and voted on budget line {i * 7}." })
            .ToList();
        using var dir = new TempFolder();
        using var h = StoryHarness.Open(dir.Db);
        h.Store.Write(articles);
        var reports = new List<StoryProgress>();
        StoryUpdateSummary summary = await h.Engine.UpdateStoriesAsync(new CollectingProgress(reports), Ct);

        Assert.Equal(n, summary.Assigned);
        Assert.Equal(2, reports.Count); // one report per committed batch
        Assert.All(reports, r => Assert.Equal(n, r.Total));
        Assert.Equal(StoryAssigner.UpdateBatch, reports[0].Done);
        Assert.Equal(n, reports[^1].Done);
        Assert.Equal(0, h.Engine.CountUnassigned());
    }

    private sealed class CollectingProgress(List<StoryProgress> reports) : IProgress<StoryProgress>
    {
        public void Report(StoryProgress value) => reports.Add(value);
    }

    [Fact]
    public async Task Incremental_updates_restore_live_stories_and_equal_one_batch()
    {
        string[] seedPaths = SeedFiles.PathsOrSkip();
        List<Article> unrelated = StoryCorpora.UnrelatedOrSkip(60);
        var seeds = seedPaths.Select(p => new Article { Id = "seed-" + Path.GetFileName(p)[..3], Text = File.ReadAllText(p) }).ToList();
        using var dir = new TempFolder();
        using var h = StoryHarness.Open(dir.Db);
        StorymatchEngine service = h.Engine;
        h.Store.Write([.. unrelated.Take(30), seeds[0], seeds[1]]);
        await service.UpdateStoriesAsync(cancellationToken: Ct);
        h.Store.Write([.. unrelated.Skip(30), .. seeds.Skip(2)]);
        StoryUpdateSummary second = (await service.UpdateStoriesAsync(cancellationToken: Ct));
        Assert.Equal(30 + 3, second.Assigned);
        long story = service.StoryOf("seed-000")!.Value;
        Assert.All(seeds, s => Assert.Equal(story, service.StoryOf(s.Id)));
        Assert.Equal(0, (await service.UpdateStoriesAsync(cancellationToken: Ct)).Assigned); // nothing left to assign

        // A batch re-clustering weighs every article with the final document frequencies, so borderline joins among
        // the unrelated articles may differ; the seeds' story does not.
        IReadOnlyList<StorySummary> incremental = service.ListStories();
        await service.RebuildStoriesAsync(cancellationToken: Ct);
        IReadOnlyList<StorySummary> batch = service.ListStories();
        Assert.Equal(SeedGroup(incremental), SeedGroup(batch));
        Assert.InRange(batch.Count, incremental.Count * 0.9, incremental.Count * 1.1);
    }

    [Fact]
    public async Task A_member_unrelated_to_the_original_names_the_member_it_joined_through()
    {
        if (!File.Exists(Path.Combine(SampleCorpus.Root, "expected.json")))
        {
            Assert.Skip("samples/expected.json not found");
        }

        using var dir = new TempFolder();
        using var h = StoryHarness.Open(dir.Db);
        await h.Engine.IngestAsync([SampleCorpus.Root], cancellationToken: Ct);
        StorymatchEngine service = h.Engine;
        await service.UpdateStoriesAsync(cancellationToken: Ct);
        foreach (StorySummary summary in service.ListStories().Where(s => s.Members.Count > 1))
        {
            StoryDetail detail = service.GetStory(summary.Story)!;
            foreach (StoryMember member in detail.Members)
            {
                if (member.RelationToOriginal?.Kind == RelationKind.Unrelated)
                {
                    Assert.NotNull(member.Through);
                    Assert.Contains(member.Through, summary.Members);
                    Assert.NotEqual(member.Id, member.Through);
                    Assert.True(member.ThroughScore > member.RelationToOriginal.Score, $"{member.Id} is closer to {member.Through} than to the original");
                }
                else
                {
                    Assert.Null(member.Through);
                }
            }
        }
    }

    [Fact]
    public async Task Sample_corpus_grouping_is_reproduced()
    {
        if (!File.Exists(Path.Combine(SampleCorpus.Root, "expected.json")))
        {
            Assert.Skip("samples/expected.json not found");
        }

        using var dir = new TempFolder();
        using var h = StoryHarness.Open(dir.Db);
        IngestSummary ingested = await h.Engine.IngestAsync([SampleCorpus.Root], cancellationToken: Ct);
        Assert.True(ingested.Accepted > 0);
        StorymatchEngine service = h.Engine;
        await service.UpdateStoriesAsync(cancellationToken: Ct);
        var predicted = new Dictionary<string, long>();
        foreach (StorySummary s in service.ListStories())
        {
            foreach (string m in s.Members)
            {
                predicted[m] = s.Story;
            }
        }

        IReadOnlyDictionary<string, SampleLabel> labels = SampleCorpus.Labels;
        Assert.All(labels.Keys, id => Assert.True(predicted.ContainsKey(id), $"{id} was not ingested into a story"));
        (double precision, double recall, double f1) = PairwiseScores(labels, predicted);
        output.WriteLine($"pairwise precision {precision:0.000} recall {recall:0.000} F1 {f1:0.000} over {labels.Count} articles");

        // Quality bar, not a fit: most same-story pairs found, few false joins (the "confuses" articles are there to tempt).
        Assert.True(f1 >= 0.8, $"pairwise F1 {f1:0.000}");
        Assert.True(precision >= 0.85, $"pairwise precision {precision:0.000}");

        // Relations to the labelled original are right for most members (reported; the CLI shows them).
        int right = 0;
        int total = 0;
        foreach (SampleLabel label in labels.Values.Where(l => l.Original is not null && l.Original != l.Id))
        {
            Relation r = service.Compare(h.Store.GetDocument(label.Id)!.Article, h.Store.GetDocument(label.Original!)!.Article).Relation;
            total++;
            right += Relation.NameOf(r.Kind) == ExpectedName(label.Relation) ? 1 : 0;
        }

        output.WriteLine($"relation to the labelled original right for {right}/{total}");
        // Measured 47/60 with the reading, the comparison's relations and the refit similarity model together (the
        // comparison alone gave 58/60): a known regression, held here so that it cannot get worse unnoticed.
        Assert.True(right >= total * 0.78, $"relations right {right}/{total}");
    }

    [Fact]
    public async Task Undated_empty_title_headline_only_one_word_and_mixed_language_articles_have_defined_stories()
    {
        const string body =
            "Firefighters battled a blaze at the Norberg paper mill on Tuesday night. " +
            "The fire started in a storage hall and spread to the roof, the Norberg fire service said. " +
            "About 120 workers were evacuated and no one was injured, according to mill owner Kessla Group. " +
            "Smoke could be seen from the town centre and residents were told to keep windows closed.";
        var articles = new List<Article>
        {
            new() { Id = "dated", Text = body, Title = "Fire at Norberg paper mill", Published = Day0 },
            new() { Id = "undated", Text = body.Replace("Tuesday night", "late Tuesday", StringComparison.Ordinal), Title = "" },
            new() { Id = "headline-only", Text = "Fire at Norberg paper mill: 120 workers evacuated", Title = "Fire at Norberg paper mill" },
            new() { Id = "one-word", Text = "Norberg" },
            new() { Id = "empty", Text = "" },
            new() { Id = "mixed", Text = body + " 诺贝格造纸厂周二晚发生火灾。约120名工人被疏散。", Published = Day0.AddHours(2) },
            new() { Id = "other", Text = "The central bank held interest rates at 4.5 percent on Thursday, citing slowing inflation in services.", Published = Day0 },
        };
        using var dir = new TempFolder();
        using var h = StoryHarness.Open(dir.Db);
        h.Store.Write(articles);
        StorymatchEngine service = h.Engine;
        Assert.Equal(articles.Count, (await service.UpdateStoriesAsync(cancellationToken: Ct)).Assigned); // every article gets a story, none is dropped

        long fire = service.StoryOf("dated")!.Value;
        Assert.Equal(fire, service.StoryOf("undated"));       // no date: placed in ingest order, joins by content
        Assert.Equal(fire, service.StoryOf("mixed"));         // the English part carries it; the Chinese part does not hurt
        Assert.Equal(fire, service.StoryOf("headline-only")); // a headline with the story's names and numbers joins
        Assert.NotEqual(fire, service.StoryOf("one-word"));   // one word is no evidence: a story of its own
        Assert.NotEqual(fire, service.StoryOf("empty"));
        Assert.NotEqual(fire, service.StoryOf("other"));

        StoryDetail detail = service.GetStory(fire)!;
        Assert.Equal("dated", detail.Summary.Original); // the one dated earliest
        Assert.Equal("Fire at Norberg paper mill", detail.Summary.Title);
        StorySummary lone = service.ListStories().Single(s => s.Members.Contains("one-word"));
        Assert.Equal("Norberg", lone.Title); // no title: the first sentence stands in
        StorySummary empty = service.ListStories().Single(s => s.Members.Contains("empty"));
        Assert.Equal("empty", empty.Title); // nothing at all: the id
    }

    [Fact]
    public async Task Original_without_dates_is_the_version_the_others_point_back_to()
    {
        const string source =
            "The regional parliament of Valmora approved a ban on single-use plastic cups on Monday. " +
            "The law takes effect in March and covers cafes, stadiums and festivals. " +
            "Environment minister Petra Lund said the region throws away 40 million cups a year. " +
            "Businesses that break the rule face fines of up to 5,000 euros.";
        string rewrite = "Advertisement\n\n" + source.Replace("approved", "passed", StringComparison.Ordinal)
            .Replace("covers", "applies to", StringComparison.Ordinal) + " Read more: our guide to recycling in Valmora and the best reusable cups to buy this year.";
        string excerpt = "Lawmakers in Valmora voted on plastic. The law takes effect in March and covers cafes, stadiums and festivals. " +
            "Environment minister Petra Lund said the region throws away 40 million cups a year. Critics said enforcement would be hard.";
        using var dir = new TempFolder();
        using var h = StoryHarness.Open(dir.Db);
        h.Store.Write([new Article { Id = "rewrite", Text = rewrite }, new Article { Id = "excerpt", Text = excerpt }, new Article { Id = "source", Text = source }]);
        StorymatchEngine service = h.Engine;
        await service.UpdateStoriesAsync(cancellationToken: Ct);
        long story = service.StoryOf("source")!.Value;
        Assert.Equal(story, service.StoryOf("rewrite"));
        Assert.Equal("source", service.GetStory(story)!.Summary.Original);
    }

    private static string SeedGroup(IReadOnlyList<StorySummary> stories) =>
        string.Join(",", stories.Single(s => s.Members.Contains("seed-000")).Members.Order(StringComparer.Ordinal));

    private static string ExpectedName(string label) => label switch
    {
        "exact" => "exact copy",
        "partial-reuse" => "partial reuse",
        "same-story" => "same story",
        _ => label,
    };

    private static (double Precision, double Recall, double F1) PairwiseScores(IReadOnlyDictionary<string, SampleLabel> labels, Dictionary<string, long> predicted)
        => PairwiseAgreement.Score([.. labels.Keys], id => labels[id].Story, id => predicted[id]);
}

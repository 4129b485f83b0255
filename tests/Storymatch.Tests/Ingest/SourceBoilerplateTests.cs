using System.Text;
using System.Text.Json;
using Storymatch.Ingest;
using Storymatch.Stories;
using Storymatch.Tests.Storage;
using Storymatch.Tests.Stories;

namespace Storymatch.Tests.Ingest;

public class SourceBoilerplateTests
{
    private const string Navigation = "Harbour Gazette News Sport Business Culture Opinion Weather Puzzles";
    private const string FooterOwner = "The Harbour Gazette is owned by Harbour Media Group and printed in Westport.";
    private const string FooterLetters = "Letters to the editor: write to 14 Quay Street, Westport, or use the form on our website.";

    private static readonly string[] Template = [Navigation, FooterOwner, FooterLetters];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Templated(string body) => $"{Navigation}\n\n{body}\n\n{FooterOwner}\n\n{FooterLetters}";

    private static string JsonLine(string id, string text, string source = "Harbour Gazette") =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = id, ["source"] = source, ["text"] = text }) + "\n";

    private static StorymatchEngine Engine(string db, int batchSize = 4096) =>
        StorymatchEngine.Open(new StorymatchOptions { DatabasePath = db, BatchSize = batchSize });

    private static async Task IngestJsonLines(StorymatchEngine engine, string content) =>
        await engine.IngestJsonLinesAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), "feed.jsonl", cancellationToken: Ct);

    private static void AssertNoTemplateLine(string text, string id)
    {
        foreach (string line in Template)
        {
            Assert.False(text.Contains(line, StringComparison.Ordinal), $"{id} still holds the template line \"{line}\"");
        }
    }

    [Fact]
    public async Task Navigation_and_footer_lines_of_one_source_leave_the_stored_text_the_evidence_and_the_stories()
    {
        List<Article> bodies = StoryCorpora.UnrelatedOrSkip(8);
        using var dir = new TempFolder();

        // Reference: the same eight articles without the template.
        int plainStories;
        using (StorymatchEngine plain = Engine(dir.Combine("plain.db")))
        {
            await IngestJsonLines(plain, string.Concat(bodies.Select(b => JsonLine(b.Id, b.Text))));
            plainStories = plain.ListStories().Count;
        }

        using StorymatchEngine engine = Engine(dir.Db);
        await IngestJsonLines(engine, string.Concat(bodies.Select(b => JsonLine(b.Id, Templated(b.Text)))));

        // The first articles of the source are cleaned too: the batch is learned before it is stored.
        foreach (Article b in bodies)
        {
            string stored = engine.GetDocument(b.Id)!.Article.Text;
            AssertNoTemplateLine(stored, b.Id);
            Assert.Equal(Storymatch.Text.TextNormalizer.Normalize(b.Text), Storymatch.Text.TextNormalizer.Normalize(stored));
        }

        IReadOnlyList<StorySummary> stories = engine.ListStories();
        Assert.Equal(plainStories, stories.Count);
        foreach (StorySummary s in stories)
        {
            StoryDetail detail = engine.GetStory(s.Story)!;
            foreach (StoryMember m in detail.Members)
            {
                AssertNoTemplateLine(JsonSerializer.Serialize(m.RelationToOriginal?.Evidence), m.Id);
            }
        }

        SourceTemplate learned = Assert.Single(engine.ListBoilerplate());
        Assert.Equal("Harbour Gazette", learned.Source);
        Assert.Equal(8, learned.Documents);
        Assert.Equal(Template.Order(StringComparer.Ordinal), learned.Lines.Select(l => l.Text).Order(StringComparer.Ordinal));
        Assert.All(learned.Lines, l => Assert.Equal(8, l.Documents));
    }

    [Fact]
    public async Task Streaming_one_article_per_batch_learns_at_the_third_and_later_runs_start_from_the_stored_lines()
    {
        List<Article> bodies = StoryCorpora.UnrelatedOrSkip(8);
        using var dir = new TempFolder();
        using (StorymatchEngine engine = Engine(dir.Db, batchSize: 1))
        {
            await IngestJsonLines(engine, string.Concat(bodies.Take(5).Select(b => JsonLine(b.Id, Templated(b.Text)))));

            // Documents stored before a line was known to repeat keep it (nothing stored is rewritten).
            for (int i = 0; i < 5; i++)
            {
                string stored = engine.GetDocument(bodies[i].Id)!.Article.Text;
                if (i < SourceBoilerplate.MinDocuments - 1)
                {
                    Assert.Contains(FooterOwner, stored, StringComparison.Ordinal);
                }
                else
                {
                    AssertNoTemplateLine(stored, bodies[i].Id);
                }
            }
        }

        // A later process (a new engine) cleans from its first article on, through the engine's one-article path too.
        using (StorymatchEngine later = Engine(dir.Db))
        {
            await IngestJsonLines(later, JsonLine(bodies[5].Id, Templated(bodies[5].Text)));
            AssertNoTemplateLine(later.GetDocument(bodies[5].Id)!.Article.Text, bodies[5].Id);

            ArticleIngestResult added = await later.AddArticleAsync(new Article { Id = bodies[6].Id, Source = "Harbour Gazette", Text = Templated(bodies[6].Text) }, Ct);
            Assert.Equal(ArticleOutcome.Stored, added.Outcome);
            AssertNoTemplateLine(later.GetDocument(bodies[6].Id)!.Article.Text, bodies[6].Id);

            // The content hash is of the input's text: re-ingesting the first batch is a duplicate, not a conflict.
            IngestSummary again = await later.IngestJsonLinesAsync(
                new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(bodies.Take(5).Select(b => JsonLine(b.Id, Templated(b.Text)))))), "feed.jsonl", cancellationToken: Ct);
            Assert.Equal((0L, 5L, 0L), (again.Accepted, again.Duplicates, again.Rejected));

            // Another source with the same lines has learned nothing.
            await IngestJsonLines(later, JsonLine(bodies[7].Id, Templated(bodies[7].Text), source: "Other Paper"));
            Assert.Contains(FooterOwner, later.GetDocument(bodies[7].Id)!.Article.Text, StringComparison.Ordinal);
            Assert.Empty(later.ListBoilerplate("Other Paper").Single().Lines);
        }
    }

    [Fact]
    public async Task Plain_text_files_of_one_folder_and_html_pages_of_one_site_lose_their_template_and_a_text_title_moves_past_it()
    {
        List<Article> bodies = StoryCorpora.UnrelatedOrSkip(12);
        using var dir = new TempFolder();
        for (int i = 0; i < 6; i++)
        {
            string headline = $"Headline number {i} of the gazette";
            dir.Write($"in/gazette/a{i}.txt", $"{Navigation}\n\n{headline}\n\n{bodies[i].Text}\n\n{FooterOwner}\n\n{FooterLetters}");
        }

        for (int i = 6; i < 12; i++)
        {
            string paragraphs = string.Concat(bodies[i].Text.Split("\n\n").Select(p => $"<p>{System.Net.WebUtility.HtmlEncode(p)}</p>"));
            dir.Write(
                $"in/web/p{i}.html",
                $"<html><head><meta property=\"og:site_name\" content=\"Harbour Gazette Online\"><title>Page {i}</title></head><body><article>" +
                $"<p>{Navigation}</p>{paragraphs}<p>{FooterOwner}</p><p>{FooterLetters}</p></article></body></html>");
        }

        using StorymatchEngine engine = Engine(dir.Db);
        IngestSummary summary = await engine.IngestAsync([dir.Combine("in")], cancellationToken: Ct);
        Assert.Equal(12, summary.Accepted);
        foreach (Storymatch.Storage.StoredDocument d in engine.Documents())
        {
            AssertNoTemplateLine(d.Article.Text, d.Id);
            if (d.Id.EndsWith(".txt", StringComparison.Ordinal))
            {
                Assert.StartsWith("Headline number", d.Article.Title, StringComparison.Ordinal);
            }
        }

        Assert.Equal(["Harbour Gazette Online", "gazette"], engine.ListBoilerplate().Select(s => s.Source));
    }

    [Fact]
    public void A_line_in_too_few_documents_or_too_long_is_not_learned_and_cleaning_never_empties_an_article()
    {
        using var dir = new TempFolder();
        using TestStore store = TestStore.Open(dir.Db);
        string longLine = string.Join(' ', Enumerable.Repeat("a long shared passage quoted by every article", 10));
        var articles = Enumerable.Range(0, 6)
            .Select(i => new Article { Id = $"s/{i}", Source = "S", Text = $"{longLine}\n\nown text {i}\n\n" + (i < 2 ? "only in two" : "body " + i) })
            .ToList();
        using Storymatch.Storage.IUnitOfWork work = store.Store.BeginWrite(Ct);
        var boilerplate = new SourceBoilerplate();
        SourceBoilerplate.Batch batch = boilerplate.Observe(work, [.. articles.Select(a => (a, SourceBoilerplate.LineKeys(a.Text)))]);
        Assert.Empty(batch.States["S"].LearnedKeys);

        // Every line learned: the article stays as it was rather than be lost.
        var same = new Article { Id = "t/1", Source = "T", Text = "one line\n\nanother" };
        SourceBoilerplate.Batch all = boilerplate.Observe(work, [.. Enumerable.Repeat((same, SourceBoilerplate.LineKeys(same.Text)), 3)]);
        Assert.Equal(2, all.States["T"].LearnedKeys.Count);
        Assert.Same(same, all.Clean(same, SourceBoilerplate.LineKeys(same.Text)));
    }

    [Fact]
    public void The_source_of_an_article_is_its_declared_source_else_its_host_else_its_folder()
    {
        Assert.Equal("Gazette", SourceBoilerplate.SourceKey(new Article { Id = "x", Text = "t", Source = " Gazette ", Url = "https://a.example/x" }));
        Assert.Equal("a.example", SourceBoilerplate.SourceKey(new Article { Id = "x", Text = "t", Url = "https://a.example/x" }));
        Assert.Equal("b.example", SourceBoilerplate.SourceKey(new Article { Id = "https://b.example/p/1", Text = "t" }));
        Assert.Equal("outlet/2024", SourceBoilerplate.SourceKey(new Article { Id = "outlet/2024/a.txt", Text = "t" }));
        Assert.Null(SourceBoilerplate.SourceKey(new Article { Id = "a.txt", Text = "t" }));
    }
}

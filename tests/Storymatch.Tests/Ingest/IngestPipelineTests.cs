using System.Text;
using Storymatch.Ingest;
using Storymatch.Tests.Storage;

namespace Storymatch.Tests.Ingest;

public class IngestPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IngestInput Jsonl(string name, string content) =>
        new(name, new JsonLinesSource(() => new MemoryStream(Encoding.UTF8.GetBytes(content)), name), content.Length, SingleDocument: false);

    private static string Lines(int from, int count, string prefix = "doc") =>
        string.Concat(Enumerable.Range(from, count).Select(i => $"{{\"id\":\"{prefix}{i}\",\"text\":\"article number {i} about topic {i % 7}\"}}\n"));

    [Fact]
    public async Task Documents_are_stored_in_input_order_across_workers_and_small_batches()
    {
        using var dir = new TempFolder();
        using TestStore store = TestStore.Open(dir.Db);
        var options = new IngestOptions { Workers = 3, BatchSize = 7, QueueCapacity = 5 };
        IngestSummary summary = await store.Pipeline(options).RunAsync([Jsonl("a.jsonl", Lines(0, 100))], cancellationToken: Ct);

        Assert.Equal((100L, 0L, 0L, 0L, false), (summary.Accepted, summary.Duplicates, summary.Rejected, summary.Skipped, summary.Cancelled));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => "doc" + i), store.Documents().Select(d => d.Id));
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), store.Documents().Select(d => d.Doc));
    }

    [Fact]
    public async Task Reingesting_the_same_documents_stores_nothing_new()
    {
        using var dir = new TempFolder();
        using TestStore store = TestStore.Open(dir.Db);
        await store.Pipeline().RunAsync([Jsonl("a.jsonl", Lines(0, 20))], cancellationToken: Ct);
        IngestSummary again = await store.Pipeline().RunAsync([Jsonl("a.jsonl", Lines(0, 25))], cancellationToken: Ct);
        Assert.Equal((5L, 20L, 0L), (again.Accepted, again.Duplicates, again.Rejected));
        Assert.Equal(25, store.Count().Documents);
    }

    [Fact]
    public async Task A_stored_id_with_different_content_is_rejected_and_the_stored_text_kept()
    {
        using var dir = new TempFolder();
        using TestStore store = TestStore.Open(dir.Db);
        await store.Pipeline().RunAsync([Jsonl("a.jsonl", """{"id":"x","text":"the original text"}""")], cancellationToken: Ct);

        var issues = new List<IngestIssue>();
        IngestSummary summary = await store.Pipeline().RunAsync(
            [Jsonl("b.jsonl", "{\"id\":\"y\",\"text\":\"other\"}\n{\"id\":\"x\",\"text\":\"an edited text\"}\n")], issues: issues.Add, cancellationToken: Ct);

        Assert.Equal((1L, 1L), (summary.Accepted, summary.Rejected));
        IngestIssue issue = Assert.Single(issues);
        Assert.Equal("b.jsonl:2", issue.Location.ToString());
        Assert.StartsWith("id \"x\" is already stored with different content", issue.Message, StringComparison.Ordinal);
        Assert.Equal("the original text", store.GetDocument("x")!.Article.Text);
    }

    [Fact]
    public async Task The_same_text_with_only_whitespace_and_quote_differences_is_a_duplicate_of_its_id()
    {
        using var dir = new TempFolder();
        using TestStore store = TestStore.Open(dir.Db);
        await store.Pipeline().RunAsync([Jsonl("a.jsonl", """{"id":"x","text":"He said \u201Cyes\u201D."}""")], cancellationToken: Ct);
        IngestSummary summary = await store.Pipeline().RunAsync([Jsonl("a.jsonl", """{"id":"x","text":"He  said \"yes\".\n"}""")], cancellationToken: Ct);
        Assert.Equal((0L, 1L, 0L), (summary.Accepted, summary.Duplicates, summary.Rejected));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_same_file_name_in_two_arguments_is_stored_twice_and_a_rerun_reports_both_as_duplicates(bool folders)
    {
        using var dir = new TempFolder();
        string first = dir.Write("f1/article.txt", "Harbour council approves ferry terminal\n\nCouncillors voted 31 to 9 on Tuesday.");
        string second = dir.Write("f2/article.txt", "Brenford sign Norwegian striker\n\nBrenford have signed Aksel Dahl from Molde.");
        string[] arguments = folders ? [dir.Combine("f1"), dir.Combine("f2")] : [first, second];
        using TestStore store = TestStore.Open(dir.Db);
        var issues = new List<IngestIssue>();

        IngestSummary summary = await store.Pipeline().RunAsync(PathSources.Resolve(arguments, SourceOptions.Default), issues: issues.Add, cancellationToken: Ct);
        Assert.Equal((2L, 0L, 0L), (summary.Accepted, summary.Duplicates, summary.Rejected));
        Assert.Empty(issues);
        string qualified = (folders ? dir.Combine("f2") + "/article.txt" : second).Replace('\\', '/');
        Assert.Equal(["article.txt", qualified], store.Documents().Select(d => d.Id));
        Assert.StartsWith("Brenford", store.GetDocument(qualified)!.Article.Text, StringComparison.Ordinal);

        IngestSummary again = await store.Pipeline().RunAsync(PathSources.Resolve(arguments, SourceOptions.Default), issues: issues.Add, cancellationToken: Ct);
        Assert.Equal((0L, 2L, 0L), (again.Accepted, again.Duplicates, again.Rejected));
        Assert.Empty(issues);
        Assert.Equal(2, store.Count().Documents);
    }

    [Fact]
    public async Task Rejections_and_skips_are_reported_in_input_order_and_the_rest_is_stored()
    {
        using var dir = new TempFolder();
        dir.Write("in/1.txt", "first article");
        dir.WriteBytes("in/2.txt", [0xC3, 0x28]);
        dir.Write("in/3.jsonl", "{\"id\":\"j\",\"text\":\"json\"}\nnot json\n");
        dir.Write("in/4.txt", "   \n\t ");
        dir.Write("in/5.png", "png");
        dir.Write("in/6.txt", "!!! ???");
        using TestStore store = TestStore.Open(dir.Db);
        var issues = new List<string>();
        IngestSummary summary = await store.Pipeline(new IngestOptions { Workers = 2 }).RunAsync(
            PathSources.Resolve([dir.Combine("in")], SourceOptions.Default), issues: i => issues.Add($"{Path.GetFileName(i.Location.ToString())} {i.Message}"), cancellationToken: Ct);

        Assert.Equal((2L, 0L, 4L, 1L), (summary.Accepted, summary.Duplicates, summary.Rejected, summary.Skipped));
        Assert.Equal(
            ["2.txt invalid UTF-8 at byte offset 0", "3.jsonl:2 malformed JSON", "4.txt no words in the text", "5.png unsupported file type '.png'", "6.txt no words in the text"],
            issues.Select(i => i.Split(':').Length > 2 ? string.Join(':', i.Split(':')[..2]) : i));
        Assert.Equal(["1.txt", "j"], store.Documents().Select(d => d.Id));
    }

    [Fact]
    public async Task Cancelling_keeps_every_committed_document_and_a_rerun_completes_the_batch()
    {
        using var dir = new TempFolder();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        long committedWhenCancelled = 0;
        using (TestStore store = TestStore.Open(dir.Db))
        {
            var progress = new CallbackProgress(p =>
            {
                if (p.Committed >= 40 && !cancel.IsCancellationRequested)
                {
                    committedWhenCancelled = p.Committed;
                    cancel.Cancel();
                }
            });
            IngestSummary first = await store.Pipeline(new IngestOptions { BatchSize = 20, QueueCapacity = 4 })
                .RunAsync([Jsonl("big.jsonl", Lines(0, 2000))], progress, cancellationToken: cancel.Token);
            Assert.True(first.Cancelled);
            Assert.True(first.Accepted < 2000);
            Assert.Equal(first.Accepted, store.Count().Documents);
        }

        Assert.True(committedWhenCancelled >= 40);
        using TestStore reopened = TestStore.Open(dir.Db);
        Assert.True(reopened.Count().Documents >= committedWhenCancelled);
        IngestSummary rerun = await reopened.Pipeline().RunAsync([Jsonl("big.jsonl", Lines(0, 2000))], cancellationToken: Ct);
        Assert.Equal(2000, rerun.Accepted + rerun.Duplicates);
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => "doc" + i), reopened.Documents().Select(d => d.Id));
    }

    [Fact]
    public async Task Progress_reaches_the_final_counts_and_input_bytes()
    {
        using var dir = new TempFolder();
        using TestStore store = TestStore.Open(dir.Db);
        IngestProgress last = default;
        string content = Lines(0, 50);
        await store.Pipeline().RunAsync([Jsonl("a.jsonl", content)], new CallbackProgress(p => last = p), cancellationToken: Ct);
        Assert.Equal(50, last.Accepted);
        Assert.Equal(50, last.Committed);
        Assert.Equal(content.Length, last.BytesDone);
    }

    private sealed class CallbackProgress(Action<IngestProgress> callback) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => callback(value);
    }
}

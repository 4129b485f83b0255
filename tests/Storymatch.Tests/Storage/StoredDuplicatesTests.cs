using System.Text;
using Storymatch.Fingerprints;
using Storymatch.Ingest;
using Storymatch.Matching;
using Storymatch.Storage;
using Storymatch.Text;

namespace Storymatch.Tests.Storage;

public class StoredDuplicatesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DocumentStore> StoreWith(TempFolder dir, params (string Id, string Text)[] docs)
    {
        var jsonl = new StringBuilder();
        foreach ((string id, string text) in docs)
        {
            jsonl.Append("{\"id\":\"").Append(id).Append("\",\"text\":\"").Append(text).Append("\"}\n");
        }

        DocumentStore store = DocumentStore.Open(dir.Db);
        string content = jsonl.ToString();
        await new IngestPipeline(store).RunAsync(
            [new IngestInput("t.jsonl", new JsonLinesSource(() => new MemoryStream(Encoding.UTF8.GetBytes(content)), "t.jsonl"), content.Length, false)],
            cancellationToken: Ct);
        return store;
    }

    [Fact]
    public async Task Ingest_stores_a_signature_and_one_bucket_row_per_band_for_each_document()
    {
        using var dir = new TempFolder();
        using DocumentStore store = await StoreWith(dir, ("a", CorpusText.Article(1)), ("b", CorpusText.Article(2)));
        FingerprintSettings settings = FingerprintSettings.Load(store)!;
        Assert.Equal(FingerprintSettings.Default, settings);
        Assert.Equal(new StoreCounts(2, 2, 2L * settings.Lsh.Bands, 2), store.Count());

        StoredDocument a = store.GetDocument("a")!;
        uint[] expected = new MinHasher(settings.MinHash).ComputeSignature(TextNormalizer.Normalize(a.Article.Text));
        Assert.Equal(expected, store.GetSignature(a.Doc));
    }

    [Fact]
    public async Task A_rerun_skips_fingerprinting_stored_ids_but_fingerprints_new_ones()
    {
        using var dir = new TempFolder();
        (string, string) a = ("a", CorpusText.Article(3)), b = ("b", CorpusText.Article(4));
        using (DocumentStore first = await StoreWith(dir, a))
        {
        }

        using DocumentStore store = await StoreWith(dir, a, b);
        FingerprintSettings settings = FingerprintSettings.Load(store)!;
        Assert.Equal(new StoreCounts(2, 2, 2L * settings.Lsh.Bands, 2), store.Count());
        uint[] expected = new MinHasher(settings.MinHash).ComputeSignature(TextNormalizer.Normalize(b.Item2));
        Assert.Equal(expected, store.GetSignature(store.GetDocument("b")!.Doc));
    }

    [Fact]
    public void The_fingerprinter_gives_a_stored_id_only_its_content_hash_and_can_complete_it_later()
    {
        var hasher = new MinHasher();
        LshParameters lsh = FingerprintSettings.Default.Lsh;
        var record = SourceRecord.Accepted(new Article { Id = "known", Text = CorpusText.Article(5) }, new InputLocation("x"));
        var fingerprinter = new IngestPipeline.Fingerprinter(hasher, lsh, [DocumentStore.IdHash("known")]);
        IngestPipeline.Prepared partial = fingerprinter.Prepare(record);
        Assert.Equal(ContentHash.Compute(record.Article!.Text), partial.ContentHash);
        Assert.Empty(partial.Signature);

        IngestPipeline.Prepared full = fingerprinter.WithSignature(partial);
        IngestPipeline.Prepared fresh = new IngestPipeline.Fingerprinter(hasher, lsh, []).Prepare(record);
        Assert.Equal(fresh.Signature, full.Signature);
        Assert.Equal(fresh.BandHashes, full.BandHashes);
        Assert.Equal(lsh.Bands, full.BandHashes.Length);
    }

    [Fact]
    public async Task Exact_copies_near_duplicates_and_unrelated_texts_are_told_apart()
    {
        using var dir = new TempFolder();
        string original = CorpusText.Article(7);
        using DocumentStore store = await StoreWith(dir,
            ("orig", original),
            ("other", CorpusText.Article(8)),
            ("copy", original.ToUpperInvariant() + "  "),
            ("edited", CorpusText.Edit(original, 60)),
            ("rewritten", CorpusText.Edit(original, 4)));

        DuplicateReport report = StoredDuplicates.Find(store);
        Assert.Equal(
            ["orig copy exact", "orig edited near-duplicate", "copy edited near-duplicate"],
            report.Pairs.Select(p => $"{p.A} {p.B} {p.Relation}"));
        IReadOnlyList<string> group = Assert.Single(report.Groups);
        Assert.Equal(["orig", "copy", "edited"], group);

        DuplicatePair near = report.Pairs[1];
        double exactJaccard = Shingles.Jaccard(Shingles.Set(TextNormalizer.Normalize(original)), Shingles.Set(TextNormalizer.Normalize(CorpusText.Edit(original, 60))));
        Assert.Equal(exactJaccard, near.Jaccard, 10);
        Assert.InRange(near.Jaccard, 0.8, 0.95);
    }

    [Fact]
    public async Task Another_threshold_rebands_the_stored_signatures_and_finds_looser_pairs()
    {
        using var dir = new TempFolder();
        string original = CorpusText.Article(11);
        string looser = CorpusText.Edit(original, 25);
        using DocumentStore store = await StoreWith(dir, ("a", original), ("b", looser), ("c", CorpusText.Article(12)));
        double jaccard = Shingles.Jaccard(Shingles.Set(TextNormalizer.Normalize(original)), Shingles.Set(TextNormalizer.Normalize(looser)));
        Assert.InRange(jaccard, 0.55, 0.79);

        Assert.Empty(StoredDuplicates.Find(store).Pairs);
        DuplicatePair pair = Assert.Single(StoredDuplicates.Find(store, threshold: 0.5).Pairs);
        Assert.Equal(("a", "b", DuplicateRelation.NearDuplicate), (pair.A, pair.B, pair.Relation));
    }

    [Fact]
    public async Task Store_results_equal_the_in_memory_detector_on_the_same_documents()
    {
        using var dir = new TempFolder();
        var docs = new List<(string, string)>();
        for (int i = 0; i < 40; i++)
        {
            string text = CorpusText.Article(100 + (i / 4));
            docs.Add(($"d{i:00}", (i % 4) switch { 0 => text, 1 => CorpusText.Edit(text, 50, i), 2 => CorpusText.Edit(text, 3, i), _ => text + " tail" }));
        }

        using DocumentStore store = await StoreWith(dir, [.. docs]);
        DuplicateReport fromStore = StoredDuplicates.Find(store);
        DuplicateReport inMemory = new DuplicateDetector().Detect([.. docs.Select(d => (d.Item1, TextNormalizer.Normalize(d.Item2)))]);
        Assert.NotEmpty(inMemory.Pairs);
        Assert.Equal(inMemory.Pairs.Select(p => (p.A, p.B, p.Relation, Math.Round(p.Jaccard, 9))), fromStore.Pairs.Select(p => (p.A, p.B, p.Relation, Math.Round(p.Jaccard, 9))));
        Assert.Equal(inMemory.Groups, fromStore.Groups);
    }

    [Fact]
    public void Fingerprint_settings_are_fixed_by_the_first_use_and_a_mismatch_is_refused()
    {
        using var dir = new TempFolder();
        using DocumentStore store = DocumentStore.Open(dir.Db);
        Assert.Null(FingerprintSettings.Load(store));
        FingerprintSettings threeWord = FingerprintSettings.For(new MinHashOptions { ShingleSize = 3 }, 0.7);
        Assert.Equal(threeWord, FingerprintSettings.LoadOrInitialise(store, threeWord));
        Assert.Equal(threeWord, FingerprintSettings.LoadOrInitialise(store));
        StoreException e = Assert.Throws<StoreException>(() => FingerprintSettings.LoadOrInitialise(store, FingerprintSettings.Default));
        Assert.Contains("3-word shingles", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Headline", "Body text.", "headline body text.")]
    [InlineData("Headline", "HEADLINE\n\nBody text.", "headline body text.")]
    [InlineData(null, "Body  text.", "body text.")]
    [InlineData("  ", "Body", "body")]
    public void Comparison_text_puts_the_headline_in_front_once(string? title, string text, string expected)
        => Assert.Equal(expected, ComparisonText.Normalized(new Article { Id = "x", Title = title, Text = text }));
}

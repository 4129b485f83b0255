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

    private static async Task<TestStore> StoreWith(TempFolder dir, params (string Id, string Text)[] docs)
    {
        var jsonl = new StringBuilder();
        foreach ((string id, string text) in docs)
        {
            jsonl.Append("{\"id\":\"").Append(id).Append("\",\"text\":\"").Append(text).Append("\"}\n");
        }

        TestStore store = TestStore.Open(dir.Db);
        string content = jsonl.ToString();
        await store.Pipeline().RunAsync(
            [new IngestInput("t.jsonl", new JsonLinesSource(() => new MemoryStream(Encoding.UTF8.GetBytes(content)), "t.jsonl"), content.Length, false)],
            cancellationToken: Ct);
        return store;
    }

    [Fact]
    public async Task Ingest_stores_a_signature_and_one_bucket_row_per_band_for_each_document()
    {
        using var dir = new TempFolder();
        using TestStore store = await StoreWith(dir, ("a", CorpusText.Article(1)), ("b", CorpusText.Article(2)));
        FingerprintSettings settings = store.Settings()!;
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
        using (TestStore first = await StoreWith(dir, a))
        {
        }

        using TestStore store = await StoreWith(dir, a, b);
        FingerprintSettings settings = store.Settings()!;
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
        var fingerprinter = new IngestPipeline.Fingerprinter(hasher, lsh, [StoreIds.Hash("known")], profile: false);
        IngestPipeline.Prepared partial = fingerprinter.Prepare(record);
        Assert.Equal(ContentHash.Compute(record.Article!.Text), partial.ContentHash);
        Assert.Empty(partial.Signature);

        IngestPipeline.Prepared full = fingerprinter.WithSignature(partial);
        IngestPipeline.Prepared fresh = new IngestPipeline.Fingerprinter(hasher, lsh, [], profile: false).Prepare(record);
        Assert.Equal(fresh.Signature, full.Signature);
        Assert.Equal(fresh.BandHashes, full.BandHashes);
        Assert.Equal(lsh.Bands, full.BandHashes.Length);
    }

    [Fact]
    public async Task Exact_copies_near_duplicates_and_unrelated_texts_are_told_apart()
    {
        using var dir = new TempFolder();
        string original = CorpusText.Article(7);
        using TestStore store = await StoreWith(dir,
            ("orig", original),
            ("other", CorpusText.Article(8)),
            ("copy", original.ToUpperInvariant() + "  "),
            ("edited", CorpusText.Edit(original, 60)),
            ("rewritten", CorpusText.Edit(original, 4)));

        DuplicateReport report = store.Duplicates();
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
        using TestStore store = await StoreWith(dir, ("a", original), ("b", looser), ("c", CorpusText.Article(12)));
        double jaccard = Shingles.Jaccard(Shingles.Set(TextNormalizer.Normalize(original)), Shingles.Set(TextNormalizer.Normalize(looser)));
        Assert.InRange(jaccard, 0.55, 0.79);

        Assert.Empty(store.Duplicates().Pairs);
        DuplicatePair pair = Assert.Single(store.Duplicates(threshold: 0.5).Pairs);
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

        using TestStore store = await StoreWith(dir, [.. docs]);
        DuplicateReport fromStore = store.Duplicates();
        DuplicateReport inMemory = new DuplicateDetector().Detect([.. docs.Select(d => (d.Item1, TextNormalizer.Normalize(d.Item2)))]);
        Assert.NotEmpty(inMemory.Pairs);
        Assert.Equal(inMemory.Pairs.Select(p => (p.A, p.B, p.Relation, Math.Round(p.Jaccard, 9))), fromStore.Pairs.Select(p => (p.A, p.B, p.Relation, Math.Round(p.Jaccard, 9))));
        Assert.Equal(inMemory.Groups, fromStore.Groups);
    }

    [Fact]
    public void Fingerprint_settings_are_fixed_by_the_first_use_and_a_mismatch_is_refused()
    {
        using var dir = new TempFolder();
        using TestStore store = TestStore.Open(dir.Db);
        using IUnitOfWork work = store.Store.BeginWrite(TestContext.Current.CancellationToken);
        Assert.Null(FingerprintSettings.Load(work, store.FilePath));
        FingerprintSettings threeWord = FingerprintSettings.For(new MinHashOptions { ShingleSize = 3 }, 0.7);
        Assert.Equal(threeWord, FingerprintSettings.LoadOrInitialise(work, store.FilePath, threeWord));
        Assert.Equal(threeWord, FingerprintSettings.LoadOrInitialise(work, store.FilePath));
        StoreException e = Assert.Throws<StoreException>(() => FingerprintSettings.LoadOrInitialise(work, store.FilePath, FingerprintSettings.Default));
        Assert.Contains("3-word shingles", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_fingerprinted_by_another_fingerprint_version_is_refused_with_what_to_do()
    {
        using var dir = new TempFolder();
        using TestStore store = TestStore.Open(dir.Db);
        using IUnitOfWork work = store.Store.BeginWrite(TestContext.Current.CancellationToken);
        FingerprintSettings.LoadOrInitialise(work, store.FilePath);
        work.SetSetting("fingerprints.version", "0");
        StoreException older = Assert.Throws<StoreException>(() => FingerprintSettings.Load(work, store.FilePath));
        Assert.Contains("export", older.Message, StringComparison.Ordinal);
        work.SetSetting("fingerprints.version", (FingerprintSettings.CurrentVersion + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        StoreException newer = Assert.Throws<StoreException>(() => FingerprintSettings.Load(work, store.FilePath));
        Assert.Contains("upgrade storymatch", newer.Message, StringComparison.Ordinal);
        work.DeleteSetting("fingerprints.version"); // stores from before versions were recorded are version 1
        FingerprintSettings version1 = FingerprintSettings.Load(work, store.FilePath)!;
        Assert.Equal(MinHashScheme.IndependentPermutations, version1.MinHash.Scheme);
        Assert.Equal(FingerprintSettings.Default with { MinHash = MinHashOptions.Default with { Scheme = MinHashScheme.IndependentPermutations } }, version1);
        work.SetSetting("fingerprints.version", "2");
        Assert.Equal(FingerprintSettings.Default, FingerprintSettings.Load(work, store.FilePath));
    }

    [Fact]
    public async Task A_version_1_store_keeps_fingerprinting_with_independent_permutations()
    {
        // A store made before one-permutation hashing keeps its scheme: new documents get signatures that
        // compare with the stored ones, and a near-duplicate across old and new documents is still found.
        using var dir = new TempFolder();
        FingerprintSettings version1 = FingerprintSettings.For(MinHashOptions.Default with { Scheme = MinHashScheme.IndependentPermutations }, FingerprintSettings.DefaultThreshold);
        using (TestStore empty = TestStore.Open(dir.Db))
        {
            using IUnitOfWork work = empty.Store.BeginWrite(Ct);
            FingerprintSettings.LoadOrInitialise(work, empty.FilePath, version1);
            work.Commit();
        }

        string original = CorpusText.Article(6);
        string copy = original.Replace(" the ", " a ", StringComparison.Ordinal);
        using TestStore store = await StoreWith(dir, ("old", original), ("new", copy));
        Assert.Equal(version1, store.Settings());
        uint[] expected = new MinHasher(version1.MinHash).ComputeSignature(TextNormalizer.Normalize(copy));
        Assert.Equal(expected, store.GetSignature(store.GetDocument("new")!.Doc));
        Assert.NotEqual(new MinHasher().ComputeSignature(TextNormalizer.Normalize(copy)), expected);
        Assert.Contains(store.Duplicates(0.5).Pairs, p => p.A == "old" && p.B == "new" || p.A == "new" && p.B == "old");
    }

    [Theory]
    [InlineData("Headline", "Body text.", "headline body text.")]
    [InlineData("Headline", "HEADLINE\n\nBody text.", "headline body text.")]
    [InlineData(null, "Body  text.", "body text.")]
    [InlineData("  ", "Body", "body")]
    public void Comparison_text_puts_the_headline_in_front_once(string? title, string text, string expected)
        => Assert.Equal(expected, ComparisonText.Normalized(new Article { Id = "x", Title = title, Text = text }));
}

using Storymatch.Comparison;
using Storymatch.Fingerprints;
using Storymatch.Ingest;
using Storymatch.Matching;
using Storymatch.Storage;
using Storymatch.Storage.Sqlite;
using Storymatch.Stories;
using Storymatch.Text;

namespace Storymatch;

/// <summary>
/// The one entry point every host uses (the command line, the HTTP server, a library user): ingest, stories,
/// duplicates, comparison and export over one database. Open it once from validated <see cref="StorymatchOptions"/>
/// and share it: it is safe to call from many threads. Reads run concurrently, each on its own snapshot; writes
/// (ingest, story updates, settings) go one at a time through the engine's single writer, and across processes
/// through the database's write lock, so several engines (and processes) may share one database.
/// </summary>
public sealed class StorymatchEngine : IDisposable
{
    private readonly IStorymatchStore _store;
    private readonly StorymatchOptions _options;
    private readonly StoryAssigner _stories;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private IngestPipeline.Fingerprinter? _single;

    private StorymatchEngine(IStorymatchStore store, StorymatchOptions options)
    {
        _store = store;
        _options = options;
        _stories = new StoryAssigner(new StoryClusteringOptions());
    }

    /// <summary>The database file.</summary>
    public string Location => _store.Location;

    /// <summary>The options the engine was opened with.</summary>
    public StorymatchOptions Options => _options;

    /// <summary>
    /// Opens the database named by <paramref name="options"/> (created unless read-only, schema brought up to date)
    /// and, when <see cref="StorymatchOptions.FadeDays"/> is given, stores the fade time.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    /// <exception cref="StoreException">The database cannot be used (the message names the file and says why).</exception>
    public static StorymatchEngine Open(StorymatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        IStorymatchStore store = SqliteStore.Open(options.DatabasePath, new SqliteStoreOptions { ReadOnly = options.ReadOnly, LockTimeout = options.LockTimeout });
        var engine = new StorymatchEngine(store, options);
        try
        {
            if (options.FadeDays is { } days && !options.ReadOnly)
            {
                engine.SetFadeDays(days);
            }

            return engine;
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    // ---- ingest ----

    /// <summary>
    /// Ingests files, folders and <c>-</c> (JSON Lines from <paramref name="standardInput"/>). Documents stored
    /// earlier without a story are assigned first; then each batch of new documents is stored and assigned to
    /// stories in one transaction. Bad input is reported through <see cref="IngestCallbacks.Issues"/> and the run
    /// goes on. On cancellation every committed batch is kept (a rerun completes the rest).
    /// </summary>
    public Task<IngestSummary> IngestAsync(IEnumerable<string> paths, IngestCallbacks? callbacks = null, Func<Stream>? standardInput = null, CancellationToken cancellationToken = default) =>
        IngestInputsAsync(PathSources.Resolve(paths, _options.Sources, standardInput), callbacks, cancellationToken);

    /// <summary>Ingests JSON Lines from <paramref name="jsonLines"/> (named <paramref name="name"/> in messages).</summary>
    public Task<IngestSummary> IngestJsonLinesAsync(Stream jsonLines, string name, IngestCallbacks? callbacks = null, CancellationToken cancellationToken = default) =>
        IngestInputsAsync([new IngestInput(name, new JsonLinesSource(() => jsonLines, name, _options.Sources), 0, SingleDocument: false)], callbacks, cancellationToken);

    /// <summary>Total bytes of the inputs <paramref name="paths"/> name (for a progress bar), without reading them.</summary>
    public long InputBytes(IEnumerable<string> paths) => PathSources.Resolve(paths, _options.Sources).Sum(i => i.Length);

    /// <summary>
    /// Stores one article and assigns its story, committed before this returns. The same id with the same content
    /// is a duplicate (nothing changes); with other content a conflict (rejected, the stored one kept).
    /// </summary>
    public async Task<ArticleIngestResult> AddArticleAsync(Article article, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        IngestPipeline.Prepared prepared = SingleArticleFingerprinter().Prepare(SourceRecord.Accepted(article, new InputLocation(article.Id)));
        if (prepared.ContentHash is null)
        {
            return new ArticleIngestResult(article.Id, ArticleOutcome.Rejected, prepared.Record.Error, null, null, 0);
        }

        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using IUnitOfWork work = _store.BeginWrite(cancellationToken);
            SourceBoilerplate.Batch? lines = null;
            if (SingleArticleFingerprinter().Boilerplate is { } boilerplate && work.StoredHash(article.Id) is null)
            {
                // One article is a batch of one: its source's template lines (learned from earlier articles) go before it is stored.
                ulong[] keys = prepared.LineKeys ?? SourceBoilerplate.LineKeys(article.Text);
                lines = boilerplate.Observe(work, [(article, keys)]);
                Article final = lines.Clean(article, keys);
                if (final.Text != prepared.Article.Text || final.Title != prepared.Article.Title)
                {
                    prepared = SingleArticleFingerprinter().Refingerprint(prepared, final);
                }

                lines.Save(work);
            }

            Article stored = prepared.Article;
            WriteOutcome outcome = work.WriteDocument(stored, prepared.ContentHash!, prepared.Signature, prepared.BandHashes, out long doc, out _);
            if (outcome != WriteOutcome.Stored)
            {
                long? existing = work.GetDocument(article.Id) is { } d ? work.StoryOf(d.Doc) : null;
                return outcome == WriteOutcome.Duplicate
                    ? new ArticleIngestResult(article.Id, ArticleOutcome.Duplicate, null, existing, null, 0)
                    : new ArticleIngestResult(article.Id, ArticleOutcome.Rejected, $"id \"{article.Id}\" is already stored with different content; the stored document is kept", existing, null, 0);
            }

            StoryBatchResult result = default;
            if (_options.AssignStoriesOnIngest)
            {
                try
                {
                    result = _stories.Assign(work, [new PendingArticle(doc, stored.Published, prepared.Profile ?? ArticleProfile.FromArticle(stored))]);
                    work.Commit();
                    lines?.Publish();
                }
                catch
                {
                    _stories.Reset();
                    throw;
                }

                _stories.Committed(result);
            }
            else
            {
                work.Commit();
                lines?.Publish();
            }

            long? story = result.Touched.Length > 0 ? result.Touched[0] : null;
            return new ArticleIngestResult(article.Id, ArticleOutcome.Stored, null, story, story is null ? null : result.NewStories > 0, 0);
        }
        finally
        {
            _writer.Release();
        }
    }

    // ---- stories ----

    /// <summary>Assigns every stored document that is not in a story yet (committing per batch).</summary>
    public Task<StoryUpdateSummary> UpdateStoriesAsync(IProgress<StoryProgress>? progress = null, CancellationToken cancellationToken = default) =>
        AsTheWriterAsync(() => _stories.UpdateAsync(_store, progress, cancellationToken), cancellationToken);

    /// <summary>Forgets every story and re-clusters the whole store (after a settings change).</summary>
    public Task<StoryUpdateSummary> RebuildStoriesAsync(IProgress<StoryProgress>? progress = null, CancellationToken cancellationToken = default) =>
        AsTheWriterAsync(() => _stories.RebuildAsync(_store, progress, cancellationToken), cancellationToken);

    /// <summary>Stores how many days without a new article close a story (applies to later assignments).</summary>
    public void SetFadeDays(double days)
    {
        OptionChecks.Positive(days, nameof(days));
        _writer.Wait();
        try
        {
            using IUnitOfWork work = _store.BeginWrite();
            work.SetSetting(SettingKeys.FadeDays, days.ToString(System.Globalization.CultureInfo.InvariantCulture));
            work.SetSetting(SettingKeys.StoryGeneration, Guid.NewGuid().ToString("N")); // cached story state must re-read the fade
            work.Commit();
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>The fade time stories are assigned with.</summary>
    public TimeSpan FadeAfter
    {
        get
        {
            using IStoreSession read = _store.OpenRead();
            return StoryAssigner.FadeAfter(read, _stories.Options);
        }
    }

    /// <summary>Stories, one page, filtered (default: every story, by number).</summary>
    public IReadOnlyList<StorySummary> ListStories(StoryFilter? filter = null)
    {
        using IStoreSession read = _store.OpenRead();
        return StoryQueries.List(read, filter ?? new StoryFilter());
    }

    /// <summary>One story with each member's relation to the likely original and the evidence; null when there is no such story.</summary>
    public StoryDetail? GetStory(long story)
    {
        using IStoreSession read = _store.OpenRead();
        return StoryQueries.Get(read, story);
    }

    /// <summary>
    /// The template lines ingest has learned per source (lines repeated across a source's documents, removed from
    /// its later documents before they are stored), of one source or of all, ordered by source.
    /// </summary>
    public IReadOnlyList<SourceTemplate> ListBoilerplate(string? source = null)
    {
        using IStoreSession read = _store.OpenRead();
        return [.. read.SourceLines(source is null ? null : [source])
            .Select(s => new SourceTemplate(s.Source, s.Documents, [.. s.Learned.Select(l => new TemplateLine(l.Text, l.Documents, l.LearnedAt))]))];
    }

    /// <summary>The story holding the stored document <paramref name="documentId"/>, or null.</summary>
    public long? StoryOf(string documentId)
    {
        using IStoreSession read = _store.OpenRead();
        return read.GetDocument(documentId) is { } d ? read.StoryOf(d.Doc) : null;
    }

    /// <summary>Stored documents not yet in a story (stored with stories off, or by an interrupted run).</summary>
    public long CountUnassigned()
    {
        using IStoreSession read = _store.OpenRead();
        return read.CountUnassigned();
    }

    // ---- documents, duplicates, similarity ----

    public StoredDocument? GetDocument(string id)
    {
        using IStoreSession read = _store.OpenRead();
        return read.GetDocument(id);
    }

    public StoreCounts Counts()
    {
        using IStoreSession read = _store.OpenRead();
        return read.Count();
    }

    /// <summary>Every stored document in ingest order, streamed from one snapshot (for export).</summary>
    public IEnumerable<StoredDocument> Documents()
    {
        using IStoreSession read = _store.OpenRead();
        foreach (StoredDocument doc in read.Documents())
        {
            yield return doc;
        }
    }

    /// <summary>How the database fingerprints documents (its own settings, or the defaults before the first document).</summary>
    public FingerprintSettings FingerprintSettings
    {
        get
        {
            using IStoreSession read = _store.OpenRead();
            return FingerprintSettings.Load(read, _store.Location) ?? FingerprintSettings.Default;
        }
    }

    /// <summary>Exact copies and near-duplicates at <paramref name="threshold"/> (default: the database's).</summary>
    public DuplicateReport FindDuplicates(double? threshold = null)
    {
        if (threshold is { } t)
        {
            OptionChecks.Between(t, 0, 1, nameof(threshold));
        }

        using IStoreSession read = _store.OpenRead();
        return StoredDuplicates.Find(read, _store.Location, threshold);
    }

    /// <summary>
    /// Up to <paramref name="k"/> stored articles most similar to the stored article <paramref name="id"/> by story
    /// similarity, best first: its story's members and the documents sharing an LSH bucket with it.
    /// </summary>
    public IReadOnlyList<SimilarArticle> FindSimilar(string id, int k = 10)
    {
        OptionChecks.Positive(k, nameof(k));
        using IStoreSession read = _store.OpenRead();
        return SimilarArticles.Find(read, _store.Location, id, k);
    }

    // ---- comparison ----

    /// <summary>
    /// The article a user names: an existing file (read by its extension; a single-article format) or, failing
    /// that, the id of a stored document. Throws <see cref="ArticleInputException"/> with a one-line message.
    /// </summary>
    public Article ResolveArticle(string fileOrId)
    {
        if (File.Exists(fileOrId))
        {
            return ArticleFiles.Read(fileOrId, _options.Sources);
        }

        return GetDocument(fileOrId)?.Article
            ?? throw new ArticleInputException($"{fileOrId}: no such file, and no document with this id in {Location}");
    }

    /// <summary>Every measure between two articles: duplicate measures and the relation with its evidence (document frequencies from this database).</summary>
    public ArticleComparison Compare(Article a, Article b)
    {
        using IStoreSession read = _store.OpenRead();
        FingerprintSettings settings = FingerprintSettings.Load(read, _store.Location) ?? FingerprintSettings.Default;
        return ArticleComparison.Create(a, b, new MinHasher(settings.MinHash), read);
    }

    /// <summary>
    /// How the versions of story <paramref name="story"/> differ: entities and their spellings, quotes, numbers and
    /// dates per claim, discrepancies with the changed words marked, additions, omissions and each sentence's
    /// provenance. Null when there is no such story.
    /// </summary>
    public StoryComparison? CompareStory(long story)
    {
        using IStoreSession read = _store.OpenRead();
        return StoryQueries.CompareStory(read, story);
    }

    /// <summary>
    /// How <paramref name="versions"/> differ, the first taken as the original and the others in the order given
    /// (two articles for <c>compare A B</c>); the same model as <see cref="CompareStory"/>, without a story number.
    /// </summary>
    public static StoryComparison CompareVersions(IReadOnlyList<Article> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        return StoryComparer.Compare(versions, null);
    }

    /// <summary>Every measure between two articles without a database (default fingerprints; the two articles are the whole collection).</summary>
    public static ArticleComparison CompareStandalone(Article a, Article b) =>
        ArticleComparison.Create(a, b, new MinHasher(FingerprintSettings.Default.MinHash), null);

    /// <summary>An article file (see <see cref="ResolveArticle"/>) read without a database.</summary>
    public static Article ReadArticleFile(string path) => ArticleFiles.Read(path, new SourceOptions());

    // ---- the analysis chain, for inspection ----

    /// <summary>How Storymatch reads a text: its normal form, sentences, word count and content hash (what exact-copy detection compares).</summary>
    public static TextAnalysis AnalyzeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string normalized = TextNormalizer.Normalize(text);
        return new TextAnalysis(
            normalized,
            SentenceSplitter.SplitToStrings(TextNormalizer.NormalizeForDisplay(text)),
            WordTokenizer.Count(normalized),
            ContentHash.OfNormalized(normalized));
    }

    /// <summary>The article in a web page: main text and metadata (the bytes are decoded by their declared or detected charset).</summary>
    public static Extraction.ExtractedArticle ExtractPage(Stream page, string? url = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Extraction.HtmlExtractor.Extract(page, url);
    }

    // ---- private ----

    /// <summary>The fingerprinter for single articles, made once (the store's settings are fixed once recorded).</summary>
    private IngestPipeline.Fingerprinter SingleArticleFingerprinter()
    {
        if (_single is { } made)
        {
            return made;
        }

        FingerprintSettings settings = IngestPipeline.EnsureFingerprintSettings(_store);
        return _single = new IngestPipeline.Fingerprinter(new MinHasher(settings.MinHash), settings.Lsh, [], profile: _options.AssignStoriesOnIngest, new SourceBoilerplate(_store));
    }

    /// <summary>Runs <paramref name="work"/> as this engine's single writer (one write operation at a time).</summary>
    private async Task<T> AsTheWriterAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        await _writer.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task<IngestSummary> IngestInputsAsync(IEnumerable<IngestInput> inputs, IngestCallbacks? callbacks, CancellationToken ct)
    {
        callbacks ??= new IngestCallbacks();
        await _writer.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            StoryUpdateSummary? earlier = null;
            if (_options.AssignStoriesOnIngest && !_options.ReadOnly)
            {
                // Documents stored without a story (an older run with stories off, or one interrupted) go first.
                earlier = await _stories.UpdateAsync(_store, callbacks.StoryProgress, ct).ConfigureAwait(false);
            }

            var pipeline = new IngestPipeline(_store, _options.Ingest, _options.AssignStoriesOnIngest ? _stories : null);
            IngestSummary summary = await pipeline.RunAsync(inputs, callbacks.Progress, callbacks.Issues, ct).ConfigureAwait(false);
            if (summary.Stories is { } s && earlier is { Assigned: > 0 } e)
            {
                summary = summary with { Stories = s with { Assigned = s.Assigned + e.Assigned, NewStories = s.NewStories + e.NewStories, JoinedExisting = s.JoinedExisting + e.JoinedExisting } };
            }

            if (PivotDictionaries.TakeNotice() is { } notice)
            {
                callbacks.Notices?.Invoke(notice);
            }

            return summary;
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Dispose()
    {
        _store.Dispose();
        _writer.Dispose();
    }
}

/// <summary>A source's learned template lines: the source, the documents of it ingest has seen, the lines.</summary>
public sealed record SourceTemplate(string Source, long Documents, IReadOnlyList<TemplateLine> Lines);

/// <summary>A learned template line: its text, how many documents of the source held it, when it was learned.</summary>
public sealed record TemplateLine(string Text, long Documents, DateTimeOffset LearnedAt);

/// <summary>What happened to one article handed to <see cref="StorymatchEngine.AddArticleAsync"/>.</summary>
public enum ArticleOutcome
{
    /// <summary>New id: stored (and assigned to a story).</summary>
    Stored,

    /// <summary>The id is stored with the same content: nothing changed.</summary>
    Duplicate,

    /// <summary>Not stored: no words, or the id is stored with other content (see the message).</summary>
    Rejected,
}

/// <summary>The outcome for one article: stored, duplicate or rejected (with why), its story and whether that story is new.</summary>
public sealed record ArticleIngestResult(string Id, ArticleOutcome Outcome, string? Error, long? Story, bool? NewStory, double Score);

/// <summary>A named input cannot be read as an article: the message names the input and says why.</summary>
public sealed class ArticleInputException(string message) : Exception(message);

/// <summary>Every measure between two articles: duplicate measures over shingles and the relation with its evidence.</summary>
public sealed record ArticleComparison(PairMeasures Measures, Relation Relation, int Permutations)
{
    internal static ArticleComparison Create(Article a, Article b, MinHasher hasher, IStoreSession? session)
    {
        PairMeasures measures = PairMeasures.Compute(ComparisonText.Normalized(a), ComparisonText.Normalized(b), hasher);
        return new ArticleComparison(measures, StoryQueries.Compare(a, b, session), hasher.Permutations);
    }
}

/// <summary>A text as Storymatch reads it: normal form, sentences (display form), word tokens and the content hash of the normal form.</summary>
public sealed record TextAnalysis(string Normalized, IReadOnlyList<string> Sentences, int Tokens, string ContentHash);

/// <summary>A stored article similar to another: its id, title, story similarity and story.</summary>
public sealed record SimilarArticle(string Id, string? Title, double Score, long? Story);

using System.Diagnostics;
using System.Threading.Channels;
using Storymatch.Fingerprints;
using Storymatch.Matching;
using Storymatch.Storage;
using Storymatch.Stories;
using Storymatch.Text;

namespace Storymatch.Ingest;

/// <summary>
/// Sources to store: read, normalise, content hash, MinHash signature and LSH band hashes, write.
/// <para>
/// Shape: one reader thread walks the inputs in order and queues one item per record (or per single-document
/// file, which a worker reads). <see cref="IngestOptions.Workers"/> workers do the CPU part. A single writer
/// takes the items back in input order (each item carries its own completion; a bounded queue keeps at most
/// <see cref="IngestOptions.QueueCapacity"/> in flight, so memory is flat) and writes them with prepared
/// statements in large transactions. Order is kept so a run is deterministic: the same inputs give the same
/// row numbers and the same winner when one id appears twice.
/// </para>
/// <para>
/// Acknowledgement: <see cref="IngestProgress.Committed"/> counts documents whose transaction has committed.
/// On cancellation the writer stops taking items, commits what it has written, and returns a summary with
/// <see cref="IngestSummary.Cancelled"/>; a rerun of the same inputs stores the rest (the stored ones are
/// recognised as duplicates).
/// </para>
/// </summary>
internal sealed class IngestPipeline
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

    private readonly IStorymatchStore _store;
    private readonly IngestOptions _options;
    private readonly Fingerprinter _fingerprinter;
    private readonly StoryAssigner? _stories;

    /// <summary>
    /// A pipeline into <paramref name="store"/>, fingerprinting as the store's <see cref="FingerprintSettings"/> say
    /// (recorded on first use). With <paramref name="stories"/>, every stored document is profiled by the workers
    /// and assigned to its story in the same unit of work that stores it.
    /// </summary>
    public IngestPipeline(IStorymatchStore store, IngestOptions? options = null, StoryAssigner? stories = null)
    {
        _store = store;
        _options = options ?? IngestOptions.Default;
        _stories = stories;
        FingerprintSettings settings = EnsureFingerprintSettings(store);
        HashSet<ulong> ids;
        using (IStoreSession read = store.OpenRead())
        {
            ids = read.IdHashes();
        }

        _fingerprinter = new Fingerprinter(new MinHasher(settings.MinHash), settings.Lsh, ids, profile: stories is not null, new SourceBoilerplate(store));
    }

    /// <summary>The store's fingerprint settings, recorded under the write lock by whichever writer comes first.</summary>
    internal static FingerprintSettings EnsureFingerprintSettings(IStorymatchStore store)
    {
        using (IStoreSession read = store.OpenRead())
        {
            if (FingerprintSettings.Load(read, store.Location) is { } stored)
            {
                return stored;
            }
        }

        using IUnitOfWork work = store.BeginWrite();
        FingerprintSettings settings = FingerprintSettings.LoadOrInitialise(work, store.Location);
        work.Commit();
        return settings;
    }

    /// <summary>
    /// Ingests <paramref name="inputs"/>. <paramref name="progress"/> gets snapshots (from the writer thread: pass
    /// an <see cref="IProgress{T}"/> that does not post elsewhere if order matters); <paramref name="issues"/> gets
    /// every rejection and skip, in input order, from the writer thread.
    /// </summary>
    public async Task<IngestSummary> RunAsync(
        IEnumerable<IngestInput> inputs,
        IProgress<IngestProgress>? progress = null,
        Action<IngestIssue>? issues = null,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ordered = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(_options.QueueCapacity) { SingleReader = true, SingleWriter = true });
        var work = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleWriter = true });

        Task reader = Task.Run(() => ReadInputsAsync(inputs, ordered.Writer, work.Writer, stop.Token), CancellationToken.None);
        Task[] workers = [.. Enumerable.Range(0, _options.Workers).Select(_ => Task.Run(() => WorkAsync(work.Reader, _fingerprinter, stop.Token), CancellationToken.None))];
        var writer = new WriterState(_store, _options, _fingerprinter, _stories, progress, issues);
        try
        {
            await Task.Run(() => writer.RunAsync(ordered.Reader, cancellationToken), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            // Whatever ended the writer (done, cancelled, failed), stop the reader and workers and wait for them.
            await stop.CancelAsync().ConfigureAwait(false);
            ordered.Writer.TryComplete();
            work.Writer.TryComplete();
            await Task.WhenAll([reader, .. workers]).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }

        if (reader.Exception?.InnerException is { } readFailure)
        {
            // Not a bad input (those are rejections) but a failure of the input walk itself: surface it.
            throw new IOException("reading the inputs failed: " + readFailure.Message, readFailure);
        }

        return new IngestSummary(writer.Accepted, writer.Duplicates, writer.Rejected, writer.Skipped, cancellationToken.IsCancellationRequested, clock.Elapsed)
        {
            CopiesOfStored = writer.CopiesOfStored,
            Stories = _stories is null ? null : writer.StorySummary(clock.Elapsed),
        };
    }

    private static async Task ReadInputsAsync(IEnumerable<IngestInput> inputs, ChannelWriter<WorkItem> ordered, ChannelWriter<WorkItem> work, CancellationToken ct)
    {
        try
        {
            long bytesDone = 0;
            using IEnumerator<IngestInput> inputEnumerator = inputs.GetEnumerator();
            while (!ct.IsCancellationRequested && NextInput(inputEnumerator, out IngestInput? input, out WorkItem? failure))
            {
                if (failure is not null)
                {
                    await ordered.WriteAsync(failure, ct).ConfigureAwait(false);
                    continue;
                }

                if (input!.SingleDocument)
                {
                    bytesDone += input.Length;
                    var item = new WorkItem { Input = input, Position = bytesDone };
                    await ordered.WriteAsync(item, ct).ConfigureAwait(false);
                    await work.WriteAsync(item, ct).ConfigureAwait(false);
                    continue;
                }

                using (IEnumerator<SourceRecord> records = input.Source.Read(ct).GetEnumerator())
                {
                    while (!ct.IsCancellationRequested)
                    {
                        SourceRecord record;
                        try
                        {
                            if (!records.MoveNext())
                            {
                                break;
                            }

                            record = records.Current;
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            // A source should yield rejections, not throw; if one does, its input ends here and the run goes on.
                            record = SourceRecord.Rejected(new InputLocation(input.Name), "reading stopped: " + e.Message);
                            var failed = WorkItem.Finished(record, bytesDone + input.Length);
                            await ordered.WriteAsync(failed, ct).ConfigureAwait(false);
                            break;
                        }

                        var item = new WorkItem { Record = record, Position = bytesDone + (record.Location.Offset ?? 0) };
                        await ordered.WriteAsync(item, ct).ConfigureAwait(false);
                        if (record.Article is null)
                        {
                            item.Complete([new Prepared(record)]);
                        }
                        else
                        {
                            await work.WriteAsync(item, ct).ConfigureAwait(false);
                        }
                    }
                }

                bytesDone += input.Length;

                // An input's end moves progress to its last byte even when its last line held no record.
                await ordered.WriteAsync(WorkItem.EndOfInput(bytesDone), ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            ordered.TryComplete();
            work.TryComplete();
        }
    }

    private static bool NextInput(IEnumerator<IngestInput> inputs, out IngestInput? input, out WorkItem? failure)
    {
        input = null;
        failure = null;
        try
        {
            if (!inputs.MoveNext())
            {
                return false;
            }

            input = inputs.Current;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder walk that fails stops that walk only; report it and end the inputs (the enumerator is spent).
            failure = WorkItem.Finished(SourceRecord.Rejected(new InputLocation("(inputs)"), e.Message), 0);
            return true;
        }
    }

    private static async Task WorkAsync(ChannelReader<WorkItem> work, Fingerprinter fingerprinter, CancellationToken ct)
    {
        try
        {
            while (await work.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (work.TryRead(out WorkItem? item))
                {
                    item.Complete(Process(item, fingerprinter, ct));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static Prepared[] Process(WorkItem item, Fingerprinter fingerprinter, CancellationToken ct)
    {
        try
        {
            if (item.Input is { } input)
            {
                var results = new List<Prepared>(1);
                foreach (SourceRecord record in input.Source.Read(ct))
                {
                    results.Add(record.Article is null ? new Prepared(record) : fingerprinter.Prepare(record));
                }

                return [.. results];
            }

            return [fingerprinter.Prepare(item.Record)];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            InputLocation where = item.Input is { } i ? new InputLocation(i.Name) : item.Record.Location;
            return [new Prepared(SourceRecord.Rejected(where, $"could not be processed: {e.GetType().Name}: {e.Message}"))];
        }
    }

    /// <summary>
    /// The CPU part for one article: normal form, content hash, line keys for the source's template lines, MinHash
    /// signature, LSH band hashes. The content hash is of the text as the input gave it (so a re-ingest is
    /// recognised whatever was learned since); the fingerprints are of the text without the template lines known
    /// so far. An id the store already holds gets only its content hash (that is all the duplicate check needs),
    /// so a rerun of a large batch skips the MinHash work for everything already stored.
    /// </summary>
    internal sealed class Fingerprinter(MinHasher hasher, LshParameters lsh, HashSet<ulong> storedIdHashes, bool profile, SourceBoilerplate? boilerplate = null)
    {
        public SourceBoilerplate? Boilerplate => boilerplate;

        public Prepared Prepare(SourceRecord record)
        {
            Article article = record.Article!;
            if (!HasWords(article.Text))
            {
                return new Prepared(SourceRecord.Rejected(record.Location, "no words in the text"));
            }

            string normalized = ComparisonText.Normalized(article);
            var prepared = new Prepared(record) { ContentHash = ContentHash.OfNormalized(normalized) };
            if (storedIdHashes.Contains(StoreIds.Hash(article.Id)))
            {
                return prepared;
            }

            if (boilerplate is not null)
            {
                ulong[] keys = SourceBoilerplate.LineKeys(article.Text);
                Article cleaned = boilerplate.CleanKnown(article, keys);
                prepared = prepared with { LineKeys = keys, Fingerprinted = cleaned };
                if (!ReferenceEquals(cleaned, article))
                {
                    normalized = ComparisonText.Normalized(cleaned);
                }
            }

            return WithSignature(prepared, normalized);
        }

        /// <summary>Adds the signature and band hashes (on the writer thread for the rare id-hash collision).</summary>
        public Prepared WithSignature(Prepared prepared, string? normalized = null)
        {
            if (boilerplate is not null && prepared.LineKeys is null)
            {
                prepared = prepared with { LineKeys = SourceBoilerplate.LineKeys(prepared.Record.Article!.Text) };
            }

            Article article = prepared.Article;
            uint[] signature = hasher.ComputeSignature(normalized ?? ComparisonText.Normalized(article));
            return prepared with
            {
                Signature = signature,
                BandHashes = lsh.ComputeBandHashes(signature),
                Profile = profile ? ArticleProfile.FromArticle(article) : null,
            };
        }

        /// <summary>Fingerprints <paramref name="article"/> (the writer's final cleaning) in place of what the worker did.</summary>
        public Prepared Refingerprint(Prepared prepared, Article article) => WithSignature(prepared with { Fingerprinted = article });
    }

    private static bool HasWords(string text)
    {
        foreach (WordTokenizer.Token _ in WordTokenizer.Enumerate(text))
        {
            return true;
        }

        return false;
    }

    /// <summary>One record ready for the writer: the record and, for an article, its hash and fingerprints.</summary>
    internal sealed record Prepared(SourceRecord Record)
    {
        public string? ContentHash { get; init; }

        public uint[] Signature { get; init; } = [];

        public ulong[] BandHashes { get; init; } = [];

        /// <summary>The article's similarity profile when stories are kept: built here, once, for the story stage.</summary>
        public ArticleProfile? Profile { get; init; }

        /// <summary>The key of each line of the input's text (<see cref="SourceBoilerplate.LineKeys"/>), when template lines are learned.</summary>
        public ulong[]? LineKeys { get; init; }

        /// <summary>The article as fingerprinted (without its source's template lines), or null when that is the input's.</summary>
        public Article? Fingerprinted { get; init; }

        /// <summary>The article to store: the fingerprinted one.</summary>
        public Article Article => Fingerprinted ?? Record.Article!;
    }

    /// <summary>A queued record or single-document input; the writer awaits <see cref="Done"/> in queue order.</summary>
    private sealed class WorkItem
    {
        private readonly TaskCompletionSource<Prepared[]> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SourceRecord Record { get; init; }

        public IngestInput? Input { get; init; }

        /// <summary>Input bytes consumed once this item is written, for progress.</summary>
        public long Position { get; init; }

        public Task<Prepared[]> Done => _done.Task;

        public static WorkItem Finished(SourceRecord record, long position)
        {
            var item = new WorkItem { Record = record, Position = position };
            item.Complete([new Prepared(record)]);
            return item;
        }

        public static WorkItem EndOfInput(long position)
        {
            var item = new WorkItem { Position = position };
            item.Complete([]);
            return item;
        }

        public void Complete(Prepared[] results) => _done.TrySetResult(results);
    }

    /// <summary>The single writer: counts, batching, commits (documents and their stories together), progress and issue reports.</summary>
    private sealed class WriterState(
        IStorymatchStore store, IngestOptions options, Fingerprinter fingerprinter, StoryAssigner? stories, IProgress<IngestProgress>? progress, Action<IngestIssue>? issues)
    {
        private readonly Stopwatch _sinceReport = Stopwatch.StartNew();
        private readonly Stopwatch _batchAge = new();
        private readonly List<PendingArticle> _batch = [];
        private readonly HashSet<string> _batchHashes = new(StringComparer.Ordinal);
        private readonly List<Prepared> _queued = [];
        private IUnitOfWork? _work;
        private long _committed;
        private int _stored;
        private long _bytesDone;
        private int _pending;
        private int _assigned;
        private int _newStories;
        private readonly HashSet<long> _touched = [];

        public long Accepted { get; private set; }

        public long Duplicates { get; private set; }

        public long Rejected { get; private set; }

        public long Skipped { get; private set; }

        /// <summary>Accepted documents whose text is an exact copy of one stored before (or earlier in the run).</summary>
        public long CopiesOfStored { get; private set; }

        public StoryUpdateSummary StorySummary(TimeSpan elapsed) => new(_assigned, _newStories, _assigned - _newStories, _touched.Count, elapsed);

        public async Task RunAsync(ChannelReader<WorkItem> queue, CancellationToken ct)
        {
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    if (!queue.TryRead(out WorkItem? item))
                    {
                        if (!await WaitForItemAsync(queue, ct).ConfigureAwait(false))
                        {
                            break;
                        }

                        continue;
                    }

                    Prepared[] results = await item.Done.WaitAsync(ct).ConfigureAwait(false);
                    foreach (Prepared prepared in results)
                    {
                        Queue(prepared);
                    }

                    // A batch is cut by size while items flow, and by age only when the input pauses (see
                    // WaitForItemAsync): batch boundaries, and so story assignment, do not depend on timing in a bulk load.
                    _bytesDone = Math.Max(_bytesDone, item.Position);
                    if (_pending >= options.BatchSize || _queued.Count >= 2 * options.BatchSize)
                    {
                        Commit();
                    }
                    else if (_sinceReport.Elapsed >= ProgressInterval)
                    {
                        Report();
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            catch
            {
                Abandon();
                throw;
            }

            // Done or cancelled: every document taken so far is complete, so write and commit it (acknowledge it).
            Commit();
        }

        /// <summary>Waits for the next item; with a batch open, commits it if nothing arrives before it is due.</summary>
        private async Task<bool> WaitForItemAsync(ChannelReader<WorkItem> queue, CancellationToken ct)
        {
            if (_queued.Count > 0)
            {
                TimeSpan due = options.MaxBatchAge - _batchAge.Elapsed;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(due > TimeSpan.Zero ? due : TimeSpan.Zero);
                try
                {
                    return await queue.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    Commit();
                }
            }

            return await queue.WaitToReadAsync(ct).ConfigureAwait(false);
        }

        /// <summary>
        /// Takes one result into the open batch. Nothing is written until the batch is cut: the batch's template
        /// lines are learned from all of it first (see <see cref="SourceBoilerplate"/>), then it is written in order.
        /// </summary>
        private void Queue(Prepared prepared)
        {
            if (_queued.Count == 0)
            {
                _batchAge.Restart();
            }

            _queued.Add(prepared);
            if (prepared.Record.Article is not null && prepared.ContentHash is not null)
            {
                _pending++;
            }
        }

        /// <summary>Writes the queued batch in order into the unit of work, after learning its sources' template lines.</summary>
        private void WriteQueued(IUnitOfWork work)
        {
            SourceBoilerplate.Batch? lines = null;
            if (fingerprinter.Boilerplate is { } boilerplate)
            {
                var fresh = new List<(Article, ulong[])>();
                var ids = new HashSet<string>(StringComparer.Ordinal);
                foreach (Prepared p in _queued)
                {
                    if (p.Record is { Skipped: null, Article: { } a } && p.ContentHash is not null && ids.Add(a.Id) && work.StoredHash(a.Id) is null)
                    {
                        fresh.Add((a, p.LineKeys ?? SourceBoilerplate.LineKeys(a.Text)));
                    }
                }

                lines = boilerplate.Observe(work, fresh);
            }

            foreach (Prepared p in _queued)
            {
                Write(work, p, lines);
            }

            _queued.Clear();
            lines?.Save(work);
            _lines = lines;
        }

        private SourceBoilerplate.Batch? _lines;

        private void Write(IUnitOfWork? work, Prepared prepared, SourceBoilerplate.Batch? lines)
        {
            SourceRecord record = prepared.Record;
            if (record.Skipped is not null)
            {
                Skipped++;
                issues?.Invoke(new IngestIssue(record.Location, record.Skipped, IsRejection: false));
                return;
            }

            if (record.Article is null || prepared.ContentHash is null)
            {
                Reject(record.Location, record.Error ?? "rejected");
                return;
            }

            ArgumentNullException.ThrowIfNull(work);
            if (prepared.Signature.Length == 0 && work.StoredHash(record.Article.Id) is null)
            {
                // Its id hash matched a stored id's but the id is new: fingerprint it after all.
                prepared = fingerprinter.WithSignature(prepared);
            }

            if (lines is not null && prepared.Signature.Length > 0)
            {
                Article final = lines.Clean(record.Article, prepared.LineKeys ?? SourceBoilerplate.LineKeys(record.Article.Text));
                Article current = prepared.Article;
                if (!ReferenceEquals(final, current) && (final.Text != current.Text || final.Title != current.Title))
                {
                    // The worker took the article before its source's lines were learned: fingerprint what is stored.
                    prepared = fingerprinter.Refingerprint(prepared, final);
                }
            }

            Article article = prepared.Article;
            WriteOutcome outcome = work.WriteDocument(article, prepared.ContentHash!, prepared.Signature, prepared.BandHashes, out long doc, out string? storedHash);
            switch (outcome)
            {
                case WriteOutcome.Stored:
                    Accepted++;
                    _stored++;
                    if (IsCopy(work, prepared.ContentHash!))
                    {
                        CopiesOfStored++;
                    }

                    if (stories is not null)
                    {
                        _batch.Add(new PendingArticle(doc, article.Published, prepared.Profile ?? ArticleProfile.FromArticle(article)));
                    }

                    break;
                case WriteOutcome.Duplicate:
                    Duplicates++;
                    break;
                default:
                    Reject(record.Location, $"id \"{record.Article.Id}\" is already stored with different content (stored hash {storedHash![..12]}, this one {prepared.ContentHash![..12]}); the stored document is kept");
                    break;
            }
        }

        /// <summary>True when a document with this content hash was stored before this one.</summary>
        private bool IsCopy(IUnitOfWork work, string contentHash)
        {
            if (!_batchHashes.Add(contentHash))
            {
                return true;
            }

            return work.CountWithContentHash(contentHash) > 1;
        }

        private void Reject(InputLocation location, string message)
        {
            Rejected++;
            issues?.Invoke(new IngestIssue(location, message, IsRejection: true));
        }

        /// <summary>Writes the queued batch, assigns its stories and commits documents, stories and learned lines in one transaction.</summary>
        private void Commit()
        {
            if (_queued.Count == 0 && _work is null)
            {
                Report();
                return;
            }

            try
            {
                bool hasDocuments = _queued.Any(p => p.Record.Article is not null && p.ContentHash is not null);
                if (hasDocuments)
                {
                    // Taken items are written even after a cancellation: they are complete, and acknowledging them is the contract.
                    _work ??= store.BeginWrite(CancellationToken.None);
                    WriteQueued(_work);
                }
                else
                {
                    foreach (Prepared p in _queued)
                    {
                        Write(null, p, null);
                    }

                    _queued.Clear();
                }

                if (_work is { } work)
                {
                    StoryBatchResult result = stories?.Assign(work, _batch) ?? default;
                    work.Commit();
                    stories?.Committed(result);
                    _lines?.Publish();
                    _assigned += result.Assigned;
                    _newStories += result.NewStories;
                    _touched.UnionWith(result.Touched);
                    work.Dispose();
                    _work = null;
                }
            }
            catch
            {
                Abandon();
                throw;
            }

            _lines = null;
            _committed += _stored;
            _stored = 0;
            _pending = 0;
            _batch.Clear();
            _batchHashes.Clear();
            _batchAge.Reset();
            Report();
        }

        /// <summary>Rolls the open batch back (a failure): none of it counts as stored, and the story cache is stale.</summary>
        private void Abandon()
        {
            _work?.Dispose();
            _work = null;
            stories?.Reset();
            Accepted -= _stored;
            _stored = 0;
            _pending = 0;
            _queued.Clear();
            _lines = null;
            _batch.Clear();
        }

        private void Report()
        {
            _sinceReport.Restart();
            progress?.Report(new IngestProgress(Accepted, Duplicates, Rejected, Skipped, _committed, _bytesDone));
        }
    }
}

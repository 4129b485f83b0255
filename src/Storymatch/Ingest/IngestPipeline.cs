using System.Diagnostics;
using System.Threading.Channels;
using Storymatch.Fingerprints;
using Storymatch.Storage;
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
public sealed class IngestPipeline
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

    private readonly DocumentStore _store;
    private readonly IngestOptions _options;
    private readonly Fingerprinter _fingerprinter;

    /// <summary>A pipeline into <paramref name="store"/>, fingerprinting as the store's <see cref="FingerprintSettings"/> say (recorded on first use).</summary>
    public IngestPipeline(DocumentStore store, IngestOptions? options = null)
    {
        _store = store;
        _options = options ?? IngestOptions.Default;
        FingerprintSettings settings = FingerprintSettings.LoadOrInitialise(store);
        _fingerprinter = new Fingerprinter(new MinHasher(settings.MinHash), settings.Lsh, store.IdHashes());
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
        var writer = new WriterState(_store, _options, _fingerprinter, progress, issues);
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

        return new IngestSummary(writer.Accepted, writer.Duplicates, writer.Rejected, writer.Skipped, cancellationToken.IsCancellationRequested, clock.Elapsed);
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
    /// The CPU part for one article: normal form, content hash, MinHash signature, LSH band hashes. An id the
    /// store already holds gets only its content hash (that is all the duplicate check needs), so a rerun of a
    /// large batch skips the MinHash work for everything already stored.
    /// </summary>
    internal sealed class Fingerprinter(MinHasher hasher, LshParameters lsh, HashSet<ulong> storedIdHashes)
    {
        public Prepared Prepare(SourceRecord record)
        {
            Article article = record.Article!;
            if (!HasWords(article.Text))
            {
                return new Prepared(SourceRecord.Rejected(record.Location, "no words in the text"));
            }

            string normalized = ComparisonText.Normalized(article);
            var prepared = new Prepared(record) { ContentHash = ContentHash.OfNormalized(normalized) };
            return storedIdHashes.Contains(DocumentStore.IdHash(article.Id)) ? prepared : WithSignature(prepared, normalized);
        }

        /// <summary>Adds the signature and band hashes (on the writer thread for the rare id-hash collision).</summary>
        public Prepared WithSignature(Prepared prepared, string? normalized = null)
        {
            uint[] signature = hasher.ComputeSignature(normalized ?? ComparisonText.Normalized(prepared.Record.Article!));
            return prepared with { Signature = signature, BandHashes = lsh.ComputeBandHashes(signature) };
        }
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

    /// <summary>The single writer: counts, batching, commits, progress and issue reports.</summary>
    private sealed class WriterState(DocumentStore store, IngestOptions options, Fingerprinter fingerprinter, IProgress<IngestProgress>? progress, Action<IngestIssue>? issues)
    {
        private readonly Stopwatch _sinceReport = Stopwatch.StartNew();
        private readonly Stopwatch _batchAge = new();
        private long _committed;
        private long _bytesDone;

        public long Accepted { get; private set; }

        public long Duplicates { get; private set; }

        public long Rejected { get; private set; }

        public long Skipped { get; private set; }

        public async Task RunAsync(ChannelReader<WorkItem> queue, CancellationToken ct)
        {
            using DocumentWriter writer = store.CreateWriter();
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    if (!queue.TryRead(out WorkItem? item))
                    {
                        if (!await WaitForItemAsync(queue, writer, ct).ConfigureAwait(false))
                        {
                            break;
                        }

                        continue;
                    }

                    Prepared[] results = await item.Done.WaitAsync(ct).ConfigureAwait(false);
                    foreach (Prepared prepared in results)
                    {
                        Write(writer, prepared);
                    }

                    _bytesDone = Math.Max(_bytesDone, item.Position);
                    if (writer.Pending >= options.BatchSize || (writer.Pending > 0 && _batchAge.Elapsed >= options.MaxBatchAge))
                    {
                        Commit(writer);
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

            // Done or cancelled: every document written so far is complete, so commit it (acknowledge it).
            Commit(writer);
        }

        /// <summary>Waits for the next item; with a batch open, commits it if nothing arrives before it is due.</summary>
        private async Task<bool> WaitForItemAsync(ChannelReader<WorkItem> queue, DocumentWriter writer, CancellationToken ct)
        {
            if (writer.Pending > 0)
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
                    Commit(writer);
                }
            }

            return await queue.WaitToReadAsync(ct).ConfigureAwait(false);
        }

        private void Write(DocumentWriter writer, Prepared prepared)
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

            if (writer.Pending == 0)
            {
                _batchAge.Restart();
            }

            if (prepared.Signature.Length == 0 && !writer.Contains(record.Article.Id))
            {
                // Its id hash matched a stored id's but the id is new: fingerprint it after all.
                prepared = fingerprinter.WithSignature(prepared);
            }

            WriteOutcome outcome = writer.Write(record.Article, prepared.ContentHash!, prepared.Signature, prepared.BandHashes, out string? storedHash);
            switch (outcome)
            {
                case WriteOutcome.Stored:
                    Accepted++;
                    break;
                case WriteOutcome.Duplicate:
                    Duplicates++;
                    break;
                default:
                    Reject(record.Location, $"id \"{record.Article.Id}\" is already stored with different content (stored hash {storedHash![..12]}, this one {prepared.ContentHash![..12]}); the stored document is kept");
                    break;
            }
        }

        private void Reject(InputLocation location, string message)
        {
            Rejected++;
            issues?.Invoke(new IngestIssue(location, message, IsRejection: true));
        }

        private void Commit(DocumentWriter writer)
        {
            int pending = writer.Pending;
            writer.Commit();
            _committed += pending;
            _batchAge.Reset();
            Report();
        }

        private void Report()
        {
            _sinceReport.Restart();
            progress?.Report(new IngestProgress(Accepted, Duplicates, Rejected, Skipped, _committed, _bytesDone));
        }
    }
}

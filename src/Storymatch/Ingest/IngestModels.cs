namespace Storymatch.Ingest;

/// <summary>How an ingest run batches and parallelises its work.</summary>
internal sealed record IngestOptions
{
    public static IngestOptions Default { get; } = new();

    /// <summary>Documents per transaction: a committed batch is what a crash cannot lose.</summary>
    public int BatchSize { get; init; } = 4096;

    /// <summary>A batch open this long is committed even if not full, so slow inputs are acknowledged promptly.</summary>
    public TimeSpan MaxBatchAge { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Threads that read single-document files, normalise, hash and fingerprint (the CPU part).</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Items read ahead of the writer: bounds memory whatever the input size.</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        OptionChecks.Positive(BatchSize, nameof(BatchSize));
        OptionChecks.Positive(Workers, nameof(Workers));
        OptionChecks.Positive(QueueCapacity, nameof(QueueCapacity));
        OptionChecks.Positive(MaxBatchAge, nameof(MaxBatchAge));
    }
}

/// <summary>A snapshot of a run's counts. <see cref="Committed"/> documents are acknowledged (durable).</summary>
public readonly record struct IngestProgress(long Accepted, long Duplicates, long Rejected, long Skipped, long Committed, long BytesDone)
{
    public long Processed => Accepted + Duplicates + Rejected + Skipped;
}

/// <summary>A record that was not stored: rejected (bad input, id conflict) or skipped (e.g. unknown file type).</summary>
public readonly record struct IngestIssue(InputLocation Location, string Message, bool IsRejection)
{
    /// <summary>"file:line: message": the one-line form every error uses.</summary>
    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>
/// The outcome of a run. <see cref="Duplicates"/> counts inputs whose id was already stored with the same content
/// (a re-ingest); <see cref="CopiesOfStored"/> counts accepted documents (new ids) whose text is an exact copy of
/// a document stored before them.
/// </summary>
public sealed record IngestSummary(long Accepted, long Duplicates, long Rejected, long Skipped, bool Cancelled, TimeSpan Elapsed)
{
    public long Processed => Accepted + Duplicates + Rejected + Skipped;

    /// <summary>Accepted documents that are exact copies (same normal form) of a document stored before them.</summary>
    public long CopiesOfStored { get; init; }

    /// <summary>What story assignment did during the run; null when stories were not kept (<c>--no-stories</c>).</summary>
    public Stories.StoryUpdateSummary? Stories { get; init; }
}

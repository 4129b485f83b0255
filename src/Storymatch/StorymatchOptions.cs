using Storymatch.Ingest;

namespace Storymatch;

/// <summary>
/// Everything <see cref="StorymatchEngine.Open"/> needs, validated once there (<see cref="Validate"/>): which
/// database, how ingest batches and parallelises, how stories fade. Defaults suit one machine.
/// </summary>
public sealed record StorymatchOptions
{
    /// <summary>The file used when the user names none.</summary>
    public const string DefaultDatabaseFile = "storymatch.db";

    /// <summary>10 MB: far above any news article, low enough to refuse a mistaken dump or binary.</summary>
    public const long DefaultMaxDocumentBytes = SourceOptions.DefaultMaxBytes;

    /// <summary>The SQLite database file (created when missing, unless <see cref="ReadOnly"/>).</summary>
    public string DatabasePath { get; init; } = DefaultDatabaseFile;

    /// <summary>Open for reading only: no schema upgrade, every write refused. For reading commands and read-only copies.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>How long a writer waits for another writer (thread or process) before giving up with a clear error.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Threads that read, normalise, fingerprint and profile articles during ingest.</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Documents per transaction during ingest: a committed batch (documents and their stories) is what a crash cannot lose.</summary>
    public int BatchSize { get; init; } = 4096;

    /// <summary>When the input pauses, a batch open this long is committed even if not full, so slow inputs are acknowledged promptly.</summary>
    public TimeSpan MaxBatchAge { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The largest document accepted, in bytes (a file, a JSON Lines line, an archive record).</summary>
    public long MaxDocumentBytes { get; init; } = SourceOptions.DefaultMaxBytes;

    /// <summary>Assign stories as articles are ingested (off: store and fingerprint only, for bulk loads; assign later with <see cref="StorymatchEngine.UpdateStoriesAsync"/>).</summary>
    public bool AssignStoriesOnIngest { get; init; } = true;

    /// <summary>
    /// Days without a new article after which a story leaves the live window and takes no more (a memory bound; within
    /// it the time gap weighs the decision); null: the database's stored setting, else 30.
    /// </summary>
    public double? FadeDays { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            throw new ArgumentException("DatabasePath must name a file", nameof(DatabasePath));
        }

        OptionChecks.Positive(LockTimeout, nameof(LockTimeout));
        OptionChecks.Positive(Workers, nameof(Workers));
        OptionChecks.Positive(BatchSize, nameof(BatchSize));
        OptionChecks.Positive(MaxBatchAge, nameof(MaxBatchAge));
        OptionChecks.Positive(MaxDocumentBytes, nameof(MaxDocumentBytes));
        if (FadeDays is { } days)
        {
            OptionChecks.Positive(days, nameof(FadeDays));
        }
    }

    internal IngestOptions Ingest => new() { Workers = Workers, BatchSize = BatchSize, MaxBatchAge = MaxBatchAge };

    internal SourceOptions Sources => new() { MaxBytes = MaxDocumentBytes };
}

/// <summary>Callbacks for one ingest run; all optional.</summary>
public sealed record IngestCallbacks
{
    /// <summary>Snapshots of the counts, from the writer thread (pass a synchronous <see cref="IProgress{T}"/> if order matters).</summary>
    public IProgress<IngestProgress>? Progress { get; init; }

    /// <summary>Every rejection and skip, in input order, from the writer thread.</summary>
    public Action<IngestIssue>? Issues { get; init; }

    /// <summary>
    /// One-line notices about how the run was done, each given once per process: for example that the bilingual
    /// dictionaries for cross-language matching are not installed (matching then works without them).
    /// </summary>
    public Action<string>? Notices { get; init; }

    /// <summary>Progress of assigning documents stored earlier without a story (before the run's own documents).</summary>
    public IProgress<Stories.StoryProgress>? StoryProgress { get; init; }
}

namespace Storymatch.Ingest;

/// <summary>Limits every source applies to its input.</summary>
internal sealed record SourceOptions
{
    /// <summary>10 MB: far above any news article, low enough to refuse a mistaken dump or binary.</summary>
    public const long DefaultMaxBytes = 10L * 1024 * 1024;

    public static SourceOptions Default { get; } = new();

    /// <summary>The largest document accepted, in bytes (a file, a JSON Lines line, an archive record).</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;
}

using System.Globalization;

namespace Storymatch.Ingest.Warc;

/// <summary>The named fields of a WARC record header (ISO 28500, WARC 1.0 and 1.1).</summary>
internal sealed class WarcHeader
{
    /// <summary>"WARC/1.0" or "WARC/1.1".</summary>
    public required string Version { get; init; }

    /// <summary>warcinfo, response, resource, request, metadata, revisit, conversion or continuation; null when missing.</summary>
    public string? Type { get; init; }

    public string? RecordId { get; init; }

    public string? TargetUri { get; init; }

    /// <summary>WARC-Date as written (an ISO 8601 UTC timestamp, to the second or finer in WARC 1.1).</summary>
    public string? Date { get; init; }

    public string? ContentType { get; init; }

    public required long ContentLength { get; init; }

    /// <summary>Every field in order, the named ones included.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; }

    /// <summary>The first field called <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (KeyValuePair<string, string> field in Fields)
            {
                if (string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return field.Value;
                }
            }

            return null;
        }
    }

    /// <summary>WARC-Date parsed, or null when missing or not a date.</summary>
    public DateTimeOffset? ParsedDate =>
        DateTimeOffset.TryParse(Date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset date)
            ? date
            : null;
}

/// <summary>
/// One WARC record. The block is the record's content (for a response: HTTP headers and body). It is held in the
/// reader's reusable buffer, so it is valid only until the reader moves on; a block larger than
/// <see cref="WarcReaderOptions.MaxBlockBytes"/> is not loaded: only its first bytes are kept (<see cref="IsBlockComplete"/> false).
/// </summary>
internal sealed class WarcRecord
{
    /// <summary>Byte offset of the record in the file, or of the gzip member that holds it.</summary>
    public required long Offset { get; init; }

    /// <summary>For a gzip file, where the record starts in its member's inflated data (0 for one record per member).</summary>
    public long OffsetInMember { get; init; }

    public required WarcHeader Header { get; init; }

    public required ReadOnlyMemory<byte> Block { get; init; }

    public required bool IsBlockComplete { get; init; }
}

/// <summary>One step of reading a WARC file: a record, or an error (with the offset it concerns) after which reading went on.</summary>
internal readonly record struct WarcReadResult(long Offset, WarcRecord? Record, string? Error);

/// <summary>Limits that keep memory flat whatever the archive holds.</summary>
internal sealed record WarcReaderOptions
{
    /// <summary>Blocks up to this size are loaded; larger ones are skipped as they are read (only their start is kept).</summary>
    public int MaxBlockBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>How much of a block larger than <see cref="MaxBlockBytes"/> is kept, enough for its HTTP headers.</summary>
    public int OversizedBlockPrefixBytes { get; init; } = 64 * 1024;

    /// <summary>Longest WARC header (all lines together).</summary>
    public int MaxHeaderBytes { get; init; } = 1024 * 1024;
}

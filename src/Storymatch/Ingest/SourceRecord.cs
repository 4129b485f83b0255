namespace Storymatch.Ingest;

/// <summary>Where a record came from: the input (file path, "-" for stdin), and the line or byte offset within it.</summary>
public readonly record struct InputLocation(string Input, long? Line = null, long? Offset = null)
{
    /// <summary>"file", "file:line" or "file@offset": the form every error message uses.</summary>
    public override string ToString() =>
        Line is { } line ? $"{Input}:{line}" : Offset is { } offset ? $"{Input}@{offset}" : Input;
}

/// <summary>
/// One item read from an input: an article, a rejection with its reason, or a record skipped on purpose
/// (e.g. a non-HTML WARC record). Sources never throw for bad content: they yield a rejection and go on.
/// </summary>
internal readonly record struct SourceRecord
{
    public Article? Article { get; init; }

    public InputLocation Location { get; init; }

    /// <summary>Why the record was rejected (bad input), or null.</summary>
    public string? Error { get; init; }

    /// <summary>Why the record was skipped without being an error (e.g. "non-HTML WARC record"), or null.</summary>
    public string? Skipped { get; init; }

    public static SourceRecord Accepted(Article article, InputLocation location) => new() { Article = article, Location = location };

    public static SourceRecord Rejected(InputLocation location, string error) => new() { Location = location, Error = error };

    public static SourceRecord Skip(InputLocation location, string reason) => new() { Location = location, Skipped = reason };
}

/// <summary>A stream of articles from one input (a file, a folder, stdin, an archive). Reading is lazy and streaming.</summary>
internal interface IArticleSource
{
    IEnumerable<SourceRecord> Read(CancellationToken cancellationToken = default);
}

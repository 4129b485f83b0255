namespace Storymatch;

/// <summary>
/// One news article as it flows from ingest through extraction to matching. Text is the clean article body
/// (paragraphs separated by blank lines); everything else is metadata, any of which may be missing.
/// </summary>
public sealed record Article
{
    /// <summary>Stable identifier: the file path relative to the ingest root, a JSON Lines <c>id</c>, or a WARC record URI.</summary>
    public required string Id { get; init; }

    /// <summary>The clean article text.</summary>
    public required string Text { get; init; }

    public string? Title { get; init; }

    public string? Url { get; init; }

    /// <summary>The outlet or site name (JSON Lines <c>source</c>, OpenGraph site name, or the URL host).</summary>
    public string? Source { get; init; }

    /// <summary>The page's own publication date (metadata, URL or a date line), never the time it was fetched.</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>When the page was fetched (a WARC record's date), kept apart from <see cref="Published"/>.</summary>
    public DateTimeOffset? Crawled { get; init; }

    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>ISO 639-1 code when declared or detected.</summary>
    public string? Language { get; init; }

    /// <summary>Input fields the engine does not interpret, kept verbatim as a JSON object (JSON Lines extras).</summary>
    public string? ExtraJson { get; init; }
}

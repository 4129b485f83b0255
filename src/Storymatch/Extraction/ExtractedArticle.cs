namespace Storymatch.Extraction;

/// <summary>What extraction makes of a web page: the clean main text and the page's metadata.</summary>
public sealed record ExtractedArticle
{
    /// <summary>Main text, paragraphs separated by blank lines.</summary>
    public required string Text { get; init; }

    public string? Title { get; init; }

    public IReadOnlyList<string> Authors { get; init; } = [];

    public DateTimeOffset? Published { get; init; }

    public string? SiteName { get; init; }

    public string? CanonicalUrl { get; init; }

    /// <summary>ISO 639-1 code, declared by the page or detected from the text.</summary>
    public string? Language { get; init; }
}

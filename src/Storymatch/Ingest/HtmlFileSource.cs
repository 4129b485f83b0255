using Storymatch.Extraction;

namespace Storymatch.Ingest;

/// <summary>An HTML page (optionally gzip-compressed) is one article, extracted by <see cref="HtmlExtractor"/>.</summary>
internal sealed class HtmlFileSource(string path, string id, SourceOptions? options = null) : IArticleSource
{
    public IEnumerable<SourceRecord> Read(CancellationToken cancellationToken = default)
    {
        var location = new InputLocation(path);
        if (!InputFiles.TryReadText(path, options ?? SourceOptions.Default, out string html, out string error))
        {
            yield return SourceRecord.Rejected(location, error);
            yield break;
        }

        yield return ToRecord(HtmlExtractor.Extract(html, null), id, null, location);
    }

    /// <summary>An extracted page as a record: rejected when extraction found no main text.</summary>
    internal static SourceRecord ToRecord(ExtractedArticle page, string id, Article? metadata, InputLocation location)
    {
        if (string.IsNullOrWhiteSpace(page.Text))
        {
            return SourceRecord.Rejected(location, "no article text found in the HTML");
        }

        string? url = metadata?.Url ?? page.CanonicalUrl;
        var article = new Article
        {
            Id = id,
            Text = page.Text,
            Title = metadata?.Title ?? page.Title,
            Url = url,
            Source = metadata?.Source ?? page.SiteName ?? HostOf(url),
            Published = metadata?.Published ?? page.Published,
            Authors = metadata?.Authors is { Count: > 0 } authors ? authors : page.Authors,
            Language = metadata?.Language ?? (string.IsNullOrWhiteSpace(page.Language) ? null : page.Language),
            ExtraJson = metadata?.ExtraJson,
        };
        return SourceRecord.Accepted(article, location);
    }

    internal static string? HostOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Host.Length > 0 ? uri.Host : null;
}

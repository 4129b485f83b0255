using Storymatch.Extraction;

namespace Storymatch.Ingest;

/// <summary>
/// A plain-text file is one article. Boilerplate lines (newsletter prompts, "Leave a Reply", bylines, related
/// lists after the end of the article) are removed by <see cref="BoilerplateCleaner"/>, since copied text carries
/// its outlet's furniture; the title is the first remaining line that reads as a headline (not a tagline, a
/// breadcrumb, a photo caption or a dateline; see <see cref="Reading.HeadlineFinder"/>).
/// </summary>
internal sealed class TextFileSource(string path, string id, SourceOptions? options = null) : IArticleSource
{
    public IEnumerable<SourceRecord> Read(CancellationToken cancellationToken = default)
    {
        var location = new InputLocation(path);
        if (!InputFiles.TryReadText(path, options ?? SourceOptions.Default, out string text, out string error))
        {
            yield return SourceRecord.Rejected(location, error);
            yield break;
        }

        string clean = BoilerplateCleaner.Clean(text);
        if (clean.Length == 0)
        {
            // All of it looked like furniture: keep the file as it is rather than lose it.
            clean = text;
        }

        yield return SourceRecord.Accepted(new Article { Id = id, Text = clean, Title = FirstLineTitle(clean) }, location);
    }

    internal static string? FirstLineTitle(string text) => Reading.HeadlineFinder.Find(text);
}

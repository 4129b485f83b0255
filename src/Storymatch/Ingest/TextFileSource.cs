namespace Storymatch.Ingest;

/// <summary>
/// A plain-text file is one article. Its title is its first non-blank line when that line is short enough to be
/// a headline; the text is the whole file.
/// </summary>
public sealed class TextFileSource(string path, string id, SourceOptions? options = null) : IArticleSource
{
    private const int MaxTitleLength = 200;

    public IEnumerable<SourceRecord> Read(CancellationToken cancellationToken = default)
    {
        var location = new InputLocation(path);
        if (!InputFiles.TryReadText(path, options ?? SourceOptions.Default, out string text, out string error))
        {
            yield return SourceRecord.Rejected(location, error);
            yield break;
        }

        yield return SourceRecord.Accepted(new Article { Id = id, Text = text, Title = FirstLineTitle(text) }, location);
    }

    internal static string? FirstLineTitle(string text)
    {
        foreach (ReadOnlySpan<char> line in text.AsSpan().EnumerateLines())
        {
            ReadOnlySpan<char> trimmed = line.Trim();
            if (!trimmed.IsEmpty)
            {
                return trimmed.Length <= MaxTitleLength ? trimmed.ToString() : null;
            }
        }

        return null;
    }
}

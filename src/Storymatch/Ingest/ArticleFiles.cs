namespace Storymatch.Ingest;

/// <summary>One article read from one file by its extension (.txt, .html, .htm, optionally .gz; anything else as text).</summary>
internal static class ArticleFiles
{
    /// <summary>Reads the article in <paramref name="path"/>; <see cref="ArticleInputException"/> with a one-line message when it cannot.</summary>
    public static Article Read(string path, SourceOptions options)
    {
        PathSources.Format? format = PathSources.FormatOf(path);
        if (format is { SingleDocument: false })
        {
            throw new ArticleInputException($"{path}: holds many articles; ingest it and name stored ids");
        }

        IArticleSource source = format?.Create(path, Path.GetFileName(path), options) ?? new TextFileSource(path, Path.GetFileName(path), options);
        SourceRecord record = source.Read().FirstOrDefault();
        return record.Article ?? throw new ArticleInputException($"{record.Location}: {record.Error ?? record.Skipped ?? "no article"}");
    }
}

using System.Buffers.Binary;
using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Storymatch.Extraction;

namespace Storymatch.Cli.Commands;

/// <summary><c>storymatch extract FILE... [--json]</c>: the main text and metadata of web pages (.html, .htm, .html.gz).</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "HTML files (.html, .htm, optionally .gz).", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per page, one per line." };
        var url = new Option<string?>("--url") { Description = "The page's URL, when the page does not say it (helps dates and the canonical URL)." };
        var command = new Command("extract", "Extract the article text and metadata from web pages.") { files, json, url };
        command.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            bool asJson = parse.GetValue(json);
            int ok = 0, rejected = 0;
            foreach (FileInfo file in parse.GetValue(files)!)
            {
                ExtractedArticle article;
                try
                {
                    using Stream stream = Open(file);
                    article = StorymatchEngine.ExtractPage(stream, parse.GetValue(url));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    error.WriteLine($"storymatch: {file.FullName}: {e.Message}");
                    rejected++;
                    continue;
                }

                ok++;
                if (asJson)
                {
                    output.WriteLine(JsonSerializer.Serialize(new
                    {
                        file = file.FullName,
                        title = article.Title,
                        authors = article.Authors,
                        published = article.Published,
                        siteName = article.SiteName,
                        canonicalUrl = article.CanonicalUrl,
                        language = article.Language,
                        text = article.Text,
                    }));
                    continue;
                }

                output.WriteLine($"== {file.Name}");
                output.WriteLine($"title:     {article.Title}");
                output.WriteLine($"authors:   {string.Join("; ", article.Authors)}");
                output.WriteLine($"published: {article.Published?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}");
                output.WriteLine($"site:      {article.SiteName}");
                output.WriteLine($"url:       {article.CanonicalUrl}");
                output.WriteLine($"language:  {article.Language}");
                output.WriteLine();
                output.WriteLine(article.Text);
                output.WriteLine();
            }

            if (rejected > 0 || !asJson)
            {
                error.WriteLine($"{ok} extracted, {rejected} rejected");
            }

            return rejected > 0 ? Program.ExitSomeRejected : Program.ExitOk;
        });
        return command;
    }

    private static Stream Open(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new FileNotFoundException("no such file", file.FullName);
        }

        FileStream stream = file.OpenRead();
        if (!file.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return stream;
        }

        // Decompress fully first: a corrupt member then fails here, as one clear error, not inside the parser.
        using (stream)
        {
            var buffer = new MemoryStream();
            using (var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true))
            {
                gzip.CopyTo(buffer);
            }

            // GZipStream stops quietly at a cut-off member; the trailer's size field (length mod 2^32) tells.
            Span<byte> trailer = stackalloc byte[4];
            stream.Seek(-4, SeekOrigin.End);
            stream.ReadExactly(trailer);
            if (stream.Length < 18 || BinaryPrimitives.ReadUInt32LittleEndian(trailer) != (uint)buffer.Length)
            {
                throw new InvalidDataException("truncated or corrupt gzip data");
            }

            buffer.Position = 0;
            return buffer;
        }
    }
}

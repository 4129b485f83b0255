using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Storymatch.Tools.Fingerprints;

namespace Storymatch.Bench;

/// <summary>
/// <c>generate --count N --seed S [--out FILE]</c>: writes N generated news articles with planted duplicates
/// as JSON Lines (to standard output without --out). Each line has the ingest fields id, url, title, text,
/// published, source, plus kind, dup_of and planted_jaccard saying what was planted. Same seed, same file.
/// </summary>
public static class GenerateCommand
{
    private const string Usage = "usage: generate --count N --seed S [--out FILE]";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        int count = 0, seed = 0;
        string? outPath = null;
        bool haveCount = false, haveSeed = false;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--count" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0:
                    haveCount = true;
                    i++;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed):
                    haveSeed = true;
                    i++;
                    break;
                case "--out" when value is not null:
                    outPath = value;
                    i++;
                    break;
                default:
                    stderr.WriteLine($"generate: bad or incomplete argument '{args[i]}'. {Usage}");
                    return 2;
            }
        }

        if (!haveCount || !haveSeed)
        {
            stderr.WriteLine($"generate: --count and --seed are required. {Usage}");
            return 2;
        }

        var stopwatch = Stopwatch.StartNew();
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        try
        {
            using Stream stream = outPath is null ? Console.OpenStandardOutput() : new FileStream(outPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            Write(new PlantedCorpusGenerator(seed).Generate(count), stream, kinds);
        }
        catch (IOException e)
        {
            stderr.WriteLine($"generate: cannot write {outPath ?? "standard output"}: {e.Message}");
            return 1;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"generate: cannot write {outPath}: {e.Message}");
            return 1;
        }

        stderr.WriteLine($"generate: {count} articles ({string.Join(", ", kinds.Select(k => $"{k.Value} {k.Key}"))}) "
            + $"to {outPath ?? "standard output"} in {stopwatch.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static void Write(IEnumerable<GeneratedArticle> articles, Stream stream, SortedDictionary<string, int> kinds)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        byte[] newline = Encoding.UTF8.GetBytes("\n");
        foreach (GeneratedArticle article in articles)
        {
            writer.WriteStartObject();
            writer.WriteString("id", article.Id);
            writer.WriteString("url", article.Url);
            writer.WriteString("title", article.Title);
            writer.WriteString("text", article.Text);
            writer.WriteString("published", article.Published.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            writer.WriteString("source", article.Source);
            writer.WriteString("kind", article.Kind);
            if (article.DuplicateOf is not null)
            {
                writer.WriteString("dup_of", article.DuplicateOf);
                writer.WriteNumber("planted_jaccard", article.PlantedJaccard!.Value);
            }

            writer.WriteEndObject();
            writer.Flush();
            stream.Write(newline);
            writer.Reset();
            kinds[article.Kind] = kinds.GetValueOrDefault(article.Kind) + 1;
        }
    }
}

using System.CommandLine;
using System.Text;
using System.Text.Json;
using Storymatch.Storage;

namespace Storymatch.Cli.Commands;

/// <summary>
/// <c>storymatch export [--format jsonl|csv] [--out FILE] [--db FILE]</c>: every stored document in ingest order.
/// JSON Lines uses the ingest field names (so an export can be ingested again) plus <c>content_hash</c> and
/// <c>ingested_at</c>, with kept extra fields back at the top level; CSV is RFC 4180 with one header row.
/// </summary>
internal static class ExportCommand
{
    private static readonly string[] CsvColumns =
        ["id", "source", "url", "title", "published", "authors", "language", "content_hash", "ingested_at", "text", "extra_json", "crawled"];

    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "jsonl (default) or csv.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var outFile = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output." };
        Option<FileInfo?> db = CliCommon.DbOption();
        Option<bool> json = CliCommon.JsonOption("Same as --format jsonl.");
        var command = new Command("export", "Write every stored document as JSON Lines or CSV.") { format, outFile, db, json };
        command.SetAction(parse =>
        {
            bool csv = parse.GetValue(format) == "csv";
            if (csv && parse.GetValue(json))
            {
                throw new CliUsageException("--json and --format csv contradict each other");
            }

            using StorymatchEngine store = CliCommon.OpenExisting(parse, db);
            FileInfo? target = parse.GetValue(outFile);
            long count;
            if (target is null)
            {
                count = csv ? WriteCsv(store, parse.InvocationConfiguration.Output) : WriteJsonLines(store, parse.InvocationConfiguration.Output);
            }
            else
            {
                using var writer = new StreamWriter(target.FullName, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                count = csv ? WriteCsv(store, writer) : WriteJsonLines(store, writer);
                parse.InvocationConfiguration.Error.WriteLine($"storymatch: exported {count} documents to {target.FullName}");
            }

            return Program.ExitOk;
        });
        return command;
    }

    internal static long WriteJsonLines(StorymatchEngine store, TextWriter output)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var options = new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        long count = 0;
        foreach (StoredDocument doc in store.Documents())
        {
            buffer.Clear();
            using (var w = new Utf8JsonWriter(buffer, options))
            {
                Article a = doc.Article;
                w.WriteStartObject();
                w.WriteString("id", a.Id);
                WriteOptional(w, "url", a.Url);
                WriteOptional(w, "title", a.Title);
                WriteOptional(w, "published", a.Published is { } p ? p.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : null);
                WriteOptional(w, "crawled", a.Crawled is { } c ? c.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : null);
                WriteOptional(w, "source", a.Source);
                if (a.Authors.Count > 0)
                {
                    w.WriteStartArray("authors");
                    foreach (string author in a.Authors)
                    {
                        w.WriteStringValue(author);
                    }

                    w.WriteEndArray();
                }

                WriteOptional(w, "language", a.Language);
                w.WriteString("text", a.Text);
                w.WriteString("content_hash", doc.ContentHash);
                w.WriteString("ingested_at", doc.IngestedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                if (a.ExtraJson is { } extra)
                {
                    using JsonDocument fields = JsonDocument.Parse(extra);
                    foreach (JsonProperty field in fields.RootElement.EnumerateObject())
                    {
                        field.WriteTo(w);
                    }
                }

                w.WriteEndObject();
            }

            output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
            count++;
        }

        return count;
    }

    internal static long WriteCsv(StorymatchEngine store, TextWriter output)
    {
        output.Write(string.Join(',', CsvColumns) + "\r\n");
        long count = 0;
        foreach (StoredDocument doc in store.Documents())
        {
            Article a = doc.Article;
            string?[] values =
            [
                a.Id, a.Source, a.Url, a.Title, a.Published?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                a.Authors.Count > 0 ? string.Join("; ", a.Authors) : null, a.Language, doc.ContentHash,
                doc.IngestedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), a.Text, a.ExtraJson,
                a.Crawled?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ];
            output.Write(string.Join(',', values.Select(Quote)) + "\r\n");
            count++;
        }

        return count;
    }

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.</summary>
    internal static string Quote(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}

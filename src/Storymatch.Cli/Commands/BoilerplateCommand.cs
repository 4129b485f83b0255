using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Storymatch.Cli.Commands;

/// <summary>
/// <c>storymatch boilerplate [--db FILE] [--source S] [--json]</c>: lists the template lines ingest has learned per
/// source (lines repeated across a source's documents, removed from its documents before they are stored). With
/// <c>--json</c> one object per source: <c>{"source", "documents", "lines": [{"text", "documents", "learned_at"}]}</c>.
/// </summary>
internal static class BoilerplateCommand
{
    public static Command Create()
    {
        Option<FileInfo?> db = CliCommon.DbOption();
        Option<bool> json = CliCommon.JsonOption("Print one JSON object per source.");
        var source = new Option<string?>("--source") { Description = "Only this source (as stored: the declared source, the URL host, or a file's folder)." };
        var command = new Command("boilerplate", "List the template lines learned per source and removed at ingest.") { db, source, json };
        command.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            using StorymatchEngine engine = CliCommon.OpenExisting(parse, db);
            IReadOnlyList<SourceTemplate> sources = engine.ListBoilerplate(parse.GetValue(source));
            if (parse.GetValue(json))
            {
                foreach (SourceTemplate s in sources)
                {
                    var line = new BoilerplateJson(s.Source, s.Documents, [.. s.Lines.Select(l => new BoilerplateLineJson(l.Text, l.Documents, l.LearnedAt))]);
                    output.WriteLine(JsonSerializer.Serialize(line, CliJson.Default.BoilerplateJson));
                }

                return Program.ExitOk;
            }

            foreach (SourceTemplate s in sources)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Source}: {s.Lines.Count} template lines learned from {s.Documents} documents"));
                foreach (TemplateLine l in s.Lines)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {l.Documents,6}  {l.Text}"));
                }
            }

            int learned = sources.Sum(s => s.Lines.Count);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{learned} template lines in {sources.Count(s => s.Lines.Count > 0)} of {sources.Count} sources"));
            return Program.ExitOk;
        });
        return command;
    }
}

/// <summary>One line of <c>boilerplate --json</c>: a source and its learned template lines.</summary>
internal sealed record BoilerplateJson(string Source, long Documents, IReadOnlyList<BoilerplateLineJson> Lines);

/// <summary>A learned template line in <c>boilerplate --json</c>.</summary>
internal sealed record BoilerplateLineJson(string Text, long Documents, DateTimeOffset LearnedAt);

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using Storymatch.Ingest;
using Storymatch.Storage;
using Storymatch.Stories;

namespace Storymatch.Cli.Commands;

/// <summary>
/// <c>storymatch ingest PATH... [--db FILE] [--json] [--max-size BYTES]</c>: reads files, folders and standard
/// input (<c>-</c>) into the store. Each rejected input is one line on standard error; a summary ends the run.
/// A progress bar (rate, ETA) is drawn only when standard error is a terminal.
/// </summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Files (.txt, .jsonl, .html, .htm, optionally .gz; .warc and .warc.gz web archives), folders (recursively), or - for JSON Lines on standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        Option<FileInfo?> db = CliCommon.DbOption();
        Option<bool> json = CliCommon.JsonOption("Print the summary as one JSON object.");
        var maxSize = new Option<long>("--max-size")
        {
            Description = $"Largest document accepted, in bytes (default {StorymatchOptions.DefaultMaxDocumentBytes}).",
            DefaultValueFactory = _ => StorymatchOptions.DefaultMaxDocumentBytes,
        };
        maxSize.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && long.TryParse(token.Value, out long bytes) && bytes <= 0)
            {
                result.AddError("--max-size must be a positive number of bytes");
            }
        });

        var noStories = new Option<bool>("--no-stories")
        {
            Description = "Store and fingerprint only; leave story assignment to a later 'storymatch stories' (bulk loads).",
        };

        var command = new Command("ingest", "Add articles to the database (incremental: stored documents are kept, repeats are counted as duplicates).")
        {
            paths, db, json, maxSize, noStories,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            string[] pathValues = parse.GetValue(paths)!;
            if (pathValues.FirstOrDefault(p => p.StartsWith("--", StringComparison.Ordinal) && !File.Exists(p) && !Directory.Exists(p)) is { } unknown)
            {
                // The parser takes any token as a path; an option-like token that names nothing is a mistyped option.
                throw new CliUsageException($"unknown option '{unknown}' for ingest (see 'storymatch ingest --help')");
            }

            using StorymatchEngine engine = StorymatchEngine.Open(new StorymatchOptions
            {
                DatabasePath = CliCommon.DbPath(parse, db),
                MaxDocumentBytes = parse.GetValue(maxSize),
                AssignStoriesOnIngest = !parse.GetValue(noStories),
            });
            IngestSummary summary = CliCommon.IsTerminal(error)
                ? await RunWithProgressBarAsync(engine, pathValues, error, cancellationToken)
                : await engine.IngestAsync(pathValues, new IngestCallbacks { Issues = issue => error.WriteLine(FormatIssue(issue)), Notices = notice => error.WriteLine($"storymatch: {notice}") }, Program.StandardInput, cancellationToken);

            StoreCounts counts = engine.Counts();
            StoryUpdateSummary? stories = summary.Stories;
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(
                    new IngestJson(summary.Accepted, summary.Duplicates, summary.CopiesOfStored, summary.Rejected, summary.Skipped, summary.Cancelled,
                        Math.Round(summary.Elapsed.TotalSeconds, 3), engine.Location, counts.Documents, stories?.Assigned, stories?.NewStories),
                    CliJson.Default.IngestJson));
            }
            else
            {
                string copies = summary.CopiesOfStored > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({summary.CopiesOfStored} of them exact copies of stored text)") : "";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{summary.Accepted} accepted{copies}, {summary.Duplicates} duplicates, {summary.Rejected} rejected, {summary.Skipped} skipped in {summary.Elapsed.TotalSeconds:0.0} s; {engine.Location} holds {counts.Documents} documents"));
                if (stories is not null)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"stories: {stories.Assigned} documents assigned ({stories.NewStories} new stories, {stories.JoinedExisting} joined one)"));
                }
            }

            if (summary.Cancelled)
            {
                error.WriteLine("storymatch: interrupted; every document counted above is stored. Run the same command again to complete the batch.");
                return CliCommon.ExitInterrupted;
            }

            return summary.Rejected > 0 ? Program.ExitSomeRejected : Program.ExitOk;
        });
        return command;
    }

    internal static string FormatIssue(IngestIssue issue) =>
        issue.IsRejection ? $"storymatch: {issue}" : $"storymatch: skipped {issue}";

    /// <summary>The same run under a Spectre.Console progress bar on standard error; issues are printed after it.</summary>
    private static async Task<IngestSummary> RunWithProgressBarAsync(StorymatchEngine engine, string[] paths, TextWriter error, CancellationToken ct)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        long totalBytes = engine.InputBytes(paths);
        var issues = new List<IngestIssue>();
        var rate = new DocumentRateColumn();
        IngestSummary summary = await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), rate, new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask("ingest", maxValue: Math.Max(1, totalBytes));
                task.IsIndeterminate = totalBytes == 0;
                var progress = new SynchronousProgress(p =>
                {
                    rate.Processed = p.Processed;
                    task.Value = Math.Min(p.BytesDone, task.MaxValue);
                    task.Description = $"ingest {p.Accepted:N0} new, {p.Duplicates:N0} dup, {p.Rejected:N0} rejected";
                });
                IngestSummary result = await engine.IngestAsync(paths, new IngestCallbacks { Progress = progress, Issues = issues.Add, Notices = notice => error.WriteLine($"storymatch: {notice}") }, Program.StandardInput, ct);
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            });
        foreach (IngestIssue issue in issues)
        {
            error.WriteLine(FormatIssue(issue));
        }

        return summary;
    }

    /// <summary>Calls back on the reporting thread (<see cref="Progress{T}"/> would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }

    /// <summary>Documents per second since the run started.</summary>
    private sealed class DocumentRateColumn : ProgressColumn
    {
        public long Processed { get; set; }

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            double seconds = task.ElapsedTime?.TotalSeconds ?? 0;
            string rate = seconds > 0 ? (Processed / seconds).ToString("N0", CultureInfo.InvariantCulture) : "-";
            return new Spectre.Console.Text($"{rate} docs/s");
        }
    }
}

internal sealed record IngestJson(
    long Accepted, long Duplicates, long CopiesOfStored, long Rejected, long Skipped, bool Cancelled, double ElapsedSeconds, string Db, long DocumentsInStore,
    long? StoriesAssigned, long? StoriesNew);

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
            Description = $"Largest document accepted, in bytes (default {SourceOptions.DefaultMaxBytes}).",
            DefaultValueFactory = _ => SourceOptions.DefaultMaxBytes,
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
            var sourceOptions = new SourceOptions { MaxBytes = parse.GetValue(maxSize) };
            string[] pathValues = parse.GetValue(paths)!;
            if (pathValues.FirstOrDefault(p => p.StartsWith("--", StringComparison.Ordinal) && !File.Exists(p) && !Directory.Exists(p)) is { } unknown)
            {
                // The parser takes any token as a path; an option-like token that names nothing is a mistyped option.
                throw new CliUsageException($"unknown option '{unknown}' for ingest (see 'storymatch ingest --help')");
            }

            string dbPath = CliCommon.DbPath(parse, db);
            using DocumentStore store = DocumentStore.Open(dbPath);

            List<IngestInput> inputs = [.. PathSources.Resolve(pathValues, sourceOptions, Program.StandardInput)];
            IngestSummary summary = CliCommon.IsTerminal(error)
                ? await RunWithProgressBarAsync(store, inputs, error, cancellationToken)
                : await new IngestPipeline(store).RunAsync(inputs, null, issue => error.WriteLine(FormatIssue(issue)), cancellationToken);

            // Ingest keeps stories current: every stored document not yet in a story is assigned now (an interrupted
            // run leaves that to the next one).
            StoryUpdateSummary stories = summary.Cancelled || parse.GetValue(noStories)
                ? new StoryUpdateSummary(0, 0, 0, 0, TimeSpan.Zero)
                : StoryProgressBar.Run(error, progress => new StoryService(store).Update(progress));
            StoreCounts counts = store.Count();
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(
                    new IngestJson(summary.Accepted, summary.Duplicates, summary.Rejected, summary.Skipped, summary.Cancelled,
                        Math.Round(summary.Elapsed.TotalSeconds, 3), store.FilePath, counts.Documents, stories.Assigned, stories.NewStories),
                    CliJson.Default.IngestJson));
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{summary.Accepted} accepted, {summary.Duplicates} duplicates, {summary.Rejected} rejected, {summary.Skipped} skipped in {summary.Elapsed.TotalSeconds:0.0} s; {store.FilePath} holds {counts.Documents} documents"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"stories: {stories.Assigned} documents assigned ({stories.NewStories} new stories, {stories.JoinedExisting} joined one) in {stories.Elapsed.TotalSeconds:0.0} s"));
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
    private static async Task<IngestSummary> RunWithProgressBarAsync(DocumentStore store, List<IngestInput> inputs, TextWriter error, CancellationToken ct)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        long totalBytes = inputs.Sum(i => i.Length);
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
                IngestSummary result = await new IngestPipeline(store).RunAsync(inputs, progress, issues.Add, ct);
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
    long Accepted, long Duplicates, long Rejected, long Skipped, bool Cancelled, double ElapsedSeconds, string Db, long DocumentsInStore,
    long StoriesAssigned, long StoriesNew);

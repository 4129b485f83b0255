using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Storymatch.Stories;

namespace Storymatch.Cli.Commands;

/// <summary>
/// <c>storymatch stories [--db FILE] [--json] [--min-size N] [--update] [--rebuild] [--fade-days N]</c>: lists the stories
/// of the store, one per line (<c>{"story", "title", "original", "members"}</c> with <c>--json</c>). Listing only reads;
/// <c>--update</c> assigns documents not yet in a story, <c>--rebuild</c> re-clusters the whole store first, and
/// <c>--fade-days</c> stores how long a story stays open without new articles.
/// </summary>
internal static class StoriesCommand
{
    public static Command Create()
    {
        Option<FileInfo?> db = CliCommon.DbOption();
        Option<bool> json = CliCommon.JsonOption("Print one JSON object per story.");
        var rebuild = new Option<bool>("--rebuild") { Description = "Forget the stories and re-cluster every stored document (batch mode)." };
        var fadeDays = new Option<double?>("--fade-days") { Description = "Days without a new article after which a story takes no more (stored; applies to later assignments)." };
        fadeDays.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } d && !(d > 0))
            {
                result.AddError("--fade-days must be a positive number of days");
            }
        });

        var update = new Option<bool>("--update") { Description = "Assign stored documents that are not in a story yet (stored with --no-stories, or by an interrupted ingest)." };
        var minSize = new Option<int>("--min-size") { Description = "List only stories with at least this many articles (default 1).", DefaultValueFactory = _ => 1 };
        minSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--min-size must be at least 1");
            }
        });

        var command = new Command("stories", "List the stories: groups of articles that tell the same story.") { db, json, rebuild, update, fadeDays, minSize };
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            bool rebuilding = parse.GetValue(rebuild), updating = parse.GetValue(update);
            double? days = parse.GetValue(fadeDays);
            using StorymatchEngine engine = CliCommon.OpenExisting(parse, db, write: rebuilding || updating || days is not null);
            if (days is { } d)
            {
                engine.SetFadeDays(d);
            }

            if (rebuilding)
            {
                StoryUpdateSummary s = await StoryProgressBar.RunAsync(error, p => engine.RebuildStoriesAsync(p, cancellationToken));
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storymatch: re-clustered {s.Assigned} documents into {s.NewStories} stories in {s.Elapsed.TotalSeconds:0.0} s"));
            }
            else if (updating)
            {
                StoryUpdateSummary s = await StoryProgressBar.RunAsync(error, p => engine.UpdateStoriesAsync(p, cancellationToken));
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storymatch: assigned {s.Assigned} documents ({s.NewStories} new stories) in {s.Elapsed.TotalSeconds:0.0} s"));
            }
            else if (engine.CountUnassigned() is > 0 and long waiting)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storymatch: {waiting} stored documents are not in a story yet; run 'storymatch stories --update' to assign them"));
            }

            IReadOnlyList<StorySummary> stories = engine.ListStories(new StoryFilter { MinMembers = parse.GetValue(minSize) });
            if (parse.GetValue(json))
            {
                foreach (StorySummary story in stories)
                {
                    output.WriteLine(JsonSerializer.Serialize(new StoryLineJson(story.Story, story.Title, story.Original, story.Members), CliJson.Default.StoryLineJson));
                }
            }
            else
            {
                IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
                var table = new Table().AddColumn("story").AddColumn("members").AddColumn("title").AddColumn("original");
                foreach (StorySummary story in stories)
                {
                    table.AddRow(
                        story.Story.ToString(CultureInfo.InvariantCulture),
                        story.Members.Count.ToString(CultureInfo.InvariantCulture),
                        Markup.Escape(story.Title),
                        Markup.Escape(story.Original));
                }

                console.Write(table);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stories.Count} stories, {stories.Count(s => s.Members.Count > 1)} with more than one article"));
            }

            return Program.ExitOk;
        });
        return command;
    }
}

/// <summary>One line of <c>stories --json</c>.</summary>
internal sealed record StoryLineJson(long Story, string Title, string Original, IReadOnlyList<string> Members);

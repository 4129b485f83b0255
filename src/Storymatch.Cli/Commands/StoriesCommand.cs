using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Storymatch.Stories;

namespace Storymatch.Cli.Commands;

/// <summary>
/// <c>storymatch stories [--db FILE] [--json] [--rebuild] [--fade-days N]</c>: lists the stories of the store, one
/// per line (<c>{"story", "title", "original", "members"}</c> with <c>--json</c>). <c>--rebuild</c> re-clusters
/// the whole store first; <c>--fade-days</c> stores how long a story stays open without new articles.
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

        var command = new Command("stories", "List the stories: groups of articles that tell the same story.") { db, json, rebuild, fadeDays };
        command.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            using Storage.DocumentStore store = CliCommon.OpenExisting(parse, db);
            var service = new StoryService(store);
            if (parse.GetValue(fadeDays) is { } days)
            {
                service.SetFadeDays(days);
            }

            if (parse.GetValue(rebuild))
            {
                StoryUpdateSummary s = StoryProgressBar.Run(error, service.Rebuild);
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storymatch: re-clustered {s.Assigned} documents into {s.NewStories} stories in {s.Elapsed.TotalSeconds:0.0} s"));
            }
            else
            {
                // Documents stored by an older storymatch (or an interrupted ingest) are assigned now.
                StoryProgressBar.Run(error, service.Update);
            }

            List<StorySummary> stories = service.ListStories();
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

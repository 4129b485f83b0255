using Spectre.Console;
using Storymatch.Stories;

namespace Storymatch.Cli.Commands;

/// <summary>A story update under a progress bar (rate and time left) on a terminal; silent in a pipe.</summary>
internal static class StoryProgressBar
{
    public static async Task<StoryUpdateSummary> RunAsync(TextWriter error, Func<IProgress<StoryProgress>?, Task<StoryUpdateSummary>> update)
    {
        if (!CliCommon.IsTerminal(error))
        {
            return await update(null);
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask("stories", maxValue: 1);
                StoryUpdateSummary summary = await update(new ReportTo(task));
                task.Value = task.MaxValue;
                return summary;
            });
    }



    private sealed class ReportTo(ProgressTask task) : IProgress<StoryProgress>
    {
        public void Report(StoryProgress value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }
}

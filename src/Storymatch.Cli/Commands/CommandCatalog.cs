using System.CommandLine;

namespace Storymatch.Cli.Commands;

/// <summary>Every subcommand, in the order <c>--help</c> lists them. Add a new command here.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return DemoCommand.Create();
        yield return IngestCommand.Create();
        yield return DupsCommand.Create();
        yield return CompareCommand.Create();
        yield return ExportCommand.Create();
        yield return StoriesCommand.Create();
        yield return StoryCommand.Create();
        yield return BoilerplateCommand.Create();
        yield return NormalizeCommand.Create();
        yield return ExtractCommand.Create();
    }
}

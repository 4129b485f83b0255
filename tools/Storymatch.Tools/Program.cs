using System.CommandLine;
using Storymatch.Tools.Commands;

namespace Storymatch.Tools;

/// <summary>
/// <c>storymatch-tools</c>: evaluation commands for developing the engine, kept out of the user's CLI
/// (<c>dotnet run -c Release --project tools/Storymatch.Tools -- eval-similarity FILE</c>). Exit codes as the CLI's:
/// 0 all inputs accepted, 1 some rejected, 2 usage error.
/// </summary>
internal static class Program
{
    public const int ExitOk = 0;
    public const int ExitSomeRejected = 1;
    public const int ExitUsage = 2;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the tools with the given writers (tests pass string writers).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Storymatch development tools: evaluation against labelled data sets (not shipped).")
        {
            EvalExtractionCommand.Create(),
            EvalSimilarityCommand.Create(),
        };
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
            {
                stderr.WriteLine($"storymatch-tools: {error.Message}");
            }

            stderr.WriteLine("Run 'storymatch-tools --help' for usage.");
            return ExitUsage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }
}

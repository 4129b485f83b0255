using System.CommandLine;
using Storymatch.Cli.Commands;

namespace Storymatch.Cli;

/// <summary>
/// The <c>storymatch</c> command line: a thin host over the engine. Each command lives in its own file under
/// Commands/ and is registered here. Exit codes: 0 all inputs accepted, 1 some rejected (or a named file could not be
/// read or written), 2 usage error, 70 internal error (one line, never a stack trace), 130 interrupted.
/// </summary>
public static class Program
{
    public const int ExitOk = 0;
    public const int ExitSomeRejected = 1;
    public const int ExitUsage = 2;

    /// <summary>Something failed that is not the input's fault (EX_SOFTWARE).</summary>
    public const int ExitInternalError = 70;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Standard input for this invocation (<c>ingest -</c>); tests set it through <see cref="Run"/>.</summary>
    internal static Func<Stream> StandardInput => StandardInputOverride.Value ?? Console.OpenStandardInput;

    private static readonly AsyncLocal<Func<Stream>?> StandardInputOverride = new();

    /// <summary>Runs the CLI with the given writers (tests pass string writers) and, optionally, standard input.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream>? stdin = null)
    {
        StandardInputOverride.Value = stdin;
        RootCommand root = BuildRoot();
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
            {
                stderr.WriteLine($"storymatch: {error.Message}");
            }

            stderr.WriteLine("Run 'storymatch --help' for usage.");
            return ExitUsage;
        }

        // The default exception handler would turn every exception into exit 1; usage and store errors are exit 2.
        // ProcessTerminationTimeout: Ctrl-C/SIGTERM cancel the action's token and give it this long to commit and
        // report (System.CommandLine 2.0.0 leaves it null, i.e. immediate termination, despite its documentation).
        var config = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = TimeSpan.FromSeconds(10),
        };
        try
        {
            // InvokeAsync: only the asynchronous path turns Ctrl-C into cancellation of the action's token.
            return parse.InvokeAsync(config).GetAwaiter().GetResult();
        }
        catch (CliUsageException e)
        {
            stderr.WriteLine($"storymatch: {e.Message}");
            return ExitUsage;
        }
        catch (Storymatch.Storage.StoreException e)
        {
            // The database named by --db cannot be used: the user must name another one.
            stderr.WriteLine($"storymatch: {e.Message}");
            return ExitUsage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArticleInputException)
        {
            // A file the command was asked to read or write cannot be used; the message names it.
            stderr.WriteLine($"storymatch: {e.Message}");
            return ExitSomeRejected;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never a stack trace: one line that says what failed (a bug to report, with the command that caused it).
            stderr.WriteLine($"storymatch: internal error ({e.GetType().Name}): {e.Message}");
            return ExitInternalError;
        }
    }

    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("Storymatch: finds the same news story across outlets.");
        foreach (Command command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}

/// <summary>Thrown by a command for a usage error that the parser could not see (bad value combination); exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);

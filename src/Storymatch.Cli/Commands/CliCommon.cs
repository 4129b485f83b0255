using System.CommandLine;

namespace Storymatch.Cli.Commands;

/// <summary>Options and helpers the store-backed commands share.</summary>
internal static class CliCommon
{
    /// <summary>Exit code after Ctrl-C (128 + SIGINT), as shells expect.</summary>
    public const int ExitInterrupted = 130;

    public static Option<FileInfo?> DbOption() => new("--db")
    {
        Description = $"The database file (default ./{StorymatchOptions.DefaultDatabaseFile}).",
    };

    public static Option<bool> JsonOption(string description = "Print JSON (one object per line).") => new("--json") { Description = description };

    public static string DbPath(ParseResult parse, Option<FileInfo?> db) => parse.GetValue(db)?.FullName ?? StorymatchOptions.DefaultDatabaseFile;

    /// <summary>Opens the engine on an existing database for a command that only reads (a query never creates an empty one).</summary>
    public static StorymatchEngine OpenExisting(ParseResult parse, Option<FileInfo?> db, bool write = false)
    {
        string path = DbPath(parse, db);
        if (!File.Exists(path))
        {
            throw new CliUsageException($"{path}: no database here; run 'storymatch ingest PATH' first or name one with --db");
        }

        return StorymatchEngine.Open(new StorymatchOptions { DatabasePath = path, ReadOnly = !write });
    }

    /// <summary>True when <paramref name="writer"/> is the process's standard error and that is a terminal (not a pipe or file).</summary>
    public static bool IsTerminal(TextWriter writer) => ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
}

using System.CommandLine;
using Storymatch.Storage;

namespace Storymatch.Cli.Commands;

/// <summary>Options and helpers the store-backed commands share.</summary>
internal static class CliCommon
{
    /// <summary>Exit code after Ctrl-C (128 + SIGINT), as shells expect.</summary>
    public const int ExitInterrupted = 130;

    public static Option<FileInfo?> DbOption() => new("--db")
    {
        Description = $"The database file (default ./{DocumentStore.DefaultFileName}).",
    };

    public static Option<bool> JsonOption(string description = "Print JSON (one object per line).") => new("--json") { Description = description };

    public static string DbPath(ParseResult parse, Option<FileInfo?> db) => parse.GetValue(db)?.FullName ?? DocumentStore.DefaultFileName;

    /// <summary>Opens the database for a query: it must exist (a query never creates an empty one).</summary>
    public static DocumentStore OpenExisting(ParseResult parse, Option<FileInfo?> db)
    {
        string path = DbPath(parse, db);
        if (!File.Exists(path))
        {
            throw new CliUsageException($"{path}: no database here; run 'storymatch ingest PATH' first or name one with --db");
        }

        return DocumentStore.Open(path);
    }

    /// <summary>True when <paramref name="writer"/> is the process's standard error and that is a terminal (not a pipe or file).</summary>
    public static bool IsTerminal(TextWriter writer) => ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
}

using System.Text;
using Storymatch.Cli;

namespace Storymatch.Tests.Cli;

/// <summary>Runs the CLI in-process, as a user would from a shell, and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args) => RunWithInput(null, args);

    public static (int Exit, string Out, string Err) RunWithInput(string? stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Func<Stream>? input = stdin is null ? null : () => new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        int exit = Program.Run(args, stdout, stderr, input);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

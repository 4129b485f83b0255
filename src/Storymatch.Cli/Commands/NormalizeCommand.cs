using System.CommandLine;
using System.Text.Json;

namespace Storymatch.Cli.Commands;

/// <summary><c>storymatch normalize FILE</c>: shows the normal form, tokens, sentences and content hash of a text file.</summary>
internal static class NormalizeCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A UTF-8 text file." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("normalize", "Show how Storymatch normalises, tokenises and splits a text.") { file, json };
        command.SetAction(parse =>
        {
            FileInfo f = parse.GetValue(file)!;
            TextWriter output = parse.InvocationConfiguration.Output;
            if (!f.Exists)
            {
                parse.InvocationConfiguration.Error.WriteLine($"storymatch: {f.FullName}: no such file");
                return Program.ExitSomeRejected;
            }

            string text = File.ReadAllText(f.FullName);
            TextAnalysis analysis = StorymatchEngine.AnalyzeText(text);
            (string normalized, IReadOnlyList<string> sentences, int tokens, string hash) = analysis;
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new { file = f.Name, hash, tokens, sentences = sentences.Count, normalized }));
            }
            else
            {
                output.WriteLine($"{f.Name}: {tokens} tokens, {sentences.Count} sentences, hash {hash}");
                foreach (string s in sentences)
                {
                    output.WriteLine($"  | {s}");
                }
            }

            return Program.ExitOk;
        });
        return command;
    }
}

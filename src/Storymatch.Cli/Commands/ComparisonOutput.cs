using System.CommandLine;
using System.Text;
using System.Text.Json;
using Storymatch.Comparison;

namespace Storymatch.Cli.Commands;

/// <summary>How <c>story --compare</c> and <c>compare</c> put a comparison out: text, JSON, or an HTML file.</summary>
internal static class ComparisonOutput
{
    public static Option<FileInfo?> HtmlOption() => new("--html")
    {
        Description = "Also write the comparison as a self-contained HTML report to this file.",
    };

    /// <summary>Writes the comparison as JSON or text to <paramref name="output"/>, and as HTML to <paramref name="html"/> when given.</summary>
    public static int Write(StoryComparison comparison, string title, bool json, FileInfo? html, TextWriter output)
    {
        if (html is not null)
        {
            WriteHtml(comparison, title, html);
        }

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(comparison, CliJson.Default.StoryComparison));
        }
        else
        {
            foreach (string line in ComparisonTextReport.Lines(comparison))
            {
                output.WriteLine(line);
            }

            if (html is not null)
            {
                output.WriteLine($"HTML report: {html.FullName}");
            }
        }

        return Program.ExitOk;
    }

    public static void WriteHtml(StoryComparison comparison, string title, FileInfo html) =>
        File.WriteAllText(html.FullName, ComparisonHtmlReport.Render(comparison, title), new UTF8Encoding(false));
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Storymatch.Comparison;
using Storymatch.Matching;

namespace Storymatch.Cli.Commands;

/// <summary>
/// <c>storymatch compare A B [--json] [--db FILE]</c>: every measure between two articles, each given as a file
/// (.txt, .html, .htm, other extensions read as text) or as a stored id. The report is built by
/// <see cref="Sections"/>, in order; a later stage adds its own section (e.g. the relation and its evidence).
/// </summary>
internal static class CompareCommand
{
    /// <summary>The report's sections. To add one, implement <see cref="ICompareSection"/> and append it here.</summary>
    public static IReadOnlyList<ICompareSection> Sections { get; } = [new DuplicateMeasuresSection(), new CompareRelationSection(), new CompareDifferencesSection()];

    public static Command Create()
    {
        var a = new Argument<string>("a") { Description = "A file, or the id of a stored document." };
        var b = new Argument<string>("b") { Description = "A file, or the id of a stored document." };
        Option<FileInfo?> db = CliCommon.DbOption();
        Option<bool> json = CliCommon.JsonOption("Print one JSON object.");
        Option<FileInfo?> html = ComparisonOutput.HtmlOption();
        var command = new Command("compare", "Every duplicate measure between two articles (files or stored ids), their relation, and how they differ.") { a, b, db, json, html };
        command.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            string dbPath = CliCommon.DbPath(parse, db);
            using StorymatchEngine? engine = File.Exists(dbPath) ? StorymatchEngine.Open(new StorymatchOptions { DatabasePath = dbPath, ReadOnly = true }) : null;
            var resolved = new List<(string Name, Article Article)>(2);
            foreach (string name in (string[])[parse.GetValue(a)!, parse.GetValue(b)!])
            {
                try
                {
                    resolved.Add((name, engine is not null ? engine.ResolveArticle(name)
                        : File.Exists(name) ? StorymatchEngine.ReadArticleFile(name)
                        : throw new CliUsageException($"{name}: no such file (and no database at {dbPath} to look it up as an id)")));
                }
                catch (ArticleInputException e) when (!File.Exists(name) || e.Message.Contains("holds many articles", StringComparison.Ordinal))
                {
                    throw new CliUsageException(e.Message);
                }
                catch (ArticleInputException e)
                {
                    error.WriteLine($"storymatch: {e.Message}");
                    return Program.ExitSomeRejected;
                }
            }

            ArticleComparison comparison = engine?.Compare(resolved[0].Article, resolved[1].Article)
                ?? StorymatchEngine.CompareStandalone(resolved[0].Article, resolved[1].Article);
            StoryComparison versions = StorymatchEngine.CompareVersions([resolved[0].Article with { Id = resolved[0].Name }, resolved[1].Article with { Id = resolved[1].Name }]);
            var pair = new ComparedPair(resolved[0].Name, resolved[0].Article, resolved[1].Name, resolved[1].Article, comparison, versions);
            var report = new JsonObject { ["a"] = pair.NameA, ["b"] = pair.NameB };
            var lines = new List<string>
            {
                $"A  {pair.NameA}{TitleSuffix(pair.A)}",
                $"B  {pair.NameB}{TitleSuffix(pair.B)}",
            };
            foreach (ICompareSection section in Sections)
            {
                section.Add(pair, report, lines);
            }

            if (parse.GetValue(html) is { } htmlFile)
            {
                ComparisonOutput.WriteHtml(versions, $"{pair.NameA} and {pair.NameB}", htmlFile);
                lines.Add($"HTML report: {htmlFile.FullName}");
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(report.ToJsonString());
            }
            else
            {
                foreach (string line in lines)
                {
                    output.WriteLine(line);
                }
            }

            return Program.ExitOk;
        });
        return command;
    }

    private static string TitleSuffix(Article article) => article.Title is { Length: > 0 } title ? $"  \"{title}\"" : "";
}

/// <summary>Two articles being compared, with what every section needs.</summary>
/// <param name="NameA">A as the user named it (a path or a stored id).</param>
/// <param name="A">The first article.</param>
/// <param name="NameB">B as the user named it.</param>
/// <param name="B">The second article.</param>
/// <param name="Comparison">What the engine measured between them.</param>
/// <param name="Versions">How they differ (A taken as the original).</param>
internal sealed record ComparedPair(string NameA, Article A, string NameB, Article B, ArticleComparison Comparison, StoryComparison Versions);

/// <summary>How the two differ: the story comparison of A (as the original) and B, as the "comparison" object and its text report.</summary>
internal sealed class CompareDifferencesSection : ICompareSection
{
    public void Add(ComparedPair pair, JsonObject json, List<string> lines)
    {
        json["comparison"] = System.Text.Json.JsonSerializer.SerializeToNode(pair.Versions, CliJson.Default.StoryComparison);
        lines.Add("");
        lines.AddRange(ComparisonTextReport.Lines(pair.Versions));
    }
}

/// <summary>One part of the <c>compare</c> report: adds its fields to the JSON object and its lines to the text report.</summary>
internal interface ICompareSection
{
    void Add(ComparedPair pair, JsonObject json, List<string> lines);
}

/// <summary>Exact copy, Jaccard at 1, 3 and 5-word shingles, containment both ways, MinHash estimate.</summary>
internal sealed class DuplicateMeasuresSection : ICompareSection
{
    public void Add(ComparedPair pair, JsonObject json, List<string> lines)
    {
        PairMeasures m = pair.Comparison.Measures;
        json["exact"] = m.Exact;
        json["jaccard_1"] = Round(m.Jaccard1);
        json["jaccard_3"] = Round(m.Jaccard3);
        json["jaccard_5"] = Round(m.Jaccard5);
        json["shingle_size"] = m.ShingleSize;
        json["containment_ab"] = Round(m.ContainmentAB);
        json["containment_ba"] = Round(m.ContainmentBA);
        json["minhash_estimate"] = Round(m.MinHashEstimate);

        lines.Add($"exact copy              {(m.Exact ? "yes (same normalised text)" : "no")}");
        lines.Add($"Jaccard, 1-word         {F(m.Jaccard1)}");
        lines.Add($"Jaccard, 3-word         {F(m.Jaccard3)}");
        lines.Add($"Jaccard, 5-word         {F(m.Jaccard5)}");
        lines.Add($"containment A in B      {F(m.ContainmentAB)}  ({m.ShingleSize}-word shingles of A found in B)");
        lines.Add($"containment B in A      {F(m.ContainmentBA)}");
        lines.Add($"MinHash estimate        {F(m.MinHashEstimate)}  ({pair.Comparison.Permutations} permutations, {m.ShingleSize}-word shingles)");
    }

    private static double Round(double value) => Math.Round(value, 4);

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}

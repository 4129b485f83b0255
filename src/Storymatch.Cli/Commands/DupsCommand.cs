using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Storymatch.Matching;
using Storymatch.Storage;

namespace Storymatch.Cli.Commands;

/// <summary>
/// <c>storymatch dups [--threshold J] [--json] [--db FILE]</c>: exact copies and near-duplicates among the stored
/// documents: groups (with titles), then pairs. With <c>--json</c>, one object per pair and line:
/// <c>{"a","b","relation","jaccard","containment_ab","containment_ba"}</c>.
/// </summary>
internal static class DupsCommand
{
    public static Command Create()
    {
        var threshold = new Option<double?>("--threshold")
        {
            Description = $"Near-duplicate Jaccard threshold on word shingles, between 0 and 1 (default: the database's, {FingerprintSettings.DefaultThreshold}).",
        };
        threshold.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double j) && !(j > 0 && j < 1))
            {
                result.AddError("--threshold must be between 0 and 1 (exclusive)");
            }
        });
        Option<FileInfo?> db = CliCommon.DbOption();
        Option<bool> json = CliCommon.JsonOption("One JSON object per duplicate pair and line.");
        var command = new Command("dups", "List exact copies and near-duplicates among the stored documents.") { threshold, db, json };
        command.SetAction(parse =>
        {
            using StorymatchEngine engine = CliCommon.OpenExisting(parse, db);
            DuplicateReport report = engine.FindDuplicates(parse.GetValue(threshold));
            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                WriteJson(report, output);
            }
            else
            {
                double used = parse.GetValue(threshold) ?? engine.FingerprintSettings.Threshold;
                WriteText(report, engine, used, output);
            }

            return Program.ExitOk;
        });
        return command;
    }

    internal static void WriteJson(DuplicateReport report, TextWriter output)
    {
        foreach (DuplicatePair pair in report.Pairs)
        {
            output.WriteLine(JsonSerializer.Serialize(
                new DuplicatePairJson(pair.A, pair.B, pair.Relation, Math.Round(pair.Jaccard, 4), Math.Round(pair.ContainmentAB, 4), Math.Round(pair.ContainmentBA, 4)),
                CliJson.Default.DuplicatePairJson));
        }
    }

    internal static void WriteText(DuplicateReport report, StorymatchEngine engine, double threshold, TextWriter output)
    {
        int exact = report.Pairs.Count(p => p.Relation == DuplicateRelation.Exact);
        int inGroups = report.Groups.Sum(g => g.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Groups.Count} duplicate groups holding {inGroups} of {report.Documents} documents; {report.Pairs.Count} pairs ({exact} exact, {report.Pairs.Count - exact} near-duplicate at Jaccard >= {threshold})"));
        for (int g = 0; g < report.Groups.Count; g++)
        {
            output.WriteLine();
            output.WriteLine($"group {g + 1}: {report.Groups[g].Count} documents");
            int width = report.Groups[g].Max(id => id.Length);
            foreach (string id in report.Groups[g])
            {
                string title = engine.GetDocument(id)?.Article.Title is { Length: > 0 } t ? $"  \"{t}\"" : "";
                output.WriteLine($"  {id.PadRight(width)}{title}");
            }
        }

        if (report.Pairs.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("relation        jaccard  cont_ab  cont_ba  a -> b");
        foreach (DuplicatePair p in report.Pairs)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.Relation,-14}  {p.Jaccard,7:0.000}  {p.ContainmentAB,7:0.000}  {p.ContainmentBA,7:0.000}  {p.A} -> {p.B}"));
        }
    }
}

internal sealed record DuplicatePairJson(string A, string B, string Relation, double Jaccard, double ContainmentAb, double ContainmentBa);

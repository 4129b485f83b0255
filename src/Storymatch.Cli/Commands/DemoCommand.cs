using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Storymatch.Ingest;
using Storymatch.Matching;
using Storymatch.Storage;

namespace Storymatch.Cli.Commands;

/// <summary>
/// <c>storymatch demo [--json] [--db FILE] [--samples DIR]</c>: ingests the bundled sample corpus into a fresh
/// temporary database (or --db) and prints a readable report. The report is built by <see cref="Sections"/>, in
/// order; a later stage appends its own (e.g. stories).
/// </summary>
internal static class DemoCommand
{
    /// <summary>The report's sections after the ingest counts. To add one, implement <see cref="IDemoSection"/> and append it.</summary>
    public static IReadOnlyList<IDemoSection> Sections { get; } = [new DuplicateGroupsSection(), new DemoStoriesSection()];

    public static Command Create()
    {
        Option<FileInfo?> db = CliCommon.DbOption();
        db.Description = "Keep the demo database in this file (default: a temporary file, deleted afterwards).";
        var samples = new Option<DirectoryInfo?>("--samples") { Description = "The sample corpus folder (default: samples/ of the repository)." };
        Option<bool> json = CliCommon.JsonOption("Print the report as one JSON object.");
        var command = new Command("demo", "Ingest the bundled sample corpus and report its duplicate groups.") { db, samples, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string samplesPath = parse.GetValue(samples)?.FullName ?? FindSamples()
                ?? throw new CliUsageException("samples/ not found: run the demo from the repository (or below it), or name the folder with --samples");
            if (!Directory.Exists(samplesPath))
            {
                throw new CliUsageException($"{samplesPath}: no such folder");
            }

            string dbPath = parse.GetValue(db)?.FullName ?? Path.Combine(Path.GetTempPath(), $"storymatch-demo-{Guid.NewGuid():N}.db");
            bool temporary = parse.GetValue(db) is null;
            try
            {
                return await RunAsync(samplesPath, dbPath, parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
            }
            finally
            {
                if (temporary)
                {
                    foreach (string file in (string[])[dbPath, dbPath + "-wal", dbPath + "-shm"])
                    {
                        File.Delete(file);
                    }
                }
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(string samplesPath, string dbPath, bool json, TextWriter output, TextWriter error, CancellationToken ct)
    {
        using StorymatchEngine engine = StorymatchEngine.Open(new StorymatchOptions { DatabasePath = dbPath });
        var skipped = new List<string>();
        IngestSummary ingest = await engine.IngestAsync(
            [samplesPath],
            new IngestCallbacks
            {
                Issues = issue =>
                {
                    if (issue.IsRejection)
                    {
                        error.WriteLine(IngestCommand.FormatIssue(issue));
                    }
                    else
                    {
                        skipped.Add(Path.GetRelativePath(samplesPath, issue.Location.Input));
                    }
                },
            },
            cancellationToken: ct);

        var context = new DemoContext(engine, samplesPath, ingest);
        var report = new JsonObject
        {
            ["samples"] = samplesPath,
            ["ingest"] = new JsonObject
            {
                ["accepted"] = ingest.Accepted,
                ["duplicates"] = ingest.Duplicates,
                ["rejected"] = ingest.Rejected,
                ["skipped"] = ingest.Skipped,
                ["seconds"] = Math.Round(ingest.Elapsed.TotalSeconds, 3),
            },
        };
        var lines = new List<string>
        {
            $"Storymatch demo: the sample corpus in {samplesPath}",
            string.Create(CultureInfo.InvariantCulture,
                $"ingested {ingest.Accepted} articles in {ingest.Elapsed.TotalSeconds:0.0} s ({ingest.Rejected} rejected{(skipped.Count > 0 ? $", {skipped.Count} other files skipped: {string.Join(", ", skipped)}" : "")})"),
        };
        foreach (IDemoSection section in Sections)
        {
            lines.Add("");
            section.Add(context, report, lines);
        }

        if (json)
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

        return ingest.Cancelled ? CliCommon.ExitInterrupted : ingest.Rejected > 0 ? Program.ExitSomeRejected : Program.ExitOk;
    }

    /// <summary>samples/ of the repository holding the current folder or this program (the folder with Storymatch.slnx).</summary>
    internal static string? FindSamples()
    {
        foreach (string start in (string[])[Directory.GetCurrentDirectory(), AppContext.BaseDirectory])
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string samples = Path.Combine(dir.FullName, "samples");
                if (File.Exists(Path.Combine(dir.FullName, "Storymatch.slnx")) && Directory.Exists(samples))
                {
                    return samples;
                }
            }
        }

        return null;
    }
}

/// <summary>What every demo section sees: the freshly filled store, the corpus folder and the ingest outcome.</summary>
internal sealed record DemoContext(StorymatchEngine Engine, string SamplesPath, IngestSummary Ingest);

/// <summary>One part of the demo report: adds its fields to the JSON object and its lines to the text report.</summary>
internal interface IDemoSection
{
    void Add(DemoContext context, JsonObject json, List<string> lines);
}

/// <summary>Duplicate groups with titles, checked against samples/expected.json when it is there.</summary>
internal sealed class DuplicateGroupsSection : IDemoSection
{
    public void Add(DemoContext context, JsonObject json, List<string> lines)
    {
        DuplicateReport report = context.Engine.FindDuplicates();
        int exact = report.Pairs.Count(p => p.Relation == DuplicateRelation.Exact);
        lines.Add($"Duplicate groups: {report.Groups.Count} ({exact} exact-copy pairs, {report.Pairs.Count - exact} near-duplicate pairs at word 5-gram Jaccard >= {FingerprintSettings.DefaultThreshold.ToString(CultureInfo.InvariantCulture)})");
        var groupsJson = new JsonArray();
        for (int g = 0; g < report.Groups.Count; g++)
        {
            IReadOnlyList<string> group = report.Groups[g];
            string? title = context.Engine.GetDocument(group[0])?.Article.Title;
            lines.Add($"  {g + 1}. {group.Count} versions of \"{title}\"");
            var members = new JsonArray();
            foreach (string id in group)
            {
                string how = Relation(report, group[0], id);
                lines.Add($"       {id}{(how.Length > 0 ? "  (" + how + ")" : "")}");
                members.Add((JsonNode)id);
            }

            groupsJson.Add(new JsonObject { ["title"] = title, ["members"] = members });
        }

        json["duplicate_groups"] = groupsJson;
        if (ExpectedGroups(context.SamplesPath) is { } expected)
        {
            var found = new HashSet<string>(report.Groups.Select(Key), StringComparer.Ordinal);
            int matched = expected.Count(e => found.Contains(Key(e)));
            int extra = report.Groups.Count - matched;
            lines.Add($"  Check against samples/expected.json: {matched} of {expected.Count} expected groups found exactly, {extra} unexpected.");
            json["expected_groups"] = new JsonObject { ["expected"] = expected.Count, ["matched"] = matched, ["unexpected"] = extra };
        }
    }

    /// <summary>How <paramref name="id"/> relates to the group's first member, e.g. "exact copy" or "near-duplicate, Jaccard 0.92".</summary>
    private static string Relation(DuplicateReport report, string first, string id)
    {
        if (id == first)
        {
            return "";
        }

        DuplicatePair? pair = report.Pairs.FirstOrDefault(p => (p.A == first && p.B == id) || (p.A == id && p.B == first));
        return pair is null ? "linked through another member"
            : pair.Relation == DuplicateRelation.Exact ? "exact copy"
            : string.Create(CultureInfo.InvariantCulture, $"near-duplicate, Jaccard {pair.Jaccard:0.00}");
    }

    private static string Key(IEnumerable<string> group) => string.Join('\n', group.Order(StringComparer.Ordinal));

    private static List<List<string>>? ExpectedGroups(string samplesPath)
    {
        string path = Path.Combine(samplesPath, "expected.json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!doc.RootElement.TryGetProperty("near_duplicate_groups", out JsonElement groups))
            {
                return null;
            }

            return [.. groups.EnumerateArray().Select(g => g.EnumerateArray().Select(m => m.GetString()!).ToList())];
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Storymatch.Comparison;
using Storymatch.Matching;
using Storymatch.Stories;

namespace Storymatch.Cli.Commands;

/// <summary>
/// <c>storymatch story ID [--db FILE] [--json]</c>: one story's members, each with its relation to the story's
/// likely original and the evidence (aligned sentences, shared entities, numbers and dates). ID is a story number,
/// or a document id (the story holding that document).
/// </summary>
internal static class StoryCommand
{
    /// <summary>Aligned sentence pairs shown per member in text output (JSON has all the evidence).</summary>
    private const int PairsShown = 3;

    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "A story number (from 'storymatch stories'), or the id of a document in it." };
        Option<FileInfo?> db = CliCommon.DbOption();
        Option<bool> json = CliCommon.JsonOption("Print the story (with --compare: the comparison) as one JSON object.");
        var compare = new Option<bool>("--compare") { Description = "Compare the versions: entities, quotes, numbers and dates, discrepancies, additions, omissions, provenance." };
        Option<FileInfo?> html = ComparisonOutput.HtmlOption();
        var command = new Command("story", "Show one story: its members, how each relates to its source and the original, and the evidence.") { id, db, json, compare, html };
        command.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            string key = parse.GetValue(id)!;
            using StorymatchEngine engine = CliCommon.OpenExisting(parse, db);
            long? storyId = long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : engine.StoryOf(key);
            StoryDetail? story = storyId is { } s ? engine.GetStory(s) : null;
            if (story is null)
            {
                error.WriteLine($"storymatch: {key}: no such story or document");
                return Program.ExitSomeRejected;
            }

            if (parse.GetValue(compare) || parse.GetValue(html) is not null)
            {
                StoryComparison comparison = engine.CompareStory(story.Summary.Story)!;
                return ComparisonOutput.Write(comparison, $"Story {story.Summary.Story}: {story.Summary.Title}", parse.GetValue(json), parse.GetValue(html), output);
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(ToJson(story), CliJson.Default.StoryJson));
                return Program.ExitOk;
            }

            var lines = new List<string>();
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"story {story.Summary.Story}: {story.Summary.Title}"));
            lines.Add($"original: {story.Summary.Original}");
            foreach (StoryMember m in story.Members)
            {
                string when = m.Published is { } p ? p.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) : "no date";
                if (m.RelationToOriginal is not { } r)
                {
                    lines.Add($"* {m.Id} ({when}): the original");
                    continue;
                }

                RelationEvidence e = r.Evidence;
                if (m.RelationToSource is { } toSource && m.Source is { } source)
                {
                    RelationEvidence se = toSource.Evidence;
                    string whose = source == story.Summary.Original ? " (the original)" : "";
                    ComparisonTextReport.Wrap(lines, "", string.Create(CultureInfo.InvariantCulture,
                        $"- {m.Id} ({when}): {toSource.KindName} of {source}{whose}; {se.SentencesReused:0.00} of its sentences reused; story similarity {se.StorySimilarity:0.00}"));
                    if (source != story.Summary.Original)
                    {
                        ComparisonTextReport.Wrap(lines, "    ", string.Create(CultureInfo.InvariantCulture,
                            $"to the original: {r.KindName}, {e.SentencesReused:0.00} of its sentences reused, story similarity {e.StorySimilarity:0.00}"));
                    }

                    if (m.Chain.Count > 2)
                    {
                        ComparisonTextReport.Wrap(lines, "    ", "chain of rewrites: " + string.Join(" -> ", m.Chain));
                    }
                }
                else
                {
                    ComparisonTextReport.Wrap(lines, "", string.Create(CultureInfo.InvariantCulture,
                        $"- {m.Id} ({when}): independent report ({r.KindName} to the original); {e.SentencesReused:0.00} of its sentences shared; story similarity {e.StorySimilarity:0.00}"));
                }

                if (m.Through is { } through)
                {
                    lines.Add(string.Create(CultureInfo.InvariantCulture, $"    in the story through {through} (story similarity {m.ThroughScore:0.00})"));
                }

                RelationEvidence shown = m.RelationToSource?.Evidence ?? e;
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"    coverage {shown.CoverageA:0.00}/{shown.CoverageB:0.00}, order {shown.OrderPreservation:0.00}"));
                if (e.SharedEntities.Count > 0)
                {
                    ComparisonTextReport.Wrap(lines, "    ", $"entities: {string.Join(", ", e.SharedEntities.Take(10))}");
                }

                if (e.SharedNumbers.Count + e.SharedDates.Count > 0)
                {
                    ComparisonTextReport.Wrap(lines, "    ", $"numbers/dates: {string.Join(", ", e.SharedNumbers.Concat(e.SharedDates).Take(10))}");
                }

                foreach (SentencePairEvidence pair in shown.AlignedSentences.OrderByDescending(x => x.Score).Take(PairsShown))
                {
                    ComparisonTextReport.Wrap(lines, "    ", string.Create(CultureInfo.InvariantCulture, $"{pair.Score:0.00}  #{pair.IndexA}: \"{pair.SentenceA}\""));
                    ComparisonTextReport.Wrap(lines, "          ", string.Create(CultureInfo.InvariantCulture, $"#{pair.IndexB}: \"{pair.SentenceB}\""));
                }
            }

            foreach (string line in lines)
            {
                output.WriteLine(line);
            }

            return Program.ExitOk;
        });
        return command;
    }

    internal static StoryJson ToJson(StoryDetail story) => new(
        story.Summary.Story,
        story.Summary.Title,
        story.Summary.Original,
        [.. story.Members.Select(m => new StoryMemberJson(
            m.Id,
            m.Title,
            m.Published,
            Math.Round(m.JoinScore, 3),
            m.RelationToOriginal is { } r ? r.KindName : "original",
            m.RelationToOriginal is { } r2 ? Math.Round(r2.Score, 3) : 1.0,
            m.RelationToOriginal?.Evidence,
            m.Through,
            m.Source,
            m.RelationToSource?.KindName,
            m.RelationToSource is { } rs ? rs.Evidence.SentencesReused : null,
            m.RelationToOriginal?.Evidence.StorySimilarity,
            m.Chain)
        { Crawled = m.Crawled })]);

    private static string Shorten(string s) => s.Length <= 100 ? s : string.Concat(s.AsSpan(0, 99), "…");
}

/// <summary><c>story --json</c>: the story and each member's relation to the original.</summary>
internal sealed record StoryJson(long Story, string Title, string Original, IReadOnlyList<StoryMemberJson> Members);

/// <summary>One member in <c>story --json</c>; relation "original" (score 1, no evidence) for the original itself.</summary>
/// <remarks>
/// <c>relation</c>, <c>score</c> and <c>evidence</c> are to the original; <c>source</c> is the member this one most likely
/// derives from (null: the original, or an independent report) with <c>relation_to_source</c> and the share of this
/// member's sentences reused from it (<c>sentences_reused</c>), apart from <c>story_similarity</c> to the original;
/// <c>chain</c> runs from the original to this member.
/// </remarks>
internal sealed record StoryMemberJson(string Id, string? Title, DateTimeOffset? Published, double JoinScore, string Relation, double Score, RelationEvidence? Evidence, string? Through,
    string? Source, string? RelationToSource, double? SentencesReused, double? StorySimilarity, IReadOnlyList<string> Chain)
{
    /// <summary>When the page was fetched, for crawled members (null otherwise).</summary>
    public DateTimeOffset? Crawled { get; init; }
}

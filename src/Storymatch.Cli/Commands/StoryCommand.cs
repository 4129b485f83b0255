using System.CommandLine;
using System.Globalization;
using System.Text.Json;
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
        Option<bool> json = CliCommon.JsonOption("Print the story as one JSON object.");
        var command = new Command("story", "Show one story: its members, how each relates to the original, and the evidence.") { id, db, json };
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

            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(ToJson(story), CliJson.Default.StoryJson));
                return Program.ExitOk;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"story {story.Summary.Story}: {story.Summary.Title}"));
            output.WriteLine($"original: {story.Summary.Original}");
            foreach (StoryMember m in story.Members)
            {
                string when = m.Published is { } p ? p.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) : "no date";
                if (m.RelationToOriginal is not { } r)
                {
                    output.WriteLine($"* {m.Id} ({when}): the original");
                    continue;
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- {m.Id} ({when}): {r.KindName}, score {r.Score:0.00}"));
                if (m.Through is { } through)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    in the story through {through} (story similarity {m.ThroughScore:0.00})"));
                }

                RelationEvidence e = r.Evidence;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    coverage {e.CoverageA:0.00}/{e.CoverageB:0.00}, order {e.OrderPreservation:0.00}, story similarity {e.StorySimilarity:0.00}"));
                if (e.SharedEntities.Count > 0)
                {
                    output.WriteLine($"    entities: {string.Join(", ", e.SharedEntities.Take(10))}");
                }

                if (e.SharedNumbers.Count + e.SharedDates.Count > 0)
                {
                    output.WriteLine($"    numbers/dates: {string.Join(", ", e.SharedNumbers.Concat(e.SharedDates).Take(10))}");
                }

                foreach (SentencePairEvidence pair in e.AlignedSentences.OrderByDescending(x => x.Score).Take(PairsShown))
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {pair.Score:0.00}  \"{Shorten(pair.SentenceA)}\""));
                    output.WriteLine($"          \"{Shorten(pair.SentenceB)}\"");
                }
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
            m.Through)
        { Crawled = m.Crawled })]);

    private static string Shorten(string s) => s.Length <= 100 ? s : string.Concat(s.AsSpan(0, 99), "…");
}

/// <summary><c>story --json</c>: the story and each member's relation to the original.</summary>
internal sealed record StoryJson(long Story, string Title, string Original, IReadOnlyList<StoryMemberJson> Members);

/// <summary>One member in <c>story --json</c>; relation "original" (score 1, no evidence) for the original itself.</summary>
internal sealed record StoryMemberJson(string Id, string? Title, DateTimeOffset? Published, double JoinScore, string Relation, double Score, RelationEvidence? Evidence, string? Through)
{
    /// <summary>When the page was fetched, for crawled members (null otherwise).</summary>
    public DateTimeOffset? Crawled { get; init; }
}

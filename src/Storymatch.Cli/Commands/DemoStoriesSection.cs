using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Storymatch.Stories;

namespace Storymatch.Cli.Commands;

/// <summary>
/// The demo's stories: each story of more than one article with its likely original and every member's relation
/// to it, then the pairwise precision/recall of the grouping against samples/expected.json when it is there.
/// </summary>
internal sealed class DemoStoriesSection : IDemoSection
{
    public void Add(DemoContext context, JsonObject json, List<string> lines)
    {
        IReadOnlyList<StorySummary> stories = context.Engine.ListStories();
        var multi = stories.Where(s => s.Members.Count > 1).ToList();
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"Stories: {stories.Count} ({multi.Count} told more than once)"));
        var storiesJson = new JsonArray();
        foreach (StorySummary story in multi)
        {
            StoryDetail detail = context.Engine.GetStory(story.Story)!;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {story.Story}. \"{story.Title}\" ({story.Members.Count} versions, original {story.Original})"));
            var members = new JsonArray();
            foreach (StoryMember m in detail.Members.Where(m => m.RelationToOriginal is not null))
            {
                string through = m.Through is { } t ? $"; through {t}" : "";
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"       {m.Id}  ({m.RelationToOriginal!.KindName}, {m.RelationToOriginal.Score:0.00}{through})"));
                members.Add(new JsonObject { ["id"] = m.Id, ["relation"] = m.RelationToOriginal.KindName, ["score"] = Math.Round(m.RelationToOriginal.Score, 3) });
            }

            storiesJson.Add(new JsonObject { ["story"] = story.Story, ["title"] = story.Title, ["original"] = story.Original, ["members"] = members });
        }

        json["stories"] = storiesJson;
        if (ExpectedStories(context.SamplesPath) is { } expected)
        {
            var predicted = stories.SelectMany(s => s.Members.Select(m => (m, s.Story))).ToDictionary(x => x.m, x => x.Story, StringComparer.Ordinal);
            string[] ids = [.. expected.Keys.Where(predicted.ContainsKey)];
            (double precision, double recall, _) = PairwiseAgreement.Score(ids, id => expected[id], id => predicted[id]);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  Check against samples/expected.json: same-story pairs precision {precision:0.000}, recall {recall:0.000} over {ids.Length} articles."));
            json["expected_stories"] = new JsonObject { ["articles"] = ids.Length, ["pair_precision"] = Math.Round(precision, 4), ["pair_recall"] = Math.Round(recall, 4) };
        }
    }

    /// <summary>Article id → expected story key (null: a story of its own), or null when expected.json is absent or unreadable.</summary>
    private static Dictionary<string, string?>? ExpectedStories(string samplesPath)
    {
        string path = Path.Combine(samplesPath, "expected.json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            if (!doc.RootElement.TryGetProperty("articles", out JsonElement articles))
            {
                return null;
            }

            var result = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (JsonProperty a in articles.EnumerateObject())
            {
                result[a.Name] = a.Value.TryGetProperty("story", out JsonElement s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            }

            return result;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

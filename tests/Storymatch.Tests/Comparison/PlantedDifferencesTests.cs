using System.Text.Json;
using Storymatch.Comparison;
using Storymatch.Tests.Samples;

namespace Storymatch.Tests.Comparison;

/// <summary>
/// The comparison finds the differences planted in the sample stories (samples/expected.json, "comparisons"):
/// recall at least 0.95 and precision at least 0.9 over discrepancies, additions, omissions and drifting quotes.
/// Every reported item counts towards precision; an item matches an expected one of its kind between the same versions.
/// </summary>
public class PlantedDifferencesTests
{
    public const double MinRecall = 0.95;
    public const double MinPrecision = 0.9;

    [Fact]
    public void Planted_differences_are_found_with_recall_095_and_precision_09()
    {
        using JsonDocument expected = SampleCorpus.ReadExpected();
        JsonElement comparisons = expected.RootElement.GetProperty("comparisons");
        int expectedCount = 0;
        int found = 0;
        int reported = 0;
        int correct = 0;
        ITestOutputHelper? output = TestContext.Current.TestOutputHelper;
        foreach (JsonProperty story in comparisons.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
        {
            string[] ids = [.. story.Value.GetProperty("versions").EnumerateArray().Select(v => v.GetString()!)];
            StoryComparison c = StorymatchEngine.CompareVersions([.. ids.Select(Article)]);
            int V(string id) => Array.IndexOf(ids, id) + 1;
            var items = Reported(c);
            var planted = story.Value.GetProperty("differences").EnumerateArray().ToList();
            var matched = new bool[items.Count];
            (int e0, int f0, int r0, int c0) = (expectedCount, found, reported, correct);
            foreach (JsonElement e in planted)
            {
                expectedCount++;
                int hit = items.FindIndex(i => Matches(i, e, V));
                if (hit >= 0)
                {
                    found++;
                    matched[hit] = true;
                }
                else
                {
                    output?.WriteLine($"{story.Name}: missed {e}");
                }
            }

            // An item is correct when some planted difference describes it (several may describe one, or one several).
            for (int i = 0; i < items.Count; i++)
            {
                reported++;
                if (matched[i] || planted.Exists(e => Matches(items[i], e, V)))
                {
                    correct++;
                }
                else
                {
                    output?.WriteLine($"{story.Name}: not planted: {items[i]}");
                }
            }

            output?.WriteLine($"{story.Name}: found {found - f0}/{expectedCount - e0} planted, {correct - c0}/{reported - r0} reported items planted");
        }

        double recall = (double)found / expectedCount;
        double precision = reported == 0 ? 0 : (double)correct / reported;
        output?.WriteLine($"recall {recall:F3} ({found}/{expectedCount}), precision {precision:F3} ({correct}/{reported})");
        Assert.True(expectedCount >= 15, "too few planted differences to measure");
        Assert.True(recall >= MinRecall, $"recall {recall:F3} < {MinRecall}");
        Assert.True(precision >= MinPrecision, $"precision {precision:F3} < {MinPrecision}");
    }

    /// <summary>What the comparison reports, as uniform items: kind, versions, words.</summary>
    internal static List<Item> Reported(StoryComparison c)
    {
        var items = new List<Item>();
        foreach (Discrepancy d in c.Discrepancies)
        {
            items.Add(new Item(Kind(d.Kind), d.A.Version, d.B.Version,
                string.Join(' ', d.A.Changed.Where(m => m.Fact).Select(m => m.Text)),
                string.Join(' ', d.B.Changed.Where(m => m.Fact).Select(m => m.Text))));
        }

        items.AddRange(c.Additions.Select(a => new Item("addition", 0, a.Version, "", a.Text)));
        items.AddRange(c.Omissions.Select(o => new Item("omission", 0, o.Version, "", o.Text)));
        items.AddRange(c.Quotes.Where(q => q.Drift).Select(q => new Item("quote_drift", 0, 0, "",
            string.Join(" | ", q.Versions.Where(v => v.Wording is not null).Select(v => v.Wording)))));
        return items;
    }

    private static bool Matches(Item item, JsonElement e, Func<string, int> version)
    {
        string kind = e.GetProperty("kind").GetString()!;
        if (item.Kind != kind)
        {
            return false;
        }

        return kind switch
        {
            "addition" or "omission" => item.B == version(e.GetProperty("version").GetString()!)
                && item.WordsB.Contains(e.GetProperty("text").GetString()!, StringComparison.OrdinalIgnoreCase),
            "quote_drift" => item.WordsB.Contains(e.GetProperty("text").GetString()!, StringComparison.OrdinalIgnoreCase),
            _ => item.A == version(e.GetProperty("a").GetString()!) && item.B == version(e.GetProperty("b").GetString()!)
                && item.WordsA.Contains(e.GetProperty("a_words").GetString()!, StringComparison.OrdinalIgnoreCase)
                && item.WordsB.Contains(e.GetProperty("b_words").GetString()!, StringComparison.OrdinalIgnoreCase),
        };
    }

    private static string Kind(DiscrepancyKind kind) => JsonSerializer.Serialize(kind).Trim('"');

    private static Article Article(string id)
    {
        SampleDocument doc = SampleCorpus.Documents[id];
        return new Article { Id = id, Title = doc.Title, Text = doc.Body, Published = doc.Published };
    }

    internal sealed record Item(string Kind, int A, int B, string WordsA, string WordsB);
}

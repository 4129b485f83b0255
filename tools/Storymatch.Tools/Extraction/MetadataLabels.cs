using System.Globalization;
using System.Text.Json;

namespace Storymatch.Tools.Extraction;

/// <summary>One hand-labelled page: its bylines (people only) and its publication day as the page states it.</summary>
internal sealed record MetadataLabel(string Id, IReadOnlyList<string> Authors, DateOnly Published, string? Note);

/// <summary>How a page's extracted metadata compares with its label.</summary>
internal sealed record MetadataCheck(MetadataLabel Label, IReadOnlyList<string> Authors, DateTimeOffset? Published)
{
    /// <summary>The same set of names, compared without case, dots or extra spaces.</summary>
    public bool AuthorsRight =>
        Label.Authors.Select(Key).Order(StringComparer.Ordinal).SequenceEqual(Authors.Select(Key).Distinct().Order(StringComparer.Ordinal));

    /// <summary>
    /// The labelled day, or the day before or after it: a label is the day in the page's own time zone, an
    /// extracted time may be its UTC instant.
    /// </summary>
    public bool DateRight => Published is { } p && Math.Abs(DateOnly.FromDateTime(p.UtcDateTime).DayNumber - Label.Published.DayNumber) <= 1;

    private static string Key(string name) =>
        string.Join(' ', name.Replace(".", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}

/// <summary>The metadata labels of benchmark pages (<c>{"pages": [{"id", "authors", "published"}]}</c>) and their scoring.</summary>
internal static class MetadataLabels
{
    public static List<MetadataLabel> Load(string path)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        var labels = new List<MetadataLabel>();
        foreach (JsonElement page in doc.RootElement.GetProperty("pages").EnumerateArray())
        {
            labels.Add(new MetadataLabel(
                page.GetProperty("id").GetString()!,
                [.. page.GetProperty("authors").EnumerateArray().Select(a => a.GetString()!)],
                DateOnly.ParseExact(page.GetProperty("published").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                page.TryGetProperty("note", out JsonElement note) ? note.GetString() : null));
        }

        return labels;
    }

    /// <summary>The labelled pages of a benchmark run, each with its check.</summary>
    public static List<MetadataCheck> Check(IEnumerable<MetadataLabel> labels, BenchmarkReport report)
    {
        Dictionary<string, BenchmarkPageResult> pages = report.Pages.ToDictionary(p => p.Page.Id, StringComparer.Ordinal);
        return [.. labels.Where(l => pages.ContainsKey(l.Id)).Select(l => new MetadataCheck(l, pages[l.Id].Authors, pages[l.Id].Published))];
    }
}

using System.Text;
using System.Text.Json;

namespace Storymatch.Tests.Stories;

/// <summary>Test corpora for story clustering: real unrelated articles from ../shared, and a writer into a store.</summary>
internal static class StoryCorpora
{
    /// <summary>
    /// Real article bodies: the extraction benchmark's ground truth (181 pages of one news day, 2019-11-18), then
    /// text1 of the SemEval pairs, up to <paramref name="count"/>. Skips the test when ../shared is absent.
    /// </summary>
    public static List<Article> UnrelatedOrSkip(int count)
    {
        string groundTruth = TestPaths.SharedOrSkip("data", "article-extraction-benchmark", "ground-truth.json");
        var list = new List<Article>();
        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllText(groundTruth)))
        {
            foreach (JsonProperty page in doc.RootElement.EnumerateObject())
            {
                string body = page.Value.GetProperty("articleBody").GetString() ?? string.Empty;
                if (body.Length > 0 && list.Count < count)
                {
                    list.Add(new Article { Id = "gt-" + page.Name[..12], Text = body });
                }
            }
        }

        string pairs = TestPaths.SharedOrSkip("data", "semeval2022-task8-pairs-dev.csv");
        foreach (string[] row in Csv(File.ReadAllText(pairs)).Skip(1))
        {
            if (list.Count >= count)
            {
                break;
            }

            if (row.Length > 4 && row[4].Length > 0)
            {
                list.Add(new Article { Id = $"semeval-{row[1]}-1", Text = row[4], Language = row[2] });
            }
        }

        return list;
    }

    /// <summary>RFC 4180 fields (quoted fields with doubled quotes and line breaks).</summary>
    private static IEnumerable<string[]> Csv(string text)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                yield return [.. row];
                row.Clear();
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            yield return [.. row];
        }
    }
}

using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Storymatch.Text;

namespace Storymatch.Tests.Samples;

/// <summary>
/// Checks that samples/expected.json tells the truth about samples/: every file is labelled, copies declared
/// exact are exact, near-duplicate groups are exactly the 5-word-shingle components at Jaccard 0.8, and
/// rewrites, reports and other stories stay far below that (so they exercise story matching, not hashing).
/// </summary>
public class SampleCorpusTests
{
    private static readonly string[] Relations = ["original", "exact", "near-duplicate", "rewrite", "partial-reuse", "same-story", "unrelated"];

    /// <summary>Declared rewrites, reports and cross-story pairs must stay under this 5-word-shingle Jaccard.</summary>
    private const double DistinctBelow = 0.5;

    private const double NearDuplicateThreshold = 0.8;

    /// <summary>A partial reuse holds at least this share of its source's shingles.</summary>
    private const double PartialReuseContainment = 0.25;

    [Fact]
    public void Every_article_file_is_labelled_and_every_label_has_an_article()
    {
        var onDisk = new HashSet<string>(SampleCorpus.ArticleFileIds(), StringComparer.Ordinal);
        Assert.All(onDisk, id => Assert.True(id.EndsWith(".txt", StringComparison.Ordinal) || id.EndsWith(".html", StringComparison.Ordinal), id + " is neither .txt nor .html"));

        var fromFeed = SampleCorpus.Documents.Keys.Where(id => !onDisk.Contains(id));
        var articles = new HashSet<string>(onDisk.Concat(fromFeed), StringComparer.Ordinal);
        var labelled = new HashSet<string>(SampleCorpus.Labels.Keys, StringComparer.Ordinal);

        Assert.Empty(articles.Except(labelled).Order(StringComparer.Ordinal));
        Assert.Empty(labelled.Except(articles).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Feed_lines_parse_and_carry_the_ingest_fields()
    {
        string[] lines = File.ReadAllLines(Path.Combine(SampleCorpus.Root, "feed.jsonl"));
        Assert.InRange(lines.Length, 8, 20);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int dated = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string where = $"feed.jsonl:{i + 1}";
            using JsonDocument json = JsonDocument.Parse(lines[i]);
            JsonElement o = json.RootElement;
            foreach (string field in new[] { "id", "url", "title", "text", "source" })
            {
                Assert.True(o.TryGetProperty(field, out JsonElement v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0, $"{where}: missing {field}");
            }

            Assert.True(ids.Add(o.GetProperty("id").GetString()!), $"{where}: duplicate id");
            Assert.True(Uri.TryCreate(o.GetProperty("url").GetString(), UriKind.Absolute, out _), $"{where}: url is not absolute");
            if (o.TryGetProperty("published", out JsonElement published))
            {
                _ = SampleCorpus.ParseTime(published.GetString()!);
                dated++;
            }
        }

        // Most feed articles are dated, some are not: ingest must handle both.
        Assert.InRange(dated, lines.Length / 2 + 1, lines.Length - 1);
    }

    [Fact]
    public void Labels_are_consistent_with_the_story_table()
    {
        using JsonDocument expected = SampleCorpus.ReadExpected();
        JsonElement stories = expected.RootElement.GetProperty("stories");
        IReadOnlyDictionary<string, SampleLabel> labels = SampleCorpus.Labels;
        foreach (SampleLabel label in labels.Values)
        {
            Assert.Contains(label.Relation, Relations);
            if (label.Story is null)
            {
                Assert.Equal("unrelated", label.Relation);
                Assert.Null(label.Original);
                Assert.True(label.Confuses is null || stories.TryGetProperty(label.Confuses, out _), label.Id + ": confuses an unknown story");
                continue;
            }

            Assert.True(stories.TryGetProperty(label.Story, out JsonElement story), label.Id + ": unknown story " + label.Story);
            Assert.Equal(story.GetProperty("original").GetString(), label.Original);
            Assert.Equal(label.Relation == "original", label.Id == label.Original);
            Assert.Contains(label.Id, story.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
            if (label.Relation is "exact" or "near-duplicate" or "partial-reuse")
            {
                Assert.NotNull(label.CopyOf);
            }

            if (label.CopyOf is not null)
            {
                Assert.True(labels.TryGetValue(label.CopyOf, out SampleLabel? source), label.Id + ": copy_of names no article");
                Assert.Equal(label.Story, source.Story);
            }
        }

        foreach (JsonProperty story in stories.EnumerateObject())
        {
            string[] members = [.. story.Value.GetProperty("members").EnumerateArray().Select(m => m.GetString()!)];
            Assert.All(members, m => Assert.Equal(story.Name, labels[m].Story));
            Assert.Equal(members.Length, labels.Values.Count(l => l.Story == story.Name));
            Assert.InRange(members.Length, 3, 10);
        }
    }

    [Fact]
    public void Declared_exact_copies_have_equal_normalised_text()
    {
        IReadOnlyDictionary<string, SampleDocument> docs = SampleCorpus.Documents;
        var exact = SampleCorpus.Labels.Values.Where(l => l.Relation == "exact").ToList();
        Assert.NotEmpty(exact);
        foreach (SampleLabel label in exact)
        {
            string copy = TextNormalizer.Normalize(docs[label.Id].FullText);
            string source = TextNormalizer.Normalize(docs[label.CopyOf!].FullText);
            Assert.True(copy == source, $"{label.Id} is declared an exact copy of {label.CopyOf} but their normalised texts differ");
        }

        // And nothing else is: near-duplicates must differ after normalisation, or the label would be wrong.
        foreach (SampleLabel label in SampleCorpus.Labels.Values.Where(l => l.Relation == "near-duplicate"))
        {
            Assert.NotEqual(TextNormalizer.Normalize(docs[label.CopyOf!].FullText), TextNormalizer.Normalize(docs[label.Id].FullText));
        }
    }

    [Fact]
    public void Near_duplicate_groups_are_exactly_the_components_at_jaccard_0_8()
    {
        string[] ids = [.. SampleCorpus.Documents.Keys.Order(StringComparer.Ordinal)];
        var parent = ids.ToDictionary(id => id, id => id, StringComparer.Ordinal);
        string Find(string x)
        {
            while (parent[x] != x)
            {
                x = parent[x];
            }

            return x;
        }

        for (int i = 0; i < ids.Length; i++)
        {
            for (int j = i + 1; j < ids.Length; j++)
            {
                if (SampleCorpus.Jaccard(SampleCorpus.ShinglesOf(ids[i]), SampleCorpus.ShinglesOf(ids[j])) >= NearDuplicateThreshold)
                {
                    parent[Find(ids[i])] = Find(ids[j]);
                }
            }
        }

        var measured = ids.GroupBy(Find).Where(g => g.Count() > 1).Select(g => string.Join(" | ", g.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal).ToList();

        using JsonDocument expected = SampleCorpus.ReadExpected();
        var declared = expected.RootElement.GetProperty("near_duplicate_groups").EnumerateArray()
            .Select(g => string.Join(" | ", g.EnumerateArray().Select(m => m.GetString()!).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(declared, measured);
    }

    [Fact]
    public void Each_near_duplicate_is_at_least_0_8_from_what_it_copies()
    {
        foreach (SampleLabel label in SampleCorpus.Labels.Values.Where(l => l.Relation is "exact" or "near-duplicate"))
        {
            double j = SampleCorpus.Jaccard(SampleCorpus.ShinglesOf(label.Id), SampleCorpus.ShinglesOf(label.CopyOf!));
            Assert.True(j >= NearDuplicateThreshold, $"{label.Id} vs {label.CopyOf}: Jaccard {j:F3} < {NearDuplicateThreshold}");
        }
    }

    [Fact]
    public void Articles_in_different_stories_share_less_than_half_their_shingles()
    {
        string[] ids = [.. SampleCorpus.Documents.Keys.Order(StringComparer.Ordinal)];
        IReadOnlyDictionary<string, SampleLabel> labels = SampleCorpus.Labels;
        for (int i = 0; i < ids.Length; i++)
        {
            for (int j = i + 1; j < ids.Length; j++)
            {
                string? a = labels[ids[i]].Story;
                string? b = labels[ids[j]].Story;
                if (a is not null && a == b)
                {
                    continue;
                }

                double jac = SampleCorpus.Jaccard(SampleCorpus.ShinglesOf(ids[i]), SampleCorpus.ShinglesOf(ids[j]));
                Assert.True(jac < DistinctBelow, $"{ids[i]} and {ids[j]} are in different stories but have Jaccard {jac:F3}");
            }
        }
    }

    [Fact]
    public void Rewrites_and_reports_of_one_story_are_below_half_so_only_story_matching_can_join_them()
    {
        IReadOnlyDictionary<string, SampleLabel> labels = SampleCorpus.Labels;
        HashSet<string> inNearGroups = NearDuplicateGroupMembers();
        Dictionary<string, string> groupOf = NearDuplicateGroupOf();
        foreach (SampleLabel label in labels.Values.Where(l => l.Relation is "rewrite" or "same-story" or "partial-reuse"))
        {
            foreach (SampleLabel other in labels.Values.Where(o => o.Story == label.Story && o.Id != label.Id))
            {
                // Copies of this article (its own syndication group) are near-duplicates by design.
                if (inNearGroups.Contains(label.Id) && groupOf.GetValueOrDefault(other.Id) == groupOf[label.Id])
                {
                    continue;
                }

                double j = SampleCorpus.Jaccard(SampleCorpus.ShinglesOf(label.Id), SampleCorpus.ShinglesOf(other.Id));
                Assert.True(j < DistinctBelow, $"{label.Id} ({label.Relation}) vs {other.Id}: Jaccard {j:F3} is not below {DistinctBelow}");
            }
        }
    }

    [Fact]
    public void Partial_reuse_holds_whole_passages_of_its_source()
    {
        var partial = SampleCorpus.Labels.Values.Where(l => l.Relation == "partial-reuse").ToList();
        Assert.NotEmpty(partial);
        foreach (SampleLabel label in partial)
        {
            HashSet<string> source = SampleCorpus.ShinglesOf(label.CopyOf!);
            HashSet<string> article = SampleCorpus.ShinglesOf(label.Id);
            double contained = SampleCorpus.Containment(source, article);
            Assert.True(contained >= PartialReuseContainment, $"{label.Id} holds only {contained:P0} of {label.CopyOf}");

            // The reused passages must be copied whole: some paragraph of the source appears verbatim (normalised).
            string normalisedArticle = TextNormalizer.Normalize(SampleCorpus.Documents[label.Id].FullText);
            string[] paragraphs = SampleCorpus.Documents[label.CopyOf!].Body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(paragraphs, p => p.Length > 100 && normalisedArticle.Contains(TextNormalizer.Normalize(p), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Originals_are_never_later_than_a_dated_member_of_their_story()
    {
        IReadOnlyDictionary<string, SampleDocument> docs = SampleCorpus.Documents;
        foreach (SampleLabel label in SampleCorpus.Labels.Values.Where(l => l.Story is not null && l.Relation != "original"))
        {
            if (docs[label.Original!].Published is { } original && docs[label.Id].Published is { } member)
            {
                Assert.True(original <= member, $"{label.Original} (original, {original:o}) is later than {label.Id} ({member:o})");
            }
        }
    }

    [Fact]
    public void Near_duplicates_are_edited_not_identical_and_each_members_overlap_is_reported()
    {
        IReadOnlyDictionary<string, SampleLabel> labels = SampleCorpus.Labels;
        ITestOutputHelper? output = TestContext.Current.TestOutputHelper;
        foreach (SampleLabel label in labels.Values.Where(l => l.Story is not null).OrderBy(l => l.Id, StringComparer.Ordinal))
        {
            HashSet<string> article = SampleCorpus.ShinglesOf(label.Id);
            HashSet<string> original = SampleCorpus.ShinglesOf(label.Original!);
            double j = SampleCorpus.Jaccard(article, original);
            output?.WriteLine($"{label.Story} {label.Relation,-15} J={j:F3} C(orig in it)={SampleCorpus.Containment(original, article):F2} {label.Id}");
            if (label.Relation == "near-duplicate")
            {
                double toSource = SampleCorpus.Jaccard(article, SampleCorpus.ShinglesOf(label.CopyOf!));
                Assert.True(toSource < 0.97, $"{label.Id}: Jaccard {toSource:F3} with {label.CopyOf} is too close to an exact copy for a lightly edited version");
            }
        }
    }

    [Fact]
    public void Articles_are_news_length()
    {
        foreach (SampleDocument doc in SampleCorpus.Documents.Values)
        {
            int words = WordTokenizer.Count(doc.FullText);
            Assert.True(words is >= 120 and <= 400, $"{doc.Id} has {words} words");
        }
    }

    [Fact]
    public void Pages_carry_the_structure_and_metadata_extraction_needs()
    {
        string[] pages = [.. SampleCorpus.ArticleFileIds().Where(id => id.EndsWith(".html", StringComparison.Ordinal))];
        Assert.InRange(pages.Length, 3, 6);
        var parser = new HtmlParser();
        foreach (string id in pages)
        {
            using IDocument page = parser.ParseDocument(File.ReadAllText(Path.Combine(SampleCorpus.Root, id)));
            Assert.False(string.IsNullOrEmpty(page.DocumentElement.GetAttribute("lang")), id + ": no html lang");
            Assert.Equal(SampleCorpus.Documents[id].Title, page.QuerySelector("meta[property='og:title']")?.GetAttribute("content"));
            foreach (string selector in new[] { "nav", "header", "footer", "aside", "link[rel='canonical']", "#cookie-banner" })
            {
                Assert.True(page.QuerySelector(selector) is not null, $"{id}: no {selector}");
            }
        }
    }

    [Fact]
    public void Every_kind_of_version_is_present()
    {
        var byRelation = SampleCorpus.Labels.Values.GroupBy(l => l.Relation).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Relations, r => Assert.True(byRelation.GetValueOrDefault(r) >= 3, $"only {byRelation.GetValueOrDefault(r)} articles of relation {r}"));
        Assert.True(SampleCorpus.Labels.Values.Count(l => l.Language != "en") >= 4, "fewer than four non-English articles");
        Assert.True(SampleCorpus.Labels.Values.Count(l => l.Confuses is not null) >= 3, "fewer than three confusers");
    }

    private static HashSet<string> NearDuplicateGroupMembers() => new(NearDuplicateGroupOf().Keys, StringComparer.Ordinal);

    private static Dictionary<string, string> NearDuplicateGroupOf()
    {
        using JsonDocument expected = SampleCorpus.ReadExpected();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        int n = 0;
        foreach (JsonElement group in expected.RootElement.GetProperty("near_duplicate_groups").EnumerateArray())
        {
            string key = "g" + n++;
            foreach (JsonElement member in group.EnumerateArray())
            {
                map[member.GetString()!] = key;
            }
        }

        return map;
    }
}

using System.Text.Json;
using Storymatch.Comparison;
using Storymatch.Tests.Stories;

namespace Storymatch.Tests.Comparison;

public class StoryComparerTests
{
    private const string Fire =
        "Firefighters battled a blaze at the Norberg paper mill on Tuesday night. " +
        "The fire started in a storage hall and spread to the roof, the Norberg fire service said. " +
        "About 120 workers were evacuated and no one was injured, according to mill owner Kessla Group.";

    private static Article A(string id, string text, string? title = null) => new() { Id = id, Text = text, Title = title };

    private static StoryComparison Compare(params Article[] versions) => StorymatchEngine.CompareVersions(versions);

    [Fact]
    public void A_changed_name_number_meal_and_negation_are_discrepancies_with_the_words_marked()
    {
        StoryComparison c = Compare(
            A("a", "Putin said the talks in Geneva failed badly today after a long informal lunch with 120 delegates. The minister did not rule out new sanctions against the regime this month."),
            A("b", "Biden said the talks in Geneva failed badly today after a long informal dinner with 150 delegates. The minister ruled out new sanctions against the regime this month."));
        Assert.Contains(c.Discrepancies, d => d.Kind == DiscrepancyKind.Name && d.Summary == "Putin → Biden");
        Assert.Contains(c.Discrepancies, d => d.Kind == DiscrepancyKind.Qualifier && d.Summary == "lunch → dinner");
        Discrepancy number = Assert.Single(c.Discrepancies, d => d.Kind == DiscrepancyKind.Number);
        Assert.Equal("150", Assert.Single(number.B.Changed, m => m.Fact).Text);
        Assert.Equal("120", number.A.Text.Substring(Assert.Single(number.A.Changed, m => m.Fact).Start, 3));
        Discrepancy negation = Assert.Single(c.Discrepancies, d => d.Kind == DiscrepancyKind.Negation);
        Assert.Equal((1, 2, 2, 2), (negation.A.Version, negation.A.Sentence, negation.B.Version, negation.B.Sentence));
    }

    [Fact]
    public void A_reworded_copy_that_keeps_its_facts_has_no_discrepancy()
    {
        StoryComparison c = Compare(
            A("a", Fire),
            A("b", "Firefighters fought a fire at the Norberg paper mill on Tuesday night. " +
                "The blaze began in a storage hall and reached the roof, the Norberg fire service said. " +
                "Some 120 workers were taken out and nobody was hurt, according to mill owner Kessla Group."));
        Assert.Empty(c.Discrepancies);
        Assert.All(c.Versions[1].Sentences, s => Assert.Equal(s.Sentence, s.Source?.Sentence));
        Assert.Empty(c.Additions);
        Assert.Empty(c.Omissions);
    }

    [Fact]
    public void Twelve_point_and_12_point_and_a_moved_number_are_no_conflict()
    {
        StoryComparison c = Compare(
            A("a", "Beijing released a twelve-point plan on February 24 to end the war in Ukraine, officials said."),
            A("b", "On February 24 Beijing released a 12-point plan to end the war in Ukraine, officials said."));
        Assert.DoesNotContain(c.Discrepancies, d => d.Kind is DiscrepancyKind.Number or DiscrepancyKind.Date);
        Assert.DoesNotContain(c.Claims, x => x.Conflict);
    }

    [Fact]
    public void Additions_and_omissions_of_two_versions_are_the_second_version_s()
    {
        StoryComparison c = Compare(
            A("a", Fire + " The mill had been inspected by the regional safety board in May last year."),
            A("b", Fire + " Police have opened an investigation into the cause of the blaze at the mill."));
        Addition added = Assert.Single(c.Additions);
        Assert.Equal((2, 4), (added.Version, added.Sentence));
        Omission dropped = Assert.Single(c.Omissions);
        Assert.Equal((2, 1, 4), (dropped.Version, dropped.From, dropped.FromSentence));
        Assert.StartsWith("The mill had been inspected", dropped.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_headline_only_no_entity_and_mixed_script_versions_have_defined_notes()
    {
        StoryComparison c = Compare(
            A("full", Fire, "Fire at Norberg paper mill"),
            A("empty", ""),
            A("punctuation", " ... -- !!"),
            A("headline", "", "Fire at Norberg paper mill"),
            A("plain", "a fire broke out at a paper mill on tuesday night and about 120 workers were evacuated, the fire service said."),
            A("mixed", "Пожар на бумажной фабрике Norberg: firefighters battled a blaze at the Norberg paper mill on Tuesday night, Москва said."));
        Assert.Equal(6, c.Versions.Count);
        Assert.Equal(Enumerable.Range(1, 6), c.Versions.Select(v => v.Version));
        Assert.True(c.Versions[0].IsOriginal);
        Assert.DoesNotContain(VersionNote.NoSentences, c.Versions[0].Notes);
        Assert.Equal([VersionNote.NoSentences, VersionNote.NoEntities], c.Versions[1].Notes);
        Assert.Empty(c.Versions[1].Sentences);
        Assert.Equal([VersionNote.NoSentences, VersionNote.NoEntities], c.Versions[2].Notes);
        Assert.Contains(VersionNote.HeadlineOnly, c.Versions[3].Notes);
        Assert.Contains(VersionNote.NoEntities, c.Versions[4].Notes);
        Assert.Contains(VersionNote.MixedScripts, c.Versions[5].Notes);
        Assert.DoesNotContain(c.Omissions, o => o.Version is 2 or 3);
        Assert.DoesNotContain(c.Additions, a => a.Version is 2 or 3 or 4);
        Assert.All(c.Versions.SelectMany(v => v.Sentences), s => Assert.True(s.Sentence >= 1));

        // One version alone, and none at all, are defined too.
        StoryComparison one = Compare(A("full", Fire));
        Assert.Single(one.Versions);
        Assert.Empty(one.Discrepancies);
        Assert.Empty(one.Additions);
        Assert.Empty(Compare().Versions);
    }

    [Fact]
    public void Seeds_show_the_meal_the_corrupted_name_the_drifting_friendship_and_the_name_variants()
    {
        string[] paths = SeedFiles.PathsOrSkip();
        int[] order = [2, 0, 1, 3, 4];
        StoryComparison c = Compare([.. order.Select(i => A(Path.GetFileName(paths[i])[..3], File.ReadAllText(paths[i])))]);
        int V(string seed) => c.Versions.Single(v => v.Id == seed).Version;

        Assert.Contains(c.Discrepancies, d => d.Kind == DiscrepancyKind.Qualifier && d.A.Version == V("003") && d.B.Version == V("004")
            && d.A.Changed.Any(m => m.Fact && m.Text.Contains("lunch", StringComparison.Ordinal))
            && d.B.Changed.Any(m => m.Fact && m.Text.Contains("dinner", StringComparison.Ordinal)));
        Assert.Contains(c.Discrepancies, d => d.Kind == DiscrepancyKind.Name && d.A.Version == V("000") && d.B.Version == V("001")
            && d.Summary == "Russian-Chinese → Russian-Russian");

        QuoteRow friendship = Assert.Single(c.Quotes, q => q.Versions.Any(v => v.Wording == "boundless"));
        Assert.True(friendship.Drift);
        Assert.Contains(friendship.Versions, v => v.Wording is "unrestricted" or "no limits" or "limitless");

        // 004 misspells Kuleba: one row holds both spellings, the slip marked as a variant.
        EntityRow kuleba = Assert.Single(c.Entities, e => e.Spellings.Any(s => s.Spelling == "Dmytro Kuleba"));
        Assert.Equal("Dmytro Kuleba", kuleba.Name);
        Assert.Contains(kuleba.Spellings, s => s.Version == V("004") && s.Spelling is "Kuleva" or "Kureba" && s.Variant);
        Assert.DoesNotContain(kuleba.Spellings, s => s.Spelling == "Kuleba" && s.Variant);

        // 001 is a spin of 000: most of its sentences rewrite one of 000's.
        ComparedVersion spin = c.Versions.Single(v => v.Id == "001");
        Assert.True(spin.Sentences.Count(s => s.Source?.Version == V("000")) >= 6);
    }

    [Fact]
    public void The_comparison_serialises_to_snake_case_json_with_1_based_numbers()
    {
        StoryComparison c = Compare(A("a", Fire), A("b", Fire.Replace("120", "150", StringComparison.Ordinal)));
        string json = JsonSerializer.Serialize(c, Storymatch.Cli.Commands.CliJson.Default.StoryComparison);
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("story").ValueKind);
        JsonElement d = Assert.Single(root.GetProperty("discrepancies").EnumerateArray());
        Assert.Equal("number", d.GetProperty("kind").GetString());
        Assert.Equal(3, d.GetProperty("b").GetProperty("sentence").GetInt32());
        Assert.True(root.GetProperty("versions")[0].GetProperty("is_original").GetBoolean());
        Assert.Equal(1, root.GetProperty("versions")[1].GetProperty("sentences")[0].GetProperty("source").GetProperty("sentence").GetInt32());
        Assert.True(root.GetProperty("claims")[0].TryGetProperty("values", out _));
        Assert.True(root.GetProperty("entities")[0].TryGetProperty("missing_from", out _));
    }
}

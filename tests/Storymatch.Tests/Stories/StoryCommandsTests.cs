using System.Text.Json;
using Storymatch.Tests.Cli;
using Storymatch.Tests.Storage;

namespace Storymatch.Tests.Stories;

public class StoryCommandsTests
{
    private const string Fire =
        "Firefighters battled a blaze at the Norberg paper mill on Tuesday night. " +
        "The fire started in a storage hall and spread to the roof, the Norberg fire service said. " +
        "About 120 workers were evacuated and no one was injured, according to mill owner Kessla Group.";

    private static TempFolder Corpus()
    {
        var dir = new TempFolder();
        dir.Write("in/fire-a.txt", "Fire at Norberg paper mill\n\n" + Fire);
        dir.Write("in/fire-b.txt", "Blaze hits Norberg mill\n\n" + Fire.Replace("battled", "fought", StringComparison.Ordinal) + " Smoke was visible across town.");
        dir.Write("in/rates.txt", "Central bank holds rates\n\nThe central bank held interest rates at 4.5 percent on Thursday, citing slowing inflation in services and a weaker labour market.");
        return dir;
    }

    [Fact]
    public void Ingest_assigns_stories_and_stories_json_lists_one_object_per_story()
    {
        using TempFolder dir = Corpus();
        var (exit, stdout, _) = CliRunner.Run("ingest", dir.Combine("in"), "--db", dir.Db);
        Assert.Equal(0, exit);
        Assert.Contains("stories: 3 documents assigned", stdout, StringComparison.Ordinal);

        (exit, stdout, _) = CliRunner.Run("stories", "--db", dir.Db, "--json");
        Assert.Equal(0, exit);
        string[] lines = CliRunner.Lines(stdout);
        Assert.Equal(2, lines.Length);
        var stories = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        JsonElement fire = stories.Single(s => s.GetProperty("members").GetArrayLength() == 2);
        Assert.Equal(["fire-a.txt", "fire-b.txt"], fire.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal("fire-a.txt", fire.GetProperty("original").GetString());
        Assert.Equal("Fire at Norberg paper mill", fire.GetProperty("title").GetString());
        Assert.True(fire.GetProperty("story").GetInt64() > 0);
    }

    [Fact]
    public void Story_json_gives_each_member_relation_to_the_original_with_evidence()
    {
        using TempFolder dir = Corpus();
        CliRunner.Run("ingest", dir.Combine("in"), "--db", dir.Db);
        var (exit, stdout, stderr) = CliRunner.Run("story", "fire-b.txt", "--db", dir.Db, "--json");
        Assert.True(exit == 0, stderr);
        JsonElement story = JsonDocument.Parse(Assert.Single(CliRunner.Lines(stdout))).RootElement;
        JsonElement[] members = [.. story.GetProperty("members").EnumerateArray()];
        Assert.Equal("original", members.Single(m => m.GetProperty("id").GetString() == "fire-a.txt").GetProperty("relation").GetString());
        JsonElement b = members.Single(m => m.GetProperty("id").GetString() == "fire-b.txt");
        Assert.Contains(b.GetProperty("relation").GetString(), new[] { "near-duplicate", "rewrite" });
        JsonElement evidence = b.GetProperty("evidence");
        Assert.True(evidence.GetProperty("aligned_sentences").GetArrayLength() >= 2);
        Assert.Contains("120", evidence.GetProperty("shared_numbers").EnumerateArray().Select(n => n.GetString()));

        (exit, stdout, _) = CliRunner.Run("story", story.GetProperty("story").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", dir.Db);
        Assert.Equal(0, exit);
        Assert.Contains("original: fire-a.txt", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_story_is_exit_1_with_a_message_and_rebuild_keeps_the_grouping()
    {
        using TempFolder dir = Corpus();
        CliRunner.Run("ingest", dir.Combine("in"), "--db", dir.Db);
        var (exit, _, stderr) = CliRunner.Run("story", "nope.txt", "--db", dir.Db);
        Assert.Equal(1, exit);
        Assert.Contains("nope.txt: no such story or document", stderr, StringComparison.Ordinal);

        (exit, string stdout, stderr) = CliRunner.Run("stories", "--db", dir.Db, "--rebuild", "--fade-days", "3");
        Assert.Equal(0, exit);
        Assert.Contains("re-clustered 3 documents into 2 stories", stderr, StringComparison.Ordinal);
        Assert.Contains("2 stories, 1 with more than one article", stdout, StringComparison.Ordinal);

        (exit, _, _) = CliRunner.Run("stories", "--db", dir.Db, "--fade-days", "0");
        Assert.Equal(2, exit);
    }

    [Fact]
    public void Compare_json_of_seeds_000_and_001_says_rewrite_with_score_and_evidence()
    {
        string[] seeds = SeedFiles.PathsOrSkip();
        using var dir = new TempFolder();
        var (exit, stdout, stderr) = CliRunner.Run("compare", seeds[0], seeds[1], "--json", "--db", dir.Db);
        Assert.True(exit == 0, stderr);
        JsonElement root = JsonDocument.Parse(Assert.Single(CliRunner.Lines(stdout))).RootElement;
        Assert.Equal(seeds[0], root.GetProperty("a").GetString());
        Assert.Equal(seeds[1], root.GetProperty("b").GetString());
        Assert.Equal("rewrite", root.GetProperty("relation").GetString());
        Assert.InRange(root.GetProperty("score").GetDouble(), 0.0, 1.0);
        JsonElement evidence = root.GetProperty("evidence");
        Assert.True(evidence.GetProperty("aligned_sentences").GetArrayLength() >= 5);
        Assert.Contains(evidence.GetProperty("shared_entities").EnumerateArray(), e => e.GetString()!.Contains("Putin", StringComparison.Ordinal));
        JsonElement pair = evidence.GetProperty("aligned_sentences")[0];
        Assert.True(pair.TryGetProperty("a", out _) && pair.TryGetProperty("b", out _) && pair.TryGetProperty("score", out _));
    }
}

using Storymatch.Stories;

namespace Storymatch.Tests.Stories;

public class StoryClustererTests
{
    private static readonly DateTimeOffset Day0 = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Interleaved_stories_are_separated_and_members_join()
    {
        var model = new WordSetModel();
        var clusterer = new StoryClusterer<WordSetModel.WordSet>(model);
        StoryAssignment a1 = clusterer.Add(Make("a1", "harbour bridge closed after storm damage cables inspected", Day0));
        StoryAssignment b1 = clusterer.Add(Make("b1", "football club signs striker record transfer summer window", Day0));
        StoryAssignment a2 = clusterer.Add(Make("a2", "storm damage closes harbour bridge cables inspected engineers", Day0.AddHours(3)));
        StoryAssignment b2 = clusterer.Add(Make("b2", "striker signs for football club in record transfer", Day0.AddHours(4)));
        Assert.True(a1.IsNewStory);
        Assert.True(b1.IsNewStory);
        Assert.NotEqual(a1.StoryId, b1.StoryId);
        Assert.Equal(a1.StoryId, a2.StoryId);
        Assert.Equal(b1.StoryId, b2.StoryId);
        Assert.False(a2.IsNewStory);
        Assert.True(a2.Score >= model.JoinThreshold);
        Assert.Equal(2, clusterer.StoryCount);
    }

    [Fact]
    public void Story_fades_after_the_set_time_without_articles()
    {
        var options = new StoryClusteringOptions { FadeAfter = TimeSpan.FromDays(3) };
        var clusterer = new StoryClusterer<WordSetModel.WordSet>(new WordSetModel(), options);
        const string text = "harbour bridge closed after storm damage cables inspected";
        StoryAssignment first = clusterer.Add(Make("a1", text, Day0));
        StoryAssignment sameWeek = clusterer.Add(Make("a2", text, Day0.AddDays(2)));
        StoryAssignment later = clusterer.Add(Make("a3", text, Day0.AddDays(6)));
        Assert.Equal(first.StoryId, sameWeek.StoryId);
        Assert.True(later.IsNewStory); // 4 days after a2 > 3 days
    }

    [Theory]
    [InlineData(0, true)]   // same day: a borderline match joins
    [InlineData(2, true)]   // within σ the weight is still high
    [InlineData(10, false)] // a borderline match ten days later is another event
    public void Time_gap_weighs_a_borderline_match(int days, bool joins)
    {
        var clusterer = new StoryClusterer<WordSetModel.WordSet>(new WordSetModel());
        StoryAssignment first = clusterer.Add(Make("a1", "harbour bridge closed after storm damage cables inspected", Day0));
        // Jaccard 4/12 = 0.333 against a threshold of 0.3.
        StoryAssignment second = clusterer.Add(Make("a2", "harbour bridge storm damage council budget vote delayed", Day0.AddDays(days)));
        Assert.Equal(joins, second.StoryId == first.StoryId);
    }

    [Fact]
    public void Close_follow_up_joins_weeks_later_within_the_window()
    {
        var clusterer = new StoryClusterer<WordSetModel.WordSet>(new WordSetModel());
        const string text = "harbour bridge closed after storm damage cables inspected";
        StoryAssignment first = clusterer.Add(Make("a1", text, Day0));
        StoryAssignment followUp = clusterer.Add(Make("a2", text + " reopened", Day0.AddDays(20)));
        Assert.Equal(first.StoryId, followUp.StoryId); // no fixed 7-day end: the gap lowers the score, a close match still joins
    }

    [Fact]
    public void Undated_borderline_article_is_decided_on_content_alone()
    {
        var clusterer = new StoryClusterer<WordSetModel.WordSet>(new WordSetModel());
        StoryAssignment first = clusterer.Add(Make("a1", "harbour bridge closed after storm damage cables inspected", Day0));
        clusterer.Add(Make("b1", "football club signs striker record transfer summer window", Day0.AddDays(12)));
        StoryAssignment undated = clusterer.Add(Make("a2", "harbour bridge storm damage council budget vote delayed", null));
        Assert.Equal(first.StoryId, undated.StoryId);
    }

    [Fact]
    public void Undated_article_takes_the_stream_clock_and_joins_by_content()
    {
        var options = new StoryClusteringOptions { FadeAfter = TimeSpan.FromDays(1) };
        var clusterer = new StoryClusterer<WordSetModel.WordSet>(new WordSetModel(), options);
        StoryAssignment first = clusterer.Add(Make("a1", "harbour bridge closed after storm damage cables inspected", null));
        StoryAssignment dated = clusterer.Add(Make("a2", "harbour bridge closed after storm damage engineers", Day0));
        StoryAssignment undated = clusterer.Add(Make("a3", "storm damage harbour bridge cables closed", null));
        Assert.Equal(first.StoryId, dated.StoryId);
        Assert.Equal(first.StoryId, undated.StoryId);
        Assert.Equal(Day0, clusterer.Clock);
    }

    [Fact]
    public void Article_without_terms_opens_its_own_story()
    {
        var clusterer = new StoryClusterer<WordSetModel.WordSet>(new WordSetModel());
        StoryAssignment a = clusterer.Add(Make("e1", "", Day0));
        StoryAssignment b = clusterer.Add(Make("e2", "", Day0));
        Assert.True(a.IsNewStory);
        Assert.True(b.IsNewStory);
    }

    [Fact]
    public void Only_index_candidates_are_scored_never_all_stories()
    {
        var model = new WordSetModel();
        var options = new StoryClusteringOptions();
        var clusterer = new StoryClusterer<WordSetModel.WordSet>(model, options);
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            // Each article: 4 words shared by its topic group + 2 of its own (Jaccard 0.5 within a group, 0 across).
            int topic = random.Next(400);
            string text = $"topic{topic}w topic{topic}x topic{topic}y topic{topic}z " + string.Join(' ', Enumerable.Range(0, 2).Select(k => $"w{i}n{k}"));
            long before = model.ScoreCalls;
            clusterer.Add(Make($"d{i}", text, Day0.AddMinutes(i)));
            Assert.InRange(model.ScoreCalls - before, 0, options.Candidates * options.Representatives);
        }

        Assert.InRange(clusterer.StoryCount, 300, 400); // every topic group became one story
    }

    [Fact]
    public void Restored_stories_take_new_members_and_keep_ids()
    {
        var model = new WordSetModel();
        var clusterer = new StoryClusterer<WordSetModel.WordSet>(model);
        clusterer.Restore(41, Day0, [model.Profile(Make("a1", "harbour bridge closed after storm damage cables inspected", Day0))]);
        StoryAssignment joined = clusterer.Add(Make("a2", "storm damage harbour bridge cables closed", Day0.AddHours(1)));
        StoryAssignment fresh = clusterer.Add(Make("b1", "football club signs striker record transfer", Day0.AddHours(1)));
        Assert.Equal(41, joined.StoryId);
        Assert.Equal(42, fresh.StoryId);
    }

    [Fact]
    public void Faded_stories_leave_memory_so_it_is_bounded_by_the_live_window()
    {
        var options = new StoryClusteringOptions { FadeAfter = TimeSpan.FromDays(7) };
        var clusterer = new StoryClusterer<WordSetModel.WordSet>(new WordSetModel(), options);
        const int hoursPerWeek = 7 * 24;
        int most = 0;
        for (int i = 0; i < 6000; i++)
        {
            // One article an hour, each its own story: without fading out of memory, 6,000 stories would be held.
            clusterer.Add(Make($"d{i}", $"alpha{i} beta{i} gamma{i} delta{i}", Day0.AddHours(i)));
            most = Math.Max(most, clusterer.StoryCount);
        }

        Assert.InRange(most, hoursPerWeek, hoursPerWeek + StoryClusterer<WordSetModel.WordSet>.SweepInterval + 1);
        clusterer.Sweep();
        Assert.InRange(clusterer.StoryCount, hoursPerWeek, hoursPerWeek + 1);

        // A faded story takes no new member even with the same words; a live one still does.
        Assert.True(clusterer.Add(Make("late-old", "alpha10 beta10 gamma10 delta10", Day0.AddHours(6000))).IsNewStory);
        Assert.False(clusterer.Add(Make("late-new", "alpha5990 beta5990 gamma5990 delta5990", Day0.AddHours(6000))).IsNewStory);
    }

    [Fact]
    public void A_story_restored_from_its_index_state_loads_its_profiles_only_when_it_is_a_candidate()
    {
        var model = new WordSetModel();
        var loads = new List<long>();
        WordSetModel.WordSet bridge = model.Profile(Make("a1", "harbour bridge closed after storm damage cables inspected", Day0));
        var clusterer = new StoryClusterer<WordSetModel.WordSet>(model, loadRepresentatives: (story, docs) =>
        {
            loads.Add(story);
            Assert.Equal([101L], docs);
            return [bridge];
        });
        var keys = new List<WeightedKey>();
        model.CollectKeys(bridge, keys);
        clusterer.Restore(7, Day0, [101L], [.. keys.Select(k => k.Key).Order()]);

        Assert.True(clusterer.Add(Make("b1", "football club signs striker record transfer", Day0.AddHours(1))).IsNewStory);
        Assert.Empty(loads); // not a candidate: nothing loaded
        StoryAssignment joined = clusterer.Add(Make("a2", "storm damage harbour bridge cables closed", Day0.AddHours(2)), 102);
        Assert.Equal(7, joined.StoryId);
        Assert.Equal([7L], loads);
        Assert.Equal([101L, 102L], clusterer.StateOf(7)!.Representatives);
    }

    private static Article Make(string id, string text, DateTimeOffset? published) => new() { Id = id, Text = text, Published = published };

    /// <summary>A transparent test model: a profile is the set of words, the score their Jaccard overlap.</summary>
    private sealed class WordSetModel : IStoryModel<WordSetModel.WordSet>
    {
        public long ScoreCalls { get; private set; }

        public double JoinThreshold => 0.3;

        public WordSet Profile(Article article) =>
            new([.. article.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(StableHash).Distinct()]);

        public double Score(WordSet a, WordSet b)
        {
            ScoreCalls++;
            int shared = a.Keys.Intersect(b.Keys).Count();
            int union = a.Keys.Union(b.Keys).Count();
            return union == 0 ? 0 : (double)shared / union;
        }

        public void CollectKeys(WordSet profile, List<WeightedKey> keys)
        {
            foreach (ulong k in profile.Keys)
            {
                keys.Add(new WeightedKey(k, 1f));
            }
        }

        public sealed record WordSet(ulong[] Keys);

        // FNV-1a: string.GetHashCode is randomised per process.
        private static ulong StableHash(string word)
        {
            ulong h = 14695981039346656037UL;
            foreach (char c in word)
            {
                h = (h ^ c) * 1099511628211UL;
            }

            return h;
        }
    }
}

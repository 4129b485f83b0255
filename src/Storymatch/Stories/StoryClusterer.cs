using System.Runtime.InteropServices;

namespace Storymatch.Stories;

/// <summary>Settings of streaming story clustering.</summary>
public sealed record StoryClusteringOptions
{
    /// <summary>A story takes no new article once this long has passed since its latest one.</summary>
    public TimeSpan FadeAfter { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How many of an article's most distinctive keys query the index.</summary>
    public int QueryKeys { get; init; } = 24;

    /// <summary>How many candidate stories (best index overlap) are scored in full.</summary>
    public int Candidates { get; init; } = 8;

    /// <summary>Only the most recent postings of a key are read: old stories have faded, and it bounds the work per key.</summary>
    public int PostingsPerKey { get; init; } = 256;

    /// <summary>
    /// Keys in more than this share of all articles (once there are many) are too common to find a story by.
    /// </summary>
    public double MaxKeyShare { get; init; } = 0.05;

    /// <summary>Least score to join a story; null: the model's <see cref="IStoryModel{TProfile}.JoinThreshold"/>.</summary>
    public double? JoinThreshold { get; init; }

    /// <summary>Members a story keeps profiles of for scoring: its first and its latest ones (at least 2).</summary>
    public int Representatives { get; init; } = 4;
}

/// <summary>Where an article went: its story, whether that story is new, and the match score (0 for a new story).</summary>
public readonly record struct StoryAssignment(long StoryId, bool IsNewStory, double Score);

/// <summary>
/// Streaming story clustering: each article, in the order given (the caller sorts by publication time, then
/// ingest order), joins the best-matching live story or opens a new one. Candidates come from an inverted index
/// from distinctive keys to stories (top-k by shared key weight), never from a scan of all stories; only the
/// candidates are scored with the model. A story fades once <see cref="StoryClusteringOptions.FadeAfter"/> passes
/// without a new article. Articles without a date take the latest date seen so far (they neither fade stories nor
/// revive them by their own clock). Not thread-safe: one writer.
/// </summary>
public sealed class StoryClusterer<TProfile>
    where TProfile : class
{
    private readonly IStoryModel<TProfile> _model;
    private readonly StoryClusteringOptions _options;
    private readonly Dictionary<ulong, List<int>> _postings = [];
    private readonly Dictionary<ulong, int> _documentFrequency = [];
    private readonly List<LiveStory> _stories = [];
    private readonly Dictionary<long, int> _storyIndex = [];
    private readonly Dictionary<int, float> _overlap = [];
    private readonly List<WeightedKey> _keys = new(256);
    private readonly List<(int Story, float Weight)> _ranked = new(64);
    private long _nextStoryId;
    private long _articles;

    public StoryClusterer(IStoryModel<TProfile> model, StoryClusteringOptions? options = null, long firstStoryId = 1)
    {
        _model = model;
        _options = options ?? new StoryClusteringOptions();
        if (_options.Representatives < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.Representatives, "a story keeps at least 2 representatives (its first and its latest member)");
        }
        _nextStoryId = firstStoryId;
    }

    /// <summary>The latest publication time seen (the stream's clock), if any.</summary>
    public DateTimeOffset? Clock { get; private set; }

    public int StoryCount => _stories.Count;

    /// <summary>Profiles and assigns one article.</summary>
    public StoryAssignment Add(Article article) => Add(article.Published, _model.Profile(article));

    /// <summary>Assigns one profiled article published at <paramref name="published"/> (null: unknown).</summary>
    public StoryAssignment Add(DateTimeOffset? published, TProfile profile)
    {
        DateTimeOffset? time = published ?? Clock;
        if (published is { } p && (Clock is null || p > Clock))
        {
            Clock = p;
        }

        _keys.Clear();
        _model.CollectKeys(profile, _keys);
        _articles++;
        RankCandidates(time);

        int best = -1;
        double bestScore = 0;
        foreach ((int story, _) in _ranked)
        {
            double score = ScoreAgainst(_stories[story], profile);
            if (score > bestScore)
            {
                bestScore = score;
                best = story;
            }
        }

        bool joins = best >= 0 && bestScore >= (_options.JoinThreshold ?? _model.JoinThreshold);
        int index = joins ? best : OpenStory();
        LiveStory target = _stories[index];
        target.Join(profile, time, _options.Representatives);
        IndexKeys(index);
        return new StoryAssignment(target.Id, !joins, joins ? bestScore : 0);
    }

    /// <summary>
    /// Re-creates a live story from storage (for example before an incremental ingest): its id, latest time and
    /// representative profiles, which are indexed as if they had just been added.
    /// </summary>
    public void Restore(long storyId, DateTimeOffset? lastPublished, IEnumerable<TProfile> representatives)
    {
        int index = _stories.Count;
        var story = new LiveStory(storyId);
        _stories.Add(story);
        _storyIndex[storyId] = index;
        _nextStoryId = Math.Max(_nextStoryId, storyId + 1);
        if (lastPublished is { } p && (Clock is null || p > Clock))
        {
            Clock = p;
        }

        foreach (TProfile profile in representatives)
        {
            _keys.Clear();
            _model.CollectKeys(profile, _keys);
            _articles++;
            story.Join(profile, lastPublished, _options.Representatives);
            IndexKeys(index);
        }
    }

    private int OpenStory()
    {
        int index = _stories.Count;
        long id = _nextStoryId++;
        _stories.Add(new LiveStory(id));
        _storyIndex[id] = index;
        return index;
    }

    private double ScoreAgainst(LiveStory story, TProfile profile)
    {
        double best = 0;
        foreach (TProfile rep in story.Representatives)
        {
            best = Math.Max(best, _model.Score(profile, rep));
        }

        return best;
    }

    private void RankCandidates(DateTimeOffset? time)
    {
        _ranked.Clear();
        _overlap.Clear();
        if (_stories.Count == 0 || _keys.Count == 0)
        {
            return;
        }

        // Distinctive keys: weight in the article × inverse document frequency in the stream so far.
        double n = _articles;
        Span<WeightedKey> keys = CollectionsMarshal.AsSpan(_keys);
        int maxDf = _articles < 1000 ? int.MaxValue : (int)(_options.MaxKeyShare * n);
        for (int i = 0; i < keys.Length; i++)
        {
            int df = _documentFrequency.GetValueOrDefault(keys[i].Key);
            float idf = df == 0 || df > maxDf ? 0f : (float)Math.Log(1 + (n / df));
            keys[i] = keys[i] with { Weight = keys[i].Weight * idf };
        }

        keys.Sort(static (x, y) => y.Weight.CompareTo(x.Weight));
        int take = Math.Min(_options.QueryKeys, keys.Length);
        DateTimeOffset? liveSince = time - _options.FadeAfter;
        for (int k = 0; k < take; k++)
        {
            if (keys[k].Weight <= 0 || !_postings.TryGetValue(keys[k].Key, out List<int>? postings))
            {
                continue;
            }

            int from = Math.Max(0, postings.Count - _options.PostingsPerKey);
            for (int p = postings.Count - 1; p >= from; p--)
            {
                int story = postings[p];
                if (liveSince is { } since && _stories[story].LastTime is { } last && last < since)
                {
                    continue; // faded
                }

                ref float acc = ref CollectionsMarshal.GetValueRefOrAddDefault(_overlap, story, out _);
                acc += keys[k].Weight;
            }
        }

        foreach ((int story, float weight) in _overlap)
        {
            _ranked.Add((story, weight));
        }

        _ranked.Sort(static (x, y) => y.Weight.CompareTo(x.Weight));
        if (_ranked.Count > _options.Candidates)
        {
            _ranked.RemoveRange(_options.Candidates, _ranked.Count - _options.Candidates);
        }
    }

    private void IndexKeys(int story)
    {
        foreach (WeightedKey key in _keys)
        {
            ref int df = ref CollectionsMarshal.GetValueRefOrAddDefault(_documentFrequency, key.Key, out _);
            df++;
            ref List<int>? postings = ref CollectionsMarshal.GetValueRefOrAddDefault(_postings, key.Key, out bool exists);
            postings ??= new List<int>(2);
            if (!exists || postings.Count == 0 || postings[^1] != story)
            {
                postings.Add(story);
            }
        }
    }

    private sealed class LiveStory(long id)
    {
        private readonly List<TProfile> _representatives = [];

        public long Id { get; } = id;

        public DateTimeOffset? LastTime { get; private set; }

        public IReadOnlyList<TProfile> Representatives => _representatives;

        public void Join(TProfile profile, DateTimeOffset? time, int maxRepresentatives)
        {
            if (time is { } t && (LastTime is null || t > LastTime))
            {
                LastTime = t;
            }

            // Keep the first member (usually the original) and the latest ones: a story drifts as it develops.
            if (_representatives.Count >= maxRepresentatives)
            {
                _representatives.RemoveAt(1);
            }

            _representatives.Add(profile);
        }
    }
}

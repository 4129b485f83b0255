using System.Runtime.InteropServices;

namespace Storymatch.Stories;

/// <summary>Settings of streaming story clustering.</summary>
internal sealed record StoryClusteringOptions
{
    /// <summary>
    /// The live window: a story takes no new article once this long has passed since its latest one, and leaves
    /// memory. A bound on memory and work, not the decision: within the window the time gap weighs the decision
    /// (<see cref="TimeSigma"/>, <see cref="TimePenalty"/>).
    /// </summary>
    public TimeSpan FadeAfter { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Width σ of the Gaussian time weight w = exp(−gap² / 2σ²), where gap is how far the article's time lies outside
    /// the span from the story's oldest to its newest member (0 inside it).
    /// </summary>
    public TimeSpan TimeSigma { get; init; } = TimeSpan.FromDays(3);

    /// <summary>
    /// How much a large time gap takes off the match score: score − TimePenalty × (1 − w). A close match still joins
    /// weeks later (a follow-up of the same event); a borderline one only within days.
    /// </summary>
    public double TimePenalty { get; init; } = 0.15;

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
internal readonly record struct StoryAssignment(long StoryId, bool IsNewStory, double Score);

/// <summary>
/// Streaming story clustering: each article, in the order given (the caller sorts by publication time, then
/// ingest order), joins the best-matching live story or opens a new one. Candidates come from an inverted index
/// from distinctive keys to stories (top-k by shared key weight), never from a scan of all stories; only the
/// candidates are scored with the model. Time is a weight, not a wall: the score is lowered by the time gap between
/// the article and the story's span (<see cref="StoryClusteringOptions.TimeSigma"/>); a story leaves the live window
/// once <see cref="StoryClusteringOptions.FadeAfter"/> passes without a new article. Articles without a date are
/// decided on content alone (no time weight: their gap is unknown, not large) and are placed at the latest date seen
/// so far (they neither fade stories nor revive them by their own clock). Not thread-safe: one writer.
/// <para>
/// Memory is bounded by the live window: stories that have faded (relative to the stream's clock) leave the
/// index every <see cref="SweepInterval"/> articles. A story can be held without its representatives' profiles
/// (restored from storage with only its keys); they are loaded through the representative loader the first time
/// the story is a candidate.
/// </para>
/// </summary>
internal sealed class StoryClusterer<TProfile>
    where TProfile : class
{
    /// <summary>Articles between two sweeps of faded stories out of memory.</summary>
    public const int SweepInterval = 1024;

    private readonly IStoryModel<TProfile> _model;
    private readonly StoryClusteringOptions _options;
    private readonly Func<long>? _newStoryId;
    private readonly Func<long, IReadOnlyList<long>, IReadOnlyList<TProfile>>? _loadRepresentatives;
    private readonly Matching.ITermStatistics? _keyStatistics;
    private readonly Dictionary<ulong, List<LiveStory>> _postings = [];
    private readonly Dictionary<ulong, int> _documentFrequency = [];
    private readonly Dictionary<long, LiveStory> _stories = [];
    private readonly Dictionary<LiveStory, float> _overlap = new(ReferenceEqualityComparer.Instance);
    private readonly List<WeightedKey> _keys = new(256);
    private readonly List<(LiveStory Story, float Weight)> _ranked = new(64);
    private long _nextStoryId;
    private long _articles;
    private long _sinceSweep;
    private long _sweptSinceRebuild;

    /// <param name="model">Profiles, scores and index keys.</param>
    /// <param name="options">Clustering settings.</param>
    /// <param name="firstStoryId">The first id handed out when <paramref name="newStoryId"/> is not given.</param>
    /// <param name="newStoryId">Makes the id of a new story (for example a store's identity column).</param>
    /// <param name="loadRepresentatives">Profiles of a restored story's representatives (story id, document rows), when first needed.</param>
    /// <param name="keyStatistics">Document frequencies to rank query keys by; null: counted over the articles this clusterer indexed.</param>
    public StoryClusterer(
        IStoryModel<TProfile> model,
        StoryClusteringOptions? options = null,
        long firstStoryId = 1,
        Func<long>? newStoryId = null,
        Func<long, IReadOnlyList<long>, IReadOnlyList<TProfile>>? loadRepresentatives = null,
        Matching.ITermStatistics? keyStatistics = null)
    {
        _model = model;
        _options = options ?? new StoryClusteringOptions();
        if (_options.Representatives < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.Representatives, "a story keeps at least 2 representatives (its first and its latest member)");
        }

        _nextStoryId = firstStoryId;
        _newStoryId = newStoryId;
        _loadRepresentatives = loadRepresentatives;
        _keyStatistics = keyStatistics;
    }

    /// <summary>The latest publication time seen (the stream's clock), if any.</summary>
    public DateTimeOffset? Clock { get; private set; }

    /// <summary>Stories held in memory (the live window).</summary>
    public int StoryCount => _stories.Count;

    /// <summary>Profiles and assigns one article.</summary>
    public StoryAssignment Add(Article article, long doc = 0) => Add(article.Published, _model.Profile(article), doc);

    /// <summary>Assigns one profiled article published at <paramref name="published"/> (null: unknown).</summary>
    public StoryAssignment Add(DateTimeOffset? published, TProfile profile, long doc = 0)
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

        LiveStory? best = null;
        double bestScore = 0;
        double threshold = _options.JoinThreshold ?? _model.JoinThreshold;
        foreach ((LiveStory candidate, _) in _ranked)
        {
            double penalty = published is { } at ? TimePenalty(candidate, at) : 0;
            double score = ScoreAgainst(candidate, profile, Math.Max(threshold, bestScore) + penalty) - penalty;
            if (score > bestScore)
            {
                bestScore = score;
                best = candidate;
            }
        }

        bool joins = best is not null && bestScore >= threshold;
        LiveStory target = joins ? best! : OpenStory();
        target.Join(profile, doc, published is null ? null : time, _options.Representatives);
        target.Touch(time);
        IndexKeys(target);
        if (++_sinceSweep >= SweepInterval)
        {
            Sweep();
        }

        return new StoryAssignment(target.Id, !joins, joins ? bestScore : 0);
    }

    /// <summary>
    /// Re-creates a live story from storage (for example before an incremental ingest): its id, latest time and
    /// representative profiles, which are indexed as if they had just been added.
    /// </summary>
    public void Restore(long storyId, DateTimeOffset? lastPublished, IEnumerable<TProfile> representatives, IReadOnlyList<long>? docs = null)
    {
        var story = new LiveStory(storyId);
        _stories[storyId] = story;
        _nextStoryId = Math.Max(_nextStoryId, storyId + 1);
        AdvanceClock(lastPublished);
        int i = 0;
        foreach (TProfile profile in representatives)
        {
            _keys.Clear();
            _model.CollectKeys(profile, _keys);
            _articles++;
            story.Join(profile, docs is not null && i < docs.Count ? docs[i] : 0, lastPublished, _options.Representatives);
            IndexKeys(story);
            i++;
        }
    }

    /// <summary>
    /// Re-creates a live story from its stored index state alone: keys and representative rows, profiles loaded
    /// later (through the loader) if the story becomes a candidate.
    /// </summary>
    public void Restore(long storyId, DateTimeOffset? lastTime, IReadOnlyList<long> representativeDocs, ulong[] keys)
    {
        var story = LiveStory.Restored(storyId, lastTime, representativeDocs, keys);
        _stories[storyId] = story;
        _nextStoryId = Math.Max(_nextStoryId, storyId + 1);
        AdvanceClock(lastTime);
        _articles++;
        foreach (ulong key in keys)
        {
            AddPosting(key, story);
            if (_keyStatistics is null)
            {
                // Counted once for the story, as if its members were one article (the frequencies are this clusterer's own).
                CollectionsMarshal.GetValueRefOrAddDefault(_documentFrequency, key, out _)++;
            }
        }
    }

    /// <summary>Moves the stream's clock forward to <paramref name="time"/> (a stored clock being restored).</summary>
    public void AdvanceClock(DateTimeOffset? time)
    {
        if (time is { } t && (Clock is null || t > Clock))
        {
            Clock = t;
        }
    }

    /// <summary>The index state of a story held in memory (to store), or null when it is not held.</summary>
    public StoryIndexState? StateOf(long storyId) =>
        _stories.TryGetValue(storyId, out LiveStory? s) ? s.State() : null;

    /// <summary>A story held in memory; its <see cref="LiveStory.State"/> stays readable after it is swept.</summary>
    public LiveStory? Handle(long storyId) => _stories.GetValueOrDefault(storyId);

    /// <summary>Drops every story from memory (the store changed under this clusterer).</summary>
    public void Clear()
    {
        _stories.Clear();
        _postings.Clear();
        _documentFrequency.Clear();
        _articles = 0;
        Clock = null;
    }

    /// <summary>Removes stories that have faded relative to the clock, and the postings that pointed at them.</summary>
    public void Sweep()
    {
        _sinceSweep = 0;
        if (Clock is not { } clock)
        {
            return;
        }

        DateTimeOffset since = clock - _options.FadeAfter;
        int before = _stories.Count;
        foreach (LiveStory story in _stories.Values.Where(s => s.LastTime is { } last && last < since).ToList())
        {
            _stories.Remove(story.Id);
            story.Evicted = true;
        }

        // Postings to swept stories are skipped (they are marked); the postings are rebuilt once there are about as
        // many swept stories behind them as live ones, so memory stays within twice the live window.
        _sweptSinceRebuild += before - _stories.Count;
        if (_sweptSinceRebuild < Math.Max(64, _stories.Count))
        {
            return;
        }

        _sweptSinceRebuild = 0;

        // Rebuild the postings from the stories still held: faded stories and keys a story no longer has go.
        _postings.Clear();
        foreach (LiveStory story in _stories.Values)
        {
            foreach (ulong key in story.Keys)
            {
                AddPosting(key, story);
            }
        }

        _postings.TrimExcess();
        _stories.TrimExcess();
    }

    /// <summary>What the time gap between <paramref name="at"/> and the story's dated span takes off the score.</summary>
    private double TimePenalty(LiveStory story, DateTimeOffset at)
    {
        if (story.FirstDated is not { } first || story.LastDated is not { } last)
        {
            return 0; // no dated member: nothing to weigh
        }

        TimeSpan gap = at < first ? first - at : at > last ? at - last : TimeSpan.Zero;
        double z = gap.TotalDays / _options.TimeSigma.TotalDays;
        return _options.TimePenalty * (1 - Math.Exp(-0.5 * z * z));
    }

    private LiveStory OpenStory()
    {
        long id = _newStoryId is { } make ? make() : _nextStoryId++;
        var story = new LiveStory(id);
        _stories[id] = story;
        return story;
    }

    private double ScoreAgainst(LiveStory story, TProfile profile, double floor)
    {
        if (!story.HasProfiles)
        {
            IReadOnlyList<TProfile> loaded = _loadRepresentatives is { } load ? load(story.Id, story.RepresentativeDocs) : [];
            story.SetProfiles(loaded);
        }

        double best = 0;
        foreach (TProfile rep in story.Representatives)
        {
            best = Math.Max(best, _model.ScoreAtLeast(profile, rep, Math.Max(floor, best)));
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

        // Distinctive keys: weight in the article × inverse document frequency.
        double n = _keyStatistics is { } ks ? ks.DocumentCount : _articles;
        long counted = _keyStatistics is CountingTermStatistics c ? c.CountedDocuments : _articles;
        Span<WeightedKey> keys = CollectionsMarshal.AsSpan(_keys);
        long maxDf = counted < 1000 ? long.MaxValue : (long)(_options.MaxKeyShare * counted);
        for (int i = 0; i < keys.Length; i++)
        {
            long df = _keyStatistics is { } stats ? stats.DocumentFrequency(keys[i].Key) : _documentFrequency.GetValueOrDefault(keys[i].Key);
            float idf = df == 0 || df > maxDf ? 0f : (float)Math.Log(1 + (n / df));
            keys[i] = keys[i] with { Weight = keys[i].Weight * idf };
        }

        keys.Sort(static (x, y) => y.Weight.CompareTo(x.Weight));
        int take = Math.Min(_options.QueryKeys, keys.Length);
        DateTimeOffset? liveSince = time - _options.FadeAfter;
        for (int k = 0; k < take; k++)
        {
            if (keys[k].Weight <= 0 || !_postings.TryGetValue(keys[k].Key, out List<LiveStory>? postings))
            {
                continue;
            }

            int from = Math.Max(0, postings.Count - _options.PostingsPerKey);
            for (int p = postings.Count - 1; p >= from; p--)
            {
                LiveStory story = postings[p];
                if (story.Evicted || (liveSince is { } since && story.LastTime is { } last && last < since))
                {
                    continue; // swept or faded
                }

                ref float acc = ref CollectionsMarshal.GetValueRefOrAddDefault(_overlap, story, out _);
                acc += keys[k].Weight;
            }
        }

        foreach ((LiveStory story, float weight) in _overlap)
        {
            _ranked.Add((story, weight));
        }

        // Ties broken by story id, so a run does not depend on dictionary order.
        _ranked.Sort(static (x, y) => y.Weight != x.Weight ? y.Weight.CompareTo(x.Weight) : x.Story.Id.CompareTo(y.Story.Id));
        if (_ranked.Count > _options.Candidates)
        {
            _ranked.RemoveRange(_options.Candidates, _ranked.Count - _options.Candidates);
        }
    }

    /// <summary>Indexes the article's keys (in <see cref="_keys"/>) for <paramref name="story"/> and recomputes its key set.</summary>
    private void IndexKeys(LiveStory story)
    {
        foreach (WeightedKey key in _keys)
        {
            if (_keyStatistics is null)
            {
                ref int df = ref CollectionsMarshal.GetValueRefOrAddDefault(_documentFrequency, key.Key, out _);
                df++;
            }

            ref List<LiveStory>? postings = ref CollectionsMarshal.GetValueRefOrAddDefault(_postings, key.Key, out _);
            postings ??= new List<LiveStory>(2);
            if (postings.Count == 0 || !ReferenceEquals(postings[^1], story))
            {
                postings.Add(story);
            }
        }

        story.AddKeys(_keys);
    }

    private void AddPosting(ulong key, LiveStory story)
    {
        ref List<LiveStory>? postings = ref CollectionsMarshal.GetValueRefOrAddDefault(_postings, key, out _);
        postings ??= new List<LiveStory>(2);
        if (postings.Count == 0 || !ReferenceEquals(postings[^1], story))
        {
            postings.Add(story);
        }
    }

    /// <summary>A story in memory: id, clock, representatives (profiles possibly not loaded yet) and index keys.</summary>
    internal sealed class LiveStory(long id)
    {
        private readonly List<TProfile> _representatives = [];
        private readonly List<long> _docs = [];
        private readonly List<ulong> _added = [];
        private ulong[] _keys = [];
        private bool _profilesPending;

        /// <summary>Swept out of memory: postings that still point here are skipped.</summary>
        public bool Evicted { get; set; }

        public long Id { get; } = id;

        public DateTimeOffset? LastTime { get; private set; }

        /// <summary>The publication time of the story's oldest dated member (a restored story: its latest time).</summary>
        public DateTimeOffset? FirstDated { get; private set; }

        /// <summary>The publication time of the story's newest dated member.</summary>
        public DateTimeOffset? LastDated { get; private set; }

        public IReadOnlyList<TProfile> Representatives => _representatives;

        public IReadOnlyList<long> RepresentativeDocs => _docs;

        /// <summary>Every key the story was indexed under (ascending): what a restored story is found by.</summary>
        public ulong[] Keys
        {
            get
            {
                MergeAdded();
                return _keys;
            }
        }

        public StoryIndexState State() => new(LastTime, [.. _docs], Keys);

        public bool HasProfiles => !_profilesPending;

        public static LiveStory Restored(long id, DateTimeOffset? lastTime, IReadOnlyList<long> docs, ulong[] keys)
        {
            var story = new LiveStory(id) { LastTime = lastTime, FirstDated = lastTime, LastDated = lastTime, _keys = keys, _profilesPending = true };
            story._docs.AddRange(docs);
            return story;
        }

        public void SetProfiles(IReadOnlyList<TProfile> profiles)
        {
            _representatives.Clear();
            _representatives.AddRange(profiles);
            _profilesPending = false;
        }

        /// <summary>Moves the story's clock (what the live window counts from) to <paramref name="time"/> if later.</summary>
        public void Touch(DateTimeOffset? time)
        {
            if (time is { } t && (LastTime is null || t > LastTime))
            {
                LastTime = t;
            }
        }

        /// <summary>Adds a member; <paramref name="time"/> is its own publication time (null: undated, the span is unchanged).</summary>
        public void Join(TProfile profile, long doc, DateTimeOffset? time, int maxRepresentatives)
        {
            Touch(time);
            if (time is { } t)
            {
                FirstDated = FirstDated is { } f && f <= t ? f : t;
                LastDated = LastDated is { } l && l >= t ? l : t;
            }

            // Keep the first member (usually the original) and the latest ones: a story drifts as it develops.
            if (_representatives.Count >= maxRepresentatives)
            {
                _representatives.RemoveAt(1);
            }

            if (_docs.Count >= maxRepresentatives)
            {
                _docs.RemoveAt(1);
            }

            _representatives.Add(profile);
            _docs.Add(doc);
        }

        /// <summary>Adds the article's keys to the story's key set (merged when the set is next read).</summary>
        public void AddKeys(List<WeightedKey> keys)
        {
            foreach (WeightedKey key in keys)
            {
                _added.Add(key.Key);
            }
        }

        /// <summary>Union of the sorted key set and the keys added since.</summary>
        private void MergeAdded()
        {
            if (_added.Count == 0)
            {
                return;
            }

            _added.Sort();
            var merged = new ulong[_keys.Length + _added.Count];
            int a = 0, b = 0, n = 0;
            while (a < _keys.Length || b < _added.Count)
            {
                ulong next = b >= _added.Count || (a < _keys.Length && _keys[a] <= _added[b]) ? _keys[a++] : _added[b++];
                if (n == 0 || merged[n - 1] != next)
                {
                    merged[n++] = next;
                }
            }

            _keys = merged.AsSpan(0, n).ToArray();
            _added.Clear();
        }
    }
}

/// <summary>What a story's index keeps between runs: clock, representative document rows, index keys (ascending).</summary>
internal sealed record StoryIndexState(DateTimeOffset? LastTime, long[] Representatives, ulong[] Keys);

using System.Globalization;
using Storymatch.Matching;
using Storymatch.Storage;

namespace Storymatch.Stories;

/// <summary>An article ready for story assignment: its stored row, publication time and profile (built once, by ingest).</summary>
internal readonly record struct PendingArticle(long Doc, DateTimeOffset? Published, ArticleProfile Profile);

/// <summary>
/// Keeps stories current, incrementally: one instance per engine holds the live window (the stories still open
/// in the matching window, with their index keys; representatives' profiles loaded when a story is first a
/// candidate) and a cache of document frequencies, both read from the store on demand. Each batch is assigned
/// inside the caller's unit of work, so documents and their stories commit together.
/// <para>
/// Another writer (thread or process) may change the stories between two batches: every unit of work that
/// writes stories bumps the store's story generation, and a batch that finds a generation it did not write
/// starts from the store again. Not thread-safe: the engine's single writer calls it.
/// </para>
/// </summary>
internal sealed class StoryAssigner(StoryClusteringOptions options)
{
    /// <summary>Documents read, profiled and assigned per unit of work by <see cref="UpdateAsync"/>.</summary>
    public const int UpdateBatch = 2048;

    private readonly CountingTermStatistics _stats = new();
    private ProfileStoryModel? _model;
    private StoryClusterer<WeightedProfile>? _clusterer;
    private string? _generation;
    private IUnitOfWork? _work;
    private long _nextStoryId;
    private long _firstNewStory;
    private StoryClusteringOptions _effective = options;

    public StoryClusteringOptions Options { get; } = options;

    /// <summary>Stories held in memory (the live window), for tests and benchmarks.</summary>
    public int LiveStories => _clusterer?.StoryCount ?? 0;

    /// <summary>
    /// Assigns <paramref name="articles"/> (stored in <paramref name="work"/>, not in a story) to stories within
    /// <paramref name="work"/>; call <see cref="Committed"/> once it commits. The batch is counted into the document
    /// frequencies first, then assigned in publication order (ingest order where dates tie or are missing: an
    /// undated article takes the time of the one before it).
    /// </summary>
    public StoryBatchResult Assign(IUnitOfWork work, IReadOnlyList<PendingArticle> articles)
    {
        if (articles.Count == 0)
        {
            return default;
        }

        Sync(work);
        _work = work;
        _generation = null; // unknown until the caller confirms the commit
        try
        {
            return AssignSynced(work, articles);
        }
        finally
        {
            _work = null;
        }
    }

    /// <summary>The unit of work that <see cref="Assign"/> wrote to has committed: the cached state is the store's.</summary>
    public void Committed(StoryBatchResult result) => _generation = result.Generation;

    /// <summary>Forgets the cached state (after a failed unit of work, or when the stories were rebuilt).</summary>
    public void Reset()
    {
        _clusterer = null;
        _generation = null;
        _stats.Reset();
    }

    /// <summary>
    /// Assigns every stored document not yet in a story, reading and profiling <see cref="UpdateBatch"/> at a time
    /// (outside the write lock, on every core) and committing each batch: an interrupted update keeps its work.
    /// </summary>
    public async Task<StoryUpdateSummary> UpdateAsync(IStorymatchStore store, IProgress<StoryProgress>? progress, CancellationToken ct)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        long total;
        using (IStoreSession read = store.OpenRead())
        {
            total = read.CountUnassigned();
        }

        int assigned = 0, opened = 0;
        var touched = new HashSet<long>();
        long afterDoc = 0;
        while (!ct.IsCancellationRequested)
        {
            List<(long Doc, DateTimeOffset? Published)> pending;
            Dictionary<long, StoredDocument> docs;
            using (IStoreSession read = store.OpenRead())
            {
                pending = read.UnassignedDocuments(afterDoc, UpdateBatch);
                docs = read.GetDocuments(pending.Select(p => p.Doc));
            }

            if (pending.Count == 0)
            {
                break;
            }

            afterDoc = pending[^1].Doc;
            var profiles = new ArticleProfile?[pending.Count];
            await Task.Run(() => Parallel.For(0, pending.Count, i => profiles[i] = docs.TryGetValue(pending[i].Doc, out StoredDocument? d) ? ArticleProfile.FromArticle(d.Article) : null), ct).ConfigureAwait(false);

            using IUnitOfWork work = store.BeginWrite(ct);
            var batch = new List<PendingArticle>(pending.Count);
            for (int i = 0; i < pending.Count; i++)
            {
                // Another writer may have assigned it since it was read: the check is under the write lock.
                if (profiles[i] is { } profile && work.StoryOf(pending[i].Doc) is null)
                {
                    batch.Add(new PendingArticle(pending[i].Doc, pending[i].Published, profile));
                }
            }

            StoryBatchResult result;
            try
            {
                result = Assign(work, batch);
                work.Commit();
            }
            catch
            {
                Reset();
                throw;
            }

            Committed(result);
            assigned += result.Assigned;
            opened += result.NewStories;
            touched.UnionWith(result.Touched);
            progress?.Report(new StoryProgress(Math.Min(total, assigned), Math.Max(total, assigned)));
        }

        return new StoryUpdateSummary(assigned, opened, assigned - opened, touched.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Forgets every story and re-clusters the whole store.</summary>
    public async Task<StoryUpdateSummary> RebuildAsync(IStorymatchStore store, IProgress<StoryProgress>? progress, CancellationToken ct)
    {
        using (IUnitOfWork work = store.BeginWrite(ct))
        {
            work.ClearStories();
            BumpGeneration(work);
            work.Commit();
        }

        Reset();
        return await UpdateAsync(store, progress, ct).ConfigureAwait(false);
    }

    /// <summary>The fade time: the stored setting (days) when present, else the options.</summary>
    internal static TimeSpan FadeAfter(IStoreSession session, StoryClusteringOptions options) =>
        double.TryParse(session.GetSetting(SettingKeys.FadeDays), NumberStyles.Float, CultureInfo.InvariantCulture, out double days) && days > 0
            ? TimeSpan.FromDays(days)
            : options.FadeAfter;

    private StoryBatchResult AssignSynced(IUnitOfWork work, IReadOnlyList<PendingArticle> articles)
    {
        StoryClusterer<WeightedProfile> clusterer = _clusterer!;
        ProfileStoryModel model = _model!;

        // Publication order; an undated article keeps its place after the article ingested before it.
        var ordered = new List<(PendingArticle Article, DateTimeOffset Effective)>(articles.Count);
        DateTimeOffset running = clusterer.Clock ?? DateTimeOffset.MinValue;
        foreach (PendingArticle a in articles.OrderBy(a => a.Doc))
        {
            running = a.Published ?? running;
            ordered.Add((a, running));
        }

        ordered.Sort((x, y) => x.Effective != y.Effective ? x.Effective.CompareTo(y.Effective) : x.Article.Doc.CompareTo(y.Article.Doc));

        // Count the whole batch's terms first: its first articles are weighed with the same frequencies as its last.
        _stats.AddBatch(work, [.. articles.Select(a => a.Profile)]);

        long seq = work.NextMemberSequence();
        _nextStoryId = _firstNewStory = work.NextStoryId();
        var touched = new Dictionary<long, StoryClusterer<WeightedProfile>.LiveStory>();
        var joined = new Dictionary<long, List<MemberRow>>();
        var members = new List<(long Story, long Doc, long Seq, double Score)>(articles.Count);
        int opened = 0;
        foreach ((PendingArticle a, _) in ordered)
        {
            StoryAssignment assignment = clusterer.Add(a.Published, model.Weigh(a.Profile), a.Doc);
            opened += assignment.IsNewStory ? 1 : 0;
            touched[assignment.StoryId] = clusterer.Handle(assignment.StoryId)!;
            if (!joined.TryGetValue(assignment.StoryId, out List<MemberRow>? list))
            {
                joined[assignment.StoryId] = list = [];
            }

            list.Add(new MemberRow(a.Doc, string.Empty, seq, assignment.Score, a.Published));
            members.Add((assignment.StoryId, a.Doc, seq++, assignment.Score));
        }

        // Story rows first (a membership refers to its story), then the memberships.
        foreach ((long story, StoryClusterer<WeightedProfile>.LiveStory live) in touched)
        {
            StoryIndexState state = live.State();
            List<MemberRow> all = story < _firstNewStory ? [.. work.Members(story), .. joined[story]] : joined[story];
            work.UpsertStory(Describe(work, story, all, state.LastTime), new StoryState(story, state.LastTime, state.Representatives, state.Keys));
        }

        foreach ((long story, long doc, long s, double score) in members)
        {
            if (!work.AddMember(story, doc, s, score))
            {
                throw new InvalidOperationException($"document row {doc} is already in a story; the batch is rolled back");
            }
        }

        _stats.Flush(work);
        if (clusterer.Clock is { } clock)
        {
            work.SetSetting(SettingKeys.StoryClock, StoryTimes.Format(clock));
        }

        string generation = BumpGeneration(work);
        return new StoryBatchResult(members.Count, opened, [.. touched.Keys], generation);
    }

    /// <summary>Makes the cached state match the store: rebuilt when another writer moved the generation.</summary>
    private void Sync(IUnitOfWork work)
    {
        string? generation = work.GetSetting(SettingKeys.StoryGeneration) ?? "0";
        if (_clusterer is not null && generation == _generation)
        {
            _stats.TrimCache();
            return;
        }

        _stats.Reset();
        _effective = Options with { FadeAfter = FadeAfter(work, Options) };
        _model = new ProfileStoryModel(_stats);
        _clusterer = new StoryClusterer<WeightedProfile>(_model, _effective, newStoryId: NewStory, loadRepresentatives: LoadRepresentatives, keyStatistics: _stats);
        DateTimeOffset? clock = StoryTimes.Parse(work.GetSetting(SettingKeys.StoryClock));
        _clusterer.AdvanceClock(clock);
        var upgrade = new List<StoryState>();
        foreach (StoryState state in work.LiveStories(clock - _effective.FadeAfter))
        {
            if (state.Keys.Length == 0 && state.Representatives.Length == 0)
            {
                upgrade.Add(state); // written before the index state was stored
                continue;
            }

            _clusterer.Restore(state.Story, state.LastTime, state.Representatives, state.Keys);
        }

        if (upgrade.Count > 0)
        {
            Upgrade(work, upgrade);
        }

        _generation = generation;
    }

    /// <summary>Stories from a store that kept no index state: profile their representatives once and store the state.</summary>
    private void Upgrade(IUnitOfWork work, List<StoryState> stories)
    {
        var reps = stories.ToDictionary(s => s.Story, s => Representatives(work.Members(s.Story)));
        Dictionary<long, StoredDocument> docs = work.GetDocuments(reps.Values.SelectMany(r => r));
        var profiles = docs.ToDictionary(d => d.Key, d => ArticleProfile.FromArticle(d.Value.Article));
        _stats.Prefetch(work, profiles.Values);
        foreach (StoryState state in stories)
        {
            long[] docsOf = [.. reps[state.Story].Where(profiles.ContainsKey)];
            _clusterer!.Restore(state.Story, state.LastTime, docsOf.Select(d => _model!.Weigh(profiles[d])), docsOf);
            StoryIndexState index = _clusterer.StateOf(state.Story)!;
            if (work.GetStory(state.Story) is { } row)
            {
                work.UpsertStory(row, new StoryState(state.Story, state.LastTime, index.Representatives, index.Keys));
            }
        }
    }

    private long[] Representatives(List<MemberRow> members)
    {
        // The same representatives the clusterer keeps: the first member and the latest ones.
        var reps = new List<long>();
        if (members.Count > 0)
        {
            reps.Add(members[0].Doc);
        }

        reps.AddRange(members.Skip(Math.Max(1, members.Count - (_effective.Representatives - 1))).Select(m => m.Doc));
        return [.. reps];
    }

    private long NewStory() => _nextStoryId++;

    private IReadOnlyList<WeightedProfile> LoadRepresentatives(long story, IReadOnlyList<long> docs)
    {
        IUnitOfWork work = _work!;
        IReadOnlyList<long> wanted = docs.Count > 0 ? docs : Representatives(work.Members(story));
        Dictionary<long, StoredDocument> loaded = work.GetDocuments(wanted);
        var profiles = wanted.Where(loaded.ContainsKey).Select(d => ArticleProfile.FromArticle(loaded[d].Article)).ToList();
        _stats.Prefetch(work, profiles);
        return [.. profiles.Select(p => _model!.Weigh(p))];
    }

    /// <summary>The story row after a batch: likely original, title, first and latest times, member count.</summary>
    private static StoryRow Describe(IStoreSession work, long story, List<MemberRow> members, DateTimeOffset? lastTime)
    {
        long original = OriginalFinder.Pick(work, members);
        StoredDocument originalDoc = work.GetDocuments([original])[original];
        DateTimeOffset? first = members.Min(m => m.Published);
        DateTimeOffset? last = members.Max(m => m.Published);
        if (lastTime is { } t && (last is null || t > last))
        {
            last = t;
        }

        return new StoryRow(story, StoryQueries.TitleOf(originalDoc.Article), original, first, last, members.Count);
    }

    private static string BumpGeneration(IUnitOfWork work)
    {
        long current = long.TryParse(work.GetSetting(SettingKeys.StoryGeneration), NumberStyles.Integer, CultureInfo.InvariantCulture, out long g) ? g : 0;
        string next = (current + 1).ToString(CultureInfo.InvariantCulture);
        work.SetSetting(SettingKeys.StoryGeneration, next);
        return next;
    }
}

/// <summary>What one batch did: documents assigned, stories opened, stories touched, and the generation it wrote.</summary>
internal readonly record struct StoryBatchResult(int Assigned, int NewStories, long[]? TouchedStories, string? Generation)
{
    /// <summary>The stories the batch changed (empty for an empty batch).</summary>
    public long[] Touched => TouchedStories ?? [];
}

/// <summary>The text form of story times in settings.</summary>
internal static class StoryTimes
{
    public static string Format(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t) ? t : null;
}

using System.Globalization;
using Microsoft.Data.Sqlite;
using Storymatch.Ingest;
using Storymatch.Matching;
using Storymatch.Storage;
using Storymatch.Text;

namespace Storymatch.Stories;

/// <summary>What a story update did.</summary>
public sealed record StoryUpdateSummary(int Assigned, int NewStories, int JoinedExisting, int TouchedStories, TimeSpan Elapsed);

/// <summary>How far a story update is: articles profiled and assigned so far out of <see cref="Total"/> (each article counts twice: once when its terms are counted, once when it is assigned).</summary>
public readonly record struct StoryProgress(long Done, long Total);

/// <summary>A story for listing: id, title, likely original (document id) and member ids in assignment order.</summary>
public sealed record StorySummary(long Story, string Title, string Original, IReadOnlyList<string> Members);

/// <summary>One member of a story with its relation to the story's original (null for the original itself).</summary>
/// <remarks>
/// A member joins through whichever member it matches best, so it can be unrelated to the original itself (a
/// follow-up that shares the later reports' names and numbers). <see cref="Through"/> then names the member it is
/// closest to, with that story similarity, so the listing says why it is in the story.
/// </remarks>
public sealed record StoryMember(string Id, string? Title, DateTimeOffset? Published, double JoinScore, Relation? RelationToOriginal)
{
    /// <summary>For a member unrelated to the original: the member it is most similar to, else null.</summary>
    public string? Through { get; init; }

    /// <summary>The story similarity to <see cref="Through"/>.</summary>
    public double ThroughScore { get; init; }
}

/// <summary>A story with its members and, per member, the relation to the original and the evidence.</summary>
public sealed record StoryDetail(StorySummary Summary, IReadOnlyList<StoryMember> Members);

/// <summary>
/// Keeps the stories of a <see cref="DocumentStore"/> current and answers questions about them. Update assigns
/// every document not yet in a story, in publication order (ingest order where dates tie or are missing: an
/// undated document takes the date of the document ingested before it), with the live stories restored from the
/// database; Rebuild re-clusters the whole store. Stories, memberships and the document frequencies the
/// similarity needs are written in one transaction.
/// </summary>
public sealed class StoryService(DocumentStore store, StoryClusteringOptions? options = null)
{
    /// <summary>Documents loaded from the store at a time while assigning.</summary>
    private const int LoadBatch = 256;

    /// <summary>Members considered when the original is decided by aligned content (no usable dates).</summary>
    private const int MaxOriginalCandidates = 12;

    private const int MaxTitleLength = 120;

    private readonly StoryTables _tables = new(store.Connection);

    public StoryClusteringOptions Options { get; } = options ?? new StoryClusteringOptions();

    /// <summary>The fade time: the stored setting (days) when present, else the options.</summary>
    public TimeSpan FadeAfter =>
        double.TryParse(_tables.GetSetting(StoryTables.FadeDaysSetting), NumberStyles.Float, CultureInfo.InvariantCulture, out double days) && days > 0
            ? TimeSpan.FromDays(days)
            : Options.FadeAfter;

    /// <summary>Stores the fade time (days) for later updates.</summary>
    public void SetFadeDays(double days)
    {
        if (!(days > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, "fade days must be positive");
        }

        _tables.SetSetting(StoryTables.FadeDaysSetting, days.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Assigns every document not yet in a story.</summary>
    public StoryUpdateSummary Update(IProgress<StoryProgress>? progress = null)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        List<(long Doc, DateTimeOffset? Published)> pending = _tables.UnassignedDocuments();
        if (pending.Count == 0)
        {
            return new StoryUpdateSummary(0, 0, 0, 0, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }

        CountingTermStatistics stats = _tables.LoadTermStatistics();
        var model = new ProfileStoryModel(stats);
        StoryClusteringOptions opts = Options with { FadeAfter = FadeAfter };
        var clusterer = new StoryClusterer<WeightedProfile>(model, opts, _tables.NextStoryId());
        DateTimeOffset? storedClock = StoryTables.ParseTime(_tables.GetSetting(StoryTables.ClockSetting));
        Dictionary<long, StoryRow> rows = _tables.Stories().ToDictionary(r => r.Story);
        Dictionary<long, List<MemberRow>> existingMembers = _tables.Members();
        RestoreLiveStories(clusterer, model, rows, existingMembers, storedClock, opts);

        // Publication order; an undated document keeps its place after the document ingested before it.
        var ordered = new List<(long Doc, DateTimeOffset? Published, DateTimeOffset Effective)>(pending.Count);
        DateTimeOffset running = storedClock ?? DateTimeOffset.MinValue;
        foreach ((long doc, DateTimeOffset? published) in pending)
        {
            running = published ?? running;
            ordered.Add((doc, published, running));
        }

        ordered.Sort((x, y) => x.Effective != y.Effective ? x.Effective.CompareTo(y.Effective) : x.Doc.CompareTo(y.Doc));

        // Count the whole batch's terms first: the first articles of a batch are then weighed with the same
        // document frequencies as the last (a stream that starts empty would weigh its first articles blindly).
        // Profiles are pure functions of their article, so each batch is profiled on every core; counting stays in order.
        long total = 2L * ordered.Count;
        for (int start = 0; start < ordered.Count; start += LoadBatch)
        {
            Dictionary<long, StoredDocument> docs = store.GetDocuments(ordered.GetRange(start, Math.Min(LoadBatch, ordered.Count - start)).Select(b => b.Doc));
            foreach (ArticleProfile? profile in ProfileAll([.. docs.Values.Cast<StoredDocument?>()]))
            {
                stats.Add(profile!);
            }

            progress?.Report(new StoryProgress(Math.Min(start + LoadBatch, ordered.Count), total));
        }

        long seq = _tables.NextSequence();
        var added = new List<(long Story, long Doc, long Seq, double Score, DateTimeOffset? Time)>(ordered.Count);
        int newStories = 0;
        for (int start = 0; start < ordered.Count; start += LoadBatch)
        {
            var batch = ordered.GetRange(start, Math.Min(LoadBatch, ordered.Count - start));
            Dictionary<long, StoredDocument> docs = store.GetDocuments(batch.Select(b => b.Doc));
            var found = batch.Select(b => docs.GetValueOrDefault(b.Doc)).ToList();
            ArticleProfile?[] profiles = ProfileAll(found);
            for (int i = 0; i < batch.Count; i++)
            {
                (long doc, DateTimeOffset? published, _) = batch[i];
                if (profiles[i] is not { } profile)
                {
                    continue;
                }

                StoryAssignment assignment = clusterer.Add(published, model.Weigh(profile));
                newStories += assignment.IsNewStory ? 1 : 0;
                added.Add((assignment.StoryId, doc, seq++, assignment.Score, published ?? clusterer.Clock));
            }

            progress?.Report(new StoryProgress(ordered.Count + Math.Min(start + LoadBatch, ordered.Count), total));
        }

        // Story rows are worked out before the transaction (they read documents); the transaction only writes.
        var newMembers = added.GroupBy(a => a.Story).ToDictionary(g => g.Key, g => g.ToList());
        var storyRows = new List<StoryRow>(newMembers.Count);
        foreach ((long story, var joined) in newMembers)
        {
            DateTimeOffset? last = rows.TryGetValue(story, out StoryRow? old) ? old.LastPublished : null;
            foreach (var member in joined)
            {
                if (member.Time is { } t && (last is null || t > last))
                {
                    last = t;
                }
            }

            IEnumerable<long> docs = (existingMembers.GetValueOrDefault(story) ?? []).Select(m => m.Doc).Concat(joined.Select(j => j.Doc));
            storyRows.Add(Describe(story, [.. docs], last));
        }

        using SqliteTransaction tx = store.Connection.BeginTransaction();
        foreach (StoryRow row in storyRows)
        {
            _tables.UpsertStory(row, tx);
        }

        foreach ((long story, long doc, long s, double score, _) in added)
        {
            _tables.AddMember(story, doc, s, score, tx);
        }

        _tables.SaveTermStatistics(stats, tx);
        if (clusterer.Clock is { } clock)
        {
            _tables.SetSetting(StoryTables.ClockSetting, StoryTables.FormatTime(clock), tx);
        }

        tx.Commit();
        return new StoryUpdateSummary(added.Count, newStories, added.Count - newStories, storyRows.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Forgets all stories and re-clusters every document of the store.</summary>
    public StoryUpdateSummary Rebuild(IProgress<StoryProgress>? progress = null)
    {
        using (SqliteTransaction tx = store.Connection.BeginTransaction())
        {
            _tables.Clear(tx);
            tx.Commit();
        }

        return Update(progress);
    }

    /// <summary>Every story, oldest id first.</summary>
    public List<StorySummary> ListStories()
    {
        Dictionary<long, List<MemberRow>> members = _tables.Members();
        Dictionary<long, string> ids = members.Values.SelectMany(m => m).ToDictionary(m => m.Doc, m => m.Id);
        var list = new List<StorySummary>();
        foreach (StoryRow row in _tables.Stories())
        {
            List<MemberRow> m = members.GetValueOrDefault(row.Story) ?? [];
            list.Add(new StorySummary(row.Story, row.Title, ids.GetValueOrDefault(row.OriginalDoc, string.Empty), [.. m.Select(x => x.Id)]));
        }

        return list;
    }

    /// <summary>The story with this id, with each member's relation to the original; null when there is none.</summary>
    public StoryDetail? GetStory(long storyId)
    {
        StoryRow? row = _tables.Stories(storyId).FirstOrDefault();
        if (row is null)
        {
            return null;
        }

        List<MemberRow> rows = _tables.Members(storyId).GetValueOrDefault(storyId) ?? [];
        Dictionary<long, StoredDocument> docs = store.GetDocuments(rows.Select(r => r.Doc));
        ITermStatistics stats = _tables.LoadTermStatistics();
        StoredDocument original = docs[row.OriginalDoc];
        Dictionary<long, ArticleProfile> profiles = rows.ToDictionary(r => r.Doc, r => ArticleProfile.FromArticle(docs[r.Doc].Article));
        ArticleProfile originalProfile = profiles[row.OriginalDoc];
        var members = new List<StoryMember>();
        foreach (MemberRow m in rows)
        {
            StoredDocument doc = docs[m.Doc];
            Relation? relation = m.Doc == row.OriginalDoc ? null : Compare(doc.Article, original.Article, profiles[m.Doc], originalProfile, stats);
            var member = new StoryMember(m.Id, doc.Article.Title, doc.Article.Published, m.Score, relation);
            if (relation?.Kind == RelationKind.Unrelated)
            {
                (MemberRow? closest, double score) = (null, 0);
                foreach (MemberRow other in rows)
                {
                    double s = other.Doc == m.Doc || other.Doc == row.OriginalDoc ? 0 : StorySimilarity.Score(profiles[m.Doc], profiles[other.Doc], stats).Score;
                    if (s > score)
                    {
                        (closest, score) = (other, s);
                    }
                }

                member = member with { Through = closest?.Id, ThroughScore = score };
            }

            members.Add(member);
        }

        var summary = new StorySummary(row.Story, row.Title, original.Id, [.. rows.Select(r => r.Id)]);
        return new StoryDetail(summary, members);
    }

    /// <summary>The story a stored document belongs to, or null.</summary>
    public long? StoryOf(string documentId) => store.GetDocument(documentId) is { } d ? _tables.StoryOf(d.Doc) : null;

    /// <summary>How two articles relate, with the store's document frequencies.</summary>
    public Relation Compare(Article a, Article b) => Compare(a, b, store);

    /// <summary>
    /// How two articles relate: document frequencies from <paramref name="documents"/> when given and counted,
    /// else from the two articles alone.
    /// </summary>
    public static Relation Compare(Article a, Article b, DocumentStore? documents)
    {
        CountingTermStatistics stats = documents is null ? new CountingTermStatistics() : new StoryTables(documents.Connection).LoadTermStatistics();
        ArticleProfile pa = ArticleProfile.FromArticle(a);
        ArticleProfile pb = ArticleProfile.FromArticle(b);
        if (stats.CountedDocuments < 2)
        {
            // Nothing counted yet: the two articles are the whole collection.
            stats.Add(pa);
            stats.Add(pb);
        }

        return Compare(a, b, pa, pb, stats);
    }

    /// <summary>How two articles relate given their profiles and document frequencies.</summary>
    public static Relation Compare(Article a, Article b, ArticleProfile profileA, ArticleProfile profileB, ITermStatistics stats) =>
        RelationClassifier.Classify(ComparisonText.Display(a), ComparisonText.Display(b), ProfileStoryModel.Match(profileA, profileB, stats));

    private void RestoreLiveStories(
        StoryClusterer<WeightedProfile> clusterer,
        ProfileStoryModel model,
        Dictionary<long, StoryRow> rows,
        Dictionary<long, List<MemberRow>> members,
        DateTimeOffset? clock,
        StoryClusteringOptions opts)
    {
        DateTimeOffset? liveSince = clock - opts.FadeAfter;
        var live = rows.Values.Where(r => liveSince is null || r.LastPublished is null || r.LastPublished >= liveSince).ToList();
        if (live.Count == 0)
        {
            return;
        }

        var representatives = new Dictionary<long, List<long>>();
        foreach (StoryRow row in live)
        {
            List<MemberRow> m = members.GetValueOrDefault(row.Story) ?? [];
            // The same representatives the clusterer keeps: the first member and the latest ones.
            var reps = new List<long>();
            if (m.Count > 0)
            {
                reps.Add(m[0].Doc);
            }

            reps.AddRange(m.Skip(Math.Max(1, m.Count - (opts.Representatives - 1))).Select(x => x.Doc));
            representatives[row.Story] = reps;
        }

        Dictionary<long, StoredDocument> docs = store.GetDocuments(representatives.Values.SelectMany(r => r));
        foreach (StoryRow row in live.OrderBy(r => r.Story))
        {
            var profiles = representatives[row.Story].Where(docs.ContainsKey).Select(d => model.Weigh(ArticleProfile.FromArticle(docs[d].Article))).ToList();
            clusterer.Restore(row.Story, row.LastPublished, profiles);
        }
    }

    /// <summary>Profiles of the documents (null stays null), built in parallel.</summary>
    private static ArticleProfile?[] ProfileAll(List<StoredDocument?> documents)
    {
        var profiles = new ArticleProfile?[documents.Count];
        Parallel.For(0, documents.Count, i => profiles[i] = documents[i] is { } d ? ArticleProfile.FromArticle(d.Article) : null);
        return profiles;
    }

    private StoryRow Describe(long story, List<long> memberDocs, DateTimeOffset? last)
    {
        Dictionary<long, StoredDocument> docs = store.GetDocuments(memberDocs);
        var members = memberDocs.Where(docs.ContainsKey).Select(d => docs[d]).ToList();
        StoredDocument original = OriginalFinder.Pick(members);
        DateTimeOffset? first = members.Min(m => m.Article.Published);
        DateTimeOffset? latest = members.Max(m => m.Article.Published);
        if (latest is { } l && (last is null || l > last))
        {
            last = l;
        }

        return new StoryRow(story, TitleOf(original.Article), original.Doc, first, last, members.Count);
    }

    /// <summary>The story's title: the original's title, else its first sentence (shortened), else its id.</summary>
    internal static string TitleOf(Article article)
    {
        if (!string.IsNullOrWhiteSpace(article.Title))
        {
            return TextNormalizer.NormalizeForDisplay(article.Title).Replace('\n', ' ');
        }

        string display = TextNormalizer.NormalizeForDisplay(article.Text);
        List<Range> sentences = SentenceSplitter.Split(display);
        if (sentences.Count == 0)
        {
            return article.Id;
        }

        string first = display[sentences[0]].Replace('\n', ' ');
        return first.Length <= MaxTitleLength ? first : string.Concat(first.AsSpan(0, MaxTitleLength - 1), "…");
    }

    /// <summary>
    /// The likely original among a story's members: the earliest published. Where no member has a date, or several
    /// share the earliest, it is the candidate the others' aligned content points back to: the largest total share
    /// of its own sentences that recur in the others (a copy adds boilerplate, headlines and comment of its own, so
    /// the source is the version whose sentences the others carry). A fragment (less than half the sentences of
    /// the longest candidate) is not taken for the original: all of it recurs trivially. Then the first ingested.
    /// </summary>
    internal static class OriginalFinder
    {
        public static StoredDocument Pick(IReadOnlyList<StoredDocument> members)
        {
            if (members.Count == 1)
            {
                return members[0];
            }

            DateTimeOffset? earliest = members.Min(m => m.Article.Published);
            var candidates = members.Where(m => m.Article.Published == earliest).OrderBy(m => m.Doc).Take(MaxOriginalCandidates).ToList();
            if (candidates.Count == 1)
            {
                return candidates[0];
            }

            var others = members.OrderBy(m => m.Doc).Take(MaxOriginalCandidates * 2).ToList();
            var texts = others.Concat(candidates).DistinctBy(m => m.Doc).ToDictionary(m => m.Doc, m => ComparisonText.Display(m.Article));
            var sentences = candidates.ToDictionary(c => c.Doc, c => SentenceSplitter.Split(TextNormalizer.NormalizeForDisplay(texts[c.Doc])).Count);
            int longest = sentences.Values.Max();
            StoredDocument best = candidates[0];
            double bestSupport = -1;
            foreach (StoredDocument c in candidates.Where(c => sentences[c.Doc] * 2 >= longest))
            {
                double support = 0;
                foreach (StoredDocument o in others)
                {
                    if (o.Doc != c.Doc)
                    {
                        support += SentenceAligner.Align(texts[o.Doc], texts[c.Doc]).CoverageB;
                    }
                }

                if (support > bestSupport + 1e-9)
                {
                    bestSupport = support;
                    best = c;
                }
            }

            return best;
        }
    }
}

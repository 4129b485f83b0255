using Storymatch.Comparison;
using Storymatch.Matching;
using Storymatch.Storage;
using Storymatch.Text;

namespace Storymatch.Stories;

/// <summary>What a story update did.</summary>
public sealed record StoryUpdateSummary(int Assigned, int NewStories, int JoinedExisting, int TouchedStories, TimeSpan Elapsed)
{
    /// <summary>An update that had nothing to do.</summary>
    public static StoryUpdateSummary None { get; } = new(0, 0, 0, 0, TimeSpan.Zero);
}

/// <summary>How far a story update is: documents assigned so far out of <see cref="Total"/>.</summary>
public readonly record struct StoryProgress(long Done, long Total);

/// <summary>A story for listing: id, title, likely original (document id), member ids in assignment order, first and latest member times.</summary>
public sealed record StorySummary(long Story, string Title, string Original, IReadOnlyList<string> Members)
{
    public DateTimeOffset? FirstPublished { get; init; }

    public DateTimeOffset? LastPublished { get; init; }
}

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

    /// <summary>When the member's page was fetched (a crawl), apart from its publication date.</summary>
    public DateTimeOffset? Crawled { get; init; }

    /// <summary>
    /// The member this one most likely derives from (its nearest source): of the members before it (the original first,
    /// then by publication time and arrival), the one it reuses most strongly (strongest relation, then the largest share
    /// of its sentences reused). Null for the original and for an independent report (no earlier member's text reused).
    /// </summary>
    public string? Source { get; init; }

    /// <summary>The relation to <see cref="Source"/> (the same as <see cref="RelationToOriginal"/> when the source is the original).</summary>
    public Relation? RelationToSource { get; init; }

    /// <summary>The members from the original down to this one, each derived from the one before (the original alone when this is independent).</summary>
    public IReadOnlyList<string> Chain { get; init; } = [];
}

/// <summary>A story with its members and, per member, the relation to the original and the evidence.</summary>
public sealed record StoryDetail(StorySummary Summary, IReadOnlyList<StoryMember> Members);

/// <summary>Which stories a listing returns: a page, with optional filters.</summary>
public sealed record StoryFilter
{
    /// <summary>Stories skipped before the page.</summary>
    public int Offset { get; init; }

    /// <summary>Stories on the page (default: all).</summary>
    public int Limit { get; init; } = int.MaxValue;

    /// <summary>Least number of members (1 lists singletons too).</summary>
    public int MinMembers { get; init; } = 1;

    /// <summary>Latest member at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>First member at or before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Case-insensitive text the title contains.</summary>
    public string? TitleContains { get; init; }

    /// <summary>Newest activity first instead of story number order.</summary>
    public bool NewestFirst { get; init; }
}

/// <summary>The read side of stories: listings, one story with its relations, and pairwise comparison. Only reads.</summary>
internal static class StoryQueries
{
    private const int MaxTitleLength = 120;

    public static List<StorySummary> List(IStoreSession session, StoryFilter filter)
    {
        List<StoryRow> rows = session.Stories(new StoryQuery
        {
            Offset = filter.Offset,
            Limit = filter.Limit,
            MinMembers = filter.MinMembers,
            Since = filter.Since,
            Until = filter.Until,
            TitleContains = filter.TitleContains,
            ById = !filter.NewestFirst,
        });
        Dictionary<long, List<string>> ids = session.MemberIds([.. rows.Select(r => r.Story)]);
        var originals = session.GetDocuments(rows.Select(r => r.OriginalDoc));
        return [.. rows.Select(r => Summary(r, originals.TryGetValue(r.OriginalDoc, out StoredDocument? o) ? o.Id : string.Empty, ids.GetValueOrDefault(r.Story) ?? []))];
    }

    /// <summary>The story with this id, with each member's relation to the original; null when there is none.</summary>
    public static StoryDetail? Get(IStoreSession session, long storyId)
    {
        if (session.GetStory(storyId) is not { } row)
        {
            return null;
        }

        List<MemberRow> rows = session.Members(storyId);
        Dictionary<long, StoredDocument> docs = session.GetDocuments(rows.Select(r => r.Doc));
        rows = [.. rows.Where(r => docs.ContainsKey(r.Doc))];
        Dictionary<long, ArticleProfile> profiles = rows.ToDictionary(r => r.Doc, r => ArticleProfile.FromArticle(docs[r.Doc].Article));
        var stats = new CountingTermStatistics();
        stats.Prefetch(session, profiles.Values);
        StoredDocument original = docs[row.OriginalDoc];
        ArticleProfile originalProfile = profiles[row.OriginalDoc];
        var order = InStoryOrder(rows, row.OriginalDoc);
        var position = order.Select((r, i) => (r.Doc, i)).ToDictionary(x => x.Doc, x => x.i);
        var sources = new Dictionary<long, long>();
        var members = new List<StoryMember>();
        foreach (MemberRow m in order)
        {
            StoredDocument doc = docs[m.Doc];
            Relation? relation = m.Doc == row.OriginalDoc ? null : Compare(doc.Article, original.Article, profiles[m.Doc], originalProfile, stats);
            var member = new StoryMember(m.Id, doc.Article.Title, doc.Article.Published, m.Score, relation) { Crawled = doc.Article.Crawled };
            if (relation is not null)
            {
                (long? source, Relation? toSource) = NearestSource(m, relation, order, position[m.Doc], row.OriginalDoc, docs, profiles, stats);
                if (source is { } s)
                {
                    sources[m.Doc] = s;
                }

                member = member with { Source = source is { } id ? docs[id].Id : null, RelationToSource = toSource, Chain = ChainOf(m.Doc, row.OriginalDoc, sources, docs) };
            }
            else
            {
                member = member with { Chain = [m.Id] };
            }

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

        var byId = members.ToDictionary(x => x.Id, StringComparer.Ordinal);
        return new StoryDetail(Summary(row, original.Id, [.. rows.Select(r => r.Id)]), [.. rows.Select(r => byId[r.Id])]);
    }

    /// <summary>Candidates considered for a member's nearest source: the earlier members most similar to it.</summary>
    private const int MaxSourceCandidates = 6;

    /// <summary>The original first, then by publication time (undated last), then arrival.</summary>
    private static List<MemberRow> InStoryOrder(List<MemberRow> rows, long originalDoc) =>
        [.. rows.OrderBy(r => r.Doc == originalDoc ? 0 : 1).ThenBy(r => r.Published is null ? 1 : 0).ThenBy(r => r.Published).ThenBy(r => r.Seq)];

    /// <summary>
    /// The earlier member this one reuses most strongly, with that relation: the strongest relation of reuse (exact,
    /// near-duplicate, rewrite, partial reuse), then the largest share of this member's sentences reused. None when
    /// no earlier member's text is reused (an independent report).
    /// </summary>
    private static (long? Source, Relation? Relation) NearestSource(MemberRow member, Relation toOriginal, List<MemberRow> order, int position, long originalDoc,
        Dictionary<long, StoredDocument> docs, Dictionary<long, ArticleProfile> profiles, ITermStatistics stats)
    {
        var candidates = order.Take(position).Where(c => c.Doc != originalDoc)
            .Select(c => (c.Doc, Similarity: StorySimilarity.Score(profiles[member.Doc], profiles[c.Doc], stats).Score))
            .OrderByDescending(c => c.Similarity)
            .Take(MaxSourceCandidates)
            .Select(c => c.Doc)
            .Prepend(originalDoc);
        (long? best, Relation? bestRelation) = (null, null);
        foreach (long c in candidates)
        {
            Relation r = c == originalDoc ? toOriginal : Compare(docs[member.Doc].Article, docs[c].Article, profiles[member.Doc], profiles[c], stats);
            if (!IsReuse(r.Kind))
            {
                continue;
            }

            if (bestRelation is null || r.Kind < bestRelation.Kind
                || (r.Kind == bestRelation.Kind && r.Evidence.SentencesReused > bestRelation.Evidence.SentencesReused + 1e-9))
            {
                (best, bestRelation) = (c, r);
            }
        }

        return (best, bestRelation);
    }

    private static bool IsReuse(RelationKind kind) => kind is RelationKind.ExactCopy or RelationKind.NearDuplicate or RelationKind.Rewrite or RelationKind.PartialReuse;

    private static List<string> ChainOf(long doc, long originalDoc, Dictionary<long, long> sources, Dictionary<long, StoredDocument> docs)
    {
        var chain = new List<string> { docs[doc].Id };
        long at = doc;
        while (at != originalDoc && sources.TryGetValue(at, out long up) && chain.Count <= sources.Count + 1)
        {
            chain.Add(docs[up].Id);
            at = up;
        }

        if (at != originalDoc)
        {
            chain.Add(docs[originalDoc].Id);
        }

        chain.Reverse();
        return chain;
    }

    /// <summary>
    /// How the versions of a story differ (see <see cref="StoryComparer"/>): the original first, then the others by
    /// publication time (undated last) and arrival. Null when there is no such story.
    /// </summary>
    public static StoryComparison? CompareStory(IStoreSession session, long storyId)
    {
        if (session.GetStory(storyId) is not { } row)
        {
            return null;
        }

        List<MemberRow> rows = session.Members(storyId);
        Dictionary<long, StoredDocument> docs = session.GetDocuments(rows.Select(r => r.Doc));
        var ordered = rows.Where(r => docs.ContainsKey(r.Doc))
            .OrderBy(r => r.Doc == row.OriginalDoc ? 0 : 1)
            .ThenBy(r => r.Published is null ? 1 : 0)
            .ThenBy(r => r.Published)
            .ThenBy(r => r.Seq)
            .Take(StoryComparer.MaxVersions)
            .Select(r => docs[r.Doc].Article)
            .ToList();
        return StoryComparer.Compare(ordered, storyId);
    }

    /// <summary>
    /// How two articles relate: document frequencies from <paramref name="session"/> when given and counted,
    /// else from the two articles alone.
    /// </summary>
    public static Relation Compare(Article a, Article b, IStoreSession? session)
    {
        var stats = new CountingTermStatistics();
        ArticleProfile pa = ArticleProfile.FromArticle(a);
        ArticleProfile pb = ArticleProfile.FromArticle(b);
        if (session is not null)
        {
            stats.Prefetch(session, [pa, pb]);
        }

        if (stats.CountedDocuments < 2)
        {
            // Nothing counted yet: the two articles are the whole collection.
            stats.Reset();
            stats.Add(pa);
            stats.Add(pb);
        }

        return Compare(a, b, pa, pb, stats);
    }

    /// <summary>How two articles relate given their profiles and document frequencies.</summary>
    public static Relation Compare(Article a, Article b, ArticleProfile profileA, ArticleProfile profileB, ITermStatistics stats) =>
        RelationClassifier.Classify(ComparisonText.Display(a), ComparisonText.Display(b), ProfileStoryModel.Match(profileA, profileB, stats));

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

    private static StorySummary Summary(StoryRow row, string original, List<string> members) =>
        new(row.Story, row.Title, original, members) { FirstPublished = row.FirstPublished, LastPublished = row.LastPublished };
}

/// <summary>
/// The likely original among a story's members: the earliest published. Where no member has a date, or several
/// share the earliest, it is the candidate the others' aligned content points back to: the largest total share
/// of its own sentences that recur in the others (a copy adds boilerplate, headlines and comment of its own, so
/// the source is the version whose sentences the others carry). A fragment (less than half the sentences of
/// the longest candidate) is not taken for the original: all of it recurs trivially. Then the first ingested.
/// Only the candidates and the first members are read, whatever the story's size.
/// </summary>
internal static class OriginalFinder
{
    /// <summary>Members considered when the original is decided by aligned content (no usable dates).</summary>
    private const int MaxOriginalCandidates = 12;

    public static long Pick(IStoreSession session, IReadOnlyList<MemberRow> members)
    {
        if (members.Count == 1)
        {
            return members[0].Doc;
        }

        DateTimeOffset? earliest = members.Min(m => m.Published);
        var candidates = members.Where(m => m.Published == earliest).OrderBy(m => m.Doc).Take(MaxOriginalCandidates).ToList();
        if (candidates.Count == 1)
        {
            return candidates[0].Doc;
        }

        var others = members.OrderBy(m => m.Doc).Take(MaxOriginalCandidates * 2).ToList();
        Dictionary<long, StoredDocument> docs = session.GetDocuments(others.Concat(candidates).Select(m => m.Doc));
        var texts = docs.ToDictionary(d => d.Key, d => ComparisonText.Display(d.Value.Article));
        candidates = [.. candidates.Where(c => texts.ContainsKey(c.Doc))];
        others = [.. others.Where(o => texts.ContainsKey(o.Doc))];
        if (candidates.Count == 0)
        {
            return members[0].Doc;
        }

        var sentences = candidates.ToDictionary(c => c.Doc, c => SentenceSplitter.Split(TextNormalizer.NormalizeForDisplay(texts[c.Doc])).Count);
        int longest = sentences.Values.Max();
        long best = candidates[0].Doc;
        double bestSupport = -1;
        foreach (MemberRow c in candidates.Where(c => sentences[c.Doc] * 2 >= longest))
        {
            double support = 0;
            foreach (MemberRow o in others)
            {
                if (o.Doc != c.Doc)
                {
                    support += SentenceAligner.Align(texts[o.Doc], texts[c.Doc]).CoverageB;
                }
            }

            if (support > bestSupport + 1e-9)
            {
                bestSupport = support;
                best = c.Doc;
            }
        }

        return best;
    }
}

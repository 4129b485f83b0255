using Storymatch.Matching;
using Storymatch.Storage;

namespace Storymatch.Stories;

/// <summary>
/// The stored articles most like one stored article: candidates are its story's members and every document that
/// shares an LSH bucket with it (near-duplicates), ranked by story similarity with the store's document frequencies.
/// </summary>
internal static class SimilarArticles
{
    /// <summary>Most candidates scored (a very large story is cut to its first members).</summary>
    private const int MaxCandidates = 500;

    public static List<SimilarArticle> Find(IStoreSession session, string location, string id, int k)
    {
        if (session.GetDocument(id) is not { } target)
        {
            return [];
        }

        var candidates = new HashSet<long>();
        if (session.StoryOf(target.Doc) is { } story)
        {
            candidates.UnionWith(session.Members(story).Select(m => m.Doc).Take(MaxCandidates));
        }

        FingerprintSettings settings = FingerprintSettings.Load(session, location) ?? FingerprintSettings.Default;
        if (session.GetSignature(target.Doc) is { } signature && signature.Length >= settings.Lsh.SignatureValuesUsed)
        {
            ulong[] bands = settings.Lsh.ComputeBandHashes(signature);
            for (int band = 0; band < bands.Length && candidates.Count < MaxCandidates * 2; band++)
            {
                candidates.UnionWith(session.BucketMembers(band, bands[band]));
            }
        }

        candidates.Remove(target.Doc);
        Dictionary<long, StoredDocument> docs = session.GetDocuments(candidates);
        ArticleProfile profile = ArticleProfile.FromArticle(target.Article);
        var profiles = docs.ToDictionary(d => d.Key, d => ArticleProfile.FromArticle(d.Value.Article));
        var stats = new CountingTermStatistics();
        stats.Prefetch(session, profiles.Values.Append(profile));
        return [.. profiles
            .Select(p => new SimilarArticle(docs[p.Key].Id, docs[p.Key].Article.Title, StorySimilarity.Score(profile, p.Value, stats).Score, session.StoryOf(p.Key)))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .Take(k)];
    }
}

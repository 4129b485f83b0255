using Storymatch.Fingerprints;
using Storymatch.Storage;
using Storymatch.Text;

namespace Storymatch.Matching;

/// <summary>
/// Exact and near-duplicate detection over a store, from what ingest stored: content hashes group exact copies,
/// the LSH bucket table proposes candidate pairs (no signature is recomputed), and only candidates are
/// verified with exact shingle Jaccard by <see cref="DuplicateDetector.Verify"/>. A threshold other than the
/// one the buckets were made for re-bands the stored signatures in memory (still no MinHash work).
/// </summary>
internal static class StoredDuplicates
{
    /// <summary>Every duplicate pair and group in <paramref name="store"/> at <paramref name="threshold"/> (default: the store's).</summary>
    public static DuplicateReport Find(IStoreSession store, string location, double? threshold = null)
    {
        FingerprintSettings settings = FingerprintSettings.Load(store, location) ?? FingerprintSettings.Default;
        var detector = new DuplicateDetector(new DuplicateOptions { Threshold = threshold ?? settings.Threshold, MinHash = settings.MinHash });

        // Copy groups: documents in ingest order, grouped by content hash; the first of each is its representative.
        var ids = new List<string>();
        var hashes = new List<string>();
        var indexOfDoc = new Dictionary<long, int>();
        var docOfIndex = new List<long>();
        var representativeOfHash = new Dictionary<string, int>(StringComparer.Ordinal);
        var copies = new Dictionary<int, List<int>>();
        foreach ((long doc, string id, string hash) in store.ContentHashes())
        {
            int i = ids.Count;
            ids.Add(id);
            hashes.Add(hash);
            indexOfDoc.Add(doc, i);
            docOfIndex.Add(doc);
            if (representativeOfHash.TryGetValue(hash, out int first))
            {
                copies[first].Add(i);
            }
            else
            {
                representativeOfHash.Add(hash, i);
                copies.Add(i, [i]);
            }
        }

        HashSet<(int A, int B)> candidates = detector.Lsh == settings.Lsh
            ? CandidatesFromBuckets(store, indexOfDoc, hashes, representativeOfHash)
            : CandidatesByRebanding(store, detector, indexOfDoc, hashes, representativeOfHash);

        var pairs = new List<(int A, int B, DuplicatePair Pair)>();
        foreach (List<int> group in copies.Values)
        {
            for (int x = 0; x < group.Count; x++)
            {
                for (int y = x + 1; y < group.Count; y++)
                {
                    pairs.Add((group[x], group[y], DuplicatePair.ExactCopy(ids[group[x]], ids[group[y]])));
                }
            }
        }

        var fingerprints = new Dictionary<int, DocumentFingerprint>();
        foreach ((int a, int b) in candidates.OrderBy(c => c.A).ThenBy(c => c.B))
        {
            if (detector.Verify(FingerprintOf(a), FingerprintOf(b)) is not { } verified)
            {
                continue;
            }

            foreach (int ma in copies[a])
            {
                foreach (int mb in copies[b])
                {
                    (int first, int second) = ma < mb ? (ma, mb) : (mb, ma);
                    pairs.Add((first, second, verified with { A = ids[first], B = ids[second] }));
                }
            }
        }

        pairs.Sort((x, y) => x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        List<DuplicatePair> ordered = pairs.ConvertAll(p => p.Pair);
        return new DuplicateReport(ordered, DuplicateDetector.Group(ordered), ids.Count, candidates.Count);

        DocumentFingerprint FingerprintOf(int i)
        {
            if (!fingerprints.TryGetValue(i, out DocumentFingerprint? fingerprint))
            {
                // Shingle sets are built for candidates only: most documents are never in a candidate pair.
                long doc = docOfIndex[i];
                StoredDocument stored = store.GetDocuments([doc])[doc];
                uint[] signature = store.GetSignature(doc) ?? detector.Hasher.ComputeSignature(ComparisonText.Normalized(stored.Article));
                fingerprint = new DocumentFingerprint(ids[i], hashes[i], signature, Shingles.Set(ComparisonText.Normalized(stored.Article), detector.Hasher.ShingleSize));
                fingerprints.Add(i, (DocumentFingerprint)fingerprint);
            }

            return fingerprint;
        }
    }

    /// <summary>Pairs of copy-group representatives that share a stored bucket.</summary>
    private static HashSet<(int A, int B)> CandidatesFromBuckets(
        IStoreSession store, Dictionary<long, int> indexOfDoc, List<string> hashes, Dictionary<string, int> representativeOfHash)
    {
        var candidates = new HashSet<(int, int)>();
        var members = new List<int>();
        foreach (long[] bucket in store.SharedBuckets())
        {
            members.Clear();
            foreach (long doc in bucket)
            {
                if (indexOfDoc.TryGetValue(doc, out int i))
                {
                    int representative = representativeOfHash[hashes[i]];
                    if (!members.Contains(representative))
                    {
                        members.Add(representative);
                    }
                }
            }

            AddPairs(members, candidates);
        }

        return candidates;
    }

    /// <summary>Pairs of representatives whose stored signatures share a band under the detector's banding.</summary>
    private static HashSet<(int A, int B)> CandidatesByRebanding(
        IStoreSession store, DuplicateDetector detector, Dictionary<long, int> indexOfDoc, List<string> hashes, Dictionary<string, int> representativeOfHash)
    {
        var buckets = new Dictionary<ulong, List<int>>();
        var bandHashes = new ulong[detector.Lsh.Bands];
        foreach ((long doc, uint[] signature) in store.Signatures())
        {
            if (!indexOfDoc.TryGetValue(doc, out int i) || representativeOfHash[hashes[i]] != i || signature.Length < detector.Lsh.SignatureValuesUsed)
            {
                continue;
            }

            // The band index is mixed into each band hash, so one dictionary holds every band's buckets.
            detector.Lsh.ComputeBandHashes(signature, bandHashes);
            foreach (ulong bandHash in bandHashes)
            {
                if (!buckets.TryGetValue(bandHash, out List<int>? list))
                {
                    list = [];
                    buckets.Add(bandHash, list);
                }

                list.Add(i);
            }
        }

        var candidates = new HashSet<(int, int)>();
        foreach (List<int> bucket in buckets.Values)
        {
            AddPairs(bucket, candidates);
        }

        return candidates;
    }

    private static void AddPairs(List<int> members, HashSet<(int, int)> candidates)
    {
        for (int x = 0; x < members.Count; x++)
        {
            for (int y = x + 1; y < members.Count; y++)
            {
                candidates.Add(members[x] < members[y] ? (members[x], members[y]) : (members[y], members[x]));
            }
        }
    }
}

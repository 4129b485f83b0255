using System.Diagnostics.CodeAnalysis;
using Storymatch.Fingerprints;

namespace Storymatch.Matching;

/// <summary>Settings of a <see cref="DuplicateDetector"/>.</summary>
internal sealed record DuplicateOptions
{
    public static DuplicateOptions Default { get; } = new();

    /// <summary>Pairs with exact shingle Jaccard at or above this are near-duplicates (0 &lt; threshold &lt; 1).</summary>
    public double Threshold { get; init; } = 0.8;

    /// <summary>Shingle size, permutations and seed of the signatures.</summary>
    public MinHashOptions MinHash { get; init; } = MinHashOptions.Default;

    /// <summary>Weight of missed pairs against extra candidates when choosing LSH bands and rows (see <see cref="LshParameters.ForThreshold"/>).</summary>
    public double FalseNegativeWeight { get; init; } = LshParameters.DefaultFalseNegativeWeight;
}

/// <summary>What the detector keeps of a document to verify it against others.</summary>
/// <param name="Id">The document id.</param>
/// <param name="ContentHash">SHA-256 of the normalised text (<see cref="Fingerprints.ContentHash.OfNormalized"/>).</param>
/// <param name="Signature">The MinHash signature (store it with <see cref="SignatureBytes"/>).</param>
/// <param name="ShingleSet">Sorted distinct shingle hashes, for exact Jaccard and containment.</param>
internal sealed record DocumentFingerprint(string Id, string ContentHash, uint[] Signature, ulong[] ShingleSet);

/// <summary>The outcome of <see cref="DuplicateDetector.Detect"/>.</summary>
/// <param name="Pairs">Every duplicate pair, A before B in input order, sorted by A then B.</param>
/// <param name="Groups">Connected components of the pairs (union-find), members in input order, groups ordered by their first member.</param>
/// <param name="Documents">Documents examined.</param>
/// <param name="CandidatePairs">Pairs LSH proposed for verification (between distinct texts).</param>
public sealed record DuplicateReport(
    IReadOnlyList<DuplicatePair> Pairs,
    IReadOnlyList<IReadOnlyList<string>> Groups,
    int Documents,
    int CandidatePairs);

/// <summary>
/// Exact and near-duplicate detection. Exact copies share a content hash; near-duplicates are found by
/// MinHash + LSH and every candidate is verified with exact shingle Jaccard, so no reported pair is below
/// the threshold. Usable in memory (<see cref="Detect"/>) and by the store, which keeps signatures and band
/// hashes in SQLite: it calls <see cref="Fingerprint"/> at ingest, stores <see cref="DocumentFingerprint.Signature"/>
/// and <see cref="BandHashes"/>, then <see cref="Verify"/> on the pairs its buckets yield, and <see cref="Group"/>.
/// </summary>
internal sealed class DuplicateDetector
{
    public DuplicateDetector(DuplicateOptions? options = null)
    {
        Options = options ?? DuplicateOptions.Default;
        if (!(Options.Threshold > 0 && Options.Threshold < 1))
        {
            ThrowThreshold(Options.Threshold);
        }

        Hasher = new MinHasher(Options.MinHash);
        Lsh = LshParameters.ForThreshold(Options.Threshold, Hasher.Permutations, Options.FalseNegativeWeight);
    }

    public DuplicateOptions Options { get; }

    public MinHasher Hasher { get; }

    /// <summary>The bands and rows in use, derived from the threshold and the permutation count.</summary>
    public LshParameters Lsh { get; }

    /// <summary>Content hash, signature and shingle set of one document.</summary>
    public DocumentFingerprint Fingerprint(string id, string normalizedText)
    {
        using PooledShingles shingles = Shingles.Rent(normalizedText, Hasher.ShingleSize);
        uint[] signature = new uint[Hasher.Permutations];
        Hasher.ComputeSignature(shingles.Hashes, signature);
        return new DocumentFingerprint(id, ContentHash.OfNormalized(normalizedText), signature, Shingles.ToSortedSet(shingles.Hashes));
    }

    /// <summary>The LSH band hashes of a signature (<see cref="LshParameters.Bands"/> values) for the bucket table.</summary>
    public ulong[] BandHashes(ReadOnlySpan<uint> signature) => Lsh.ComputeBandHashes(signature);

    /// <summary>
    /// The pair as a duplicate, or null when it is not one: exact when the content hashes are equal,
    /// near-duplicate when the exact Jaccard reaches the threshold. A is <paramref name="a"/>.
    /// </summary>
    public DuplicatePair? Verify(DocumentFingerprint a, DocumentFingerprint b)
    {
        if (string.Equals(a.ContentHash, b.ContentHash, StringComparison.Ordinal))
        {
            return DuplicatePair.ExactCopy(a.Id, b.Id);
        }

        int common = Shingles.IntersectionCount(a.ShingleSet, b.ShingleSet);
        int union = a.ShingleSet.Length + b.ShingleSet.Length - common;
        double jaccard = union == 0 ? 1 : (double)common / union;
        if (jaccard < Options.Threshold)
        {
            return null;
        }

        return new DuplicatePair(a.Id, b.Id, DuplicateRelation.NearDuplicate, jaccard,
            ContainmentAB: a.ShingleSet.Length == 0 ? 1 : (double)common / a.ShingleSet.Length,
            ContainmentBA: b.ShingleSet.Length == 0 ? 1 : (double)common / b.ShingleSet.Length,
            MinHashEstimate: MinHasher.EstimateJaccard(a.Signature, b.Signature));
    }

    /// <summary>
    /// Finds every exact and near-duplicate pair among <paramref name="documents"/> (ids with normalised text).
    /// Exact copies are collapsed first, so LSH and verification run once per distinct text; pairs are then
    /// expanded to every member of each copy group.
    /// </summary>
    public DuplicateReport Detect(IReadOnlyList<(string Id, string NormalizedText)> documents)
    {
        int n = documents.Count;
        string[] hashes = new string[n];
        uint[] signatures = new uint[n * Hasher.Permutations];
        bool[] hasShingles = new bool[n];
        Parallel.For(0, n, i =>
        {
            string text = documents[i].NormalizedText;
            hashes[i] = ContentHash.OfNormalized(text);
            using PooledShingles shingles = Shingles.Rent(text, Hasher.ShingleSize);
            hasShingles[i] = !shingles.Hashes.IsEmpty;
            Hasher.ComputeSignature(shingles.Hashes, signatures.AsSpan(i * Hasher.Permutations, Hasher.Permutations));
        });

        // Copy groups: each distinct text's documents, in input order; the first is the representative.
        var representativeOf = new Dictionary<string, int>(n, StringComparer.Ordinal);
        var members = new Dictionary<int, List<int>>();
        var index = new LshIndex(Lsh);
        var representatives = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (representativeOf.TryGetValue(hashes[i], out int first))
            {
                members[first].Add(i);
                continue;
            }

            representativeOf.Add(hashes[i], i);
            members.Add(i, [i]);
            if (hasShingles[i])
            {
                index.Add(signatures.AsSpan(i * Hasher.Permutations, Hasher.Permutations));
                representatives.Add(i);
            }
        }

        var pairs = new List<(int A, int B, DuplicatePair Pair)>();
        foreach (List<int> group in members.Values)
        {
            for (int x = 0; x < group.Count; x++)
            {
                for (int y = x + 1; y < group.Count; y++)
                {
                    pairs.Add((group[x], group[y], DuplicatePair.ExactCopy(documents[group[x]].Id, documents[group[y]].Id)));
                }
            }
        }

        List<(int A, int B)> candidates = index.CandidatePairs();
        var fingerprints = new Dictionary<int, DocumentFingerprint>();
        foreach ((int ca, int cb) in candidates)
        {
            int a = representatives[ca], b = representatives[cb];
            DuplicatePair? verified = Verify(FingerprintOf(a), FingerprintOf(b));
            if (verified is null)
            {
                continue;
            }

            foreach (int ma in members[a])
            {
                foreach (int mb in members[b])
                {
                    (int first, int second) = ma < mb ? (ma, mb) : (mb, ma);
                    pairs.Add((first, second, verified with { A = documents[first].Id, B = documents[second].Id }));
                }
            }
        }

        pairs.Sort((x, y) => x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        var unionFind = new UnionFind(n);
        foreach ((int a, int b, _) in pairs)
        {
            unionFind.Union(a, b);
        }

        return new DuplicateReport(pairs.ConvertAll(p => p.Pair), GroupsOf(unionFind, n, documents), n, candidates.Count);

        DocumentFingerprint FingerprintOf(int i)
        {
            if (!fingerprints.TryGetValue(i, out DocumentFingerprint? fingerprint))
            {
                // Only documents in some candidate pair get a shingle set: most documents never need one.
                fingerprint = new DocumentFingerprint(documents[i].Id, hashes[i],
                    signatures.AsSpan(i * Hasher.Permutations, Hasher.Permutations).ToArray(),
                    Shingles.Set(documents[i].NormalizedText, Hasher.ShingleSize));
                fingerprints.Add(i, fingerprint);
            }

            return fingerprint;
        }
    }

    /// <summary>
    /// Groups documents by union-find over <paramref name="pairs"/>: connected components with at least two
    /// members, each in order of first appearance in the pairs, groups in order of their first member.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Group(IEnumerable<DuplicatePair> pairs)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>();
        var edges = new List<(int, int)>();
        foreach (DuplicatePair pair in pairs)
        {
            edges.Add((Number(pair.A), Number(pair.B)));
        }

        var unionFind = new UnionFind(ids.Count);
        foreach ((int a, int b) in edges)
        {
            unionFind.Union(a, b);
        }

        return GroupsOf(unionFind, ids.Count, ids.ConvertAll(id => (id, string.Empty)));

        int Number(string id)
        {
            if (!numbers.TryGetValue(id, out int number))
            {
                number = ids.Count;
                numbers.Add(id, number);
                ids.Add(id);
            }

            return number;
        }
    }

    private static List<IReadOnlyList<string>> GroupsOf(UnionFind unionFind, int n, IReadOnlyList<(string Id, string)> documents)
    {
        var byRoot = new Dictionary<int, List<string>>();
        var order = new List<List<string>>();
        for (int i = 0; i < n; i++)
        {
            int root = unionFind.Find(i);
            if (!byRoot.TryGetValue(root, out List<string>? group))
            {
                group = [];
                byRoot.Add(root, group);
                order.Add(group);
            }

            group.Add(documents[i].Id);
        }

        return order.Where(g => g.Count > 1).Cast<IReadOnlyList<string>>().ToList();
    }

    [DoesNotReturn]
    private static void ThrowThreshold(double threshold) =>
        throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The duplicate threshold must be between 0 and 1 (exclusive).");
}

namespace Storymatch.Fingerprints;

/// <summary>
/// An in-memory LSH index: documents go in as signatures, candidate pairs (documents sharing at least one band)
/// come out. The store keeps the same band hashes in SQLite instead; this is the in-memory equivalent.
/// </summary>
internal sealed class LshIndex
{
    private readonly List<ulong> _bandHashes = []; // document d's bands at [d * Bands, (d + 1) * Bands)

    public LshIndex(LshParameters parameters) => Parameters = parameters;

    public LshParameters Parameters { get; }

    /// <summary>Documents added so far; they are numbered 0, 1, ... in the order added.</summary>
    public int Count => _bandHashes.Count / Parameters.Bands;

    /// <summary>Adds a document's signature and returns its number.</summary>
    public int Add(ReadOnlySpan<uint> signature)
    {
        Span<ulong> bands = Parameters.Bands <= 256 ? stackalloc ulong[Parameters.Bands] : new ulong[Parameters.Bands];
        Parameters.ComputeBandHashes(signature, bands);
        foreach (ulong hash in bands)
        {
            _bandHashes.Add(hash);
        }

        return Count - 1;
    }

    /// <summary>
    /// Every pair of documents that share a band, once, as (lower number, higher number), in ascending order.
    /// Per band the (hash, document) entries are sorted so equal hashes sit together; pairs found in several
    /// bands are reported once.
    /// </summary>
    public List<(int A, int B)> CandidatePairs()
    {
        int documents = Count, bands = Parameters.Bands;
        var pairs = new HashSet<long>();
        ulong[] keys = new ulong[documents];
        int[] ids = new int[documents];
        for (int band = 0; band < bands; band++)
        {
            for (int d = 0; d < documents; d++)
            {
                keys[d] = _bandHashes[(d * bands) + band];
                ids[d] = d;
            }

            Array.Sort(keys, ids);
            for (int start = 0; start < documents;)
            {
                int end = start + 1;
                while (end < documents && keys[end] == keys[start])
                {
                    end++;
                }

                for (int i = start; i < end; i++)
                {
                    for (int j = i + 1; j < end; j++)
                    {
                        int a = Math.Min(ids[i], ids[j]), b = Math.Max(ids[i], ids[j]);
                        pairs.Add(((long)a << 32) | (uint)b);
                    }
                }

                start = end;
            }
        }

        var result = new List<(int A, int B)>(pairs.Count);
        foreach (long key in pairs)
        {
            result.Add(((int)(key >> 32), (int)(key & 0xFFFFFFFF)));
        }

        result.Sort();
        return result;
    }
}

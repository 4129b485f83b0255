using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Storymatch.Fingerprints;

/// <summary>
/// MinHash signatures of word-shingle sets. Hand-written: no available library computes MinHash, let alone
/// allocation-free and vectorised. Two schemes (<see cref="MinHashScheme"/>), chosen by the options:
/// <list type="bullet">
/// <item><b>Independent permutations</b> (fingerprint version 1): permutation i is the 32-bit hash
/// <c>h_i(x) = mix((x ^ b_i) * a_i)</c> of the shingle hash x folded to 32 bits, with a_i odd and b_i drawn from
/// <see cref="MinHashOptions.Seed"/>; <c>mix</c> is a fixed xorshift-multiply-xorshift; value i is the minimum of
/// h_i over the shingles. Vectorised across permutations (Vector256 / Vector128 / scalar tail).</item>
/// <item><b>One permutation</b> (version 2, the default; Li, Owen and Zhang 2012, with the optimal densification of
/// Shrivastava 2017): each shingle is hashed once, <c>g(x) = mix64(x ^ key)</c>; its high bits pick one of the
/// k bins and its low 32 bits are the value; value i is the minimum of bin i. An empty bin takes the value of
/// the first non-empty bin of a probe sequence fixed by the seed and the bin's index, so two documents'
/// values agree at a position with probability equal to their Jaccard similarity, as with k permutations,
/// at 1/k of the hashing.</item>
/// </list>
/// Either way value i is <see cref="uint.MaxValue"/> for a text with no shingles.
/// </summary>
internal sealed class MinHasher
{
    private const uint MixMultiplier = 0x2C1B3C6Du;
    private const int MaxPermutations = 4096;

    // Per-permutation parameters, laid out so that lanes p..p+7 of a Vector256 load are permutations p..p+7.
    private readonly uint[] _multipliers;
    private readonly uint[] _offsets;

    // One-permutation scheme: the key xored into every shingle hash, and the one the densification probes use.
    private readonly ulong _binKey;
    private readonly ulong _probeKey;

    public MinHasher(MinHashOptions? options = null)
    {
        Options = options ?? MinHashOptions.Default;
        Shingles.ValidateSize(Options.ShingleSize);
        if (Options.Permutations is < 1 or > MaxPermutations)
        {
            ThrowPermutationsOutOfRange(Options.Permutations);
        }

        _multipliers = new uint[Options.Permutations];
        _offsets = new uint[Options.Permutations];
        ulong state = Options.Seed;
        for (int i = 0; i < Options.Permutations; i++)
        {
            ulong r = SplitMix64(ref state);
            _multipliers[i] = (uint)r | 1u; // odd, so x -> x * a is a bijection of 32-bit values
            _offsets[i] = (uint)(r >> 32);
        }

        _binKey = SplitMix64(ref state);
        _probeKey = SplitMix64(ref state);
    }

    /// <summary>The scheme signatures are drawn with.</summary>
    public MinHashScheme Scheme => Options.Scheme;

    public MinHashOptions Options { get; }

    public int Permutations => _multipliers.Length;

    public int ShingleSize => Options.ShingleSize;

    /// <summary>The signature of a normalised text (a new array; see the span overload for zero allocation).</summary>
    public uint[] ComputeSignature(ReadOnlySpan<char> normalized)
    {
        uint[] signature = new uint[Permutations];
        ComputeSignature(normalized, signature);
        return signature;
    }

    /// <summary>Writes the signature of a normalised text into <paramref name="destination"/> (exactly <see cref="Permutations"/> values). No allocation in steady state.</summary>
    public void ComputeSignature(ReadOnlySpan<char> normalized, Span<uint> destination)
    {
        using PooledShingles shingles = Shingles.Rent(normalized, ShingleSize);
        ComputeSignature(shingles.Hashes, destination);
    }

    /// <summary>Writes the signature of a set of shingle hashes (repeats allowed) into <paramref name="destination"/>.</summary>
    public void ComputeSignature(ReadOnlySpan<ulong> shingleHashes, Span<uint> destination)
    {
        Reset(destination);
        Update(shingleHashes, destination);
        Complete(destination);
    }

    /// <summary>Starts a streamed signature: every value to <see cref="uint.MaxValue"/> (the signature of no shingles).</summary>
    public static void Reset(Span<uint> running) => running.Fill(uint.MaxValue);

    /// <summary>
    /// Folds more shingle hashes into a running signature. Streaming a set in any number of chunks, then
    /// <see cref="Complete"/>, gives the same signature as one <see cref="ComputeSignature(ReadOnlySpan{ulong}, Span{uint})"/>
    /// call, because each value (or bin) is a running minimum.
    /// </summary>
    public void Update(ReadOnlySpan<ulong> shingleHashes, Span<uint> running) =>
        Update(shingleHashes, running, Vector256.IsHardwareAccelerated ? VectorWidth.Vector256
            : Vector128.IsHardwareAccelerated ? VectorWidth.Vector128 : VectorWidth.Scalar);

    /// <summary>
    /// Ends a streamed signature. For the one-permutation scheme this fills the empty bins (densification);
    /// for independent permutations there is nothing to do.
    /// </summary>
    public void Complete(Span<uint> running)
    {
        if (running.Length != Permutations)
        {
            ThrowSignatureLengths(running.Length, Permutations);
        }

        if (Scheme == MinHashScheme.OnePermutation)
        {
            Densify(running);
        }
    }

    /// <summary>The share of positions where two signatures agree: the MinHash estimate of their Jaccard similarity.</summary>
    public static double EstimateJaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.Length != b.Length || a.IsEmpty)
        {
            ThrowSignatureLengths(a.Length, b.Length);
        }

        int equal = 0;
        for (int i = 0; i < a.Length; i++)
        {
            equal += a[i] == b[i] ? 1 : 0;
        }

        return (double)equal / a.Length;
    }

    /// <summary>The widest vectors <see cref="Update(ReadOnlySpan{ulong}, Span{uint}, VectorWidth)"/> may use; tests pin each tier.</summary>
    internal enum VectorWidth
    {
        Scalar,
        Vector128,
        Vector256,
    }

    /// <summary>
    /// The cascade: blocks of 4 x Vector256 (32 permutations), then single Vector256 (8), then Vector128 (4),
    /// then one permutation at a time for the last 0-3. Every tier computes the same h_i as <see cref="HashScalar"/>
    /// with wrapping 32-bit arithmetic, so results are bit-identical whichever tiers run.
    /// </summary>
    internal void Update(ReadOnlySpan<ulong> shingleHashes, Span<uint> running, VectorWidth width)
    {
        if (running.Length != Permutations)
        {
            ThrowSignatureLengths(running.Length, Permutations);
        }

        if (shingleHashes.IsEmpty)
        {
            return;
        }

        if (Scheme == MinHashScheme.OnePermutation)
        {
            UpdateBins(shingleHashes, running);
            return;
        }

        int p = 0;
        if (width >= VectorWidth.Vector256)
        {
            for (; p + (4 * Vector256<uint>.Count) <= Permutations; p += 4 * Vector256<uint>.Count)
            {
                UpdateBlock256x4(shingleHashes, running, p);
            }

            for (; p + Vector256<uint>.Count <= Permutations; p += Vector256<uint>.Count)
            {
                UpdateBlock256(shingleHashes, running, p);
            }
        }

        if (width >= VectorWidth.Vector128)
        {
            for (; p + (4 * Vector128<uint>.Count) <= Permutations; p += 4 * Vector128<uint>.Count)
            {
                UpdateBlock128x4(shingleHashes, running, p);
            }

            for (; p + Vector128<uint>.Count <= Permutations; p += Vector128<uint>.Count)
            {
                UpdateBlock128(shingleHashes, running, p);
            }
        }

        for (; p < Permutations; p++)
        {
            uint min = running[p];
            uint a = _multipliers[p], b = _offsets[p];
            foreach (ulong shingle in shingleHashes)
            {
                min = Math.Min(min, HashScalar(Fold(shingle), a, b));
            }

            running[p] = min;
        }
    }

    /// <summary>
    /// One-permutation scheme, per shingle: one 64-bit mix; bin = the high 32 bits scaled to [0, k); value = the
    /// low 32 bits, kept below <see cref="uint.MaxValue"/>, which marks an empty bin. One hash and one scattered
    /// minimum per shingle, whatever k is: there is nothing left for vectors to do here.
    /// </summary>
    private void UpdateBins(ReadOnlySpan<ulong> shingleHashes, Span<uint> running)
    {
        ulong bins = (ulong)running.Length;
        ulong key = _binKey;
        ref uint first = ref MemoryMarshal.GetReference(running);
        foreach (ulong shingle in shingleHashes)
        {
            ulong g = TokenHash.Mix(shingle ^ key);
            ref uint slot = ref Unsafe.Add(ref first, (nint)(((g >> 32) * bins) >> 32));
            uint value = Math.Min((uint)g, uint.MaxValue - 1);
            if (value < slot)
            {
                slot = value;
            }
        }
    }

    /// <summary>
    /// Optimal densification: empty bin i takes the value of the first originally non-empty bin on its probe
    /// sequence j_t = bin(mix64(probeKey ^ (i, t))), t = 0, 1, ...; the sequence depends only on the seed and i, so
    /// two documents empty at i copy from the same bin whenever it is non-empty in both. A signature with no
    /// non-empty bin (no shingles) stays all <see cref="uint.MaxValue"/>. After 8k probes (vanishingly rare:
    /// each probe hits a non-empty bin with probability at least 1/k) the next non-empty bin to the right is taken.
    /// </summary>
    private void Densify(Span<uint> running)
    {
        int k = running.Length;
        Span<ulong> empty = stackalloc ulong[(MaxPermutations + 63) / 64];
        int emptyCount = 0;
        for (int i = 0; i < k; i++)
        {
            if (running[i] == uint.MaxValue)
            {
                empty[i >> 6] |= 1UL << (i & 63);
                emptyCount++;
            }
        }

        if (emptyCount == 0 || emptyCount == k)
        {
            return;
        }

        for (int i = 0; i < k; i++)
        {
            if ((empty[i >> 6] & (1UL << (i & 63))) == 0)
            {
                continue;
            }

            int source = -1;
            for (uint t = 0; t < 8u * (uint)k; t++)
            {
                ulong g = TokenHash.Mix(_probeKey ^ (((ulong)(uint)i << 32) | t));
                int j = (int)(((g >> 32) * (ulong)k) >> 32);
                if ((empty[j >> 6] & (1UL << (j & 63))) == 0)
                {
                    source = j;
                    break;
                }
            }

            for (int step = 1; source < 0; step++)
            {
                int j = (i + step) % k;
                if ((empty[j >> 6] & (1UL << (j & 63))) == 0)
                {
                    source = j;
                }
            }

            running[i] = running[source];
        }
    }

    /// <summary>
    /// The plain reference of the independent-permutations scheme: one permutation, one shingle at a time. Tests
    /// compare every tier against it.
    /// </summary>
    internal void ComputeReference(ReadOnlySpan<ulong> shingleHashes, Span<uint> destination)
    {
        for (int i = 0; i < Permutations; i++)
        {
            uint min = uint.MaxValue;
            for (int s = 0; s < shingleHashes.Length; s++)
            {
                uint h = HashScalar(Fold(shingleHashes[s]), _multipliers[i], _offsets[i]);
                if (h < min)
                {
                    min = h;
                }
            }

            destination[i] = min;
        }
    }

    /// <summary>h_i of one 32-bit shingle value: (x ^ b) * a, then xorshift-multiply-xorshift, all mod 2^32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint HashScalar(uint x, uint a, uint b)
    {
        uint h = (x ^ b) * a;
        h ^= h >> 16;
        h *= MixMultiplier;
        h ^= h >> 15;
        return h;
    }

    /// <summary>64-bit shingle hash to the 32-bit MinHash input; both halves count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Fold(ulong shingle) => (uint)shingle ^ (uint)(shingle >> 32);

    // Lane layout of the vector blocks: lane j of the accumulator, multiplier and offset vectors is permutation
    // p + j; the shingle value is broadcast to all lanes. Lanes never interact (only lane-wise xor, multiply
    // low 32 bits, logical shift and unsigned min), so each lane is exactly HashScalar for its permutation.
    // Four accumulators at once keep 12 vectors in registers and give the multiplier latency independent work.
    private void UpdateBlock256x4(ReadOnlySpan<ulong> shingles, Span<uint> running, int p)
    {
        ref uint mins = ref MemoryMarshal.GetReference(running);
        ref uint a = ref MemoryMarshal.GetArrayDataReference(_multipliers);
        ref uint b = ref MemoryMarshal.GetArrayDataReference(_offsets);
        nuint o = (nuint)p, w = (nuint)Vector256<uint>.Count;
        Vector256<uint> a0 = Vector256.LoadUnsafe(ref a, o), a1 = Vector256.LoadUnsafe(ref a, o + w),
            a2 = Vector256.LoadUnsafe(ref a, o + (2 * w)), a3 = Vector256.LoadUnsafe(ref a, o + (3 * w));
        Vector256<uint> b0 = Vector256.LoadUnsafe(ref b, o), b1 = Vector256.LoadUnsafe(ref b, o + w),
            b2 = Vector256.LoadUnsafe(ref b, o + (2 * w)), b3 = Vector256.LoadUnsafe(ref b, o + (3 * w));
        Vector256<uint> m0 = Vector256.LoadUnsafe(ref mins, o), m1 = Vector256.LoadUnsafe(ref mins, o + w),
            m2 = Vector256.LoadUnsafe(ref mins, o + (2 * w)), m3 = Vector256.LoadUnsafe(ref mins, o + (3 * w));
        foreach (ulong shingle in shingles)
        {
            Vector256<uint> x = Vector256.Create(Fold(shingle));
            m0 = Vector256.Min(m0, Hash256(x, a0, b0));
            m1 = Vector256.Min(m1, Hash256(x, a1, b1));
            m2 = Vector256.Min(m2, Hash256(x, a2, b2));
            m3 = Vector256.Min(m3, Hash256(x, a3, b3));
        }

        m0.StoreUnsafe(ref mins, o);
        m1.StoreUnsafe(ref mins, o + w);
        m2.StoreUnsafe(ref mins, o + (2 * w));
        m3.StoreUnsafe(ref mins, o + (3 * w));
    }

    private void UpdateBlock256(ReadOnlySpan<ulong> shingles, Span<uint> running, int p)
    {
        ref uint mins = ref MemoryMarshal.GetReference(running);
        Vector256<uint> a = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_multipliers), (nuint)p);
        Vector256<uint> b = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_offsets), (nuint)p);
        Vector256<uint> m = Vector256.LoadUnsafe(ref mins, (nuint)p);
        foreach (ulong shingle in shingles)
        {
            m = Vector256.Min(m, Hash256(Vector256.Create(Fold(shingle)), a, b));
        }

        m.StoreUnsafe(ref mins, (nuint)p);
    }

    private void UpdateBlock128x4(ReadOnlySpan<ulong> shingles, Span<uint> running, int p)
    {
        ref uint mins = ref MemoryMarshal.GetReference(running);
        ref uint a = ref MemoryMarshal.GetArrayDataReference(_multipliers);
        ref uint b = ref MemoryMarshal.GetArrayDataReference(_offsets);
        nuint o = (nuint)p, w = (nuint)Vector128<uint>.Count;
        Vector128<uint> a0 = Vector128.LoadUnsafe(ref a, o), a1 = Vector128.LoadUnsafe(ref a, o + w),
            a2 = Vector128.LoadUnsafe(ref a, o + (2 * w)), a3 = Vector128.LoadUnsafe(ref a, o + (3 * w));
        Vector128<uint> b0 = Vector128.LoadUnsafe(ref b, o), b1 = Vector128.LoadUnsafe(ref b, o + w),
            b2 = Vector128.LoadUnsafe(ref b, o + (2 * w)), b3 = Vector128.LoadUnsafe(ref b, o + (3 * w));
        Vector128<uint> m0 = Vector128.LoadUnsafe(ref mins, o), m1 = Vector128.LoadUnsafe(ref mins, o + w),
            m2 = Vector128.LoadUnsafe(ref mins, o + (2 * w)), m3 = Vector128.LoadUnsafe(ref mins, o + (3 * w));
        foreach (ulong shingle in shingles)
        {
            Vector128<uint> x = Vector128.Create(Fold(shingle));
            m0 = Vector128.Min(m0, Hash128(x, a0, b0));
            m1 = Vector128.Min(m1, Hash128(x, a1, b1));
            m2 = Vector128.Min(m2, Hash128(x, a2, b2));
            m3 = Vector128.Min(m3, Hash128(x, a3, b3));
        }

        m0.StoreUnsafe(ref mins, o);
        m1.StoreUnsafe(ref mins, o + w);
        m2.StoreUnsafe(ref mins, o + (2 * w));
        m3.StoreUnsafe(ref mins, o + (3 * w));
    }

    private void UpdateBlock128(ReadOnlySpan<ulong> shingles, Span<uint> running, int p)
    {
        ref uint mins = ref MemoryMarshal.GetReference(running);
        Vector128<uint> a = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_multipliers), (nuint)p);
        Vector128<uint> b = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_offsets), (nuint)p);
        Vector128<uint> m = Vector128.LoadUnsafe(ref mins, (nuint)p);
        foreach (ulong shingle in shingles)
        {
            m = Vector128.Min(m, Hash128(Vector128.Create(Fold(shingle)), a, b));
        }

        m.StoreUnsafe(ref mins, (nuint)p);
    }

    /// <summary>HashScalar in every lane: the same four steps, lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Hash256(Vector256<uint> x, Vector256<uint> a, Vector256<uint> b)
    {
        Vector256<uint> h = (x ^ b) * a;
        h ^= Vector256.ShiftRightLogical(h, 16);
        h *= Vector256.Create(MixMultiplier);
        return h ^ Vector256.ShiftRightLogical(h, 15);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> Hash128(Vector128<uint> x, Vector128<uint> a, Vector128<uint> b)
    {
        Vector128<uint> h = (x ^ b) * a;
        h ^= Vector128.ShiftRightLogical(h, 16);
        h *= Vector128.Create(MixMultiplier);
        return h ^ Vector128.ShiftRightLogical(h, 15);
    }

    /// <summary>SplitMix64: a tiny, fully specified generator, so permutations never depend on System.Random's algorithm.</summary>
    internal static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [DoesNotReturn]
    private static void ThrowPermutationsOutOfRange(int permutations) =>
        throw new ArgumentOutOfRangeException(nameof(permutations), permutations, $"Permutations must be between 1 and {MaxPermutations}.");

    [DoesNotReturn]
    private static void ThrowSignatureLengths(int actual, int expected) =>
        throw new ArgumentException($"Signature length {actual} does not match {expected} (both must be the hasher's permutation count).");
}

using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Storymatch.Text;

namespace Storymatch.Fingerprints;

/// <summary>
/// Word shingles of normalised text (<see cref="TextNormalizer.Normalize"/> output), as 64-bit hashes: each run
/// of <c>size</c> consecutive <see cref="WordTokenizer"/> tokens gives one hash. A text with fewer than
/// <c>size</c> tokens (but at least one) gives a single shingle of all its tokens; an empty text gives none.
/// Hashing writes into a caller span or a pooled buffer: nothing is allocated per token or per shingle.
/// </summary>
internal static class Shingles
{
    /// <summary>The default shingle size in words.</summary>
    public const int DefaultSize = 5;

    /// <summary>The largest supported shingle size (the rolling window lives on the stack).</summary>
    public const int MaxSize = 64;

    /// <summary>
    /// An upper bound on the number of shingles of a text of <paramref name="textLength"/> chars (a token is
    /// at least one char): a destination this long is always enough.
    /// </summary>
    public static int MaxCount(int textLength) => textLength;

    /// <summary>
    /// Writes the shingle hashes of <paramref name="normalized"/> in text order (repeats included) into
    /// <paramref name="destination"/> and returns how many were written.
    /// </summary>
    /// <exception cref="ArgumentException">The destination is shorter than the number of shingles.</exception>
    public static int Hash(ReadOnlySpan<char> normalized, int size, Span<ulong> destination)
    {
        ValidateSize(size);
        return Hash(normalized, size, destination, WordScanner.Best);
    }

    /// <summary><see cref="Hash(ReadOnlySpan{char}, int, Span{ulong})"/> with the scanner's vector width pinned (tests pin each tier).</summary>
    internal static int Hash(ReadOnlySpan<char> normalized, int size, Span<ulong> destination, WordScanner.Width width, bool useScanner = true)
    {
        // Texts of a few words gain nothing from the bitmap scan; long ones keep their bitmaps on the stack up
        // to 32k characters, beyond that in a pooled buffer.
        if (useScanner && normalized.Length >= 64)
        {
            int words = WordScanner.BitmapLength(normalized.Length);
            ulong[]? rented = null;
            Span<ulong> bits = words <= 512 ? stackalloc ulong[2 * words] : (rented = ArrayPool<ulong>.Shared.Rent(2 * words)).AsSpan(0, 2 * words);
            try
            {
                if (WordScanner.TryScan(normalized, bits[..words], bits[words..], width))
                {
                    return HashRuns(normalized, size, destination, bits[..words]);
                }
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<ulong>.Shared.Return(rented);
                }
            }
        }

        var sink = new ShingleSink(new ShingleWindow(size, stackalloc ulong[size]), destination);
        foreach (WordTokenizer.Token token in WordTokenizer.Enumerate(normalized))
        {
            sink.Push(TokenHash.Hash(normalized.Slice(token.Start, token.Length)));
        }

        return sink.Finish();
    }

    private static int HashRuns(ReadOnlySpan<char> normalized, int size, Span<ulong> destination, ReadOnlySpan<ulong> tokenBits)
    {
        var sink = new ShingleSink(new ShingleWindow(size, stackalloc ulong[size]), destination);
        foreach (WordTokenizer.Token token in WordScanner.Runs(tokenBits, normalized.Length))
        {
            sink.Push(TokenHash.Hash(normalized.Slice(token.Start, token.Length)));
        }

        return sink.Finish();
    }

    /// <summary>
    /// Shingles of a sequence of token hashes (<see cref="TokenHash.Hash"/> of each token): the same values
    /// <see cref="Hash(ReadOnlySpan{char}, int, Span{ulong})"/> gives for a text with those tokens. The generator uses it to skip rendering text.
    /// </summary>
    internal static int HashTokens(ReadOnlySpan<ulong> tokenHashes, int size, Span<ulong> destination)
    {
        ValidateSize(size);
        var sink = new ShingleSink(new ShingleWindow(size, stackalloc ulong[size]), destination);
        foreach (ulong tokenHash in tokenHashes)
        {
            sink.Push(tokenHash);
        }

        return sink.Finish();
    }

    /// <summary>
    /// The shingle hashes of <paramref name="normalized"/> in a buffer rented from <see cref="ArrayPool{T}.Shared"/>;
    /// dispose the result to return it.
    /// </summary>
    public static PooledShingles Rent(ReadOnlySpan<char> normalized, int size = DefaultSize)
    {
        ValidateSize(size);
        ulong[] buffer = ArrayPool<ulong>.Shared.Rent(Math.Max(1, MaxCount(normalized.Length)));
        int count = Hash(normalized, size, buffer);
        return new PooledShingles(buffer, count);
    }

    /// <summary>The distinct shingle hashes of <paramref name="normalized"/>, sorted ascending: the set form for exact Jaccard and containment.</summary>
    public static ulong[] Set(ReadOnlySpan<char> normalized, int size = DefaultSize)
    {
        using PooledShingles pooled = Rent(normalized, size);
        return ToSortedSet(pooled.Hashes);
    }

    /// <summary>The distinct values of <paramref name="hashes"/>, sorted ascending.</summary>
    public static ulong[] ToSortedSet(ReadOnlySpan<ulong> hashes)
    {
        if (hashes.IsEmpty)
        {
            return [];
        }

        ulong[] copy = hashes.ToArray();
        copy.AsSpan().Sort();
        int distinct = 1;
        for (int i = 1; i < copy.Length; i++)
        {
            if (copy[i] != copy[distinct - 1])
            {
                copy[distinct++] = copy[i];
            }
        }

        return distinct == copy.Length ? copy : copy.AsSpan(0, distinct).ToArray();
    }

    /// <summary>|A ∩ B| of two sorted distinct sets, by a linear merge.</summary>
    public static int IntersectionCount(ReadOnlySpan<ulong> sortedA, ReadOnlySpan<ulong> sortedB)
    {
        int i = 0, j = 0, common = 0;
        while (i < sortedA.Length && j < sortedB.Length)
        {
            ulong a = sortedA[i], b = sortedB[j];
            if (a == b)
            {
                common++;
                i++;
                j++;
            }
            else if (a < b)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return common;
    }

    /// <summary>Exact Jaccard |A ∩ B| / |A ∪ B| of two sorted distinct sets; two empty sets count as identical (1).</summary>
    public static double Jaccard(ReadOnlySpan<ulong> sortedA, ReadOnlySpan<ulong> sortedB)
    {
        if (sortedA.IsEmpty && sortedB.IsEmpty)
        {
            return 1;
        }

        int common = IntersectionCount(sortedA, sortedB);
        return (double)common / (sortedA.Length + sortedB.Length - common);
    }

    /// <summary>Containment of A in B, |A ∩ B| / |A|: the share of A's shingles that B also has (1 when A is empty).</summary>
    public static double Containment(ReadOnlySpan<ulong> sortedA, ReadOnlySpan<ulong> sortedB) =>
        sortedA.IsEmpty ? 1 : (double)IntersectionCount(sortedA, sortedB) / sortedA.Length;

    internal static void ValidateSize(int size)
    {
        if (size is < 1 or > MaxSize)
        {
            ThrowSizeOutOfRange(size);
        }
    }

    [DoesNotReturn]
    private static void ThrowSizeOutOfRange(int size) =>
        throw new ArgumentOutOfRangeException(nameof(size), size, $"Shingle size must be between 1 and {MaxSize}.");
}

/// <summary>Shingle hashes in a pooled buffer; <see cref="Dispose"/> returns the buffer (use with <c>using</c>).</summary>
internal struct PooledShingles : IDisposable
{
    private ulong[]? _buffer;
    private readonly int _count;

    internal PooledShingles(ulong[] buffer, int count)
    {
        _buffer = buffer;
        _count = count;
    }

    /// <summary>The shingle hashes in text order; empty after <see cref="Dispose"/>.</summary>
    public readonly ReadOnlySpan<ulong> Hashes => _buffer is null ? default : _buffer.AsSpan(0, _count);

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<ulong>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}

/// <summary>Writes the shingles of a stream of token hashes into a destination span, checking its length.</summary>
internal ref struct ShingleSink
{
    private ShingleWindow _window;
    private readonly Span<ulong> _destination;
    private int _written;

    public ShingleSink(ShingleWindow window, Span<ulong> destination)
    {
        _window = window;
        _destination = destination;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(ulong tokenHash)
    {
        if (_window.Push(tokenHash, out ulong shingle))
        {
            if ((uint)_written >= (uint)_destination.Length)
            {
                ThrowDestinationTooShort();
            }

            _destination[_written++] = shingle;
        }
    }

    /// <summary>Adds the one shingle of a short text (fewer tokens than the size) and returns how many were written.</summary>
    public int Finish()
    {
        if (_window.TryShort(out ulong all))
        {
            if ((uint)_written >= (uint)_destination.Length)
            {
                ThrowDestinationTooShort();
            }

            _destination[_written++] = all;
        }

        return _written;
    }

    [DoesNotReturn]
    private static void ThrowDestinationTooShort() =>
        throw new ArgumentException("Destination is too short for the shingles of this text; size it with Shingles.MaxCount.", "destination");
}

/// <summary>
/// The last <c>size</c> token hashes and their rolling polynomial hash H = sum t_i * Base^(k-1-i) mod 2^64.
/// Token hashes are already well mixed, so the polynomial only has to keep order; the final mix restores the
/// avalanche and folds in the token count (so a short text's single shingle differs from any full one).
/// </summary>
internal ref struct ShingleWindow
{
    private const ulong Base = 0x100000001B3UL * 2 + 1;
    private const ulong LengthSalt = 0xD6E8FEB86659FD93UL;

    private readonly Span<ulong> _window;
    private readonly int _size;
    private readonly ulong _baseToSize;
    private ulong _rolling;
    private int _tokens;
    private int _slot;

    public ShingleWindow(int size, Span<ulong> window)
    {
        _size = size;
        _window = window;
        _window.Clear();
        _baseToSize = 1;
        for (int i = 0; i < size; i++)
        {
            _baseToSize *= Base;
        }
    }

    /// <summary>Adds a token; true with the shingle ending at it once the window is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Push(ulong tokenHash, out ulong shingle)
    {
        // The slot being overwritten holds the token that leaves the window (zero while it is filling).
        ulong leaving = _window[_slot];
        _window[_slot] = tokenHash;
        _slot = _slot + 1 == _size ? 0 : _slot + 1;
        _rolling = (_rolling * Base) + tokenHash - (leaving * _baseToSize);
        _tokens++;
        shingle = Finish(_rolling, _size);
        return _tokens >= _size;
    }

    /// <summary>For a text of 1 to size-1 tokens: true with the one shingle of all of them.</summary>
    public readonly bool TryShort(out ulong shingle)
    {
        shingle = Finish(_rolling, _tokens);
        return _tokens > 0 && _tokens < _size;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Finish(ulong rolling, int tokenCount) => TokenHash.Mix(rolling ^ ((ulong)tokenCount * LengthSalt));
}

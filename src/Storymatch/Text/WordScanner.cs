using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Storymatch.Text;

/// <summary>
/// The tokens of <see cref="WordTokenizer"/>, found 64 characters at a time for the hot path (shingling every
/// stored article). Characters are classified into bitmaps (word character, joiner), vectorised for ASCII with a
/// Vector256 / Vector128 / scalar cascade and a scalar tail; joiners between two word characters are folded in
/// with shifts; tokens are then the runs of set bits, found with trailing-zero counts. Hand-written because the
/// general tokenizer asks a Unicode category for every character and branches per character, which was half of
/// a signature's cost. A text with any unspaced-script character (CJK, Thai, ...) is left to
/// <see cref="WordTokenizer"/>: <see cref="TryScan"/> returns false. Tests hold every tier to the tokenizer.
/// </summary>
internal static class WordScanner
{
    /// <summary>The widest vectors <see cref="Classify"/> may use; tests pin each tier.</summary>
    internal enum Width
    {
        Scalar,
        Vector128,
        Vector256,
    }

    /// <summary>The widest tier the hardware accelerates.</summary>
    internal static Width Best => Vector256.IsHardwareAccelerated ? Width.Vector256
        : Vector128.IsHardwareAccelerated ? Width.Vector128 : Width.Scalar;

    /// <summary>ulongs of bitmap a text of <paramref name="length"/> characters needs.</summary>
    public static int BitmapLength(int length) => (length + 63) >> 6;

    /// <summary>
    /// Writes the token bitmap of <paramref name="text"/> into <paramref name="tokens"/> (bit i set when
    /// character i is inside a token; <see cref="BitmapLength"/> values) using <paramref name="scratch"/> (the same
    /// length). False, with the bitmaps unspecified, when the text has a character of an unspaced script.
    /// </summary>
    public static bool TryScan(ReadOnlySpan<char> text, Span<ulong> tokens, Span<ulong> scratch, Width width)
    {
        int words = BitmapLength(text.Length);
        Span<ulong> word = tokens[..words], joiner = scratch[..words];
        if (!Classify(text, word, joiner, width))
        {
            return false;
        }

        // A joiner belongs to a token when word characters stand on both sides of it (the tokenizer's rule:
        // "china's", "x-ray"; a joiner never starts a token, and two joiners in a row end it).
        ulong carryIn = 0;
        for (int k = 0; k < words; k++)
        {
            ulong w = word[k];
            ulong next = k + 1 < words ? word[k + 1] : 0;
            ulong before = (w << 1) | carryIn;
            ulong after = (w >> 1) | (next << 63);
            carryIn = w >> 63;
            word[k] = w | (joiner[k] & before & after);
        }

        return true;
    }

    /// <summary>Word and joiner bitmaps; false on the first unspaced-script character.</summary>
    internal static bool Classify(ReadOnlySpan<char> text, Span<ulong> word, Span<ulong> joiner, Width width)
    {
        int full = text.Length >> 6;
        for (int k = 0; k < full; k++)
        {
            ReadOnlySpan<char> block = text.Slice(k << 6, 64);
            ulong w, j, high;
            if (width == Width.Vector256 && Vector256.IsHardwareAccelerated)
            {
                (w, j, high) = Block256(block);
            }
            else if (width >= Width.Vector128 && Vector128.IsHardwareAccelerated)
            {
                (w, j, high) = Block128(block);
            }
            else
            {
                (w, j, high) = BlockScalar(block);
            }

            if (high != 0 && !ClassifyHigh(block, high, ref w, ref j))
            {
                return false;
            }

            word[k] = w;
            joiner[k] = j;
        }

        if ((text.Length & 63) != 0)
        {
            ReadOnlySpan<char> tail = text[(full << 6)..];
            (ulong w, ulong j, ulong high) = BlockScalar(tail);
            if (high != 0 && !ClassifyHigh(tail, high, ref w, ref j))
            {
                return false;
            }

            word[full] = w;
            joiner[full] = j;
        }

        return true;
    }

    /// <summary>Non-ASCII characters (bits of <paramref name="high"/>) by the tokenizer's own Unicode rules.</summary>
    private static bool ClassifyHigh(ReadOnlySpan<char> block, ulong high, ref ulong word, ref ulong joiner)
    {
        while (high != 0)
        {
            int i = System.Numerics.BitOperations.TrailingZeroCount(high);
            high &= high - 1;
            char c = block[i];
            if (TextNormalizer.IsUnspacedScriptChar(c))
            {
                return false;
            }

            if (TextNormalizer.IsWordChar(c))
            {
                word |= 1UL << i;
            }
            else if (c == '\u2019')
            {
                joiner |= 1UL << i;
            }
        }

        return true;
    }

    /// <summary>Up to 64 characters one at a time: ASCII word and joiner bits, and which characters are not ASCII.</summary>
    private static (ulong Word, ulong Joiner, ulong High) BlockScalar(ReadOnlySpan<char> block)
    {
        ulong w = 0, j = 0, high = 0;
        for (int i = 0; i < block.Length; i++)
        {
            char c = block[i];
            ulong bit = 1UL << i;
            if (c >= 128)
            {
                high |= bit;
            }
            else if ((uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9)
            {
                w |= bit;
            }
            else if (c is '\'' or '-')
            {
                j |= bit;
            }
        }

        return (w, j, high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Word, ulong Joiner, ulong High) Block256(ReadOnlySpan<char> block)
    {
        ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(block));
        ulong w = 0, j = 0, high = 0;
        for (int v = 0; v < 4; v++)
        {
            Vector256<ushort> c = Vector256.LoadUnsafe(ref start, (nuint)(v * Vector256<ushort>.Count));
            (uint wv, uint jv, uint hv) = Masks256(c);
            int shift = v * Vector256<ushort>.Count;
            w |= (ulong)wv << shift;
            j |= (ulong)jv << shift;
            high |= (ulong)hv << shift;
        }

        return (w, j, high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Word, ulong Joiner, ulong High) Block128(ReadOnlySpan<char> block)
    {
        ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(block));
        ulong w = 0, j = 0, high = 0;
        for (int v = 0; v < 8; v++)
        {
            Vector128<ushort> c = Vector128.LoadUnsafe(ref start, (nuint)(v * Vector128<ushort>.Count));
            (uint wv, uint jv, uint hv) = Masks128(c);
            int shift = v * Vector128<ushort>.Count;
            w |= (ulong)wv << shift;
            j |= (ulong)jv << shift;
            high |= (ulong)hv << shift;
        }

        return (w, j, high);
    }

    // Lane-wise, the scalar tests: (c | 0x20) - 'a' <= 25 is an ASCII letter (unsigned, so anything below 'a'
    // wraps high), c - '0' <= 9 a digit; characters above 127 are flagged for the Unicode path.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (uint Word, uint Joiner, uint High) Masks256(Vector256<ushort> c)
    {
        Vector256<ushort> letter = Vector256.LessThanOrEqual((c | Vector256.Create((ushort)0x20)) - Vector256.Create((ushort)'a'), Vector256.Create((ushort)25));
        Vector256<ushort> digit = Vector256.LessThanOrEqual(c - Vector256.Create((ushort)'0'), Vector256.Create((ushort)9));
        Vector256<ushort> joiner = Vector256.Equals(c, Vector256.Create((ushort)'\'')) | Vector256.Equals(c, Vector256.Create((ushort)'-'));
        Vector256<ushort> high = Vector256.GreaterThan(c, Vector256.Create((ushort)127));
        return ((letter | digit).ExtractMostSignificantBits(), joiner.ExtractMostSignificantBits(), high.ExtractMostSignificantBits());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (uint Word, uint Joiner, uint High) Masks128(Vector128<ushort> c)
    {
        Vector128<ushort> letter = Vector128.LessThanOrEqual((c | Vector128.Create((ushort)0x20)) - Vector128.Create((ushort)'a'), Vector128.Create((ushort)25));
        Vector128<ushort> digit = Vector128.LessThanOrEqual(c - Vector128.Create((ushort)'0'), Vector128.Create((ushort)9));
        Vector128<ushort> joiner = Vector128.Equals(c, Vector128.Create((ushort)'\'')) | Vector128.Equals(c, Vector128.Create((ushort)'-'));
        Vector128<ushort> high = Vector128.GreaterThan(c, Vector128.Create((ushort)127));
        return ((letter | digit).ExtractMostSignificantBits(), joiner.ExtractMostSignificantBits(), high.ExtractMostSignificantBits());
    }

    /// <summary>The runs of set bits of a token bitmap, as tokens, in text order.</summary>
    public static RunEnumerator Runs(ReadOnlySpan<ulong> bits, int length) => new(bits, length);

    public ref struct RunEnumerator
    {
        private readonly ReadOnlySpan<ulong> _bits;
        private readonly int _length;
        private int _pos;

        internal RunEnumerator(ReadOnlySpan<ulong> bits, int length)
        {
            _bits = bits;
            _length = length;
            _pos = 0;
            Current = default;
        }

        public WordTokenizer.Token Current { get; private set; }

        public readonly RunEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            int start = NextBit(_pos, set: true);
            if (start >= _length)
            {
                _pos = _length;
                return false;
            }

            int end = Math.Min(NextBit(start, set: false), _length);
            Current = new WordTokenizer.Token(start, end - start);
            _pos = end;
            return true;
        }

        /// <summary>The first position at or after <paramref name="from"/> whose bit is <paramref name="set"/> (or past the end).</summary>
        private readonly int NextBit(int from, bool set)
        {
            int k = from >> 6;
            if (k >= _bits.Length)
            {
                return _length;
            }

            ulong flip = set ? 0UL : ulong.MaxValue;
            ulong m = (_bits[k] ^ flip) & (ulong.MaxValue << (from & 63));
            while (m == 0)
            {
                if (++k >= _bits.Length)
                {
                    return _length;
                }

                m = _bits[k] ^ flip;
            }

            return (k << 6) + System.Numerics.BitOperations.TrailingZeroCount(m);
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Storymatch.Fingerprints;

/// <summary>
/// A small, fast, seedless 64-bit hash of a token's characters. The only requirements are speed on short inputs
/// (most words are 2-12 chars), a good avalanche (MinHash and LSH take the low 32 bits) and the same value on
/// every platform (stored signatures depend on it). System.IO.Hashing's XxHash3 was measured against it: faster
/// per word, no measurable gain per signature (docs/benchmarks.md, "token hash"); it is not used here because a
/// switch would change every stored fingerprint.
/// </summary>
internal static class TokenHash
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;

    /// <summary>Hash of <paramref name="chars"/>, taken as UTF-16 code units packed four to a ulong.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(ReadOnlySpan<char> chars)
    {
        ulong h = Prime2 ^ ((ulong)chars.Length * Prime1);
        while (chars.Length >= 4)
        {
            h = BitOperations.RotateLeft(h ^ (Pack4(chars) * Prime1), 31) * Prime2;
            chars = chars[4..];
        }

        if (chars.Length > 0)
        {
            // The last 1-3 chars, zero-padded; the length folded in above keeps "a" and "a\0" apart.
            ulong v = 0;
            for (int i = chars.Length - 1; i >= 0; i--)
            {
                v = (v << 16) | chars[i];
            }

            h = BitOperations.RotateLeft(h ^ (v * Prime1), 31) * Prime2;
        }

        return Mix(h);
    }

    /// <summary>The MurmurHash3 64-bit finaliser: every input bit affects every output bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }

    /// <summary>chars[0..4] as c0 | c1 &lt;&lt; 16 | c2 &lt;&lt; 32 | c3 &lt;&lt; 48 on every platform (one load when little-endian).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Pack4(ReadOnlySpan<char> chars) => BitConverter.IsLittleEndian
        ? MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(chars))
        : chars[0] | ((ulong)chars[1] << 16) | ((ulong)chars[2] << 32) | ((ulong)chars[3] << 48);
}

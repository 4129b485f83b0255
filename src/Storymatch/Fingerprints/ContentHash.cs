using System.Security.Cryptography;
using System.Text;
using Storymatch.Text;

namespace Storymatch.Fingerprints;

/// <summary>Exact-copy identity: SHA-256 of the normalised text, as lower-case hex.</summary>
internal static class ContentHash
{
    /// <summary>Hash of <see cref="TextNormalizer.Normalize"/> of <paramref name="text"/>.</summary>
    public static string Compute(string text) => OfNormalized(TextNormalizer.Normalize(text));

    /// <summary>Hash of text that is already in normal form.</summary>
    public static string OfNormalized(string normalized)
    {
        int max = Encoding.UTF8.GetMaxByteCount(normalized.Length);
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(max);
        try
        {
            int n = Encoding.UTF8.GetBytes(normalized, buffer);
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(buffer.AsSpan(0, n), digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

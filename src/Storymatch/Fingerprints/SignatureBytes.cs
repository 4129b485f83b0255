using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Storymatch.Fingerprints;

/// <summary>
/// The storage form of a MinHash signature: its 32-bit values in order, little-endian, 4 bytes each (a
/// 128-permutation signature is a 512-byte BLOB). Independent of the platform's byte order.
/// </summary>
internal static class SignatureBytes
{
    /// <summary>The byte length of a signature of <paramref name="permutations"/> values.</summary>
    public static int ByteLength(int permutations) => permutations * sizeof(uint);

    public static byte[] ToBytes(ReadOnlySpan<uint> signature)
    {
        byte[] bytes = new byte[ByteLength(signature.Length)];
        Write(signature, bytes);
        return bytes;
    }

    /// <summary>Writes <paramref name="signature"/> into <paramref name="destination"/> (at least <see cref="ByteLength"/> bytes).</summary>
    public static void Write(ReadOnlySpan<uint> signature, Span<byte> destination)
    {
        if (destination.Length < ByteLength(signature.Length))
        {
            ThrowLength(nameof(destination), destination.Length);
        }

        for (int i = 0; i < signature.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[(i * sizeof(uint))..], signature[i]);
        }
    }

    /// <exception cref="FormatException">The length is not a multiple of 4.</exception>
    public static uint[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        uint[] signature = new uint[bytes.Length / sizeof(uint)];
        Read(bytes, signature);
        return signature;
    }

    /// <summary>Reads a stored signature into <paramref name="destination"/>, which must have exactly bytes.Length / 4 values.</summary>
    /// <exception cref="FormatException">The length is not a multiple of 4 or does not match the destination.</exception>
    public static void Read(ReadOnlySpan<byte> bytes, Span<uint> destination)
    {
        if (bytes.Length % sizeof(uint) != 0 || bytes.Length / sizeof(uint) != destination.Length)
        {
            ThrowLength(nameof(bytes), bytes.Length);
        }

        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * sizeof(uint))..]);
        }
    }

    [DoesNotReturn]
    private static void ThrowLength(string name, int length) =>
        throw new FormatException($"{name}: {length} bytes is not a valid signature length for this call (4 bytes per permutation).");
}

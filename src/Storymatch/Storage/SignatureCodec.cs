using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Storymatch.Storage;

/// <summary>Signatures are stored as little-endian uint32 minima, whatever the host's byte order.</summary>
internal static class SignatureCodec
{
    public static byte[] Encode(ReadOnlySpan<uint> signature)
    {
        var bytes = new byte[signature.Length * sizeof(uint)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(signature).CopyTo(bytes);
        }
        else
        {
            for (int i = 0; i < signature.Length; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * sizeof(uint)), signature[i]);
            }
        }

        return bytes;
    }

    public static uint[] Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(uint) != 0)
        {
            throw new StoreException($"corrupt signature: {bytes.Length} bytes is not a whole number of uint32 minima");
        }

        var signature = new uint[bytes.Length / sizeof(uint)];
        for (int i = 0; i < signature.Length; i++)
        {
            signature[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * sizeof(uint))..]);
        }

        return signature;
    }
}

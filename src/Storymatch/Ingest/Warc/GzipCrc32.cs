namespace Storymatch.Ingest.Warc;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum in every gzip member trailer. Hand-written
/// because System.IO.Hashing is not among the packages this project may depend on; the gzip reader uses it to find
/// where a member ends, so it only has to keep pace with inflation (a slice-by-8 table loop does).
/// </summary>
internal sealed class GzipCrc32
{
    private static readonly uint[] Table = BuildTable();

    private uint _state = 0xFFFFFFFFu;

    /// <summary>Folds <paramref name="data"/> into the running checksum.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        uint crc = _state;
        uint[] t = Table;
        while (data.Length >= 8)
        {
            uint lo = crc ^ (uint)(data[0] | (data[1] << 8) | (data[2] << 16) | (data[3] << 24));
            uint hi = (uint)(data[4] | (data[5] << 8) | (data[6] << 16) | (data[7] << 24));
            crc = t[(7 * 256) + (lo & 0xFF)] ^ t[(6 * 256) + ((lo >> 8) & 0xFF)] ^ t[(5 * 256) + ((lo >> 16) & 0xFF)] ^ t[(4 * 256) + (lo >> 24)]
                ^ t[(3 * 256) + (hi & 0xFF)] ^ t[(2 * 256) + ((hi >> 8) & 0xFF)] ^ t[256 + ((hi >> 16) & 0xFF)] ^ t[hi >> 24];
            data = data[8..];
        }

        foreach (byte b in data)
        {
            crc = t[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        _state = crc;
    }

    /// <summary>The checksum of everything appended so far.</summary>
    public uint GetCurrentHashAsUInt32() => ~_state;

    /// <summary>Starts again from no data.</summary>
    public void Reset() => _state = 0xFFFFFFFFu;

    /// <summary>One-shot checksum.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = new GzipCrc32();
        crc.Append(data);
        return crc.GetCurrentHashAsUInt32();
    }

    // Slice-by-8: table k maps a byte seen k positions earlier to its contribution, so eight bytes fold per step.
    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        for (int slice = 1; slice < 8; slice++)
        {
            for (int i = 0; i < 256; i++)
            {
                uint prev = table[((slice - 1) * 256) + i];
                table[(slice * 256) + i] = table[prev & 0xFF] ^ (prev >> 8);
            }
        }

        return table;
    }
}

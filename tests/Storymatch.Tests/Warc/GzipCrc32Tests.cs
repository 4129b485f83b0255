using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace Storymatch.Tests.Warc;

/// <summary>
/// The gzip member reader checks each member's trailer with System.IO.Hashing's <see cref="Crc32"/>, fed
/// incrementally as data is inflated; these pin the checksum and that use of it.
/// </summary>
public class GzipCrc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Compute_matches_reference_values(string input, uint expected)
        => Assert.Equal(expected, Crc32.HashToUInt32(Encoding.ASCII.GetBytes(input)));

    [Fact]
    public void Streaming_in_random_chunks_equals_one_shot_at_every_length()
    {
        var random = new Random(1234);
        byte[] data = new byte[300];
        random.NextBytes(data);
        var crc = new Crc32();
        for (int length = 0; length <= data.Length; length++)
        {
            ReadOnlySpan<byte> input = data.AsSpan(0, length);
            crc.Reset();
            int pos = 0;
            while (pos < length)
            {
                int n = Math.Min(random.Next(1, 20), length - pos);
                crc.Append(input.Slice(pos, n));
                pos += n;
            }

            Assert.Equal(Crc32.HashToUInt32(input), crc.GetCurrentHashAsUInt32());
        }
    }

    [Fact]
    public void Compute_equals_the_trailer_that_GZipStream_writes()
    {
        byte[] data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Xi Jinping will visit Russia next week. ", 500)));
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        byte[] member = compressed.ToArray();
        uint trailer = BitConverter.ToUInt32(member, member.Length - 8);
        Assert.Equal(trailer, Crc32.HashToUInt32(data));
    }
}

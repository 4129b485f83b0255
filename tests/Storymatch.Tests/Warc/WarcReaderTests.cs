using System.Text;
using Storymatch.Ingest.Warc;

namespace Storymatch.Tests.Warc;

public sealed class WarcReaderTests
{
    /// <summary>What a reader run gives, flattened so runs compare: offset, then "type uri" or "error: message".</summary>
    internal static List<string> Summarise(Stream stream, WarcReaderOptions? options = null)
    {
        var lines = new List<string>();
        using var reader = new WarcReader(stream, options);
        foreach (WarcReadResult result in reader.Read(TestContext.Current.CancellationToken))
        {
            lines.Add(result.Record is { } record
                ? $"{result.Offset} {record.Header.Type} {record.Header.TargetUri} {record.Block.Length} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(record.Block.Span))[..16]}"
                : $"{result.Offset} error: {result.Error}");
        }

        return lines;
    }

    private static List<string> Summarise(byte[] warc) => Summarise(new MemoryStream(warc));

    private static byte[] Html(string title) => Encoding.UTF8.GetBytes(WarcFileBuilder.Page(title, "A paragraph of the article body that says something."));

    [Theory]
    [InlineData(false, "WARC/1.0")]
    [InlineData(true, "WARC/1.0")]
    [InlineData(false, "WARC/1.1")]
    [InlineData(true, "WARC/1.1")]
    public void Reads_every_record_with_its_offset_and_header(bool gzip, string version)
    {
        var warc = new WarcFileBuilder(gzip, version);
        warc.Warcinfo();
        warc.Request("https://a.example/1");
        warc.HtmlResponse("https://a.example/1", Html("one"));
        warc.Resource("https://a.example/2", "text/html", Html("two"));
        byte[] bytes = warc.ToArray();

        using var reader = new WarcReader(new MemoryStream(bytes));
        var records = new List<(long Offset, string Type, string? Uri, string Version, string? Id, string? Date, long Length)>();
        foreach (WarcReadResult result in reader.Read(TestContext.Current.CancellationToken))
        {
            Assert.Null(result.Error);
            WarcHeader h = result.Record!.Header;
            records.Add((result.Offset, h.Type!, h.TargetUri, h.Version, h.RecordId, h.Date, result.Record.Block.Length));
        }

        Assert.Equal(gzip, reader.IsGzip);
        Assert.Equal(warc.Offsets, records.Select(r => r.Offset));
        Assert.Equal(["warcinfo", "request", "response", "resource"], records.Select(r => r.Type));
        Assert.Equal([null, "https://a.example/1", "https://a.example/1", "https://a.example/2"], records.Select(r => r.Uri));
        Assert.All(records, r => Assert.Equal(version, r.Version));
        Assert.All(records, r => Assert.Equal("2024-03-05T06:07:08Z", r.Date));
        Assert.Equal("<urn:uuid:00000000-0000-0000-0000-000000000003>", records[2].Id);
        Assert.Equal(Html("two").Length, records[3].Length);
    }

    [Fact]
    public void Truncated_gzip_member_in_the_middle_is_one_error_and_the_next_member_is_read()
    {
        var warc = new WarcFileBuilder(gzipPerRecord: true);
        warc.HtmlResponse("https://a.example/1", Html("one"));
        byte[] good = warc.ToArray();
        byte[] member2 = WarcFileBuilder.Gzip(RecordBytes("https://a.example/2", Html("two")));
        byte[] member3 = WarcFileBuilder.Gzip(RecordBytes("https://a.example/3", Html("three")));
        byte[] file = [.. good, .. member2.AsSpan(0, member2.Length / 2), .. member3];

        List<string> lines = Summarise(file);

        Assert.Equal(3, lines.Count);
        Assert.StartsWith("0 response https://a.example/1", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{good.Length} error: ", lines[1], StringComparison.Ordinal);
        Assert.Contains("gzip member", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{good.Length + (member2.Length / 2)} response https://a.example/3", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_gzip_member_at_the_end_is_reported_as_truncated()
    {
        byte[] member1 = WarcFileBuilder.Gzip(RecordBytes("https://a.example/1", Html("one")));
        byte[] member2 = WarcFileBuilder.Gzip(RecordBytes("https://a.example/2", Html("two")));
        byte[] file = [.. member1, .. member2.AsSpan(0, member2.Length - 5)];

        List<string> lines = Summarise(file);

        Assert.Equal(2, lines.Count);
        Assert.StartsWith("0 response https://a.example/1", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{member1.Length} error: truncated gzip member", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_crc_is_an_error_for_that_member_only()
    {
        byte[] member1 = WarcFileBuilder.Gzip(RecordBytes("https://a.example/1", Html("one")));
        byte[] member2 = WarcFileBuilder.Gzip(RecordBytes("https://a.example/2", Html("two")));
        member1[^6] ^= 0xFF; // a CRC-32 byte
        byte[] file = [.. member1, .. member2];

        List<string> lines = Summarise(file);

        Assert.Equal(2, lines.Count);
        Assert.StartsWith("0 error: corrupt gzip member", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{member1.Length} response https://a.example/2", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Content_length_too_long_is_an_error_and_the_following_records_survive(bool gzip)
    {
        var warc = new WarcFileBuilder(gzip);
        byte[] block = WarcFileBuilder.Http(200, Html("liar"), ("Content-Type", "text/html"));
        long liar = warc.Response("https://a.example/liar", block, contentLength: block.Length + 300);
        long next = warc.HtmlResponse("https://a.example/next", Html("next"));
        long last = warc.HtmlResponse("https://a.example/last", Html("last"));

        List<string> lines = Summarise(warc.ToArray());

        Assert.Equal(3, lines.Count);
        Assert.StartsWith($"{liar} error: ", lines[0], StringComparison.Ordinal);
        // Plain: the block runs into the next record; gzip: the member ends first.
        Assert.Contains(gzip ? $"record truncated: Content-Length is {block.Length + 300}" : $"Content-Length {block.Length + 300} is too long", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{next} response https://a.example/next", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{last} response https://a.example/last", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Content_length_too_short_is_an_error_and_the_following_records_survive(bool gzip)
    {
        var warc = new WarcFileBuilder(gzip);
        byte[] block = WarcFileBuilder.Http(200, Html("liar"), ("Content-Type", "text/html"));
        long liar = warc.Response("https://a.example/liar", block, contentLength: block.Length - 100);
        long next = warc.HtmlResponse("https://a.example/next", Html("next"));

        List<string> lines = Summarise(warc.ToArray());

        Assert.Equal(2, lines.Count);
        Assert.StartsWith($"{liar} error: Content-Length {block.Length - 100} does not match the record", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{next} response https://a.example/next", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Content_length_beyond_the_end_of_the_input_is_a_truncated_record(bool gzip)
    {
        var warc = new WarcFileBuilder(gzip);
        long first = warc.HtmlResponse("https://a.example/1", Html("one"));
        byte[] block = WarcFileBuilder.Http(200, Html("liar"), ("Content-Type", "text/html"));
        long liar = warc.Response("https://a.example/liar", block, contentLength: block.Length + 100_000);

        List<string> lines = Summarise(warc.ToArray());

        Assert.Equal(2, lines.Count);
        Assert.StartsWith($"{first} response", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{liar} error: record truncated: Content-Length is {block.Length + 100_000}", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "Content-Length", "WARC record without Content-Length")]
    [InlineData(true, "Content-Length", "WARC record without Content-Length")]
    [InlineData(false, "WARC-Type", "WARC record without WARC-Type")]
    [InlineData(true, "WARC-Type", "WARC record without WARC-Type")]
    public void Missing_warc_header_is_an_error_and_reading_goes_on(bool gzip, string missing, string expected)
    {
        var warc = new WarcFileBuilder(gzip);
        long first = warc.HtmlResponse("https://a.example/1", Html("one"));
        long broken = warc.Record("response", "https://a.example/broken", "application/http; msgtype=response",
            WarcFileBuilder.Http(200, Html("broken"), ("Content-Type", "text/html")), null, missing);
        long last = warc.HtmlResponse("https://a.example/3", Html("three"));

        List<string> lines = Summarise(warc.ToArray());

        Assert.Equal(3, lines.Count);
        Assert.StartsWith($"{first} response https://a.example/1", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{broken} error: {expected}", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{last} response https://a.example/3", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_content_length_is_an_error()
    {
        byte[] record = Encoding.ASCII.GetBytes("WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 12x\r\n\r\nhello\r\n\r\n");
        var warc = new WarcFileBuilder(gzipPerRecord: false);
        warc.Raw(record);
        long next = warc.Resource("https://a.example/2", "text/html", Html("two"));

        List<string> lines = Summarise(warc.ToArray());

        Assert.Equal(["0 error: WARC record with an invalid Content-Length \"12x\"; " + (next - 54) + " bytes skipped to the next record"], lines.Take(1));
        Assert.StartsWith($"{next} resource", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_between_plain_records_is_one_error_with_its_offset()
    {
        var warc = new WarcFileBuilder(gzipPerRecord: false);
        warc.HtmlResponse("https://a.example/1", Html("one"));
        long garbage = warc.Raw("this is not WARC\r\nnor is this line\nWARC/ is not at a line start here\r\n"u8.ToArray());
        long next = warc.HtmlResponse("https://a.example/2", Html("two"));

        List<string> lines = Summarise(warc.ToArray());

        Assert.Equal(3, lines.Count);
        Assert.Equal($"{garbage} error: {next - garbage} bytes that are not a WARC record skipped (expected a \"WARC/1.x\" line)", lines[1]);
        Assert.StartsWith($"{next} response https://a.example/2", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_between_gzip_members_is_one_error_with_its_offset()
    {
        var warc = new WarcFileBuilder(gzipPerRecord: true);
        warc.HtmlResponse("https://a.example/1", Html("one"));
        long garbage = warc.Raw([.. "junk between members \x1f\x8b not a header"u8, 0x1F], compress: false);
        long next = warc.HtmlResponse("https://a.example/2", Html("two"));

        List<string> lines = Summarise(warc.ToArray());

        Assert.Equal(3, lines.Count);
        Assert.Equal($"{garbage} error: {next - garbage} bytes that are not a gzip member skipped", lines[1]);
        Assert.StartsWith($"{next} response https://a.example/2", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_inside_a_gzip_member_is_reported_at_the_member()
    {
        var warc = new WarcFileBuilder(gzipPerRecord: true);
        long junk = warc.Raw("no WARC here at all\r\n"u8.ToArray());
        long next = warc.HtmlResponse("https://a.example/2", Html("two"));

        List<string> lines = Summarise(warc.ToArray());

        Assert.Equal([$"{junk} error: 21 bytes that are not a WARC record skipped (expected a \"WARC/1.x\" line)"], lines.Take(1));
        Assert.StartsWith($"{next} response https://a.example/2", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Whole_file_gzip_with_many_records_in_one_member_is_read()
    {
        var plain = new WarcFileBuilder(gzipPerRecord: false);
        plain.HtmlResponse("https://a.example/1", Html("one"));
        plain.HtmlResponse("https://a.example/2", Html("two"));
        byte[] file = WarcFileBuilder.Gzip(plain.ToArray());

        using var reader = new WarcReader(new MemoryStream(file));
        List<WarcReadResult> results = [.. reader.Read(TestContext.Current.CancellationToken)];

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(0, r.Offset));
        Assert.Equal(plain.Offsets, results.Select(r => r.Record!.OffsetInMember));
    }

    [Fact]
    public void Oversized_block_keeps_only_its_start_and_reading_goes_on()
    {
        var warc = new WarcFileBuilder(gzipPerRecord: true);
        byte[] big = new byte[300_000];
        warc.Resource("https://a.example/big", "image/jpeg", big);
        warc.Resource("https://a.example/2", "text/html", Html("two"));

        using var reader = new WarcReader(new MemoryStream(warc.ToArray()), new WarcReaderOptions { MaxBlockBytes = 100_000, OversizedBlockPrefixBytes = 1000 });
        List<(bool Complete, int Length)> blocks = [.. reader.Read(TestContext.Current.CancellationToken).Select(r => (r.Record!.IsBlockComplete, r.Record.Block.Length))];

        Assert.Equal([(false, 1000), (true, Html("two").Length)], blocks);
    }

    [Fact]
    public void Empty_input_yields_nothing()
    {
        Assert.Empty(Summarise([]));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 3)]
    [InlineData(true, 4)]
    public void Streaming_in_random_small_chunks_equals_one_shot(bool gzip, int seed)
    {
        var warc = new WarcFileBuilder(gzip);
        var random = new Random(seed);
        for (int i = 0; i < 20; i++)
        {
            byte[] filler = new byte[random.Next(0, 5000)];
            random.NextBytes(filler);
            warc.HtmlResponse($"https://a.example/{i}", [.. Html($"page {i}"), .. filler]);
            if (i % 5 == 0)
            {
                warc.Raw(Encoding.ASCII.GetBytes($"garbage {i}\r\n"), compress: i % 2 == 0);
            }
        }

        byte[] bytes = warc.ToArray();

        List<string> oneShot = Summarise(new MemoryStream(bytes));
        List<string> chunked = Summarise(new RandomChunkStream(bytes, seed));

        Assert.Equal(24, oneShot.Count);
        Assert.Equal(oneShot, chunked);
    }

    /// <summary>The bytes of one plain record (to compress or damage by hand).</summary>
    internal static byte[] RecordBytes(string uri, byte[] html)
    {
        var single = new WarcFileBuilder(gzipPerRecord: false);
        single.HtmlResponse(uri, html);
        return single.ToArray();
    }
}

/// <summary>A non-seekable stream that returns random short reads (1 to 97 bytes), with a fixed seed.</summary>
internal sealed class RandomChunkStream(byte[] data, int seed) : Stream
{
    private readonly Random _random = new(seed);
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int count = Math.Min(Math.Min(buffer.Length, _random.Next(1, 98)), data.Length - _position);
        data.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

public sealed class WarcReaderMemoryTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Buffers_do_not_grow_with_the_archive(bool gzip)
    {
        // One 200 KB record repeated 500 times: about 100 MB of WARC data (gzip: 500 concatenated members).
        var text = new System.Text.StringBuilder();
        for (int i = 0; text.Length < 200_000; i++)
        {
            text.Append("<p>Paragraph ").Append(i).Append(" of a long page about the budget vote.</p>\n");
        }

        var one = new WarcFileBuilder(gzip);
        one.HtmlResponse("https://a.example/page", System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        byte[] record = one.ToArray();
        const int Copies = 500;

        using var reader = new WarcReader(new RepeatingStream(record, Copies));
        long maxBuffered = 0;
        int count = 0;
        foreach (WarcReadResult result in reader.Read(TestContext.Current.CancellationToken))
        {
            Assert.Null(result.Error);
            Assert.Equal((long)count * record.Length, result.Offset);
            maxBuffered = Math.Max(maxBuffered, reader.BufferedBytes);
            count++;
        }

        Assert.Equal(Copies, count);
        Assert.InRange(maxBuffered, 0, 2 * 1024 * 1024);
    }

    /// <summary>The same bytes <c>copies</c> times, generated as read (nothing materialised).</summary>
    private sealed class RepeatingStream(byte[] unit, int copies) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => (long)unit.Length * copies;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= Length)
            {
                return 0;
            }

            int at = (int)(_position % unit.Length);
            int count = Math.Min(buffer.Length, unit.Length - at);
            unit.AsSpan(at, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

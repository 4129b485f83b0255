using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Storymatch.Ingest.Warc;

/// <summary>
/// Reads a file of concatenated gzip members (WARC's "gzip per record") one member at a time, knowing the compressed
/// offset of each. GZipStream would read across members without saying where one ends, so the gzip header and
/// trailer are handled here and only the deflate data goes through <see cref="DeflateStream"/>. The inflater reads
/// ahead, so the member's end is found as the position where the CRC-32 and size trailer match what was inflated
/// (64 bits of check), within the last input chunks it was given.
/// </summary>
internal sealed class GzipMemberReader(Stream stream)
{
    /// <summary>The inflater is fed at most this much per read, which bounds the search for the member's trailer.</summary>
    private const int FeedChunkBytes = 16 * 1024;

    /// <summary>Longest FNAME/FCOMMENT/FEXTRA accepted in a member header.</summary>
    private const int MaxHeaderBytes = 64 * 1024;

    private readonly RawInput _raw = new(stream);

    public RawInput Raw => _raw;

    /// <summary>True when the input starts with the gzip magic number.</summary>
    public bool StartsWithGzip() => _raw.Ensure(2) >= 2 && _raw.Available[0] == 0x1F && _raw.Available[1] == 0x8B;

    /// <summary>
    /// Opens the next member. Bytes that do not start a valid gzip header are skipped and counted in
    /// <paramref name="skippedBytes"/>. False at the end of the input.
    /// </summary>
    public bool TryOpenNext(out long memberOffset, out long skippedBytes, out Stream? member)
    {
        skippedBytes = 0;
        while (_raw.Ensure(1) > 0)
        {
            ReadOnlySpan<byte> available = _raw.Available;
            if (available[0] != 0x1F)
            {
                int next = available.IndexOf((byte)0x1F);
                int skip = next < 0 ? available.Length : next;
                _raw.Advance(skip);
                skippedBytes += skip;
                continue;
            }

            memberOffset = _raw.Position;
            if (TryParseHeader(out int headerLength))
            {
                _raw.Advance(headerLength);
                member = new MemberStream(_raw, memberOffset);
                return true;
            }

            _raw.Advance(1);
            skippedBytes++;
        }

        memberOffset = _raw.Position;
        member = null;
        return false;
    }

    /// <summary>After a corrupt member, resume scanning just after its start when the window still holds it.</summary>
    public void ResumeAfterCorruptMember(long memberOffset)
    {
        _raw.TrySeek(memberOffset + 1);
        _raw.KeepMemberFrom = -1;
        _raw.KeepChunkFrom = -1;
    }

    /// <summary>RFC 1952 header: magic, CM=8, flags, mtime, xfl, os, then the optional fields the flags announce.</summary>
    private bool TryParseHeader(out int length)
    {
        length = 0;
        if (_raw.Ensure(10) < 10)
        {
            return false;
        }

        ReadOnlySpan<byte> h = _raw.Available;
        byte flags = h[3];
        if (h[1] != 0x8B || h[2] != 8 || (flags & 0xE0) != 0)
        {
            return false;
        }

        int position = 10;
        if ((flags & 0x04) != 0)
        {
            if (_raw.Ensure(position + 2) < position + 2)
            {
                return false;
            }

            position += 2 + BinaryPrimitives.ReadUInt16LittleEndian(_raw.Available[position..]);
        }

        for (int flag = 0x08; flag <= 0x10; flag <<= 1)
        {
            if ((flags & flag) == 0)
            {
                continue;
            }

            int terminator;
            while ((terminator = _raw.Available[Math.Min(position, _raw.Available.Length)..].IndexOf((byte)0)) < 0)
            {
                int have = _raw.Available.Length;
                if (have > MaxHeaderBytes || _raw.Ensure(have + 1) == have)
                {
                    return false;
                }
            }

            position += terminator + 1;
        }

        if ((flags & 0x02) != 0)
        {
            position += 2;
        }

        length = position;
        return _raw.Ensure(position + 1) > position;
    }

    /// <summary>The inflated content of one member; its end is verified against the member's trailer.</summary>
    private sealed class MemberStream : Stream
    {
        private readonly RawInput _raw;
        private readonly long _memberOffset;
        private readonly ChunkFeed _feed;
        private readonly DeflateStream _inflater;
        private readonly Crc32 _crc = new();
        private long _size;
        private bool _finished;

        public MemberStream(RawInput raw, long memberOffset)
        {
            _raw = raw;
            _memberOffset = memberOffset;
            _raw.KeepMemberFrom = memberOffset;
            _feed = new ChunkFeed(raw);
            _inflater = new DeflateStream(_feed, CompressionMode.Decompress, leaveOpen: true);
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _size; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_finished || buffer.IsEmpty)
            {
                return 0;
            }

            int read = _inflater.Read(buffer);
            if (read > 0)
            {
                _crc.Append(buffer[..read]);
                _size += read;
                return read;
            }

            _finished = true;
            FindTrailer();
            return 0;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inflater.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>The deflate data ended somewhere in the last chunks fed; the trailer that matches marks the member's end.</summary>
        private void FindTrailer()
        {
            long searchFrom = _feed.PreviousChunkStart >= 0 ? _feed.PreviousChunkStart : _raw.Position;
            long searchTo = _raw.Position;
            if (!_raw.TrySeek(searchFrom))
            {
                throw new InvalidDataException("gzip member cannot be delimited");
            }

            int window = (int)(searchTo - searchFrom) + 8;
            int available = _raw.Ensure(window);
            ReadOnlySpan<byte> bytes = _raw.Available[..Math.Min(available, window)];
            uint crc = _crc.GetCurrentHashAsUInt32();
            uint size = unchecked((uint)_size);
            bool sizeMatched = false;
            for (int end = 0; end + 8 <= bytes.Length; end++)
            {
                if (BinaryPrimitives.ReadUInt32LittleEndian(bytes[(end + 4)..]) != size)
                {
                    continue;
                }

                sizeMatched = true;
                if (BinaryPrimitives.ReadUInt32LittleEndian(bytes[end..]) == crc)
                {
                    _raw.Advance(end + 8);
                    _raw.KeepChunkFrom = -1;
                    _raw.KeepMemberFrom = -1;
                    return;
                }
            }

            _raw.TrySeek(searchTo);
            throw new InvalidDataException(_feed.SawEndOfInput || (!sizeMatched && available < window)
                ? $"truncated gzip member (the input ends inside it after {_size} inflated bytes)"
                : "corrupt gzip member (its CRC-32/size trailer does not match the data)");
        }
    }

    /// <summary>Feeds the inflater in bounded chunks and remembers where the last two started.</summary>
    private sealed class ChunkFeed(RawInput raw) : Stream
    {
        private long _lastChunkStart = -1;

        public long PreviousChunkStart { get; private set; } = -1;

        /// <summary>The inflater asked for more input at the end of the file: the member is cut short.</summary>
        public bool SawEndOfInput { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => raw.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            long start = raw.Position;
            raw.KeepChunkFrom = _lastChunkStart >= 0 ? _lastChunkStart : start;
            int read = raw.Read(buffer, FeedChunkBytes);
            SawEndOfInput |= read == 0 && !buffer.IsEmpty;
            if (read > 0)
            {
                PreviousChunkStart = _lastChunkStart >= 0 ? _lastChunkStart : start;
                _lastChunkStart = start;
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

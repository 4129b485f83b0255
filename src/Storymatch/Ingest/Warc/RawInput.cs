namespace Storymatch.Ingest.Warc;

/// <summary>
/// A buffered window over the raw (compressed) input that knows the file offset of every byte it holds and can step
/// back within what it retains. The gzip member reader needs both: to find where a member really ended (the inflater
/// reads ahead) and to resume scanning just after the start of a member that turned out to be corrupt.
/// </summary>
internal sealed class RawInput(Stream stream)
{
    /// <summary>How much of a member is retained for resynchronisation; bigger members resume from where reading stopped.</summary>
    public const int MaxRetainedBytes = 8 * 1024 * 1024;

    private byte[] _buffer = new byte[128 * 1024];
    private int _position;
    private int _end;
    private long _bufferOffset;
    private bool _eof;

    /// <summary>File offset that compaction keeps while it is within reach (the current member's start), or -1.</summary>
    public long KeepMemberFrom { get; set; } = -1;

    /// <summary>File offset that compaction always keeps (the inflater's last input chunks), or -1.</summary>
    public long KeepChunkFrom { get; set; } = -1;

    public long Position => _bufferOffset + _position;

    /// <summary>Bytes held by the window.</summary>
    public int Capacity => _buffer.Length;

    public ReadOnlySpan<byte> Available => _buffer.AsSpan(_position, _end - _position);

    public bool AtEnd => Ensure(1) == 0;

    /// <summary>Makes at least <paramref name="count"/> bytes available unless the input ends first; returns how many are.</summary>
    public int Ensure(int count)
    {
        while (_end - _position < count && !_eof)
        {
            Compact(count);
            int read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
            }

            _end += read;
        }

        return _end - _position;
    }

    public void Advance(int count) => _position += count;

    /// <summary>Moves to <paramref name="offset"/> if the window still holds it (backwards or within the buffered bytes).</summary>
    public bool TrySeek(long offset)
    {
        if (offset < _bufferOffset || offset > _bufferOffset + _end)
        {
            return false;
        }

        _position = (int)(offset - _bufferOffset);
        return true;
    }

    /// <summary>Copies up to <paramref name="max"/> bytes into <paramref name="destination"/> and advances.</summary>
    public int Read(Span<byte> destination, int max)
    {
        int available = Ensure(1);
        int count = Math.Min(Math.Min(available, max), destination.Length);
        _buffer.AsSpan(_position, count).CopyTo(destination);
        _position += count;
        return count;
    }

    private void Compact(int wanted)
    {
        long keep = Position;
        if (KeepChunkFrom >= 0)
        {
            keep = Math.Min(keep, KeepChunkFrom);
        }

        if (KeepMemberFrom >= 0 && Position - KeepMemberFrom <= MaxRetainedBytes)
        {
            keep = Math.Min(keep, KeepMemberFrom);
        }

        int drop = (int)Math.Clamp(keep - _bufferOffset, 0, _position);
        if (drop > 0 && (_end == _buffer.Length || _end - drop + wanted > _buffer.Length || drop >= _buffer.Length / 2))
        {
            Buffer.BlockCopy(_buffer, drop, _buffer, 0, _end - drop);
            _end -= drop;
            _position -= drop;
            _bufferOffset += drop;
        }

        int needed = (_position + wanted) - _buffer.Length;
        if (_end == _buffer.Length || needed > 0)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _position + wanted));
        }
    }
}

/// <summary>The raw input as a plain stream (for uncompressed WARC files, whose first bytes were already peeked).</summary>
internal sealed class RawInputStream(RawInput raw) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => raw.Position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => raw.Read(buffer, int.MaxValue);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

using Storymatch.Extraction.Web;

namespace Storymatch.Ingest.Warc;

/// <summary>Outcome of reading one line.</summary>
internal enum LineStatus
{
    Line,
    EndOfInput,
    TooLong,
}

/// <summary>
/// A buffered reader over the (decompressed) WARC byte stream: lines, exact-length blocks, skips, and a push-back
/// used when a record's Content-Length turns out to be wrong and part of its block belongs to the next record.
/// </summary>
internal sealed class WarcByteReader
{
    private Stream _stream = Stream.Null;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _eof;

    /// <summary>Bytes consumed since <see cref="Reset"/>.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>Bytes held by the buffer.</summary>
    public int Capacity => _buffer.Length;

    public void Reset(Stream stream)
    {
        _stream = stream;
        _start = _end = 0;
        _bufferOffset = 0;
        _eof = false;
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available unless the input ends first; returns how many are.</summary>
    public int Ensure(int count)
    {
        while (_end - _start < count && !_eof)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _bufferOffset += _start;
                _start = 0;
            }

            if (count > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(count, _buffer.Length * 2));
            }

            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
            }

            _end += read;
        }

        return _end - _start;
    }

    public ReadOnlySpan<byte> Peek(int count)
    {
        int available = Ensure(count); // may move the buffer: take the span after it
        return _buffer.AsSpan(_start, Math.Min(available, count));
    }

    public void Advance(int count) => _start += count;

    /// <summary>Reads one line (LF or CRLF; the terminator is not returned). The span is valid until the next call.</summary>
    public LineStatus ReadLine(int maxLength, out ReadOnlySpan<byte> line)
    {
        int scanned = 0;
        while (true)
        {
            int lf = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (lf >= 0)
            {
                int length = scanned + lf;
                line = _buffer.AsSpan(_start, length);
                if (!line.IsEmpty && line[^1] == '\r')
                {
                    line = line[..^1];
                }

                _start += length + 1;
                return LineStatus.Line;
            }

            scanned = _end - _start;
            if (scanned > maxLength)
            {
                line = default;
                return LineStatus.TooLong;
            }

            if (Ensure(scanned + 1) == scanned)
            {
                line = _buffer.AsSpan(_start, scanned);
                _start = _end;
                return scanned == 0 ? LineStatus.EndOfInput : LineStatus.Line;
            }
        }
    }

    /// <summary>Appends up to <paramref name="count"/> bytes to <paramref name="output"/>; returns how many there were.</summary>
    public long ReadInto(ByteBuffer output, long count)
    {
        long copied = 0;
        while (copied < count)
        {
            if (_end == _start && Ensure(1) == 0)
            {
                break;
            }

            int take = (int)Math.Min(count - copied, _end - _start);
            output.Append(_buffer.AsSpan(_start, take));
            _start += take;
            copied += take;
        }

        return copied;
    }

    /// <summary>Skips up to <paramref name="count"/> bytes; returns how many there were.</summary>
    public long Skip(long count)
    {
        long skipped = 0;
        while (skipped < count)
        {
            if (_end == _start && Ensure(1) == 0)
            {
                break;
            }

            int take = (int)Math.Min(count - skipped, _end - _start);
            _start += take;
            skipped += take;
        }

        return skipped;
    }

    /// <summary>Puts <paramref name="data"/> back in front of the unread bytes (it must be what was just read).</summary>
    public void Unread(ReadOnlySpan<byte> data)
    {
        if (data.Length <= _start)
        {
            _start -= data.Length;
            data.CopyTo(_buffer.AsSpan(_start));
            return;
        }

        int remaining = _end - _start;
        var merged = new byte[Math.Max(_buffer.Length, data.Length + remaining)];
        data.CopyTo(merged);
        _buffer.AsSpan(_start, remaining).CopyTo(merged.AsSpan(data.Length));
        _bufferOffset = Position - data.Length;
        _buffer = merged;
        _start = 0;
        _end = data.Length + remaining;
    }

    /// <summary>
    /// Skips to the next line that starts with "WARC/1." (the next record), or to the end. Returns the bytes skipped.
    /// <paramref name="atLineStart"/> says whether the current position is the start of a line.
    /// </summary>
    public long SkipToNextRecord(bool atLineStart)
    {
        ReadOnlySpan<byte> marker = "\nWARC/1."u8;
        long skipped = 0;
        if (atLineStart && Ensure(marker.Length - 1) >= marker.Length - 1 && _buffer.AsSpan(_start).StartsWith(marker[1..]))
        {
            return 0;
        }

        while (true)
        {
            ReadOnlySpan<byte> window = _buffer.AsSpan(_start, _end - _start);
            int found = window.IndexOf(marker);
            if (found >= 0)
            {
                _start += found + 1;
                return skipped + found + 1;
            }

            int keep = Math.Min(marker.Length - 1, window.Length);
            int drop = window.Length - keep;
            _start += drop;
            skipped += drop;
            if (Ensure(keep + 1) <= keep)
            {
                skipped += _end - _start;
                _start = _end;
                return skipped;
            }
        }
    }
}

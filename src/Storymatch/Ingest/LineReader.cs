using System.Buffers;

namespace Storymatch.Ingest;

/// <summary>
/// Splits a byte stream into lines without decoding it (each line is validated and parsed on its own, so one
/// bad line costs one record). A line longer than the limit is skipped to its end without being buffered, so a
/// huge line cannot exhaust memory. Hand-written because StreamReader decodes (and would replace invalid
/// UTF-8) and PipeReader brings nothing for a synchronous, sequential read.
/// </summary>
internal sealed class LineReader(Stream stream, long maxLineBytes) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _start;
    private int _end;
    private int _scanned;
    private bool _eof;
    private long _consumed;

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Byte offset of the start of the line last returned.</summary>
    public long LineOffset { get; private set; }

    /// <summary>True when the line last returned was over the limit; then <see cref="TryReadLine"/> gave no bytes and this is its length.</summary>
    public long OversizedLength { get; private set; } = -1;

    /// <summary>Bytes of the stream read so far, for progress.</summary>
    public long BytesConsumed => _consumed;

    /// <summary>The first bytes of the stream (up to 64 KB), for sniffing binary input; reads ahead if needed.</summary>
    public ReadOnlySpan<byte> Peek()
    {
        while (!_eof && _end < 4096)
        {
            Fill();
        }

        return _buffer.AsSpan(_start, _end - _start);
    }

    /// <summary>The next line without its line ending (LF or CRLF); false at the end of the stream.</summary>
    public bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        line = default;
        OversizedLength = -1;
        while (true)
        {
            int newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int lineEnd = _scanned + newline;
                line = Take(lineEnd, lineEnd + 1);
                return true;
            }

            _scanned = _end;
            if (_end - _start > maxLineBytes)
            {
                SkipOversizedLine();
                return true;
            }

            if (_eof)
            {
                if (_start == _end)
                {
                    return false;
                }

                line = Take(_end, _end);
                return true;
            }

            Fill();
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private ReadOnlyMemory<byte> Take(int lineEnd, int next)
    {
        LineNumber++;
        LineOffset = _consumed;
        int length = lineEnd - _start;
        if (length > 0 && _buffer[lineEnd - 1] == '\r')
        {
            length--;
        }

        var line = new ReadOnlyMemory<byte>(_buffer, _start, length);
        _consumed += next - _start;
        _start = next;
        _scanned = next;
        return line;
    }

    private void SkipOversizedLine()
    {
        LineNumber++;
        LineOffset = _consumed;
        long length = 0;
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                length += newline;
                _consumed += newline + 1;
                _start += newline + 1;
                _scanned = _start;
                break;
            }

            length += _end - _start;
            _consumed += _end - _start;
            _start = _end = _scanned = 0;
            if (_eof)
            {
                break;
            }

            Fill();
            if (_end == 0 && _eof)
            {
                break;
            }
        }

        OversizedLength = length;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            // Move the partial line to the front before reading more.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _scanned -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            byte[] bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        int n = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0)
        {
            _eof = true;
        }

        _end += n;
    }
}

using System.Buffers.Text;
using System.Text;
using Storymatch.Extraction.Web;

namespace Storymatch.Ingest.Warc;

/// <summary>
/// Streaming reader for WARC 1.0 and 1.1 files, plain or gzip per record (detected from the first bytes).
/// Hand-written: no .NET library available to the project reads WARC with per-member offsets and recovery from
/// damaged records. Memory stays flat: one reusable block buffer (blocks above the cap are skipped, not loaded),
/// a bounded window over the compressed input. Damage never throws: each problem becomes one
/// <see cref="WarcReadResult"/> error with its offset, and reading resumes at the next record (plain) or the next
/// gzip member.
/// </summary>
internal sealed class WarcReader : IDisposable
{
    private const int MaxLineBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly WarcReaderOptions _options;
    private readonly GzipMemberReader _gzip;
    private readonly WarcByteReader _reader = new();
    private readonly ByteBuffer _block = new();
    private bool _started;
    private bool _inSegment;
    private bool _done;
    private long _memberOffset;
    private Stream? _member;

    /// <summary>After a corrupt gzip member, candidates that fail too are skipped silently until a record reads cleanly.</summary>
    private bool _resynchronising;
    private bool _recordReadInMember;

    public WarcReader(Stream stream, WarcReaderOptions? options = null, bool leaveOpen = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _options = options ?? new WarcReaderOptions();
        _gzip = new GzipMemberReader(stream);
    }

    /// <summary>Memory the reader holds in buffers: bounded by the largest record and the limits, never by the input's size.</summary>
    internal long BufferedBytes => (long)_gzip.Raw.Capacity + _reader.Capacity + _block.Capacity;

    /// <summary>True once reading has started on a gzip-compressed file.</summary>
    public bool IsGzip { get; private set; }

    /// <summary>Records and errors, in file order. The records' blocks are valid until the enumeration moves on.</summary>
    public IEnumerable<WarcReadResult> Read(CancellationToken cancellationToken = default)
    {
        while (TryReadNext(out WarcReadResult result))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return result;
        }
    }

    /// <summary>Reads the next record or error; false at the end of the input.</summary>
    public bool TryReadNext(out WarcReadResult result)
    {
        result = default;
        if (_done)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            IsGzip = _gzip.StartsWithGzip();
            if (!IsGzip)
            {
                _reader.Reset(new RawInputStream(_gzip.Raw));
                _inSegment = true;
            }
        }

        while (true)
        {
            if (!_inSegment)
            {
                long skipped = 0;
                if (!IsGzip || !OpenNextMember(out skipped))
                {
                    _done = true;
                    if (IsGzip && skipped > 0 && !_resynchronising)
                    {
                        result = new WarcReadResult(_gzip.Raw.Position - skipped, null, $"{skipped} bytes at the end that are not a gzip member skipped");
                        return true;
                    }

                    return false;
                }

                if (skipped > 0 && !_resynchronising)
                {
                    result = new WarcReadResult(_memberOffset - skipped, null, $"{skipped} bytes that are not a gzip member skipped");
                    return true;
                }
            }

            try
            {
                Outcome outcome = ReadRecord(out result);
                if (outcome == Outcome.EndOfSegment)
                {
                    _inSegment = false;
                    continue;
                }

                if (IsGzip && outcome == Outcome.Record)
                {
                    // Reaching the member's end verifies its trailer; do it before handing out a record from it.
                    _reader.Ensure(1);
                }

                bool firstInMember = !_recordReadInMember;
                _recordReadInMember = true;
                if (outcome == Outcome.Record)
                {
                    _resynchronising = false;
                }
                else if (_resynchronising && firstInMember)
                {
                    continue;
                }

                return true;
            }
            catch (InvalidDataException e)
            {
                _inSegment = false;
                _gzip.ResumeAfterCorruptMember(_memberOffset);
                if (_resynchronising)
                {
                    continue;
                }

                _resynchronising = true;
                result = new WarcReadResult(_memberOffset, null, e.Message + "; resuming at the next gzip member");
                return true;
            }
        }
    }

    public void Dispose()
    {
        _member?.Dispose();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private bool OpenNextMember(out long skipped)
    {
        _member?.Dispose();
        _member = null;
        if (!_gzip.TryOpenNext(out _memberOffset, out skipped, out _member))
        {
            return false;
        }

        _reader.Reset(_member!);
        _inSegment = true;
        _recordReadInMember = false;
        return true;
    }

    private enum Outcome
    {
        Record,
        Error,
        EndOfSegment,
    }

    private string InputName => IsGzip ? "gzip member" : "file";

    private Outcome ReadRecord(out WarcReadResult result)
    {
        long start;
        ReadOnlySpan<byte> line;
        while (true)
        {
            start = _reader.Position;
            LineStatus status = _reader.ReadLine(MaxLineBytes, out line);
            if (status == LineStatus.EndOfInput)
            {
                result = default;
                return Outcome.EndOfSegment;
            }

            if (status == LineStatus.TooLong)
            {
                long skipped = _reader.SkipToNextRecord(atLineStart: false);
                result = Error(start, $"{skipped} bytes that are not a WARC record skipped");
                return Outcome.Error;
            }

            if (!line.Trim(" \t"u8).IsEmpty)
            {
                break;
            }
        }

        if (!line.StartsWith("WARC/"u8))
        {
            long skipped = _reader.Position - start + _reader.SkipToNextRecord(atLineStart: true);
            result = Error(start, $"{skipped} bytes that are not a WARC record skipped (expected a \"WARC/1.x\" line)");
            return Outcome.Error;
        }

        string version = Encoding.ASCII.GetString(line.TrimEnd(" \t"u8));
        var fields = new List<KeyValuePair<string, string>>(16);
        long headerBytes = 0;
        while (true)
        {
            LineStatus status = _reader.ReadLine(MaxLineBytes, out line);
            if (status == LineStatus.EndOfInput)
            {
                result = Error(start, $"WARC header truncated: the {InputName} ends before the blank line that closes it");
                return Outcome.Error;
            }

            headerBytes += line.Length;
            if (status == LineStatus.TooLong || headerBytes > _options.MaxHeaderBytes)
            {
                _reader.SkipToNextRecord(atLineStart: false);
                result = Error(start, $"WARC header longer than {_options.MaxHeaderBytes} bytes; skipped to the next record");
                return Outcome.Error;
            }

            if (line.IsEmpty)
            {
                break;
            }

            if (line[0] is (byte)' ' or (byte)'\t' && fields.Count > 0)
            {
                // A folded header line continues the previous value.
                KeyValuePair<string, string> last = fields[^1];
                fields[^1] = new(last.Key, last.Value + " " + Encoding.UTF8.GetString(line.Trim(" \t"u8)));
                continue;
            }

            int colon = line.IndexOf((byte)':');
            if (colon > 0)
            {
                fields.Add(new(Encoding.ASCII.GetString(line[..colon].Trim(" \t"u8)), Encoding.UTF8.GetString(line[(colon + 1)..].Trim(" \t"u8))));
            }
        }

        string? lengthField = Field(fields, "Content-Length");
        if (lengthField is null || !Utf8Parser.TryParse(Encoding.ASCII.GetBytes(lengthField), out long contentLength, out int used)
            || used != lengthField.Length || contentLength < 0)
        {
            long skipped = _reader.SkipToNextRecord(atLineStart: true);
            result = Error(start, lengthField is null
                ? $"WARC record without Content-Length; {skipped} bytes skipped to the next record"
                : $"WARC record with an invalid Content-Length \"{Truncate(lengthField)}\"; {skipped} bytes skipped to the next record");
            return Outcome.Error;
        }

        _block.Clear();
        bool complete = contentLength <= _options.MaxBlockBytes;
        long got = complete
            ? _reader.ReadInto(_block, contentLength)
            : _reader.ReadInto(_block, _options.OversizedBlockPrefixBytes) is var prefix && prefix == _options.OversizedBlockPrefixBytes
                ? prefix + _reader.Skip(contentLength - prefix)
                : prefix;
        if (got < contentLength)
        {
            result = Error(start, $"record truncated: Content-Length is {contentLength} but the {InputName} ends after {got} bytes of its block");
            return Outcome.Error;
        }

        if (!TryReadEndOfRecord())
        {
            int next = complete ? _block.Span.IndexOf("\nWARC/1."u8) : -1;
            if (next >= 0)
            {
                _reader.Unread(_block.Span[(next + 1)..]);
                result = Error(start, $"Content-Length {contentLength} is too long: the next record starts {next + 1} bytes into the block");
            }
            else
            {
                long skipped = _reader.SkipToNextRecord(atLineStart: false);
                result = Error(start, $"Content-Length {contentLength} does not match the record: no end-of-record marker after the block; {skipped} bytes skipped to the next record");
            }

            return Outcome.Error;
        }

        var header = new WarcHeader
        {
            Version = version,
            Type = Field(fields, "WARC-Type"),
            RecordId = Field(fields, "WARC-Record-ID"),
            TargetUri = Field(fields, "WARC-Target-URI")?.Trim('<', '>'),
            Date = Field(fields, "WARC-Date"),
            ContentType = Field(fields, "Content-Type"),
            ContentLength = contentLength,
            Fields = fields,
        };
        if (header.Type is null)
        {
            result = Error(start, "WARC record without WARC-Type");
            return Outcome.Error;
        }

        var record = new WarcRecord
        {
            Offset = IsGzip ? _memberOffset : start,
            OffsetInMember = IsGzip ? start : 0,
            Header = header,
            Block = _block.Memory,
            IsBlockComplete = complete,
        };
        result = new WarcReadResult(record.Offset, record, null);
        return Outcome.Record;
    }

    /// <summary>The block is followed by CRLF CRLF (LF LF tolerated; a missing marker at the very end too).</summary>
    private bool TryReadEndOfRecord()
    {
        ReadOnlySpan<byte> tail = _reader.Peek(4);
        if (tail.StartsWith("\r\n\r\n"u8))
        {
            _reader.Advance(4);
            return true;
        }

        if (tail.StartsWith("\n\n"u8))
        {
            _reader.Advance(2);
            return true;
        }

        if (tail.IsEmpty || tail.SequenceEqual("\r\n"u8) || tail.SequenceEqual("\n"u8))
        {
            _reader.Advance(tail.Length);
            return true;
        }

        return false;
    }

    private WarcReadResult Error(long start, string message) =>
        IsGzip
            ? new WarcReadResult(_memberOffset, null, start > 0 ? $"{message} (at {start} in the member's inflated data)" : message)
            : new WarcReadResult(start, null, message);

    private static string? Field(List<KeyValuePair<string, string>> fields, string name)
    {
        foreach (KeyValuePair<string, string> field in fields)
        {
            if (string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return field.Value;
            }
        }

        return null;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";
}

namespace Storymatch.Extraction.Web;

/// <summary>
/// A growable byte buffer that a reader keeps for its whole life, so that decoding record after record reuses one
/// array: memory follows the largest record seen (itself capped), not the size of the input.
/// </summary>
internal sealed class ByteBuffer(int initialCapacity = 64 * 1024)
{
    private byte[] _array = new byte[Math.Max(initialCapacity, 16)];

    public int Length { get; private set; }

    /// <summary>Bytes held, used or not.</summary>
    public int Capacity => _array.Length;

    public ArraySegment<byte> Segment => new(_array, 0, Length);

    public ReadOnlySpan<byte> Span => _array.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, Length);

    public void Clear() => Length = 0;

    public void Set(ReadOnlySpan<byte> data)
    {
        Length = 0;
        Append(data);
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        data.CopyTo(GetSpan(data.Length));
        Length += data.Length;
    }

    /// <summary>Free space of at least <paramref name="sizeHint"/> bytes after the content; then call <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int sizeHint)
    {
        int needed = Length + Math.Max(sizeHint, 1);
        if (needed > _array.Length)
        {
            Array.Resize(ref _array, (int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * _array.Length)));
        }

        return _array.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;
}

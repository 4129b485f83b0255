namespace Storymatch.Reading;

/// <summary>
/// Interns term strings per thread, so that a term is allocated once per thread rather than once per occurrence
/// (the reading hands terms out as strings). Bounded: the pool is emptied when it grows past
/// <see cref="MaxEntries"/>.
/// </summary>
internal sealed class StemPool
{
    private const int MaxEntries = 1 << 18;

    [ThreadStatic]
    private static StemPool? _current;

    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private StemPool()
    {
        _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static StemPool ForThisThread() => _current ??= new StemPool();

    public string Get(ReadOnlySpan<char> term)
    {
        if (_lookup.TryGetValue(term, out string? existing))
        {
            return existing;
        }

        if (_set.Count >= MaxEntries)
        {
            _set.Clear();
        }

        string s = term.ToString();
        _set.Add(s);
        return s;
    }
}

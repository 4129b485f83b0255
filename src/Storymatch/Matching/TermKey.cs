namespace Storymatch.Matching;

/// <summary>
/// 64-bit keys for terms, so profiles hold sorted <c>ulong</c> arrays rather than strings and term statistics can
/// be persisted as integers. The kind (word, entity, number, date, ...) is hashed in, so kinds never collide.
/// FNV-1a: tiny, stable across processes and platforms (string.GetHashCode is randomised per process).
/// </summary>
internal static class TermKey
{
    /// <summary>Kind of a content word (stemmed, transliterated).</summary>
    public const char Word = 'w';

    /// <summary>Kind of a named entity (phonetic <see cref="Reading.NameKey"/>).</summary>
    public const char Entity = 'e';

    /// <summary>Kind of a normalised number.</summary>
    public const char Number = 'n';

    /// <summary>Kind of a date part (day and month, month, weekday).</summary>
    public const char Date = 'd';

    /// <summary>Kind of a character n-gram of a transliterated word.</summary>
    public const char Gram = 'g';

    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>The key of <paramref name="text"/> as a term of kind <paramref name="kind"/>.</summary>
    public static ulong Of(char kind, ReadOnlySpan<char> text)
    {
        ulong h = OffsetBasis;
        h = (h ^ kind) * Prime;
        foreach (char c in text)
        {
            h = (h ^ (byte)c) * Prime;
            h = (h ^ (uint)(c >> 8)) * Prime;
        }

        // 0 is never a key (callers use it as "none").
        return h == 0 ? 1 : h;
    }
}

using Storymatch.Matching;

namespace Storymatch.Reading;

/// <summary>
/// The one variant key of a name: the spelling-variant skeleton of each of its words (<see cref="NameKey"/>, which
/// also transliterates other scripts), name particles left out, joined by single spaces: "Antony Blinken" and
/// "Antony Brinken" → "antny blnkn"-like keys that are equal; "Qin Gang" and "Hong Kong" differ as wholes even
/// though "Gang" and "Kong" share a skeleton. Places known to <see cref="PlaceNames"/> key as "@code".
/// </summary>
internal static class EntityKeys
{
    /// <summary>The key of a name written as plain text (any script, any case).</summary>
    public static string Of(string name)
    {
        var words = new List<string>();
        Span<char> lower = stackalloc char[TextChain.MaxTokenLength];
        Span<char> latin = stackalloc char[TextChain.LatinBufferLength];
        Span<char> joined = stackalloc char[TextChain.LatinBufferLength];
        int joinedLength = 0;
        foreach (Text.WordTokenizer.Token t in Text.WordTokenizer.Enumerate(name))
        {
            if (t.Length > TextChain.MaxTokenLength)
            {
                continue;
            }

            (int s, int len) = TextChain.TrimElision(name, t.Start, t.Length);
            int n = TextChain.Lower(name.AsSpan(s, len), lower);
            int l = TextChain.ToLatin(lower[..n], latin);
            if (joinedLength + l <= joined.Length)
            {
                latin[..l].CopyTo(joined[joinedLength..]);
                joinedLength += l;
            }

            if (!Lexicon.IsParticle(latin[..l]) || words.Count == 0)
            {
                words.Add(WordKey(latin[..l]));
            }
        }

        string? place = words.Count == 1 ? PlaceNames.Of(joined[..joinedLength]) : PlaceNames.OfWhole(joined[..joinedLength]);
        return place is not null ? "@" + place : string.Join(' ', words);
    }

    /// <summary>The key of the name made of tokens [start, end) of a reading (particles inside left out).</summary>
    internal static string OfName(ArticleReading r, int start, int end)
    {
        Span<char> buffer = stackalloc char[(NameKey.MaxLength + 1) * 8];
        int n = 0;
        int words = 0;
        for (int k = start; k < end && words < 8; k++)
        {
            ReadToken t = r.Tokens[k];
            if (t.Has(TokenFlags.Particle) && k > start)
            {
                continue;
            }

            if (n > 0)
            {
                buffer[n++] = ' ';
            }

            n += NameKey.Write(r.LatinOf(t), buffer.Slice(n, NameKey.MaxLength));
            words++;
        }

        return new string(buffer[..n].Trim(' '));
    }

    /// <summary>
    /// True when two keys name the same entity: equal keys, or a one-word key that is the last word of a longer
    /// person-like key ("Blinken" and "Antony Blinken"). Places ("@...") only by equality.
    /// </summary>
    public static bool SameEntity(string keyA, string keyB)
    {
        if (string.Equals(keyA, keyB, StringComparison.Ordinal))
        {
            return true;
        }

        if (keyA.Length == 0 || keyB.Length == 0 || keyA[0] == '@' || keyB[0] == '@')
        {
            return false;
        }

        bool aOne = !keyA.Contains(' ', StringComparison.Ordinal);
        bool bOne = !keyB.Contains(' ', StringComparison.Ordinal);
        if (aOne == bOne)
        {
            return false;
        }

        (string word, string full) = aOne ? (keyA, keyB) : (keyB, keyA);
        return full.AsSpan(full.LastIndexOf(' ') + 1).SequenceEqual(word);
    }

    /// <summary>True when the one-word key <paramref name="word"/> is one of the words of the longer key <paramref name="full"/>.</summary>
    internal static bool IsWordOf(string word, string full)
    {
        if (word.Length == 0 || full.Length <= word.Length || full[0] == '@')
        {
            return false;
        }

        foreach (Range r in full.AsSpan().Split(' '))
        {
            if (full.AsSpan()[r].SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }

    private static string WordKey(ReadOnlySpan<char> latin)
    {
        Span<char> key = stackalloc char[NameKey.MaxLength];
        int k = NameKey.Write(latin, key);
        return new string(key[..k]);
    }
}

namespace Storymatch.Reading;

/// <summary>
/// The one variant key of a name: the variant key of each of its words (<see cref="NameKey.WriteVariant"/>: consonant
/// classes and vowel clusters of the Latin transliteration), name particles left out, joined by single spaces:
/// "Antony Blinken" and "Antony Brinken" get equal keys; "Qin Gang" and "Hong Kong" differ as wholes. Places known to
/// <see cref="PlaceNames"/> key as "@code".
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
                words.Add(WordKey(latin[..l], IsVowelless(name[s])));
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

            n += NameKey.WriteVariant(r.LatinOf(t), buffer.Slice(n, NameKey.MaxLength), IsVowelless(r.Text[t.Start]));
            words++;
        }

        return new string(buffer[..n].Trim(' '));
    }

    /// <summary>
    /// True when two keys name the same entity: the same words (a word written in a script without vowels matches
    /// any vowels), or a one-word key that matches the last word of a longer key ("Blinken" and "Antony Blinken").
    /// Places ("@...") only by equality.
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

        int wordsA = keyA.AsSpan().Count(' ') + 1;
        int wordsB = keyB.AsSpan().Count(' ') + 1;
        if (wordsA == wordsB)
        {
            // The last word (a surname, or the whole of a one-word name) must match with its vowels; given names and
            // other words by their consonants, as their transliterations and typos vary most ("Volodymyr",
            // "Volodomyr"; "Dmytro", "Dmitriy").
            MemoryExtensions.SpanSplitEnumerator<char> a = keyA.AsSpan().Split(' ');
            MemoryExtensions.SpanSplitEnumerator<char> b = keyB.AsSpan().Split(' ');
            int index = 0;
            while (a.MoveNext() && b.MoveNext())
            {
                ReadOnlySpan<char> wa = keyA.AsSpan()[a.Current];
                ReadOnlySpan<char> wb = keyB.AsSpan()[b.Current];
                bool last = ++index == wordsA;
                if (!(last ? WordsMatch(wa, wb) : Consonants(wa).SequenceEqual(Consonants(wb))))
                {
                    return false;
                }
            }

            return true;
        }

        if (wordsA != 1 && wordsB != 1)
        {
            return false;
        }

        (string word, string full) = wordsA == 1 ? (keyA, keyB) : (keyB, keyA);
        return WordsMatch(word, full.AsSpan(full.LastIndexOf(' ') + 1));
    }

    /// <summary>True when the one-word key <paramref name="word"/> matches one of the words of the longer key <paramref name="full"/>.</summary>
    internal static bool IsWordOf(string word, string full)
    {
        if (word.Length == 0 || full.Length <= word.Length || full[0] == '@' || !full.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (Range r in full.AsSpan().Split(' '))
        {
            if (WordsMatch(word, full.AsSpan()[r]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool WordsMatch(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return true;
        }

        int da = a.IndexOf('-');
        int db = b.IndexOf('-');
        return da > 0 && db > 0 && a[..da].SequenceEqual(b[..db]) && (a[(da + 1)..] is "*" || b[(db + 1)..] is "*");
    }

    private static ReadOnlySpan<char> Consonants(ReadOnlySpan<char> word)
    {
        int dash = word.IndexOf('-');
        return dash > 0 ? word[..dash] : word;
    }

    /// <summary>Arabic and Hebrew write few vowels: their names key without them.</summary>
    private static bool IsVowelless(char c) => c is >= '\u0590' and <= '\u06FF';

    private static string WordKey(ReadOnlySpan<char> latin, bool vowelless)
    {
        Span<char> key = stackalloc char[NameKey.MaxLength];
        int k = NameKey.WriteVariant(latin, key, vowelless);
        return new string(key[..k]);
    }
}

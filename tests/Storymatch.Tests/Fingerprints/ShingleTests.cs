using Storymatch.Fingerprints;
using Storymatch.Text;

namespace Storymatch.Tests.Fingerprints;

public class ShingleTests
{
    [Fact]
    public void Empty_text_gives_no_shingles()
    {
        Assert.Equal(0, Shingles.Hash("", 5, new ulong[4]));
        Assert.Equal(0, Shingles.Hash(" ... ", 5, new ulong[4]));
        Assert.Empty(Shingles.Set(""));
    }

    [Theory]
    [InlineData("a", 5)]
    [InlineData("a b c d", 5)]
    [InlineData("one two", 3)]
    public void Fewer_tokens_than_the_size_give_one_shingle_of_all_tokens(string text, int size)
    {
        ulong[] shingles = HashAll(text, size);
        int tokens = WordTokenizer.Count(text);
        Assert.Single(shingles);

        // The same tokens hashed at their own count are one full shingle: the short form is that shingle.
        Assert.Equal(HashAll(text, tokens), shingles);
    }

    [Fact]
    public void Every_window_hashes_like_the_same_words_on_their_own()
    {
        // The rolling hash must equal a from-scratch hash of each window, at every position and size.
        var random = new Random(7);
        string[] words = Enumerable.Range(0, 60).Select(_ => Word(random)).ToArray();
        string text = string.Join(' ', words);
        foreach (int size in new[] { 1, 2, 3, 5, 8, 13, 64 })
        {
            ulong[] shingles = HashAll(text, size);
            Assert.Equal(Math.Max(1, words.Length - size + 1), shingles.Length);
            for (int i = 0; i + size <= words.Length; i++)
            {
                string window = string.Join(' ', words, i, size);
                Assert.Equal(HashAll(window, size)[0], shingles[i]);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    public void Shingles_from_token_hashes_equal_shingles_from_text(int size)
    {
        // The generator computes shingle sets from word ids through HashTokens; it must agree with Hash.
        string text = "china's foreign-minister qin gang met \u4E60 \u8FD1 officials on monday in moscow";
        var tokenHashes = new List<ulong>();
        foreach (WordTokenizer.Token token in WordTokenizer.Enumerate(text))
        {
            tokenHashes.Add(TokenHash.Hash(text.AsSpan(token.Start, token.Length)));
        }

        foreach (int count in new[] { 0, 1, size - 1, size, tokenHashes.Count })
        {
            if (count < 0)
            {
                continue;
            }

            string prefix = string.Join(' ', WordTokenizer.Tokens(text).Take(count));
            ulong[] fromTokens = new ulong[Math.Max(1, count)];
            int n = Shingles.HashTokens(tokenHashes.Take(count).ToArray(), size, fromTokens);
            Assert.Equal(HashAll(prefix, size), fromTokens[..n]);
        }
    }

    [Fact]
    public void Shingles_follow_tokens_not_spacing_or_punctuation()
        => Assert.Equal(HashAll("the cat sat on the mat", 3), HashAll("the  cat, sat -- on (the) mat.", 3));

    [Fact]
    public void Word_order_matters()
        => Assert.NotEqual(HashAll("a b c d e", 5), HashAll("e d c b a", 5));

    [Fact]
    public void Shingle_hash_reference_values()
    {
        // Known answers: these values end up in stored signatures; a change here invalidates every database.
        Assert.Equal(0x158151B3EB817F07UL, HashAll("the", 1)[0]);
        Assert.Equal(0xBA0A88C6861329EAUL, HashAll("foreign-minister", 1)[0]);
        Assert.Equal(0x5A7A7D3FAF763A23UL, HashAll("\u4E60", 1)[0]);
        Assert.Equal([0xDE3AA24C46BD2CD9UL, 0xFFDBB358A6850ECFUL], HashAll("the cat sat on the mat", 5));
    }

    [Fact]
    public void Token_hash_distinguishes_lengths_and_padding()
    {
        var seen = new HashSet<ulong>();
        foreach (string s in new[] { "", "a", "a\0", "a\0\0", "a\0\0\0", "a\0\0\0\0", "aaaa", "aaaaa", "b" })
        {
            Assert.True(seen.Add(TokenHash.Hash(s)), $"collision for \"{s}\"");
        }
    }

    [Fact]
    public void Short_destination_throws_and_MaxCount_is_enough()
    {
        Assert.Throws<ArgumentException>(() => Shingles.Hash("a b c d e f", 2, new ulong[4]));
        Assert.Throws<ArgumentException>(() => Shingles.Hash("a b", 5, []));
        string text = "a b c d e f g";
        Assert.Equal(6, Shingles.Hash(text, 2, new ulong[Shingles.MaxCount(text.Length)]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(Shingles.MaxSize + 1)]
    public void Size_out_of_range_throws(int size)
        => Assert.Throws<ArgumentOutOfRangeException>(() => Shingles.Hash("a b", size, new ulong[4]));

    [Fact]
    public void Set_is_sorted_and_distinct()
    {
        ulong[] set = Shingles.Set("a b a b a b c", 2);
        Assert.Equal(3, set.Length); // "a b", "b a", "b c"
        Assert.True(set.AsSpan().SequenceEqual(set.Order().ToArray()));
        Assert.Equal([1UL, 2, 5, 9], Shingles.ToSortedSet([9, 2, 5, 2, 1, 9, 9]));
    }

    [Fact]
    public void Jaccard_and_containment_of_sets()
    {
        ulong[] a = [1, 2, 3, 4];
        ulong[] b = [3, 4, 5, 6, 7, 8];
        Assert.Equal(2, Shingles.IntersectionCount(a, b));
        Assert.Equal(2.0 / 8, Shingles.Jaccard(a, b));
        Assert.Equal(0.5, Shingles.Containment(a, b));
        Assert.Equal(2.0 / 6, Shingles.Containment(b, a));
        Assert.Equal(1, Shingles.Jaccard([], []));
        Assert.Equal(0, Shingles.Jaccard(a, []));
        Assert.Equal(1, Shingles.Containment([], a));
    }

    [Fact]
    public void Rent_matches_Hash_and_allocates_nothing_in_steady_state()
    {
        string text = string.Join(' ', Enumerable.Range(0, 600).Select(i => "word" + (i % 97)));
        ulong[] expected = HashAll(text, 5);
        for (int i = 0; i < 3; i++)
        {
            using PooledShingles warm = Shingles.Rent(text);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int count;
        using (PooledShingles pooled = Shingles.Rent(text))
        {
            count = pooled.Hashes.Length;
            Assert.True(pooled.Hashes.SequenceEqual(expected));
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(expected.Length, count);
        Assert.Equal(0, allocated);
    }

    internal static ulong[] HashAll(string text, int size)
    {
        ulong[] buffer = new ulong[Math.Max(1, Shingles.MaxCount(text.Length))];
        int n = Shingles.Hash(text, size, buffer);
        return buffer[..n];
    }

    private static string Word(Random random)
    {
        int length = random.Next(1, 9);
        return string.Create(length, random, (span, r) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + r.Next(26));
            }
        });
    }
}

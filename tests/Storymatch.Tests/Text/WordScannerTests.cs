using CsCheck;
using Storymatch.Fingerprints;
using Storymatch.Text;

namespace Storymatch.Tests.Text;

/// <summary>
/// The vectorised word scanner must give exactly the tokens of <see cref="WordTokenizer"/> on every tier, or
/// decline the text (unspaced scripts), so that shingles and stored signatures never depend on the path taken.
/// </summary>
public class WordScannerTests
{
    // Letters, digits, joiners, spaces, punctuation, accented and other-script letters, combining marks, the
    // typographic apostrophe, and rarely a CJK character or a surrogate pair (which make the scanner decline).
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCZ0123456789          ''--\u2019.,;:!?\"()[]/\n\téèüßçøœ\u0301\u0410\u0431\u03b1\u05d0\u0627\u00a0\u2013\u2014";

    internal static IEnumerable<string> RandomTexts(Random random, int count)
    {
        for (int n = 0; n < count; n++)
        {
            int length = random.Next(0, 400);
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = Alphabet[random.Next(Alphabet.Length)];
            }

            yield return new string(chars);
        }
    }

    [Fact]
    public void Every_tier_gives_the_tokenizers_tokens()
    {
        foreach (string text in RandomTexts(new Random(5), 2000))
        {
            AssertSameTokens(text);
        }
    }

    [Fact]
    public void Property_scanner_equals_tokenizer_on_generated_text()
    {
        Gen.Char[Alphabet].Array[0, 300].Select(a => new string(a)).Sample(AssertSameTokens, iter: 3000);
    }

    [Theory]
    [InlineData("china's x-ray state-of-the-art it\u2019s 'quoted' -dash- a--b a'-b end-")]
    [InlineData("über straße café naïve ré\u0301sumé Москва Ελλάδα שלום مرحبا 2019-12-02 a.b,c")]
    public void Known_texts_repeated_across_block_boundaries(string seed)
    {
        // Repeating shifts every joiner and word edge across the 64-character block boundaries.
        for (int repeat = 1; repeat < 12; repeat++)
        {
            AssertSameTokens(string.Concat(Enumerable.Repeat(seed, repeat)));
            AssertSameTokens(" " + string.Concat(Enumerable.Repeat(seed, repeat)));
        }
    }

    [Theory]
    [InlineData("这是一个新闻报道，关于中国和俄罗斯的关系。")]
    [InlineData("ข่าววันนี้")]
    [InlineData("emoji \U0001F600 inside")]
    public void Unspaced_scripts_are_declined_and_shingles_still_match(string sample)
    {
        string text = string.Concat(Enumerable.Repeat(sample + " padding words here ", 6));
        int words = WordScanner.BitmapLength(text.Length);
        Assert.False(WordScanner.TryScan(text, new ulong[words], new ulong[words], WordScanner.Best));
        AssertSameShingles(text);
    }

    private static void AssertSameTokens(string text)
    {
        List<WordTokenizer.Token> expected = [];
        foreach (WordTokenizer.Token token in WordTokenizer.Enumerate(text))
        {
            expected.Add(token);
        }

        bool unspaced = text.Any(TextNormalizer.IsUnspacedScriptChar);
        foreach (WordScanner.Width width in Enum.GetValues<WordScanner.Width>())
        {
            int words = WordScanner.BitmapLength(text.Length);
            ulong[] bits = new ulong[words], scratch = new ulong[words];
            bool scanned = WordScanner.TryScan(text, bits, scratch, width);
            Assert.Equal(!unspaced, scanned);
            if (scanned)
            {
                List<WordTokenizer.Token> actual = [];
                foreach (WordTokenizer.Token token in WordScanner.Runs(bits, text.Length))
                {
                    actual.Add(token);
                }

                Assert.True(expected.SequenceEqual(actual), $"{width} on \"{text}\": expected {string.Join(' ', expected)}, got {string.Join(' ', actual)}");
            }
        }

        AssertSameShingles(text);
    }

    /// <summary>Shingles through the scanner (every tier) equal shingles of the tokenizer's tokens.</summary>
    private static void AssertSameShingles(string text)
    {
        List<ulong> tokenHashes = [];
        foreach (WordTokenizer.Token token in WordTokenizer.Enumerate(text))
        {
            tokenHashes.Add(TokenHash.Hash(token.Of(text)));
        }

        ulong[] expected = new ulong[Math.Max(1, tokenHashes.Count)];
        int expectedCount = Shingles.HashTokens([.. tokenHashes], Shingles.DefaultSize, expected);
        foreach (WordScanner.Width width in Enum.GetValues<WordScanner.Width>())
        {
            ulong[] actual = new ulong[Math.Max(1, Shingles.MaxCount(text.Length))];
            int count = Shingles.Hash(text, Shingles.DefaultSize, actual, width);
            Assert.True(expected.AsSpan(0, expectedCount).SequenceEqual(actual.AsSpan(0, count)), $"{width} shingles differ on \"{text}\"");
        }
    }
}

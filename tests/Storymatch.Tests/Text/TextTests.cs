using Storymatch.Fingerprints;
using Storymatch.Text;

namespace Storymatch.Tests.Text;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("China\u2019s \u201Cboundless\u201D friendship", "china's \"boundless\" friendship")]
    [InlineData("  Kyiv \u2013 Moscow\u2014talks ", "kyiv - moscow-talks")]
    [InlineData("line one\r\n\r\nline\ttwo", "line one line two")]
    [InlineData("\uFF21\uFF22\uFF23 \u00A0x", "abc x")]
    [InlineData("", "")]
    public void Normalize_folds_case_quotes_dashes_and_whitespace(string input, string expected)
        => Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void NormalizeForDisplay_keeps_case_and_paragraphs()
        => Assert.Equal("A \"b\"\n\nC - d", TextNormalizer.NormalizeForDisplay("A  \u201Cb\u201D \n \n\n C \u2013 d  "));

    [Fact]
    public void ContentHash_is_equal_for_texts_equal_after_normalisation()
        => Assert.Equal(ContentHash.Compute("Xi\u2019s  visit\n"), ContentHash.Compute("xi's visit"));

    [Fact]
    public void ContentHash_reference_value()
        => Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", ContentHash.OfNormalized("hello"));
}

public class WordTokenizerTests
{
    [Theory]
    [InlineData("china's foreign-minister, qin gang.", new[] { "china's", "foreign-minister", "qin", "gang" })]
    [InlineData("习近平将访问俄罗斯", new[] { "习", "近", "平", "将", "访", "问", "俄", "罗", "斯" })]
    [InlineData("путин и си 2023 г.", new[] { "путин", "и", "си", "2023", "г" })]
    [InlineData("'quoted' -dash- a--b", new[] { "quoted", "dash", "a", "b" })]
    [InlineData("", new string[0])]
    [InlineData("   ...  ", new string[0])]
    public void Tokens_cover_every_script(string input, string[] expected)
        => Assert.Equal(expected, WordTokenizer.Tokens(input));

    [Fact]
    public void Count_matches_tokens()
    {
        const string text = "Xi Jinping will visit Russia next week, in his first such trip.";
        Assert.Equal(WordTokenizer.Tokens(text).Count, WordTokenizer.Count(text));
    }
}

public class SentenceSplitterTests
{
    [Fact]
    public void Split_respects_abbreviations_and_initials()
    {
        List<string> s = SentenceSplitter.SplitToStrings(
            "Mr. Xi met U.S. officials on Jan. 5. George W. Bush was not there. \"Peace,\" he said. Next!");
        Assert.Equal(["Mr. Xi met U.S. officials on Jan. 5.", "George W. Bush was not there.", "\"Peace,\" he said.", "Next!"], s);
    }

    [Fact]
    public void Split_breaks_at_lines_and_cjk_stops()
        => Assert.Equal(["第一句。", "第二句！", "Line two"], SentenceSplitter.SplitToStrings("第一句。第二句！\nLine two"));

    [Fact]
    public void Split_does_not_break_before_lower_case()
        => Assert.Single(SentenceSplitter.SplitToStrings("It was 3 p.m. when he arrived."));
}

public class SeedTextTests
{
    [Fact]
    public void Seeds_tokenize_and_split_into_sentences()
    {
        string dir = TestPaths.SharedOrSkip("seeds");
        string[] files = Directory.GetFiles(dir, "*.txt");
        Assert.Equal(5, files.Length);
        foreach (string file in files)
        {
            string text = File.ReadAllText(file);
            Assert.True(WordTokenizer.Count(TextNormalizer.Normalize(text)) > 300, file);
            Assert.True(SentenceSplitter.Split(TextNormalizer.NormalizeForDisplay(text)).Count > 10, file);
        }
    }
}

using System.Text;
using Storymatch.Extraction;

namespace Storymatch.Tests.Extraction;

/// <summary>Hostile or broken pages: the extractor returns (possibly empty) text and never throws or hangs.</summary>
public class BadInputTests
{
    private const string Sentence = "The committee published its final report on Thursday, after two years of hearings and interviews.";

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("<")]
    [InlineData("</p></div></body>")]
    [InlineData("<html><head><title></title></head><body></body></html>")]
    [InlineData("<!-- only a comment")]
    [InlineData("<script>var a = '<p>not text</p>';")]
    public void Extract_EmptyOrTrivialPage_GivesEmptyText(string html)
    {
        ExtractedArticle a = HtmlExtractor.Extract(html);
        Assert.Equal("", a.Text);
    }

    [Fact]
    public void Extract_BinaryGarbage_DoesNotThrow()
    {
        var random = new Random(7);
        byte[] bytes = new byte[200_000];
        random.NextBytes(bytes);

        ExtractedArticle fromBytes = HtmlExtractor.Extract(new MemoryStream(bytes));
        ExtractedArticle fromString = HtmlExtractor.Extract(Encoding.Latin1.GetString(bytes));

        Assert.NotNull(fromBytes.Text);
        Assert.NotNull(fromString.Text);
    }

    [Fact(Timeout = 120_000)]
    public async Task Extract_100kNestedDivs_KeepsTheDeepText()
    {
        string html = string.Concat(Enumerable.Repeat("<div>", 100_000)) + "<p>" + Sentence + "</p>" + string.Concat(Enumerable.Repeat("</div>", 100_000));
        ExtractedArticle a = await Task.Run(() => HtmlExtractor.Extract(html), TestContext.Current.CancellationToken);
        Assert.Equal(Sentence, a.Text);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("<b>")]
    [InlineData("<span>")]
    [InlineData("<table><tr><td>")]
    [InlineData("<ul><li>")]
    [InlineData("<p><font>")]
    [InlineData("<blockquote>")]
    public async Task Extract_DeeplyNestedUnclosedTags_Terminates(string open)
    {
        string html = string.Concat(Enumerable.Repeat(open, 50_000)) + Sentence;
        ExtractedArticle a = await Task.Run(() => HtmlExtractor.Extract(html), TestContext.Current.CancellationToken);
        Assert.Contains("committee published", a.Text);
    }

    [Fact(Timeout = 120_000)]
    public async Task Extract_50kNestedLinks_TerminatesAndTreatsTheTextAsLinks()
    {
        string html = string.Concat(Enumerable.Repeat("<a href='x'>", 50_000)) + Sentence;
        ExtractedArticle a = await Task.Run(() => HtmlExtractor.Extract(html), TestContext.Current.CancellationToken);
        Assert.Equal("", a.Text); // all of it is link text: a link list, not an article
    }

    [Fact(Timeout = 120_000)]
    public async Task Extract_50MegabytePage_IsCutAndExtracted()
    {
        var sb = new StringBuilder(52_000_000);
        sb.Append("<html><head><title>Huge page</title></head><body><article>");
        while (sb.Length < 50_000_000)
        {
            sb.Append("<p>").Append(Sentence).Append("</p>\n");
        }

        string html = sb.ToString();
        ExtractedArticle a = await Task.Run(() => HtmlExtractor.Extract(html), TestContext.Current.CancellationToken);

        Assert.Equal("Huge page", a.Title);
        Assert.StartsWith(Sentence + "\n\n" + Sentence, a.Text);
        Assert.True(a.Text.Length <= HtmlExtractor.MaxHtmlChars);
    }

    [Theory]
    [InlineData("<html><body><article><p>" + Sentence + "<p>Second paragraph that is never closed, like many real ones are.<div>stray</span></article>")]
    [InlineData("<body><table><p>" + Sentence + "</table></td></tr>")]
    [InlineData("<html><body><p>" + Sentence + "</p><p attr=\"unterminated>more text</p></body>")]
    [InlineData("<html><body><p>" + Sentence + "</p></body></html><p>After the end of the document.</p>")]
    [InlineData("<p>" + Sentence + "</p><script>document.write('</p><p>')</script><style>p{}</style>")]
    [InlineData("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Broken, \"datePublished\":}</script></head><body><p>" + Sentence + "</p></body></html>")]
    public void Extract_MalformedHtml_StillFindsTheText(string html)
    {
        Assert.Contains("committee published its final report", HtmlExtractor.Extract(html).Text);
    }

    [Fact]
    public void Extract_JsonLdNestedVeryDeep_DoesNotThrow()
    {
        string json = string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000);
        string html = "<html><head><script type=\"application/ld+json\">" + json + "</script></head><body><p>" + Sentence + "</p></body></html>";
        Assert.Equal(Sentence, HtmlExtractor.Extract(html).Text);
    }

    [Fact]
    public void Extract_WrongDeclaredCharset_DecodesWithoutThrowing()
    {
        byte[] utf8 = Encoding.UTF8.GetBytes("<html><head><meta charset=\"no-such-charset\"></head><body><p>" + Sentence + " Ünïcödé.</p></body></html>");
        Assert.Contains("Ünïcödé", HtmlExtractor.Extract(new MemoryStream(utf8)).Text);
    }
}

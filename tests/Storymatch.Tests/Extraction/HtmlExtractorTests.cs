using System.Text;
using Storymatch.Extraction;

namespace Storymatch.Tests.Extraction;

public class HtmlExtractorTests
{
    private const string Paragraph1 = "The city council voted on Tuesday to approve the new budget, which increases spending on schools, parks and public transport by nearly ten percent.";
    private const string Paragraph2 = "Opponents of the plan said the increase would require higher property taxes, while supporters argued that the investment was long overdue.";
    private const string Paragraph3 = "The mayor, who proposed the budget in March, said she was pleased with the result and expected the first projects to start next spring.";

    private static string NewsPage(string head = "", string htmlAttributes = "") => $$"""
        <!DOCTYPE html>
        <html {{htmlAttributes}}>
        <head>{{head}}</head>
        <body>
          <header class="site-header"><nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
          <div class="cookie-consent">We use cookies to improve your experience. Accept all cookies or manage your settings.</div>
          <main>
            <article>
              <h1>Council approves budget</h1>
              <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
              <div class="article-body">
                <p class="lead">A new budget for the city was approved after a long debate.</p>
                <p>{{Paragraph1}}</p>
                <h2>Taxes may rise</h2>
                <p>{{Paragraph2}}</p>
                <ul><li>Schools get 12 million more.</li><li>Parks get 3 million more.</li></ul>
                <blockquote>We listened to every neighbourhood before writing this budget.</blockquote>
                <div class="newsletter-signup">Sign up for our daily newsletter and get the news in your inbox.</div>
                <p>{{Paragraph3}}</p>
              </div>
              <div class="related-articles"><h3>Related stories</h3><ul><li><a href="/a">Mayor faces criticism over park plans in the northern districts</a></li><li><a href="/b">School funding debate heats up again across the whole region</a></li></ul></div>
            </article>
            <section class="comments"><h3>3 comments</h3><p>Great news for our schools, finally something is being done about the buildings!</p></section>
          </main>
          <footer class="site-footer"><p>© 2024 City News. All rights reserved.</p></footer>
        </body>
        </html>
        """;

    [Fact]
    public void Extract_NewsPage_KeepsBodyParagraphsHeadingsListsAndQuotes()
    {
        string text = HtmlExtractor.Extract(NewsPage()).Text;

        Assert.Contains("A new budget for the city was approved after a long debate.", text);
        Assert.Contains(Paragraph1, text);
        Assert.Contains("Taxes may rise", text);
        Assert.Contains(Paragraph2, text);
        Assert.Contains("Schools get 12 million more.", text);
        Assert.Contains("We listened to every neighbourhood", text);
        Assert.Contains(Paragraph3, text);
        Assert.True(text.IndexOf(Paragraph1, StringComparison.Ordinal) < text.IndexOf(Paragraph3, StringComparison.Ordinal));
        Assert.Contains(Paragraph1 + "\n\nTaxes may rise\n\n" + Paragraph2, text);
    }

    [Fact]
    public void Extract_NewsPage_DropsNavigationShareNewsletterRelatedCommentsAndFooter()
    {
        string text = HtmlExtractor.Extract(NewsPage()).Text;

        Assert.DoesNotContain("Sport", text);
        Assert.DoesNotContain("cookies", text);
        Assert.DoesNotContain("Share on Facebook", text);
        Assert.DoesNotContain("newsletter", text);
        Assert.DoesNotContain("Mayor faces criticism", text);
        Assert.DoesNotContain("Great news for our schools", text);
        Assert.DoesNotContain("All rights reserved", text);
        Assert.DoesNotContain("Council approves budget", text); // the headline is the title, not body text
    }

    [Fact]
    public void Extract_OpenGraphAndJsonLd_GiveTitleAuthorsDateSiteAndCanonicalUrl()
    {
        const string head = """
            <title>Council approves budget | City News</title>
            <meta property="og:title" content="Council approves budget">
            <meta property="og:site_name" content="City News">
            <link rel="canonical" href="https://citynews.example/2024/03/12/council-budget">
            <script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"ignored"},
             {"@type":"NewsArticle","headline":"Council approves budget","datePublished":"2024-03-12T09:30:00+01:00",
              "author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"John Doe"}]}]}
            </script>
            """;
        ExtractedArticle a = HtmlExtractor.Extract(NewsPage(head, "lang=\"en-GB\""));

        Assert.Equal("Council approves budget", a.Title);
        Assert.Equal(["Jane Roe", "John Doe"], a.Authors);
        Assert.Equal(new DateTimeOffset(2024, 3, 12, 9, 30, 0, TimeSpan.FromHours(1)), a.Published);
        Assert.Equal("City News", a.SiteName);
        Assert.Equal("https://citynews.example/2024/03/12/council-budget", a.CanonicalUrl);
        Assert.Equal("en", a.Language);
    }

    [Theory]
    [InlineData("<title>Council approves budget | City News</title>", "Council approves budget")]
    [InlineData("<title>Council approves budget - City News</title>", "Council approves budget")]
    [InlineData("<title>Council approves budget</title>", "Council approves budget")]
    [InlineData("<meta name=\"twitter:title\" content=\"Twitter title wins over the title element\"><title>Other</title>", "Twitter title wins over the title element")]
    public void Extract_TitleElement_LosesTheSiteSuffix(string head, string expected)
    {
        Assert.Equal(expected, HtmlExtractor.Extract(NewsPage(head)).Title);
    }

    [Fact]
    public void Extract_NoTitleElement_UsesTheFirstHeading()
    {
        Assert.Equal("Council approves budget", HtmlExtractor.Extract(NewsPage()).Title);
    }

    [Theory]
    [InlineData("<meta property=\"article:published_time\" content=\"2023-03-17T08:15:00Z\">", null, "2023-03-17")]
    [InlineData("<meta name=\"date\" content=\"2023-03-17\">", null, "2023-03-17")]
    [InlineData("", "https://news.example/2023/03/17/xi-to-visit-russia", "2023-03-17")]
    [InlineData("", "https://news.example/world/xi-visit-20230317.html", "2023-03-17")]
    public void Extract_PublishedDate_FromMetaOrUrl(string head, string? url, string expected)
    {
        ExtractedArticle a = HtmlExtractor.Extract(NewsPage(head), url);
        Assert.Equal(expected, a.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Extract_TimeElement_GivesTheDate()
    {
        string html = NewsPage().Replace("<h1>Council approves budget</h1>", "<h1>Council approves budget</h1><time datetime=\"2022-11-05T14:00:00Z\">5 November</time>", StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2022, 11, 5, 14, 0, 0, TimeSpan.Zero), HtmlExtractor.Extract(html).Published);
    }

    [Fact]
    public void Extract_DateOnlyInText_IsFound()
    {
        string html = "<html><body><p class=\"date\">Published March 17, 2023</p><p>" + Paragraph1 + "</p></body></html>";
        Assert.Equal(new DateTimeOffset(2023, 3, 17, 0, 0, 0, TimeSpan.Zero), HtmlExtractor.Extract(html).Published);
    }

    [Theory]
    [InlineData("lang=\"de-DE\"", "de")]
    [InlineData("lang=\"pt_BR\"", "pt")]
    [InlineData("xml:lang=\"fr\"", "fr")]
    public void Extract_DeclaredLanguage_Wins(string attributes, string expected)
    {
        Assert.Equal(expected, HtmlExtractor.Extract(NewsPage(htmlAttributes: attributes)).Language);
    }

    [Fact]
    public void Extract_UndeclaredLanguage_IsDetectedFromTheText()
    {
        const string html = """
            <html><body><article>
            <p>Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen, der mehr Geld für Schulen und Parks vorsieht.</p>
            <p>Die Gegner des Plans sagten, dass die Erhöhung höhere Steuern erfordern werde, während die Befürworter von einer überfälligen Investition sprachen.</p>
            </article></body></html>
            """;
        Assert.Equal("de", HtmlExtractor.Extract(html).Language);
    }

    [Fact]
    public void Extract_JsonLdArticleBody_PicksTheContainerThatHoldsIt()
    {
        string story = string.Join(" ", Enumerable.Repeat(Paragraph1, 3));
        string teaser = string.Join(" ", Enumerable.Repeat(Paragraph2, 4));
        string html = $$"""
            <html><head><script type="application/ld+json">{"@type":"NewsArticle","articleBody":"{{story}}"}</script></head>
            <body><div class="a"><p>{{teaser}}</p><p>{{teaser}}</p></div><div class="b"><p>{{story}}</p></div></body></html>
            """;
        string text = HtmlExtractor.Extract(html).Text;
        Assert.Contains(Paragraph1, text);
        Assert.DoesNotContain(Paragraph2, text);
    }

    [Fact]
    public void Extract_Stream_DecodesTheDeclaredCharset()
    {
        const string russian = "Президент России Владимир Путин встретился с председателем КНР Си Цзиньпином в Москве, где они обсудили двусторонние отношения.";
        string html = "<html><head><meta charset=\"windows-1251\"><title>Визит</title></head><body><article><p>" + russian + "</p></article></body></html>";
        byte[] bytes = HtmlDecodingEncoding("windows-1251").GetBytes(html);

        ExtractedArticle a = HtmlExtractor.Extract(new MemoryStream(bytes));

        Assert.Equal(russian, a.Text);
        Assert.Equal("ru", a.Language);
    }

    [Fact]
    public void Extract_BrSeparatedText_KeepsLineBreaks()
    {
        string html = "<html><body><div class=\"post-content\">" + Paragraph1 + "<br><br>" + Paragraph2 + "</div></body></html>";
        string text = HtmlExtractor.Extract(html).Text;
        Assert.Contains(Paragraph1 + "\n" + Paragraph2, text);
    }

    [Fact]
    public void Extract_HiddenElements_AreNotText()
    {
        string html = "<html><body><article><p>" + Paragraph1 + "</p><p style=\"display: none\">Invisible tracking text that must not appear anywhere.</p><div hidden><p>Also hidden text of some length here.</p></div></article></body></html>";
        string text = HtmlExtractor.Extract(html).Text;
        Assert.Equal(Paragraph1, text);
    }

    private static Encoding HtmlDecodingEncoding(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name);
    }
}

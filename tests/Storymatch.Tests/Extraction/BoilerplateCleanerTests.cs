using Storymatch.Extraction;

namespace Storymatch.Tests.Extraction;

public class BoilerplateCleanerTests
{
    private static string Seed(string prefix)
    {
        string dir = TestPaths.SharedOrSkip("seeds");
        return File.ReadAllText(Directory.GetFiles(dir, prefix + "_*.txt").Single());
    }

    [Fact]
    public void Clean_Seed000_DropsTheNewsletterSentenceGluedToTheLastParagraph()
    {
        string clean = BoilerplateCleaner.Clean(Seed("000"));

        Assert.DoesNotContain("newsletters", clean);
        Assert.StartsWith("No further details were given, but China declared", clean);
        Assert.EndsWith("wrote Kuleba, who spoke on the same day with the Secretary of State Antony Blinken.", clean);
    }

    [Fact]
    public void Clean_Seed001_DropsTheCommentForm()
    {
        string clean = BoilerplateCleaner.Clean(Seed("001"));

        Assert.DoesNotContain("Leave a Reply", clean);
        Assert.DoesNotContain("will not be published", clean);
        Assert.Contains("Chinese President Xi Jinping will visit Russia next week in an apparent show of support for Vladimir Putin.", clean);
        Assert.EndsWith("that is spiraling out of control.", clean);
    }

    [Fact]
    public void Clean_Seed002_DropsRelatedPostsAndTheVideoTimestamp()
    {
        string clean = BoilerplateCleaner.Clean(Seed("002"));

        Assert.DoesNotContain("Related Posts", clean);
        Assert.DoesNotContain("202300:39", clean);
        Assert.StartsWith("Chinese leader Xi Jinping to visit Russia next week", clean);
        Assert.EndsWith("He said he also underscored the importance of Zelenskyy’s own peace plan.", clean);
    }

    [Fact]
    public void Clean_Seed003_DropsTheAdvertisementLabel()
    {
        string clean = BoilerplateCleaner.Clean(Seed("003"));

        Assert.DoesNotContain("Advertisement", clean);
        Assert.Contains("Beijing/Moscow – Chinese President Xi Jinping will visit Russia early next week", clean);
        Assert.EndsWith("to withdraw his troops,” he added.", clean);
    }

    [Fact]
    public void Clean_Seed004_DropsAdsBylineBlurbCommentFormAndTheUnrelatedHeadlinesAfterTheArticle()
    {
        string clean = BoilerplateCleaner.Clean(Seed("004"));

        Assert.DoesNotContain("Advertisements", clean);
        Assert.DoesNotContain("What do you think", clean);
        Assert.DoesNotContain("Natalia Chi", clean);
        Assert.DoesNotContain("breaking news, weather and live video", clean);
        Assert.DoesNotContain("Leave a Reply", clean);
        Assert.DoesNotContain("Furman shocks Virginia", clean);
        Assert.DoesNotContain("hit-and-run", clean);
        Assert.StartsWith("Chinese President Xi Jinping visits President Putin in Moscow", clean);
        Assert.Contains("Chinese President Xi Jinping is scheduled to visit Russia from Monday to Wednesday", clean);
        Assert.EndsWith("The two leaders will also sign “important bilateral documents,” the statement said.", clean);
    }

    [Fact]
    public void Clean_SeedBodies_LoseLittleText()
    {
        foreach (string prefix in new[] { "000", "001", "002", "003", "004" })
        {
            string raw = Seed(prefix);
            string clean = BoilerplateCleaner.Clean(raw);
            Assert.True(clean.Length > 0.85 * raw.Trim().Length, $"{prefix}: kept {clean.Length} of {raw.Length} chars");
        }
    }

    [Theory]
    [InlineData("Post a Comment")]
    [InlineData("Leave a comment")]
    [InlineData("Advertisement")]
    [InlineData("ADVERTISING")]
    [InlineData("Share this story")]
    [InlineData("Share on Facebook Tweet Email")]
    [InlineData("By Maria Garcia")]
    [InlineData("Reporting by John Smith and Jane Roe")]
    [InlineData("Sign up for our weekly newsletter to get the best stories in your inbox.")]
    [InlineData("This site uses cookies to give you a better experience.")]
    [InlineData("Story continues below advertisement")]
    [InlineData("You may also like")]
    [InlineData("12 Comments")]
    [InlineData("Nov. 19, 2019 10:32 AM EST")]
    public void IsBoilerplateLine_InterfaceAndNoticeLines_AreBoilerplate(string line)
    {
        Assert.True(BoilerplateCleaner.IsBoilerplateLine(line));
    }

    [Theory]
    [InlineData("Shares of Apple rose 3% on Monday after the company reported strong iPhone sales.")]
    [InlineData("The comments were made on Friday during a visit to the border region.")]
    [InlineData("By the end of the week, the ceasefire had collapsed.")]
    [InlineData("Related talks between the two sides will resume in Geneva next month, officials said.")]
    [InlineData("The newspaper said its newsletter had lost half of its subscribers, who now get the news from social media in their inbox instead.")]
    public void IsBoilerplateLine_ArticleSentencesWithTheSameWords_AreKept(string line)
    {
        Assert.False(BoilerplateCleaner.IsBoilerplateLine(line));
    }

    [Fact]
    public void Clean_RelatedHeaderEarlyInTheText_DoesNotCutTheArticle()
    {
        string text = "Related Articles\n\nThe first paragraph of a long article that goes on and on about the budget.\n\n" +
            "A second paragraph with more detail about the vote and the people who made it.";
        string clean = BoilerplateCleaner.Clean(text);
        Assert.Contains("second paragraph", clean);
        Assert.DoesNotContain("Related Articles", clean);
    }
}

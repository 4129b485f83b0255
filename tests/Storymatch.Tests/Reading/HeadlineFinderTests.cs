using Storymatch.Reading;
using Storymatch.Tests.Stories;

namespace Storymatch.Tests.Reading;

public sealed class HeadlineFinderTests
{
    [Theory]
    [InlineData("All About The Latest Updates\n\nPresident Xi to visit Putin in biggest show of support\n\nChinese President Xi Jinping will visit.", "President Xi to visit Putin in biggest show of support")]
    [InlineData("Metro Herald | Transport\n\nTrain drivers in northern England to strike for 48 hours\n\nDrivers will walk out.", "Train drivers in northern England to strike for 48 hours")]
    [InlineData("This photo shows the minister during a meeting in Beijing on June 8, 2026.\nChina's trade chief to visit Brazil next week\nThe visit was announced.", "China's trade chief to visit Brazil next week")]
    [InlineData("Tribune Online > Business > Deals\nHalvorsen Foods to buy Brightfield Dairy for $1.4 billion\nThe deal was announced.", "Halvorsen Foods to buy Brightfield Dairy for $1.4 billion")]
    [InlineData("World:\nFloods close roads across the north of Italy\nRain fell for three days.", "Floods close roads across the north of Italy")]
    [InlineData("Breaking News Today\nVolcano erupts on the island of Hekla-Nord\nAsh covered the town.", "Volcano erupts on the island of Hekla-Nord")]
    [InlineData("Train Drivers In Northern England To Strike For 48 Hours\n\nDrivers will walk out.", "Train Drivers In Northern England To Strike For 48 Hours")]
    [InlineData("Der Bundestag beschließt das neue Heizungsgesetz\n\nDie Abgeordneten stimmten am Freitag ab.", "Der Bundestag beschließt das neue Heizungsgesetz")]
    [InlineData("Ash covers the town (AP Photo/Jane Roe)\nVolcano erupts on the island\nAsh covered the town.", "Volcano erupts on the island")]
    public void The_headline_is_the_headline_like_line(string text, string headline) => Assert.Equal(headline, HeadlineFinder.Find(text));

    [Theory]
    [InlineData("HONG KONG - Chinese President Xi Jinping will visit Russia early next week, in his first such trip since the war.")]
    [InlineData("No further details were given, but China declared a boundless friendship with Russia. It refused to condemn the invasion.")]
    [InlineData("This photo combination shows Russian President Vladimir Putin in Samarkand on September 16, 2022.\nBeijing/Moscow - Chinese President Xi Jinping will visit Russia early next week, the ministry announced today.")]
    [InlineData("")]
    public void A_text_without_a_headline_has_no_title(string text) => Assert.Null(HeadlineFinder.Find(text));

    [Fact]
    public void A_short_first_line_stays_the_title_when_nothing_better_is_there() => Assert.Equal("first article", HeadlineFinder.Find("first article"));

    [Fact]
    public void Seed_titles_are_headlines_not_taglines_or_captions()
    {
        string[] seeds = SeedFiles.TextsOrSkip();
        string?[] titles = [.. seeds.Select(t => HeadlineFinder.Find(Storymatch.Extraction.BoilerplateCleaner.Clean(t)))];
        Assert.Equal("President Xi to visit Putin in biggest show of China’s support for Russia since start of war in Ukraine", titles[1]);
        Assert.Equal("Chinese leader Xi Jinping to visit Russia next week", titles[2]);
        Assert.DoesNotContain("photo", titles[3] ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Chinese President Xi Jinping visits President Putin in Moscow", titles[4]);
    }
}

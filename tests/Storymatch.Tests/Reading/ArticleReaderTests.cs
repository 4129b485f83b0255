using CsCheck;
using Storymatch.Reading;

namespace Storymatch.Tests.Reading;

public sealed class ArticleReaderTests
{
    // Friday 17 March 2023.
    private static readonly DateTimeOffset Friday = new(2023, 3, 17, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Weekdays_in_a_sentence_about_the_future_resolve_forward()
    {
        ArticleReading r = ArticleReader.Read(null, "The talks will take place from Monday to Wednesday in Moscow.", "en", Friday);
        DateMention d = Assert.Single(r.Dates);
        Assert.Equal(new DateOnly(2023, 3, 20), d.From);
        Assert.Equal(new DateOnly(2023, 3, 22), d.To);
        Assert.True(d.Relative);
        Assert.Equal("Monday to Wednesday", d.Surface);
    }

    [Fact]
    public void Weekdays_in_past_reports_resolve_back()
    {
        ArticleReading r = ArticleReader.Read(null, "On Tuesday the ministry said the plan had failed.", "en", Friday);
        Assert.Equal(new DateOnly(2023, 3, 14), Assert.Single(r.Dates).From);
    }

    [Theory]
    [InlineData("He was in Beijing on December 2, 2019, for talks.", 2019, 12, 2)]
    [InlineData("The visit is set for 20 March.", 2023, 3, 20)]
    [InlineData("La visita será el 20 de marzo de 2023.", 2023, 3, 20)]
    [InlineData("Der Besuch beginnt am 20. März.", 2023, 3, 20)]
    [InlineData("The report is dated 2023-03-21.", 2023, 3, 21)]
    [InlineData("Elections were held on 03.01.2024 in the region.", 2024, 1, 3)]
    [InlineData("Results came in on January 3.", 2023, 1, 3)]
    public void Absolute_dates_resolve(string text, int y, int m, int d)
    {
        ArticleReading r = ArticleReader.Read(null, text, null, Friday);
        DateMention date = Assert.Single(r.Dates);
        Assert.Equal(new DateOnly(y, m, d), date.From);
        Assert.False(date.Relative);
    }

    [Fact]
    public void The_day_and_year_of_a_date_are_no_numbers()
    {
        ArticleReading r = ArticleReader.Read(null, "Xi was in Beijing on December 2, 2019, with two aides.", "en", null);
        NumberMention n = Assert.Single(r.Numbers);
        Assert.Equal(2, n.Value);
        Assert.Equal("two", n.Surface);
        Assert.Equal(new DateOnly(2019, 12, 2), Assert.Single(r.Dates).From);
    }

    [Fact]
    public void A_range_of_days_in_one_month()
    {
        ArticleReading r = ArticleReader.Read(null, "Xi will pay a state visit to Russia from March 20 to 22, the ministry said.", "en", Friday);
        DateMention d = Assert.Single(r.Dates);
        Assert.Equal(new DateOnly(2023, 3, 20), d.From);
        Assert.Equal(new DateOnly(2023, 3, 22), d.To);
        Assert.Empty(r.Numbers);
    }

    [Fact]
    public void Relative_days_and_weeks()
    {
        ArticleReading r = ArticleReader.Read(null, "Xi will visit Russia early next week. Yesterday the Kremlin confirmed it.", "en", Friday);
        Assert.Equal(2, r.Dates.Count);
        Assert.Equal(new DateOnly(2023, 3, 20), r.Dates[0].From);
        Assert.Equal(new DateOnly(2023, 3, 26), r.Dates[0].To);
        Assert.Equal(new DateOnly(2023, 3, 16), r.Dates[1].From);
    }

    [Fact]
    public void Without_a_publication_date_relative_dates_stay_open()
    {
        ArticleReading r = ArticleReader.Read(null, "The talks will run from Monday to Wednesday.", "en", null);
        DateMention d = Assert.Single(r.Dates);
        Assert.Null(d.From);
        Assert.Equal(1, d.Weekday);
    }

    [Theory]
    [InlineData("China proposed a twelve-point peace plan.", 12, "point", "Count")]
    [InlineData("China proposed a 12-point peace plan.", 12, "point", "Count")]
    [InlineData("Prices rose 3.5% in May.", 3.5, "%", "Percent")]
    [InlineData("Prices rose 3.5 per cent last month.", 3.5, "%", "Percent")]
    [InlineData("The fund holds $1.5 billion in reserves.", 1.5e9, "USD", "Money")]
    [InlineData("The deal is worth 20 million euros.", 2e7, "EUR", "Money")]
    [InlineData("Troops moved 30 km south.", 30, "km", "Measure")]
    [InlineData("It was the 20th meeting.", 20, null, "Ordinal")]
    [InlineData("Some 1,200 people came.", 1200, null, "Count")]
    [InlineData("Xi last visited Russia in 2019.", 2019, null, "Year")]
    [InlineData("They freed three hundred and five prisoners.", 305, null, "Count")]
    [InlineData("Es gab zwölf Verletzte.", 12, null, "Count")]
    public void Numbers_with_their_unit_and_kind(string text, double value, string? unit, string kind)
    {
        ArticleReading r = ArticleReader.Read(null, text, null, null);
        NumberMention n = Assert.Single(r.Numbers);
        Assert.Equal(value, n.Value, 6);
        Assert.Equal(unit, n.Unit);
        Assert.Equal(Enum.Parse<NumberKind>(kind), n.Kind);
    }

    [Fact]
    public void Number_words_round_trip() =>
        Gen.Long[0, 999_999_999_999].Sample(n => NumberWords.TryParse(NumberWords.ToWords(n), out long v) && v == n);

    [Fact]
    public void Number_words_in_text_read_as_their_value() =>
        Gen.Long[2, 999_999].Sample(n =>
        {
            ArticleReading r = ArticleReader.Read(null, $"Officials counted {NumberWords.ToWords(n)} ballots.", "en", null);
            return r.Numbers.Count == 1 && r.Numbers[0].Value == n;
        });

    [Fact]
    public void Digits_and_words_agree() =>
        Gen.Int[2, 999].Sample(n =>
        {
            NumberMention a = ArticleReader.Read(null, $"A {n}-point plan.", "en", null).Numbers.Single();
            NumberMention b = ArticleReader.Read(null, $"A {NumberWords.ToWords(n)}-point plan.", "en", null).Numbers.Single();
            return a.Value == b.Value && a.Unit == b.Unit;
        });

    [Theory]
    [InlineData("\"We will not give up,\" Kuleba said.", "We will not give up,", "Kuleba")]
    [InlineData("“The friendship has no limits,” said spokesman Wang Wenbin.", "The friendship has no limits,", "Wang Wenbin")]
    [InlineData("Peskov said: «The talks were constructive.»", "The talks were constructive.", "Peskov")]
    [InlineData("Scholz sagte: „Wir stehen an der Seite der Ukraine.“", "Wir stehen an der Seite der Ukraine.", "Scholz")]
    [InlineData("Foreign Minister Dmytro Kuleba arrived late. \"It is a hard day,\" he said.", "It is a hard day,", "Dmytro Kuleba")]
    public void Quotes_with_their_speaker(string text, string quote, string speaker)
    {
        ArticleReading r = ArticleReader.Read(null, text, null, null);
        QuoteMention q = Assert.Single(r.Quotes, x => x.Direct);
        Assert.Equal(quote, q.Text);
        Assert.Equal(speaker, q.Speaker);
        Assert.NotNull(q.SpeakerKey);
    }

    [Fact]
    public void Reported_speech_has_its_speaker()
    {
        ArticleReading r = ArticleReader.Read(null, "Kremlin spokesman Dmitry Peskov said that the leaders will meet over an informal lunch.", "en", null);
        QuoteMention q = Assert.Single(r.Quotes);
        Assert.False(q.Direct);
        Assert.Equal("Dmitry Peskov", q.Speaker);
        Assert.Equal("the leaders will meet over an informal lunch", q.Text);
    }

    [Fact]
    public void A_scare_quote_has_no_speaker()
    {
        ArticleReading r = ArticleReader.Read(null, "China has declared a “boundless” friendship with Russia.", "en", null);
        QuoteMention q = Assert.Single(r.Quotes);
        Assert.Equal("boundless", q.Text);
        Assert.Null(q.Speaker);
    }

    [Fact]
    public void Sentences_carry_stop_word_free_stems_and_the_headline_is_marked()
    {
        ArticleReading r = ArticleReader.Read("Xi visits Moscow", "The Chinese leader arrived in Moscow on Monday. He was greeted warmly.", "en", null);
        Assert.Equal(3, r.Sentences.Count);
        Assert.True(r.Sentences[0].IsHeadline);
        Assert.False(r.Sentences[1].IsHeadline);
        Assert.Equal(["chine", "leade", "arriv", "mosco", "monda"], r.Sentences[1].Terms);
        Assert.Equal("He was greeted warmly.", r.Sentences[2].Text);
        Assert.Equal(r.Text.Substring(r.Sentences[2].Span.Start, r.Sentences[2].Span.Length), r.Sentences[2].Text);
    }

    [Fact]
    public void A_headline_repeated_as_the_first_line_is_read_once()
    {
        ArticleReading r = ArticleReader.Read("Xi visits Moscow", "Xi visits Moscow\n\nThe Chinese leader arrived.", "en", null);
        Assert.Equal(2, r.Sentences.Count);
        Assert.True(r.Sentences[0].IsHeadline);
        Assert.True(r.HeadlineInBody);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("...!!! ??? ---")]
    public void Text_without_sentences_gives_an_empty_reading(string text)
    {
        ArticleReading r = ArticleReader.Read(null, text, null, null);
        Assert.All(r.Sentences, s => Assert.Empty(s.Terms));
        Assert.Empty(r.Entities);
        Assert.Empty(r.Quotes);
        Assert.Empty(r.Numbers);
        Assert.Empty(r.Dates);
    }

    [Fact]
    public void Only_a_headline()
    {
        ArticleReading r = ArticleReader.Read("Kuleba meets Blinken in Kyiv", "", "en", null);
        SentenceReading s = Assert.Single(r.Sentences);
        Assert.True(s.IsHeadline);
        Assert.Equal(r.Text, s.Text);
        Assert.Contains(r.Entities, e => e.Surface == "Blinken");
        Assert.Contains(r.Entities, e => e.Surface == "Kyiv" && e.Kind == EntityKind.Place);
    }

    [Fact]
    public void Text_without_entities()
    {
        ArticleReading r = ArticleReader.Read(null, "it rained all day and the roads were closed for hours.", "en", null);
        Assert.Empty(r.Entities);
        Assert.NotEmpty(Assert.Single(r.Sentences).Terms);
    }

    [Fact]
    public void Mixed_languages_and_scripts()
    {
        const string text = "Президент Владимир Путин встретился с Си Цзиньпином. 习近平访问俄罗斯。 Xi Jinping arrived in Moscow on 20 March 2023. بوتين يستقبل شي";
        ArticleReading r = ArticleReader.Read(null, text, null, null);
        Assert.Equal(4, r.Sentences.Count);
        Assert.All(r.Sentences, s => Assert.NotEmpty(s.Terms));
        Assert.Contains(r.Entities, e => e.Surface == "Владимир Путин" && e.Kind == EntityKind.Person);
        Assert.Contains(r.Entities, e => e.Surface == "俄罗斯" && e.Kind == EntityKind.Place);
        Assert.Contains(r.Entities, e => e.Surface == "Xi Jinping");
        Assert.Equal(new DateOnly(2023, 3, 20), Assert.Single(r.Dates).From);
        foreach (EntityMention e in r.Entities)
        {
            Assert.Equal(e.Surface, r.Text.Substring(e.Span.Start, e.Span.Length));
            Assert.Equal(e.Sentence, r.SentenceAt(e.Span.Start));
        }
    }

    [Fact]
    public void Spans_always_point_into_the_text() =>
        Gen.String[Gen.Char["ab CDE.,\"'1234-\n€%ДжЖ习"], 0, 300].Sample(s =>
        {
            ArticleReading r = ArticleReader.Read(null, s, null, Friday);
            return r.Entities.All(e => In(r, e.Span) && r.Text.Substring(e.Span.Start, e.Span.Length) == e.Surface)
                && r.Numbers.All(n => In(r, n.Span)) && r.Dates.All(d => In(r, d.Span)) && r.Quotes.All(q => In(r, q.Span))
                && r.Sentences.All(x => In(r, x.Span));
        });

    private static bool In(ArticleReading r, TextSpan s) => s.Start >= 0 && s.Length >= 0 && s.End <= r.Text.Length;
}

using Storymatch.Matching;
using Storymatch.Reading;

namespace Storymatch.Tests.Matching;

public class SimilarityNameKeyTests
{
    [Theory]
    [InlineData("Kuleba", "Kureba")]
    [InlineData("Kuleba", "Kuleva")]
    [InlineData("Kuleba", "Кулеба")]
    [InlineData("Blinken", "Brinken")]
    [InlineData("Gang", "Kang")]
    [InlineData("Wenbin", "Wen-pin")]
    [InlineData("Zelensky", "Zelenskyy")]
    [InlineData("Zelensky", "Zelenskyi")]
    [InlineData("Zelensky", "Selenskyj")]
    [InlineData("Zelensky", "Зеленский")]
    [InlineData("Peskov", "Песков")]
    [InlineData("Trump", "ترامب")]
    public void Variant_spellings_share_a_key(string a, string b) => Assert.Equal(NameKey.Of(a), NameKey.Of(b));

    [Theory]
    [InlineData("Kuleba", "Blinken")]
    [InlineData("Putin", "Biden")]
    [InlineData("Xi", "Qin")]
    [InlineData("Russia", "China")]
    [InlineData("Peskov", "Ushakov")]
    public void Different_names_have_different_keys(string a, string b) => Assert.NotEqual(NameKey.Of(a), NameKey.Of(b));

    [Fact]
    public void Short_names_key_on_their_spelling() => Assert.Equal("xi", NameKey.Of("Xi"));
}

public class SimilarityPlaceNameTests
{
    [Theory]
    [InlineData("Russia visit", "Besuch in Russland")]
    [InlineData("Russian troops", "russische Truppen")]
    [InlineData("Russia visit", "визит в Россию")]
    [InlineData("Russia visit", "访问俄罗斯")]
    [InlineData("in Moscow", "en Moscú")]
    [InlineData("Kyiv said", "Kiew sagte")]
    [InlineData("Chinese diplomacy", "la diplomatie chinoise")]
    public void Exonyms_meet_as_one_entity(string a, string b)
    {
        ArticleProfile pa = ArticleProfile.Create(null, a);
        ArticleProfile pb = ArticleProfile.Create(null, b);
        Assert.Single(pa.Entities.Keys);
        Assert.Contains(pa.Entities.Keys[0], pb.Entities.Keys);
    }

    [Fact]
    public void Ordinary_words_are_not_places()
    {
        Assert.Null(PlaceNames.Of("rush"));
        Assert.Null(PlaceNames.Of("us"));
        Assert.Equal("ru", PlaceNames.Of("rosyjskiego"));
    }
}

public class SimilarityTransliterationTests
{
    [Theory]
    [InlineData("Путин", "putin")]
    [InlineData("Дмитрий Кулеба", "dmitriy kuleba")]
    [InlineData("Киев", "kiev")]
    [InlineData("Щербина", "shcherbina")]
    [InlineData("Αθήνα", "athina")]
    [InlineData("Zełenski", "zelenski")]
    [InlineData("Müller Straße", "muller strasse")]
    [InlineData("São Tomé", "sao tome")]
    [InlineData("习近平", "习近平")]
    [InlineData("", "")]
    public void Scripts_are_written_in_Latin(string input, string expected) => Assert.Equal(expected, Transliterator.ToLatin(input));
}

public class SimilarityNumbersAndDatesTests
{
    [Theory]
    [InlineData("It cost 1,000 dollars", "1000")]
    [InlineData("Es kostete 1.000 Euro", "1000")]
    [InlineData("a 3.5 percent rise", "3.5")]
    [InlineData("ein Plus von 3,5 Prozent", "3.5")]
    [InlineData("1.5 million people", "1500000")]
    [InlineData("1,5 Millionen Menschen", "1500000")]
    [InlineData("a 12-point plan", "12")]
    [InlineData("the 20th anniversary", "20")]
    [InlineData("1,234.56 tons", "1234.56")]
    public void Numbers_are_canonical(string text, string expected)
    {
        List<(string Canonical, string Label)> numbers = NumbersAndDates.Numbers(text);
        Assert.Equal(expected, Assert.Single(numbers).Canonical);
    }

    [Fact]
    public void Names_with_digits_are_not_numbers() => Assert.Empty(NumbersAndDates.Numbers("COVID19 and the G7"));

    [Theory]
    [InlineData("a twelve-point plan")]
    [InlineData("ein Zwölf-Punkte-Plan wurde zwölf Mal erwähnt")]
    [InlineData("un plan de doce puntos")]
    [InlineData("a 12-point plan")]
    public void Spelled_out_and_written_numbers_meet(string text)
    {
        ArticleProfile reference = ArticleProfile.Create(null, "There were 12 of them.");
        ArticleProfile profile = ArticleProfile.Create(null, text);
        Assert.Contains(reference.Numbers.Keys[0], profile.Numbers.Keys);
    }

    [Theory]
    [InlineData("Xi will visit Moscow on March 20, 2023.")]
    [InlineData("Xi besucht Moskau am 20. März.")]
    [InlineData("Xi visitará Moscú el 20 de marzo.")]
    [InlineData("Си посетит Москву 20 марта.")]
    [InlineData("Xi odwiedzi Moskwę 20 marca.")]
    [InlineData("Visit planned for 2023-03-20.")]
    [InlineData("Besuch am 20.03.2023 geplant.")]
    [InlineData("习近平将于3月20日访问俄罗斯")]
    public void Dates_in_many_forms_share_a_key(string text)
    {
        ArticleProfile reference = ArticleProfile.Create(null, "On 20 March the visit begins.");
        ArticleProfile profile = ArticleProfile.Create(null, text);
        Assert.Single(reference.Dates.Keys);
        Assert.Contains(reference.Dates.Keys[0], profile.Dates.Keys);
    }

    [Fact]
    public void Weekdays_meet_across_languages()
    {
        ArticleProfile en = ArticleProfile.Create(null, "The talks are on Monday.");
        ArticleProfile de = ArticleProfile.Create(null, "Die Gespräche sind am Montag.");
        Assert.Single(en.Dates.Keys);
        Assert.Equal(en.Dates.Keys, de.Dates.Keys);
    }

    [Fact]
    public void A_modal_may_is_not_a_month() => Assert.Empty(ArticleProfile.Create(null, "He may come, they said.").Dates.Keys);
}

public class SimilarityProfileTests
{
    [Fact]
    public void Entities_are_capitalised_names_not_sentence_starts()
    {
        ArticleProfile p = ArticleProfile.Create(
            "Xi to visit Russia",
            "Chinese President Xi Jinping will visit Russia. The Kremlin said the visit matters. Foreign Minister Qin Gang spoke with Dmytro Kuleba on Thursday.");
        string[] labels = p.Entities.Labels!;
        Assert.Contains("Xi", labels);
        Assert.Contains("Jinping", labels);
        Assert.Contains("Kuleba", labels);
        Assert.Contains("Qin", labels);
        Assert.Contains("Kremlin", labels);
        Assert.DoesNotContain("The", labels);
        Assert.DoesNotContain("Thursday", labels); // a weekday is a date
        Assert.Single(p.Dates.Keys);
    }

    [Fact]
    public void Sentence_start_word_is_a_name_only_when_capitalised_elsewhere()
    {
        ArticleProfile p = ArticleProfile.Create(null, "Talks began. Peskov said so. Officials met Peskov later. Talks ended.");
        string[] labels = p.Entities.Labels!;
        Assert.Contains("Peskov", labels);
        Assert.DoesNotContain("Talks", labels);
        Assert.DoesNotContain("Officials", labels);
    }

    [Fact]
    public void Title_case_headline_words_are_not_names()
    {
        ArticleProfile p = ArticleProfile.Create("Xi Will Visit Russia Next Week", "Xi said he will visit Russia next week.");
        Assert.DoesNotContain("Will", p.Entities.Labels!);
        Assert.DoesNotContain("Visit", p.Entities.Labels!);
        Assert.Contains("Russia", p.Entities.Labels!);
    }

    [Fact]
    public void Garbled_names_meet_as_shared_entities()
    {
        ArticleProfile a = ArticleProfile.Create(null, "Foreign Minister Qin Gang spoke with Dmytro Kuleba and Antony Blinken, spokesman Wang Wenbin said.");
        ArticleProfile b = ArticleProfile.Create(null, "Foreign Minister Qin Kang spoke with Dmytro Kureba and Antony Brinken, spokesman Wang Wen-pin said.");
        var stats = TermStatistics.From([a, b]);
        List<SharedTerm> shared = StorySimilarity.Shared(a.Entities, b.Entities, stats);
        Assert.Contains(new SharedTerm("Kuleba", "Kureba", StorySimilarity.Idf(stats, a.Entities.Keys[Array.IndexOf(a.Entities.Labels!, "Kuleba")])), shared);
        Assert.Contains(shared, s => s.InA == "Blinken" && s.InB == "Brinken");
        Assert.Contains(shared, s => s.InA == "Wenbin" && s.InB == "Wen-pin");
        Assert.Contains(shared, s => s.InA == "Gang" && s.InB == "Kang");
        Assert.Equal(1.0, StorySimilarity.Score(a, b, stats).Entities, 6);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData(null, "   ")]
    [InlineData("Headline only", "")]
    [InlineData(null, "word")]
    [InlineData(null, "... !!! ---")]
    public void Degenerate_inputs_give_a_profile_and_a_score_in_range(string? title, string text)
    {
        ArticleProfile p = ArticleProfile.Create(title, text);
        ArticleProfile other = ArticleProfile.Create("Xi visits Moscow", "Xi Jinping visits Moscow on March 20.");
        var stats = TermStatistics.From([p, other]);
        SimilarityBreakdown self = StorySimilarity.Score(p, p, stats);
        SimilarityBreakdown cross = StorySimilarity.Score(p, other, stats);
        Assert.InRange(self.Score, 0, 1);
        Assert.InRange(cross.Score, 0, 0.2);
    }

    [Fact]
    public void Score_is_symmetric_and_one_for_identical_text()
    {
        ArticleProfile a = ArticleProfile.Create("Xi to visit Russia", "Chinese President Xi Jinping will visit Russia from March 20 to 22, the ministry said.");
        ArticleProfile b = ArticleProfile.Create("Putin hosts Xi", "Vladimir Putin will host Xi Jinping in Moscow next week for talks on Ukraine.");
        ArticleProfile c = ArticleProfile.Create("Storm hits coast", "A storm brought 120 km/h winds to the coast of Brittany on Tuesday.");
        var stats = TermStatistics.From([a, b, c]);
        Assert.Equal(StorySimilarity.Score(a, b, stats), StorySimilarity.Score(b, a, stats));
        Assert.True(StorySimilarity.Score(a, a, stats).Score > 0.99);
        Assert.True(StorySimilarity.Score(a, b, stats).Score > StorySimilarity.Score(a, c, stats).Score);
    }

    [Fact]
    public void Weighted_profiles_score_as_the_profiles_do()
    {
        ArticleProfile a = ArticleProfile.Create("Xi to visit Russia", "Chinese President Xi Jinping will visit Russia from March 20 to 22.", "en");
        ArticleProfile b = ArticleProfile.Create(null, "Der chinesische Präsident Xi Jinping besucht Russland ab dem 20. März.", "de");
        var stats = TermStatistics.From([a, b, ArticleProfile.Create(null, "Storm in Brittany on Tuesday.")]);
        SimilarityBreakdown direct = StorySimilarity.Score(a, b, stats);
        SimilarityBreakdown weighted = StorySimilarity.Score(WeightedProfile.Create(a, stats), WeightedProfile.Create(b, stats));
        Assert.Equal(direct, weighted);
        Assert.True(direct.CrossLanguage);
        Assert.True(direct.Entities > 0.2 && direct.Dates > 0.3, direct.ToString());
    }

    [Fact]
    public void Language_falls_back_to_script()
    {
        ArticleProfile en = ArticleProfile.Create(null, "Putin met Xi in Moscow.");
        ArticleProfile ru = ArticleProfile.Create(null, "Путин встретился с Си в Москве.");
        ArticleProfile de = ArticleProfile.Create(null, "Putin traf Xi in Moskau.");
        Assert.Equal(ArticleScript.Cyrillic, ru.Script);
        Assert.True(StorySimilarity.IsCrossLanguage(en, ru));
        Assert.False(StorySimilarity.IsCrossLanguage(en, de)); // same script, no declared language
        ArticleProfile deDeclared = ArticleProfile.Create(null, "Putin traf Xi in Moskau.", "de-DE");
        Assert.False(StorySimilarity.IsCrossLanguage(deDeclared, ArticleProfile.Create(null, "Xi reist ab.", "de")));
        Assert.True(StorySimilarity.IsCrossLanguage(deDeclared, ArticleProfile.Create(null, "Putin met Xi.", "en")));
    }

    [Fact]
    public void Term_statistics_add_and_remove_are_inverse()
    {
        ArticleProfile a = ArticleProfile.Create("Xi to visit Russia", "Xi Jinping will visit Russia on March 20.");
        ArticleProfile b = ArticleProfile.Create(null, "Putin met Xi.");
        var stats = TermStatistics.From([a]);
        int terms = stats.TermCount;
        stats.Add(b);
        Assert.Equal(2, stats.DocumentCount);
        stats.Remove(b);
        Assert.Equal(1, stats.DocumentCount);
        Assert.Equal(terms, stats.TermCount);
        Assert.All(a.DistinctTerms(), t => Assert.Equal(1, stats.DocumentFrequency(t)));
    }
}

using Storymatch.Reading;
using Storymatch.Tests.Stories;

namespace Storymatch.Tests.Reading;

public sealed class EntityReadingTests
{
    private static readonly Lazy<ArticleReading[]> Seeds = new(() => [.. SeedFiles.TextsOrSkip().Select(t => ArticleReader.Read(null, t, "en", null))]);

    private static IEnumerable<EntityMention> SeedMentions(string surface) =>
        Seeds.Value.SelectMany(r => r.Entities).Where(e => e.Surface == surface);

    private static EntityMention SeedMention(string surface)
    {
        EntityMention? m = SeedMentions(surface).FirstOrDefault();
        Assert.True(m is not null, $"no entity \"{surface}\" in the seeds; found: {string.Join(", ", Seeds.Value.SelectMany(r => r.Entities).Select(e => e.Surface).Distinct())}");
        return m!;
    }

    [Theory]
    [InlineData("Kuleba", "Kureba")]
    [InlineData("Kuleba", "Kuleva")]
    [InlineData("Dmytro Kuleba", "Kureba")]
    [InlineData("Antony Blinken", "Antony Brinken")]
    [InlineData("Qin Gang", "Qin Kang")]
    [InlineData("Wang Wenbin", "Wang Wen-pin")]
    [InlineData("Zelensky", "Zelenskyy")]
    [InlineData("Zelensky", "Zelenskyi")]
    public void Seed_variants_are_one_entity(string a, string b)
    {
        EntityMention ma = SeedMention(a);
        EntityMention mb = SeedMention(b);
        Assert.True(EntityKeys.SameEntity(ma.Key, mb.Key), $"{a} ({ma.Key}) and {b} ({mb.Key}) should be one entity");
    }

    [Theory]
    [InlineData("Qin Gang", "HONG KONG")]
    [InlineData("Dmytro Kuleba", "Dmitry Peskov")]
    [InlineData("Xi Jinping", "Qin Gang")]
    public void Seed_names_that_differ_stay_apart(string a, string b)
    {
        EntityMention ma = SeedMention(a);
        EntityMention mb = SeedMention(b);
        Assert.False(EntityKeys.SameEntity(ma.Key, mb.Key), $"{a} ({ma.Key}) and {b} ({mb.Key}) must stay apart");
    }

    [Fact]
    public void The_Hong_Kong_dateline_is_a_place_and_no_part_of_a_person()
    {
        EntityMention hk = SeedMention("HONG KONG");
        Assert.Equal(EntityKind.Place, hk.Kind);
        Assert.DoesNotContain(Seeds.Value.SelectMany(r => r.Entities), e => e.Kind == EntityKind.Person && e.Surface.Contains("KONG", StringComparison.Ordinal));
    }

    [Fact]
    public void Multi_word_names_are_whole_and_typed()
    {
        EntityMention blinken = SeedMention("Antony Blinken");
        Assert.True(blinken.Kind == EntityKind.Person, $"Antony Blinken: {blinken}");
        Assert.All(SeedMentions("Xi Jinping"), m => Assert.True(m.Kind == EntityKind.Person, m.ToString()));
        Assert.All(SeedMentions("Qin Gang"), m => Assert.True(m.Kind == EntityKind.Person, m.ToString()));
        Assert.DoesNotContain(Seeds.Value.SelectMany(r => r.Entities), e => e.Surface is "Antony" or "Jinping");
    }

    [Theory]
    [InlineData("Kyiv", "Kiev")]
    [InlineData("Volodymyr Zelensky", "Volodymyr Zelenskyy")]
    [InlineData("Antony Blinken", "Blinken")]
    [InlineData("Владимир Путин", "Vladimir Putin")]
    [InlineData("Путин", "Putin")]
    [InlineData("Olaf Scholz", "Olaf Scholz's")]
    [InlineData("Hong Kong", "HONG KONG")]
    [InlineData("United States", "USA")]
    [InlineData("Jean-Luc Mélenchon", "Jean-Luc Melenchon")]
    public void Variant_names_share_a_key(string a, string b) => Assert.True(EntityKeys.SameEntity(EntityKeys.Of(a), EntityKeys.Of(b)), $"{EntityKeys.Of(a)} vs {EntityKeys.Of(b)}");

    [Theory]
    [InlineData("Putin", "Biden")]
    [InlineData("Qin Gang", "Hong Kong")]
    [InlineData("Dmytro Kuleba", "Dmitry Peskov")]
    [InlineData("Ministry", "Minister")]
    [InlineData("Dmytro", "Dmitry")]
    [InlineData("Pedro Sánchez", "Federal")]
    [InlineData("Plaza", "Barroso")]
    [InlineData("Carta", "Corte")]
    [InlineData("CUENTA", "County")]
    [InlineData("Angela Merkel", "Angela Rayner")]
    [InlineData("Kim Jong Un", "Kim Yo Jong")]
    [InlineData("Paris", "Peru")]
    public void Different_names_stay_apart(string a, string b) => Assert.False(EntityKeys.SameEntity(EntityKeys.Of(a), EntityKeys.Of(b)), $"{EntityKeys.Of(a)} vs {EntityKeys.Of(b)}");

    [Fact]
    public void Putin_and_Biden_stay_apart_in_the_seeds_reading()
    {
        ArticleReading r = ArticleReader.Read(null, "Putin met Biden in Geneva. Biden said Putin was tough.", "en", null);
        string[] keys = [.. r.Entities.Where(e => e.Surface is "Putin" or "Biden").Select(e => e.Key).Distinct()];
        Assert.Equal(2, keys.Length);
        Assert.False(EntityKeys.SameEntity(keys[0], keys[1]));
    }

    [Theory]
    [InlineData("The President said the Council would meet the Secretary at the Ministry.")]
    [InlineData("El Senado aprobó la ley. Según el Ministerio, la Corte revisará la Carta.")]
    [InlineData("Foreign Minister said on Monday the Government would act.")]
    public void Lone_generic_words_are_never_entities(string text)
    {
        ArticleReading r = ArticleReader.Read(null, text, null, null);
        Assert.Empty(r.Entities);
    }

    [Theory]
    [InlineData("Secretary of State Antony Blinken met Foreign Minister Sergei Lavrov in Riyadh.", "Antony Blinken", "Person")]
    [InlineData("Secretary of State Antony Blinken met Foreign Minister Sergei Lavrov in Riyadh.", "Sergei Lavrov", "Person")]
    [InlineData("The UN Security Council will vote on Tuesday.", "UN Security Council", "Organisation")]
    [InlineData("O Senado Federal aprovou o texto ontem.", "Senado Federal", "Organisation")]
    [InlineData("Protesters gathered in Hong Kong on Sunday.", "Hong Kong", "Place")]
    [InlineData("Brazil's president, Luiz Inácio Lula da Silva, spoke in Brasília.", "Luiz Inácio Lula da Silva", "Person")]
    [InlineData("The talks, said spokesman Wang Wenbin, were useful.", "Wang Wenbin", "Person")]
    [InlineData("BERLIN (Reuters) - Chancellor Olaf Scholz said the plan would work.", "BERLIN", "Place")]
    [InlineData("Officials in the United States welcomed the deal.", "United States", "Place")]
    public void Names_are_found_whole_with_their_kind(string text, string surface, string kindName)
    {
        ArticleReading r = ArticleReader.Read(null, text, null, null);
        EntityMention? m = r.Entities.FirstOrDefault(e => e.Surface == surface);
        Assert.True(m is not null, $"\"{surface}\" not found; found: {string.Join(" | ", r.Entities.Select(e => $"{e.Surface} ({e.Kind})"))}");
        EntityKind kind = Enum.Parse<EntityKind>(kindName);
        if (kind != EntityKind.Unknown)
        {
            Assert.Equal(kind, m!.Kind);
        }
    }

    [Fact]
    public void A_surname_alone_takes_the_full_name_key_in_the_same_article()
    {
        ArticleReading r = ArticleReader.Read(null, "Ukrainian Foreign Minister Dmytro Kuleba arrived. Later Kuleba said talks went well.", null, null);
        EntityMention[] kuleba = [.. r.Entities.Where(e => e.Surface.Contains("Kuleba", StringComparison.Ordinal))];
        Assert.Equal(2, kuleba.Length);
        Assert.Equal(kuleba[0].Key, kuleba[1].Key);
        Assert.All(kuleba, k => Assert.Equal(EntityKind.Person, k.Kind));
    }

    [Fact]
    public void Names_meet_across_scripts()
    {
        ArticleReading ru = ArticleReader.Read(null, "Министр иностранных дел Дмитрий Кулеба заявил, что Владимир Путин ошибается.", "ru", null);
        ArticleReading en = ArticleReader.Read(null, "Foreign Minister Dmytro Kuleba said that Vladimir Putin was wrong.", "en", null);
        foreach (string name in new[] { "Dmytro Kuleba", "Vladimir Putin" })
        {
            EntityMention e = en.Entities.First(x => x.Surface == name);
            Assert.Contains(ru.Entities, x => EntityKeys.SameEntity(x.Key, e.Key));
        }
    }
}

using Storymatch.Reading;
using Storymatch.Tests.Samples;

namespace Storymatch.Tests.Reading;

public sealed class SampleEntityTests(ITestOutputHelper output)
{
    // Labelled by hand: common nouns, titles and offices, in the languages of the sample corpus, that are capitalised
    // in news text (headings, titles before names, institutions) but never name one entity on their own.
    private static readonly HashSet<string> GenericWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "President", "Presidente", "Präsident", "Secretary", "Secretario", "Minister", "Ministro", "Ministra", "Ministry",
        "Ministerio", "Ministerium", "Council", "Consejo", "Rat", "Senate", "Senado", "Senat", "Congress", "Congreso",
        "Parliament", "Parlamento", "Government", "Gobierno", "Regierung", "Court", "Corte", "Tribunal", "Committee",
        "Commission", "Comisión", "Agency", "Agencia", "Department", "Office", "Party", "Partido", "Chancellor",
        "Kanzler", "Mayor", "Alcalde", "Governor", "Gobernador", "Senator", "Senador", "Spokesman", "Spokeswoman",
        "Director", "Chairman", "Board", "Police", "Policía", "Polizei", "Army", "City", "Ciudad", "Stadt", "State",
        "Estado", "Federal", "National", "Nacional", "Plaza", "Carta", "Cuenta", "County", "Street", "Calle",
        "Photo", "Foto", "Video", "Advertisement", "Anuncio", "Updates", "Update", "News", "Noticias", "Home",
        "Read", "Share", "Subscribe", "Menu", "Latest", "Breaking", "Live", "Opinion", "Reply",
    };

    [Fact]
    public void No_sample_entity_is_a_lone_generic_word()
    {
        var bad = new List<string>();
        var singles = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach ((string id, SampleDocument doc) in SampleCorpus.Documents)
        {
            ArticleReading r = ArticleReader.Read(doc.Title, doc.Body, null, doc.Published);
            foreach (EntityMention e in r.Entities)
            {
                if (!e.Surface.Contains(' ', StringComparison.Ordinal))
                {
                    singles[e.Surface] = singles.GetValueOrDefault(e.Surface) + 1;
                }

                if (GenericWords.Contains(e.Surface))
                {
                    bad.Add($"{id}: \"{e.Surface}\" ({e.Kind}) in \"{r.Sentences[e.Sentence].Text}\"");
                }
            }
        }

        output.WriteLine("one-word entities: " + string.Join(", ", singles.Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.True(bad.Count == 0, string.Join("\n", bad));
        Assert.NotEmpty(singles);
    }
}

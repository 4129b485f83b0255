using System.Collections.Frozen;

namespace Storymatch.Reading;

/// <summary>
/// The small word lists the reader needs to type names (Latin transliteration, lower case, several languages).
/// Compact on purpose: a name is found by its capitals; these lists only say what a capitalised word is not, or
/// what kind of name it starts or ends.
/// </summary>
internal static class Lexicon
{
    // A person's title or function: the name after it is a person's ("President Xi", "Minister Kuleba").
    private static readonly FrozenSet<string> Titles = Set(
        "president presidente prasident prezydent prezident cumhurbaskani minister ministre ministro ministra ministr bakan bakani "
        + "premier chancellor kanzler kanzlerin canciller chancelier cancelliere spokesman spokeswoman spokesperson sprecher "
        + "sprecherin portavoz portavoce porte-parole rzecznik sozcusu press-sekretar secretary sekretar secretario secretaire "
        + "mr mrs ms dr prof sir lord king queen prince princess senator senador senatore governor gobernador mayor alcalde "
        + "gen general judge juez ceo chairman chairwoman chair pope papst rey roi konig senor senora herr frau monsieur madame "
        + "signor pan pani gospodin leader ambassador embajador envoy coach adviser advisor aide director diputado deputy "
        + "prime vice foreign-minister commander captain colonel lieutenant sheikh emir ayatollah cardinal bishop "
        + "presidenta primer ministerin ministerpraesident vizepresident vicepresidente");

    // Capitalised common nouns (institutions, offices, bodies): never an entity on their own; a name that contains
    // one is an organisation ("Security Council", "Senado Federal", "Foreign Ministry").
    private static readonly FrozenSet<string> OrgWords = Set(
        "ministry ministerio ministere ministero ministerium ministerstvo ministerstwo bakanligi department departamento "
        + "council consejo conseil consiglio conselho rat rada sovet senate senado senat senato congress congreso congres "
        + "congresso kongress parliament parlamento parlement parlament duma knesset assembly asamblea assemblee assemblea "
        + "court corte cour tribunal gericht supreme committee comite comitato komitee commission comision commissione "
        + "kommission agency agencia agence agenzia agentur office oficina bureau buro government gobierno gouvernement "
        + "governo regierung rzad pravitelstvo party partido parti partito partei union union bank banco banque banca "
        + "university universidad universite universita universitat institute instituto institut foundation fundacion "
        + "company compania corporation corp inc ltd llc plc ag gmbh group grupo organization organisation organizacion "
        + "army ejercito armee esercito navy police policia polizei policja service servicio federation federacion "
        + "alliance alianza association asociacion kremlin pentagon cabinet gabinete administration administracion "
        + "embassy embajada fund fondo forum news times post press agency tribune herald journal");

    // Words that are capitalised in names but are not names themselves, and generic terms never an entity alone.
    private static readonly FrozenSet<string> Generic = Set(
        "state states federal national nacional central foreign interior defence defense justice finance health "
        + "republic republica city province region county district capital photo foto video advertisement anuncio "
        + "update updates latest breaking live news home menu share follow subscribe read more opinion analysis "
        + "editorial world international politics economy business sport sports culture science tech technology "
        + "north south east west northern southern eastern western first second third new old great grand "
        + "plaza carta cuenta calle avenida street road square via rua "
        + "god lord sir madam miss mister ok yes no please thanks thank hello dear");

    // Particles inside names: "Lula da Silva", "Ursula von der Leyen", "Mohammed bin Salman".
    private static readonly FrozenSet<string> Particles = Set("da de del della di do dos das du van von der den ter bin ibn al el la le");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TitleLookup = Titles.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> OrgLookup = OrgWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> GenericLookup = Generic.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ParticleLookup = Particles.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsTitle(ReadOnlySpan<char> latin) => TitleLookup.Contains(latin);

    public static bool IsOrgWord(ReadOnlySpan<char> latin) => OrgLookup.Contains(latin);

    public static bool IsGeneric(ReadOnlySpan<char> latin) => GenericLookup.Contains(latin);

    public static bool IsParticle(ReadOnlySpan<char> latin) => ParticleLookup.Contains(latin);

    private static FrozenSet<string> Set(string words) => words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
}

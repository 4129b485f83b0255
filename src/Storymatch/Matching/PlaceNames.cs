using System.Collections.Frozen;

namespace Storymatch.Matching;

/// <summary>
/// Exonyms of the places news names most, so that "Russland", "Rusia", "Россия" and "俄罗斯" all count as the same
/// entity as "Russia" (a phonetic key cannot bridge those). Forms are Latin transliterations in lower case; a
/// trailing * matches any word starting with the stem (adjectives and case endings: "russisch", "rosyjskiego").
/// Han forms are matched as substrings of unspaced text. Compact on purpose: the most frequent places only.
/// </summary>
internal static class PlaceNames
{
    private static readonly (string Canonical, string Forms, string Han)[] Table =
    [
        ("us", "usa unitedstates estadosunidos etatsunis vereinigtestaaten statiuniti america* amerika* ameryk* amerique* americain* estadounidense* statunitens* abd amerikan* ssha amerikansk*", "美国"),
        ("ru", "russia* russland russisch* russe* russo* rusia* ruso* russ* rosj* rosyj* rusya* rossiya rossii rossiy* rossiysk*", "俄罗斯"),
        ("cn", "china chinese chines* chinoi* cinese* cina chin* chiny chinsk* cin kitay* kitai*", "中国"),
        ("ua", "ukrain* ucrain* ukrayn* ukrainsk*", "乌克兰"),
        ("de", "germany german* deutschland deutsch* alemania aleman* allemagne allemand* germania tedesc* alemanha niemc* niemiec* almanya alman* germaniya nemets*", "德国"),
        ("fr", "france french frankreich franzos* francia frances* francais* franc* francj* francuz* fransa fransiz* frantsiya frantsuz*", "法国"),
        ("gb", "unitedkingdom greatbritain reinounido royaumeuni britain british britisch* britanni* britanic* britann* brytyj* brytani* ingiltere ingiliz* britaniya", "英国"),
        ("it", "italy italian* italien* italia* italie* italiano* wlochy wloski* italya italiya", "意大利"),
        ("es", "spain spanish spanien spanisch* espana espanol* espagne espagnol* spagna spagnol* hiszpan* ispanya ispaniya", "西班牙"),
        ("ir", "iran iranian* iranisch* irani* iranien* iraniano* iransk*", "伊朗"),
        ("iq", "iraq iraqi* irak iraki* irakisch* irakien* iracheno* irackie* irakli* irake", "伊拉克"),
        ("il", "israel israeli* israelisch* israelien* israelian* izrael* israil*", "以色列"),
        ("tr", "turkey turkish turkei turkisch* turquia turco* turquie turc* turchia turch* turcj* turec* turkiye turk* turtsiya", "土耳其"),
        ("pl", "poland polish polen polnisch* polonia polaco* pologne polonais* polacc* polsk* polonya polsha", "波兰"),
        ("jp", "japan japanese japanisch* japon* giappon* japonsk* japonya yaponiya yapon*", "日本"),
        ("in", "india indian* indien indisch* inde indien* indiano* indyj* hindistan indiya", "印度"),
        ("sy", "syria syrian* syrien syrisch* siria* syrie syrien* syryj* suriye siriya", "叙利亚"),
        ("au", "australia* australien* australi* avustralya avstraliya", "澳大利亚"),
        ("mx", "mexico mexican* mexiko mexikan* mejico mexicain* messic* meksyk* meksika meksik*", "墨西哥"),
        ("br", "brazil* brasil* bresil* brazyli* brezilya braziliya", "巴西"),
        ("kp", "korea* korean* korea korei* coree* corea* kore* koreya", "朝鲜"),
        ("eu", "europe* europa* europ* avrupa* evrop* evropeysk*", "欧洲"),
        ("msk", "moscow moskau moscu moscou mosca moskwa moskov* moskva", "莫斯科"),
        ("bj", "beijing peking pekin pequin pechino pekinu", "北京"),
        ("kyiv", "kyiv kiev kiew kijow kiyev kyyiv kiyiv", "基辅"),
        ("wdc", "washington waszyngton vashington", "华盛顿"),
        ("ldn", "london londres londra londyn londonu", "伦敦"),
        ("teh", "tehran teheran tahran tegeran", "德黑兰"),
        ("bgd", "baghdad bagdad bagdat", "巴格达"),
        ("hk", "hongkong gonkong", "香港"),
    ];

    private static readonly FrozenDictionary<string, string> Exact;
    // Stems bucketed by their first three letters (every stem has at least three), longest first within a bucket.
    private static readonly FrozenDictionary<string, (string Stem, string Canonical)[]> Stems;
    private static readonly FrozenDictionary<string, (string Stem, string Canonical)[]>.AlternateLookup<ReadOnlySpan<char>> StemLookup;
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ExactLookup;

    static PlaceNames()
    {
        var exact = new Dictionary<string, string>(StringComparer.Ordinal);
        var stems = new List<(string, string)>();
        foreach ((string canonical, string forms, string _) in Table)
        {
            foreach (string form in forms.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (form.EndsWith('*'))
                {
                    stems.Add((form[..^1], canonical));
                }
                else
                {
                    exact.TryAdd(form, canonical);
                }
            }
        }

        Exact = exact.ToFrozenDictionary(StringComparer.Ordinal);
        ExactLookup = Exact.GetAlternateLookup<ReadOnlySpan<char>>();

        // Longest stems first, so "russ" does not shadow a longer, different stem.
        stems.Sort((a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
        Stems = stems.GroupBy(s => s.Item1[..3], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        StemLookup = Stems.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The canonical code of the place a transliterated, lower-case word names, or null.</summary>
    public static string? Of(ReadOnlySpan<char> latinLower)
    {
        if (latinLower.Length < 3)
        {
            return null;
        }

        if (ExactLookup.TryGetValue(latinLower, out string? canonical))
        {
            return canonical;
        }

        if (StemLookup.TryGetValue(latinLower[..3], out (string Stem, string Canonical)[]? bucket))
        {
            foreach ((string stem, string code) in bucket)
            {
                if (latinLower.StartsWith(stem, StringComparison.Ordinal))
                {
                    return code;
                }
            }
        }

        return null;
    }

    /// <summary>The canonical code of a place written as several words run together ("hongkong"), exact forms only.</summary>
    public static string? OfWhole(ReadOnlySpan<char> latinLower) => ExactLookup.TryGetValue(latinLower, out string? canonical) ? canonical : null;

    /// <summary>The entity term key of a place code (the same for every spelling of the place).</summary>
    public static ulong KeyOf(string canonical) => TermKey.Of(TermKey.Entity, "@" + canonical);

    /// <summary>Every place named in Han script in <paramref name="text"/>, with the form found.</summary>
    public static IEnumerable<(string Canonical, string Form)> InHanText(string text)
    {
        foreach ((string canonical, string _, string han) in Table)
        {
            if (text.Contains(han, StringComparison.Ordinal))
            {
                yield return (canonical, han);
            }
        }
    }
}

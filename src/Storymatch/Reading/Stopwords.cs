using System.Collections.Frozen;

namespace Storymatch.Reading;

/// <summary>
/// Function words of the main news languages (en, de, es, fr, it, pt, nl, ru, uk, pl, tr, ar, zh), in normal
/// form (lower case, original script). One set for all languages: articles are often mislabelled or mixed, and
/// the few words a language shares with another's function words ("die", "se") carry little story content anyway.
/// Compact on purpose: IDF weighting handles the rest.
/// </summary>
internal static class Stopwords
{
    private static readonly string[] Lists =
    [
        // en
        "a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over own same she should so some such than that the their theirs them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours said says say told according new one two first last year years week day time people mr mrs ms also like get got us",
        // de
        "der die das den dem des ein eine einer eines einem einen und oder aber auch als am an auf aus bei bis da dass daß denn doch durch für gegen hat haben hatte hatten ich ist im in ist ja kann können man mit nach nicht noch nur ob schon sein seine sich sie sind so um und uns unter vom von vor war waren was weil wenn werden wird wie wir wurde wurden zu zum zur über es er ihr ihre ihm ihn mehr sagte sei seit sowie soll sollen viel diese dieser dieses diesem diesen jetzt heute",
        // es
        "el la los las un una unos unas y o pero de del al a en con por para sin sobre entre es son fue fueron ser está están estaba ha han había se su sus lo le les que como más muy ya también no sí este esta estos estas ese esa eso cuando donde quien dijo según hasta desde tras año años",
        // fr
        "le la les un une des du de d l et ou mais en dans par pour sur avec sans sous entre est sont été être a ont avait il elle ils elles on se sa son ses leur leurs qui que qu ce cette ces ne pas plus très aussi comme au aux y dont selon",
        // it
        "il lo la i gli le un uno una di del della dei delle degli al alla ai alle da dal dalla in nel nella con su per tra fra e o ma è sono era stato stata essere ha hanno che chi come più anche non si suo sua suoi sue questo questa quello quella ci ne",
        // pt
        "o a os as um uma uns umas de do da dos das em no na nos nas por pelo pela para com sem sobre e ou mas é são foi foram ser está estão tem têm que como mais muito também não se seu sua seus suas este esta isso ele ela eles elas ao à",
        // nl
        "de het een en of maar van in op met voor door naar bij uit aan is zijn was waren heeft hebben dat die dit deze er hij zij ze niet ook als om te",
        // ru, uk
        "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее её мне было вот от меня еще ещё нет о из ему теперь когда даже ну ли если уже или ни быть был была были него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем сам без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас при это эти также году года заявил сообщил та ти й це що як про від до на з та але",
        // pl
        "i w we z ze na do o od po za przez dla przy jak jest są był była było były być to ten ta te tego tej tym się nie że czy a ale lub oraz już także jego jej ich który która które których co go mu",
        // tr
        "ve ile bir bu şu o da de ki için gibi daha çok en ne mi mı mu mü ama veya ya her olan olarak olduğu sonra kadar göre ise değil var yok",
        // ar
        "في من على إلى الى عن مع أن ان إن هذا هذه ذلك التي الذي الذين كان كانت قد لا ما لم لن هو هي هم و أو ثم بعد قبل عند كل بين حتى أي وقال قال وفي",
        // zh (single characters: the tokenizer splits Han text per character)
        "的 了 是 在 和 与 也 有 就 都 而 及 或 这 那 之 其 为 以 于 对 被 把 将 从 等 中 上 下 不 他 她 它 们 我 你 说",
    ];

    private static readonly FrozenSet<string> Set = Build();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SpanLookup = Set.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when <paramref name="lowerToken"/> (normal form) is a function word.</summary>
    public static bool Contains(ReadOnlySpan<char> lowerToken) => SpanLookup.Contains(lowerToken);

    private static FrozenSet<string> Build()
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (string list in Lists)
        {
            foreach (string word in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                all.Add(word);
            }
        }

        return all.ToFrozenSet(StringComparer.Ordinal);
    }
}

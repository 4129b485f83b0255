using System.Collections.Frozen;

namespace Storymatch.Comparison;

/// <summary>
/// Sets of words whose members contradict each other when one replaces another in a corresponding sentence: a
/// meal, a day, a part of the day, an order, a manner, a direction or a degree. A spun copy swaps synonyms
/// ("said" for "declared"); swapping "lunch" for "dinner" or "informal" for "formal" changes a fact. Hand-made
/// (no served library lists contrasting words); English, the language of most versions. A word of another
/// language is simply in no set, so its changes are found only as numbers, dates and names.
/// </summary>
internal static class ContrastSets
{
    private static readonly string[][] Sets =
    [
        // kind 'date' sets come first (see DateSets).
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
        ["january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"],
        ["morning", "afternoon", "evening", "night", "midnight", "noon", "midday", "overnight"],
        ["today", "yesterday", "tomorrow", "tonight"],
        ["spring", "summer", "autumn", "winter"],

        // qualifiers
        ["breakfast", "brunch", "lunch", "luncheon", "dinner", "supper", "banquet"],
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last", "final"],
        ["formal", "informal"],
        ["official", "unofficial"],
        ["public", "private", "closed-door"],
        ["temporary", "permanent"],
        ["temporarily", "permanently"],
        ["partial", "full", "complete", "total"],
        ["partially", "fully", "completely"],
        ["preliminary", "provisional", "definitive", "final"],
        ["unanimous", "narrow", "split"],
        ["unanimously", "narrowly"],
        ["minor", "major", "serious", "critical"],
        ["slightly", "sharply", "significantly"],
        ["new", "former", "outgoing", "incoming", "acting", "interim"],
        ["early", "late"],
        ["earlier", "later"],
        ["before", "after"],
        ["rise", "fall"],
        ["rose", "fell"],
        ["risen", "fallen"],
        ["rising", "falling"],
        ["increase", "decrease", "cut"],
        ["increased", "decreased"],
        ["up", "down"],
        ["higher", "lower"],
        ["highest", "lowest"],
        ["more", "less", "fewer"],
        ["most", "least", "fewest"],
        ["larger", "smaller"],
        ["largest", "smallest"],
        ["bigger", "smaller"],
        ["biggest", "smallest"],
        ["maximum", "minimum"],
        ["above", "below"],
        ["over", "under"],
        ["nearly", "almost", "exactly", "precisely", "roughly", "approximately"],
        ["north", "south", "east", "west"],
        ["northern", "southern", "eastern", "western"],
        ["northeast", "northwest", "southeast", "southwest"],
        ["left", "right"],
        ["won", "lost"],
        ["win", "lose"],
        ["approved", "rejected", "blocked", "vetoed"],
        ["approve", "reject", "block", "veto"],
        ["accepted", "rejected", "refused"],
        ["confirmed", "denied"],
        ["confirm", "deny"],
        ["opened", "closed"],
        ["open", "closed"],
        ["domestic", "foreign", "international"],
        ["men's", "women's"],
        ["male", "female"],
        ["dead", "injured", "missing"],
        ["killed", "injured", "wounded"],
        ["arrested", "released", "charged"],
        ["guilty", "innocent"],
        ["legal", "illegal"],
        ["allowed", "banned", "forbidden"],
        ["weekly", "monthly", "yearly", "annual", "daily"],
        ["annually", "monthly", "weekly", "daily"],
        ["billion", "million", "thousand"],
        ["percent", "percentage"],
    ];

    /// <summary>The first sets are about time: a change there is a date discrepancy.</summary>
    private const int DateSets = 5;

    private static readonly FrozenDictionary<string, int[]> SetsOf = Build();

    private static readonly FrozenDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> Lookup = SetsOf.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The sets <paramref name="lowerWord"/> belongs to (empty when none).</summary>
    public static ReadOnlySpan<int> Of(ReadOnlySpan<char> lowerWord) =>
        Lookup.TryGetValue(lowerWord, out int[]? sets) ? sets : [];

    /// <summary>True when set <paramref name="set"/> is about time (days, months, parts of the day).</summary>
    public static bool IsDateSet(int set) => set < DateSets;

    /// <summary>Words that turn a statement into its negation.</summary>
    public static bool IsNegation(ReadOnlySpan<char> lowerWord) =>
        lowerWord is "not" or "no" or "never" or "nobody" or "none" or "neither" or "nor" or "without"
        || lowerWord.EndsWith("n't", StringComparison.Ordinal);

    private static FrozenDictionary<string, int[]> Build()
    {
        var map = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int s = 0; s < Sets.Length; s++)
        {
            foreach (string word in Sets[s])
            {
                if (!map.TryGetValue(word, out List<int>? list))
                {
                    map[word] = list = [];
                }

                list.Add(s);
            }
        }

        return map.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }
}

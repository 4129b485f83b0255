using Storymatch.Reading;

namespace Storymatch.Comparison;

/// <summary>
/// What differs in fact between two corresponding sentences: the word diff's hunks, each read for a changed number,
/// date, name, spelling, contrasting word or negation. A fact counts as changed only when it is gone from the other
/// sentence altogether (a number or name that merely moved within the sentence is not a change), so a reworded copy
/// that keeps its facts yields nothing.
/// </summary>
internal static class FactDiff
{
    /// <summary>
    /// Least similarity of two sentences for their differences to count as discrepancies: below it the two share a
    /// topic more than a wording (the alignment pairs them in their place), and what differs is rewording, not a fact.
    /// </summary>
    public const double MinSimilarity = 0.45;

    /// <summary>A changed name or contrasting word stands in a short run: a longer run on either side is a reworded clause.</summary>
    public const int MaxFactRunWords = 4;

    /// <summary>The differences of <paramref name="b"/> against <paramref name="a"/>, one per kind, with every changed run marked.</summary>
    public static List<FoundDifference> Find(SentenceFacts a, SentenceFacts b, double similarity)
    {
        var found = new List<FoundDifference>();

        // A loosely reworded counterpart still states the same figures when it shares one of them (an anchor: "down
        // from 502 million" in both): its other numbers and dates are compared, its words are not.
        bool close = similarity >= MinSimilarity;
        bool anchored = a.Numbers.Exists(x => b.Numbers.Exists(y => SameNumber(x, y)));
        if (!close && !anchored)
        {
            return found;
        }

        List<WordDiff.Hunk> hunks = WordDiff.Diff(a.Text, a.Words, b.Text, b.Words);
        if (hunks.Count == 0)
        {
            return found;
        }

        var kinds = new DiscrepancyKind?[hunks.Count];
        var summaries = new string?[hunks.Count];
        for (int h = 0; close && h < hunks.Count; h++)
        {
            (kinds[h], summaries[h]) = Classify(a, b, hunks[h]);
        }

        // Numbers and dates are compared over the whole sentence (a value may move: "2.4" and "4.2" share their digits).
        var numbers = Conflicts(a.Numbers, b.Numbers, SameNumber, (x, y) => x.Kind == y.Kind && string.Equals(x.Unit, y.Unit, StringComparison.Ordinal));
        var dates = Conflicts(a.Dates, b.Dates, SameDate, Comparable);
        foreach (DiscrepancyKind kind in Enum.GetValues<DiscrepancyKind>())
        {
            List<(int Start, int End)> spansA = [];
            List<(int Start, int End)> spansB = [];
            string summary;
            if (kind == DiscrepancyKind.Number)
            {
                spansA = [.. numbers.Select(p => (p.A.Start, p.A.End))];
                spansB = [.. numbers.Select(p => (p.B.Start, p.B.End))];
                summary = string.Join("; ", numbers.Select(p => $"{p.A.Surface} → {p.B.Surface}"));
            }
            else if (kind == DiscrepancyKind.Date)
            {
                spansA = [.. dates.Select(p => (p.A.Start, p.A.End))];
                spansB = [.. dates.Select(p => (p.B.Start, p.B.End))];
                var parts = dates.Select(p => $"{p.A.Surface} → {p.B.Surface}").ToList();
                for (int h = 0; h < hunks.Count; h++)
                {
                    if (kinds[h] == kind)
                    {
                        parts.Add(summaries[h]!);
                    }
                }

                summary = string.Join("; ", parts.Distinct(StringComparer.Ordinal));
            }
            else
            {
                summary = string.Join("; ", Enumerable.Range(0, hunks.Count).Where(h => kinds[h] == kind).Select(h => summaries[h]!).Distinct(StringComparer.Ordinal));
            }

            if (summary.Length == 0)
            {
                continue;
            }

            // The conflicting values themselves are the marked runs; the other changed runs are shown around them.
            var changedA = spansA.Select(x => new MarkedWords(x.Start, x.End - x.Start, a.Text[x.Start..x.End], true)).ToList();
            var changedB = spansB.Select(x => new MarkedWords(x.Start, x.End - x.Start, b.Text[x.Start..x.End], true)).ToList();
            for (int h = 0; h < hunks.Count; h++)
            {
                bool fact = kinds[h] == kind;
                if (Run(a, hunks[h].FromA, hunks[h].ToA, fact) is { } ra && !spansA.Exists(x => Overlaps(x.Start, x.End, ra.Start, ra.Start + ra.Length)))
                {
                    changedA.Add(ra);
                }

                if (Run(b, hunks[h].FromB, hunks[h].ToB, fact) is { } rb && !spansB.Exists(x => Overlaps(x.Start, x.End, rb.Start, rb.Start + rb.Length)))
                {
                    changedB.Add(rb);
                }
            }

            changedA.Sort((x, y) => x.Start.CompareTo(y.Start));
            changedB.Sort((x, y) => x.Start.CompareTo(y.Start));
            found.Add(new FoundDifference(kind, summary, changedA, changedB));
        }

        return found;
    }

    /// <summary>Values of A that B does not give paired with values of B that A does not give, when the two can be compared.</summary>
    private static List<(T A, T B)> Conflicts<T>(List<T> a, List<T> b, Func<T, T, bool> same, Func<T, T, bool> comparable)
    {
        var pairs = new List<(T, T)>();
        var goneA = a.Where(x => !b.Exists(y => same(x, y))).ToList();
        var newB = b.Where(y => !a.Exists(x => same(x, y))).ToList();
        foreach (T x in goneA)
        {
            int k = newB.FindIndex(y => comparable(x, y));
            if (k >= 0)
            {
                pairs.Add((x, newB[k]));
                newB.RemoveAt(k);
            }
        }

        return pairs;
    }

    /// <summary>The changed runs of both sentences (every hunk), for showing a word diff.</summary>
    public static (List<MarkedWords> A, List<MarkedWords> B) Changes(SentenceFacts a, SentenceFacts b)
    {
        var changedA = new List<MarkedWords>();
        var changedB = new List<MarkedWords>();
        foreach (WordDiff.Hunk h in WordDiff.Diff(a.Text, a.Words, b.Text, b.Words))
        {
            if (Run(a, h.FromA, h.ToA, false) is { } ra)
            {
                changedA.Add(ra);
            }

            if (Run(b, h.FromB, h.ToB, false) is { } rb)
            {
                changedB.Add(rb);
            }
        }

        return (changedA, changedB);
    }

    private static MarkedWords? Run(SentenceFacts s, int from, int to, bool fact)
    {
        if (to <= from)
        {
            return null;
        }

        int start = s.Words[from].Start;
        int end = s.Words[to - 1].End;
        return new MarkedWords(start, end - start, s.Text[start..end], fact);
    }

    private static (DiscrepancyKind? Kind, string? Summary) Classify(SentenceFacts a, SentenceFacts b, WordDiff.Hunk h)
    {
        (int startA, int endA) = CharRange(a, h.FromA, h.ToA);
        (int startB, int endB) = CharRange(b, h.FromB, h.ToB);
        string textA = a.Text[startA..endA];
        string textB = b.Text[startB..endB];
        string summary = $"{Shown(textA)} → {Shown(textB)}";

        bool shortRun = h.ToA - h.FromA <= MaxFactRunWords && h.ToB - h.FromB <= MaxFactRunWords;
        if (h.IsSubstitution && shortRun && !(InParentheses(a.Text, startA, endA) && InParentheses(b.Text, startB, endB)))
        {
            if (NameChange(a, b, h, startA, endA, startB, endB) is { } nameKind)
            {
                return (nameKind, summary);
            }

            if (Contrast(a, b, h) is { } contrast)
            {
                return (contrast, summary);
            }
        }

        if (shortRun && Negated(a, h.FromA, h.ToA) != Negated(b, h.FromB, h.ToB)
            && !(Negated(a, 0, a.Words.Length) && Negated(b, 0, b.Words.Length)))
        {
            return (DiscrepancyKind.Negation, summary);
        }

        return (null, null);
    }

    private static DiscrepancyKind? NameChange(SentenceFacts a, SentenceFacts b, WordDiff.Hunk h, int startA, int endA, int startB, int endB)
    {
        var inA = a.Entities.Where(e => Overlaps(e.Start, e.End, startA, endA) && !InParentheses(a.Text, e.Start, e.End)).ToList();
        var inB = b.Entities.Where(e => Overlaps(e.Start, e.End, startB, endB) && !InParentheses(b.Text, e.Start, e.End)).ToList();
        var wordsA = Enumerable.Range(h.FromA, h.ToA - h.FromA).Select(a.WordAt).ToList();
        var wordsB = Enumerable.Range(h.FromB, h.ToB - h.FromB).Select(b.WordAt).ToList();
        if (wordsA.Exists(w => Abbreviates(w, wordsB)) || wordsB.Exists(w => Abbreviates(w, wordsA)))
        {
            return null;
        }

        if (inA.Count > 0 && inB.Count > 0)
        {
            bool goneA = inA.Exists(e => !b.Entities.Exists(o => o.Same(e) || SameStem(o.Surface, e.Surface)));
            bool goneB = inB.Exists(e => !a.Entities.Exists(o => o.Same(e) || SameStem(o.Surface, e.Surface)));
            if (goneA && goneB)
            {
                return DiscrepancyKind.Name;
            }

            // The same entity on both sides, written differently, and the old spelling not used anywhere in B.
            foreach (FactEntity ea in inA)
            {
                foreach (FactEntity eb in inB)
                {
                    if (ea.Same(eb) && DifferingParts(ea.Surface, eb.Surface) is var (pa, pb) && pa != ea.Surface
                        && !string.Equals(NameKey.Of(pa), NameKey.Of(pb), StringComparison.Ordinal))
                    {
                        return DiscrepancyKind.Name; // "Russian-Chinese" read as "Russian-Russian"
                    }

                    if (ea.Same(eb) && !string.Equals(ea.Surface, eb.Surface, StringComparison.OrdinalIgnoreCase) && !SameStem(ea.Surface, eb.Surface)
                        && !ea.Surface.Contains(eb.Surface, StringComparison.OrdinalIgnoreCase)
                        && !eb.Surface.Contains(ea.Surface, StringComparison.OrdinalIgnoreCase)
                        && !b.Entities.Exists(o => string.Equals(o.Surface, ea.Surface, StringComparison.OrdinalIgnoreCase)))
                    {
                        return DiscrepancyKind.Spelling;
                    }
                }
            }
        }

        // Capitalised words the reading does not take for a name ("Russian-Chinese"): a capitalised word on each side
        // (not the sentence's first word) that the other sentence lacks.
        bool single = h.ToA - h.FromA == 1 && h.ToB - h.FromB == 1;
        string? capA = LoneCapital(a, b, h.FromA, h.ToA, single);
        string? capB = LoneCapital(b, a, h.FromB, h.ToB, single);
        if (capA is not null && capB is not null && !SameStem(capA, capB))
        {
            // A compound ("Russian-Chinese", "Russian-Russian") differs in the part that changed.
            (string partA, string partB) = DifferingParts(capA, capB);
            return string.Equals(NameKey.Of(partA), NameKey.Of(partB), StringComparison.Ordinal) ? DiscrepancyKind.Spelling : DiscrepancyKind.Name;
        }

        return null;
    }

    private static (string A, string B) DifferingParts(string a, string b)
    {
        string[] pa = a.Split('-');
        string[] pb = b.Split('-');
        if (pa.Length != pb.Length || pa.Length == 1)
        {
            return (a, b);
        }

        for (int i = 0; i < pa.Length; i++)
        {
            if (!string.Equals(pa[i], pb[i], StringComparison.OrdinalIgnoreCase))
            {
                return (pa[i], pb[i]);
            }
        }

        return (a, b);
    }

    private static string? LoneCapital(SentenceFacts s, SentenceFacts other, int from, int to, bool single)
    {
        // The first word of a sentence is capitalised anyway: it counts only as a one-for-one swap ("Putin" for "Biden").
        for (int w = single ? from : Math.Max(from, 1); w < to; w++)
        {
            string word = s.WordAt(w);
            string lower = word.ToLowerInvariant();
            if (word.Length > 1 && char.IsUpper(word[0]) && !other.HasWord(word) && !InParentheses(s.Text, s.Words[w].Start, s.Words[w].End)
                && ContrastSets.Of(lower).IsEmpty && !Reading.TextChain.IsStopWord(lower)
                && !other.HasStemOf(word, SameStem))
            {
                return word;
            }
        }

        return null;
    }

    private static DiscrepancyKind? Contrast(SentenceFacts a, SentenceFacts b, WordDiff.Hunk h)
    {
        for (int x = h.FromA; x < h.ToA; x++)
        {
            string wa = a.WordAt(x).ToLowerInvariant();
            ReadOnlySpan<int> setsA = ContrastSets.Of(wa);
            if (setsA.IsEmpty || b.HasWord(wa))
            {
                continue;
            }

            for (int y = h.FromB; y < h.ToB; y++)
            {
                string wb = b.WordAt(y).ToLowerInvariant();
                if (wb == wa || a.HasWord(wb))
                {
                    continue;
                }

                foreach (int set in ContrastSets.Of(wb))
                {
                    if (setsA.Contains(set))
                    {
                        return ContrastSets.IsDateSet(set) ? DiscrepancyKind.Date : DiscrepancyKind.Qualifier;
                    }
                }
            }
        }

        return null;
    }

    private static bool Negated(SentenceFacts s, int from, int to)
    {
        for (int w = from; w < to; w++)
        {
            if (ContrastSets.IsNegation(s.WordAt(w).ToLowerInvariant()))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameNumber(FactNumber x, FactNumber y) =>
        Math.Abs(x.Value - y.Value) <= 1e-9 * Math.Max(1, Math.Abs(x.Value));

    private static bool SameDate(FactDate x, FactDate y) =>
        x.From is not null && y.From is not null
            ? x.From == y.From && x.To == y.To
            : string.Equals(x.Key, y.Key, StringComparison.Ordinal);

    /// <summary>
    /// Two dates can contradict each other when both are resolved to days, or both name a weekday, or both a day of a
    /// month: "Monday" and "March 20" may be the same day when the publication date is unknown.
    /// </summary>
    private static bool Comparable(FactDate x, FactDate y) =>
        (x.From is not null && y.From is not null)
        || (x.Weekday > 0 && y.Weekday > 0 && x.Day == 0 && y.Day == 0)
        || (x.Month > 0 && y.Month > 0 && x.Day > 0 && y.Day > 0);

    /// <summary>True when [start, end) lies inside one pair of parentheses (a credit such as "(Reuters)", an aside).</summary>
    private static bool InParentheses(string text, int start, int end)
    {
        if (end <= start || start >= text.Length)
        {
            return false;
        }

        int open = text.LastIndexOf('(', start);
        return open >= 0 && text.IndexOf(')', open) is int close && close >= end;
    }

    /// <summary>Two capitalised words of one stem: a name and its adjective or possessive ("China", "Chinese", "China's"; "Valdoria", "Valdorian").</summary>
    private static bool SameStem(string x, string y)
    {
        if (x.Contains('-') != y.Contains('-'))
        {
            return false; // "Russia" is no stem of "Russian-Chinese"
        }

        ReadOnlySpan<char> a = StripPossessive(x);
        ReadOnlySpan<char> b = StripPossessive(y);
        int common = 0;
        while (common < a.Length && common < b.Length && char.ToLowerInvariant(a[common]) == char.ToLowerInvariant(b[common]))
        {
            common++;
        }

        return common >= 4 && common >= Math.Min(a.Length, b.Length) - 1;
    }

    private static ReadOnlySpan<char> StripPossessive(string word) =>
        word.EndsWith("'s", StringComparison.OrdinalIgnoreCase) ? word.AsSpan(0, word.Length - 2) : word;

    /// <summary>An abbreviation of the other side's words ("US" for "United States", "EU" for "European Union").</summary>
    private static bool Abbreviates(string abbreviation, IReadOnlyList<string> words)
    {
        string letters = new([.. abbreviation.Where(char.IsLetter)]);
        if (letters.Length < 2 || letters.Any(char.IsLower))
        {
            return false;
        }

        string initials = new([.. words.Where(w => w.Length > 0 && char.IsUpper(w[0])).Select(w => w[0])]);
        return string.Equals(letters, initials, StringComparison.Ordinal);
    }

    private static bool Overlaps(int s1, int e1, int s2, int e2) => s1 < e2 && s2 < e1;

    private static (int Start, int End) CharRange(SentenceFacts s, int from, int to) =>
        to <= from
            ? (from < s.Words.Length ? s.Words[from].Start : s.Text.Length, from < s.Words.Length ? s.Words[from].Start : s.Text.Length)
            : (s.Words[from].Start, s.Words[to - 1].End);

    private static string Shown(string words) => words.Length == 0 ? "(nothing)" : words;
}

/// <summary>A difference found between two sentences: its kind, a summary and the marked runs of each side.</summary>
internal sealed record FoundDifference(DiscrepancyKind Kind, string Summary, List<MarkedWords> ChangedA, List<MarkedWords> ChangedB);

/// <summary>A number in a sentence (offsets into the sentence text).</summary>
internal readonly record struct FactNumber(int Start, int End, double Value, string Surface, string? Unit, NumberKind Kind);

/// <summary>A date in a sentence: resolved days where known, else a key of what is written (month, day, year, weekday).</summary>
internal readonly record struct FactDate(int Start, int End, DateOnly? From, DateOnly? To, string Key, string Surface, int Weekday, int Month, int Day);

/// <summary>An entity mention in a sentence.</summary>
internal sealed record FactEntity(int Start, int End, string Surface, string Key, EntityMention Mention)
{
    public bool Same(FactEntity other) => string.Equals(Key, other.Key, StringComparison.Ordinal) || EntityKeys.SameEntity(Key, other.Key);
}

/// <summary>One sentence as the comparison reads it: text, words, and its mentions with offsets into the sentence.</summary>
internal sealed class SentenceFacts
{
    private HashSet<string>? _words;

    public SentenceFacts(string text, List<FactNumber> numbers, List<FactDate> dates, List<FactEntity> entities)
    {
        Text = text;
        Words = WordDiff.Words(text);
        Numbers = numbers;
        Dates = dates;
        Entities = entities;
    }

    public string Text { get; }

    public WordDiff.Word[] Words { get; }

    public List<FactNumber> Numbers { get; }

    public List<FactDate> Dates { get; }

    public List<FactEntity> Entities { get; }

    public string WordAt(int index) => Text.Substring(Words[index].Start, Words[index].Length);

    /// <summary>True when some word of the sentence has the stem of <paramref name="word"/> by <paramref name="sameStem"/>.</summary>
    public bool HasStemOf(string word, Func<string, string, bool> sameStem)
    {
        for (int i = 0; i < Words.Length; i++)
        {
            if (sameStem(WordAt(i), word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the sentence has <paramref name="word"/> (case ignored).</summary>
    public bool HasWord(string word)
    {
        if (_words is null)
        {
            _words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < Words.Length; i++)
            {
                _words.Add(WordAt(i));
            }
        }

        return _words.Contains(word);
    }
}

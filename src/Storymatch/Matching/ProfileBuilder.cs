using System.Collections.Frozen;
using Storymatch.Text;

namespace Storymatch.Matching;

/// <summary>
/// Builds an <see cref="ArticleProfile"/>: one pass over the tokens of title and text for words and token
/// facts, a second for named entities (which needs the whole text: a capitalised word at a sentence start is
/// a name only if it is capitalised elsewhere too), then numbers and dates.
/// </summary>
internal static class ProfileBuilder
{
    /// <summary>Words are cut to this many Latin characters: a crude stemmer that works in every language.</summary>
    internal const int StemLength = 5;

    /// <summary>Length of the character n-grams.</summary>
    internal const int GramLength = 4;

    /// <summary>How much one title occurrence of a word or name counts, relative to one in the text.</summary>
    internal const float TitleBoost = 2f;

    /// <summary>Longer "tokens" are URLs, hashes or glued words: skipped.</summary>
    private const int MaxTokenLength = 48;

    // Words after which a capitalised word is a name even at a sentence start: titles, functions, honorifics
    // (Latin transliteration, lower case).
    private static readonly FrozenSet<string> NameCues = (
        "president presidente prasident prezydent prezident cumhurbaskani minister ministre ministro ministra ministr bakan bakani "
        + "premier chancellor kanzler kanzlerin canciller chancelier cancelliere spokesman spokeswoman spokesperson sprecher "
        + "sprecherin portavoz portavoce porte-parole rzecznik sozcusu press-sekretar secretary sekretar mr mrs ms dr prof sir "
        + "lord king queen prince princess senator governor mayor gen general judge ceo chairman pope papst rey roi konig "
        + "senor senora herr frau monsieur madame signor pan pani gospodin leader ambassador envoy coach")
        .Split(' ').ToFrozenSet(StringComparer.Ordinal);

    // Article with a preceding conjunction or preposition, longest first: wa-l, bi-l, fa-l, ka-l, li-l, al.
    private static readonly string[] ArabicProclitics = ["\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0641\u0627\u0644", "\u0643\u0627\u0644", "\u0644\u0644", "\u0627\u0644"];

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CueLookup = NameCues.GetAlternateLookup<ReadOnlySpan<char>>();

    [Flags]
    private enum TokenFlags : ushort
    {
        None = 0,
        Capitalised = 1,
        SentenceStart = 2,
        Stop = 4,
        Numeric = 8,
        Unspaced = 16,
        Cue = 32,
        Connector = 64, // "de"/"del" between a day and a month ("20 de marzo")
    }

    private struct TokenInfo
    {
        public int Start;
        public int Length;
        public ulong Exact; // key of the full transliterated lower-case form
        public TokenFlags Flags;
        public int Value; // leading digits of a numeric token, or the value of a number word; 0 otherwise
        public byte Month;
        public byte Weekday;
        public string? Place; // canonical code when the word names a well-known place ("Russland" → "ru")
    }

    public static ArticleProfile Build(string? title, string text, string? language, DateTimeOffset? published)
    {
        string titleDisplay = string.IsNullOrWhiteSpace(title) ? string.Empty : TextNormalizer.NormalizeForDisplay(title);
        string body = TextNormalizer.NormalizeForDisplay(text ?? string.Empty);

        // One set of scratch maps per thread, cleared for each article: a profile's vectors are copied out of them
        // (SparseVector.From sorts), so reuse changes nothing but the allocations and rehashing.
        Scratch scratch = Scratch.ForThisThread();
        Dictionary<ulong, float> words = scratch.Words, titleWords = scratch.TitleWords, grams = scratch.Grams;
        PivotLexicon? lexicon = PivotDictionaries.For(language);
        Dictionary<ulong, float>? pivot = lexicon is null ? null : scratch.Pivot;
        List<TokenInfo> titleTokens = Scan(titleDisplay, words, titleWords, grams, TitleBoost, lexicon, pivot);
        List<TokenInfo> bodyTokens = Scan(body, words, null, grams, 1f, lexicon, pivot);

        Dictionary<ulong, float> entities = scratch.Entities;
        Dictionary<ulong, string> entityLabels = scratch.EntityLabels;
        AddEntities(titleDisplay, titleTokens, bodyTokens, TitleBoost, entities, entityLabels);
        AddEntities(body, bodyTokens, titleTokens, 1f, entities, entityLabels);
        AddHanPlaces(titleDisplay, TitleBoost, entities, entityLabels);
        AddHanPlaces(body, 1f, entities, entityLabels);

        Dictionary<ulong, float> numbers = scratch.Numbers, dates = scratch.Dates;
        Dictionary<ulong, string> numberLabels = scratch.NumberLabels, dateLabels = scratch.DateLabels;
        int datedMonths = 0;
        AddNumbersAndDates(titleDisplay, titleTokens, numbers, numberLabels, dates, dateLabels, ref datedMonths);
        AddNumbersAndDates(body, bodyTokens, numbers, numberLabels, dates, dateLabels, ref datedMonths);

        return new ArticleProfile(
            titleDisplay.Length == 0 ? null : titleDisplay,
            language,
            published,
            titleTokens.Count + bodyTokens.Count,
            SparseVector.From(words),
            SparseVector.From(titleWords),
            SparseVector.From(entities, entityLabels),
            SparseVector.From(numbers, numberLabels),
            SparseVector.From(dates, dateLabels),
            SparseVector.From(grams),
            DominantScript(titleDisplay, body),
            pivot is null ? null : SparseVector.From(pivot),
            (ushort)datedMonths);
    }

    /// <summary>The maps one profile is accumulated in, kept per thread and cleared before each use.</summary>
    private sealed class Scratch
    {
        /// <summary>A map grown beyond this many entries (a huge page) is dropped rather than kept for the next article.</summary>
        private const int MaxKeptEntries = 1 << 16;

        [ThreadStatic]
        private static Scratch? _current;

        public Dictionary<ulong, float> Words { get; private set; } = [];

        public Dictionary<ulong, float> TitleWords { get; private set; } = [];

        public Dictionary<ulong, float> Grams { get; private set; } = [];

        public Dictionary<ulong, float> Pivot { get; private set; } = [];

        public Dictionary<ulong, float> Entities { get; private set; } = [];

        public Dictionary<ulong, string> EntityLabels { get; private set; } = [];

        public Dictionary<ulong, float> Numbers { get; private set; } = [];

        public Dictionary<ulong, string> NumberLabels { get; private set; } = [];

        public Dictionary<ulong, float> Dates { get; private set; } = [];

        public Dictionary<ulong, string> DateLabels { get; private set; } = [];

        public static Scratch ForThisThread()
        {
            Scratch scratch = _current ??= new Scratch();
            scratch.Words = Reset(scratch.Words);
            scratch.TitleWords = Reset(scratch.TitleWords);
            scratch.Grams = Reset(scratch.Grams);
            scratch.Pivot = Reset(scratch.Pivot);
            scratch.Entities = Reset(scratch.Entities);
            scratch.EntityLabels = Reset(scratch.EntityLabels);
            scratch.Numbers = Reset(scratch.Numbers);
            scratch.NumberLabels = Reset(scratch.NumberLabels);
            scratch.Dates = Reset(scratch.Dates);
            scratch.DateLabels = Reset(scratch.DateLabels);
            return scratch;
        }

        private static Dictionary<ulong, T> Reset<T>(Dictionary<ulong, T> map)
        {
            if (map.Count > MaxKeptEntries)
            {
                return [];
            }

            map.Clear();
            return map;
        }
    }

    private static List<TokenInfo> Scan(
        string text,
        Dictionary<ulong, float> words,
        Dictionary<ulong, float>? titleWords,
        Dictionary<ulong, float> grams,
        float weight,
        PivotLexicon? lexicon,
        Dictionary<ulong, float>? pivot)
    {
        var tokens = new List<TokenInfo>(text.Length / 5);
        Span<char> lower = stackalloc char[MaxTokenLength];
        Span<char> latin = stackalloc char[MaxTokenLength * Transliterator.MaxExpansion];
        int previousEnd = -1;
        int previousStart = -1;
        bool previousUnspaced = false;
        foreach (WordTokenizer.Token raw in WordTokenizer.Enumerate(text))
        {
            if (raw.Length > MaxTokenLength)
            {
                previousUnspaced = false;
                continue;
            }

            (int start, int length) = TrimElision(text, raw.Start, raw.Length);
            ReadOnlySpan<char> span = text.AsSpan(start, length);
            int n = span.ToLowerInvariant(lower);
            ReadOnlySpan<char> lowerSpan = lower[..n];
            ReadOnlySpan<char> stripped = StripArabicProclitics(lowerSpan);
            int l = Transliterator.ToLatin(stripped, latin);
            ReadOnlySpan<char> latinSpan = latin[..l];

            var info = new TokenInfo { Start = start, Length = length, Exact = TermKey.Of('x', latinSpan) };
            char first = span[0];
            if (char.IsUpper(first))
            {
                info.Flags |= TokenFlags.Capitalised;
            }

            if (IsSentenceStart(text, start))
            {
                info.Flags |= TokenFlags.SentenceStart;
            }

            if (Stopwords.Contains(lowerSpan))
            {
                info.Flags |= TokenFlags.Stop;
            }

            if (CueLookup.Contains(latinSpan))
            {
                info.Flags |= TokenFlags.Cue;
            }

            if (latinSpan is "de" or "del")
            {
                info.Flags |= TokenFlags.Connector;
            }

            bool unspaced = TextNormalizer.IsUnspacedScriptChar(first);
            if (unspaced)
            {
                info.Flags |= TokenFlags.Unspaced;
            }

            if (char.IsDigit(first))
            {
                info.Flags |= TokenFlags.Numeric;
                info.Value = LeadingValue(span);
            }
            else if (!unspaced)
            {
                info.Place = PlaceNames.Of(latinSpan);
                // "twelve-point", "Zwölf-Punkte-Plan": the number word is the first part of a compound.
                int hyphen = latinSpan.IndexOf('-');
                info.Value = NumbersAndDates.NumberWordOf(hyphen > 0 ? latinSpan[..hyphen] : latinSpan);
                info.Month = (byte)NumbersAndDates.MonthOf(latinSpan);
                info.Weekday = (byte)NumbersAndDates.WeekdayOf(latinSpan);
            }

            tokens.Add(info);

            ulong wordKey = 0;
            if (unspaced)
            {
                // Unspaced scripts: character bigrams carry the words (a single Han character is too ambiguous).
                if (previousUnspaced && previousEnd == start)
                {
                    wordKey = TermKey.Of(TermKey.Word, text.AsSpan(previousStart, start + length - previousStart));
                }
            }
            else if ((info.Flags & (TokenFlags.Stop | TokenFlags.Numeric)) == 0 && l >= 2)
            {
                wordKey = TermKey.Of(TermKey.Word, latinSpan[..Math.Min(l, StemLength)]);
                AddGrams(latinSpan, grams, weight);
            }

            if (wordKey != 0)
            {
                if (pivot is not null)
                {
                    AddPivot(lexicon!, stripped, wordKey, (info.Flags & (TokenFlags.Capitalised | TokenFlags.SentenceStart)) == TokenFlags.Capitalised, pivot, weight);
                }

                words[wordKey] = words.GetValueOrDefault(wordKey) + weight;
                if (titleWords is not null)
                {
                    titleWords[wordKey] = titleWords.GetValueOrDefault(wordKey) + 1;
                }
            }

            previousUnspaced = unspaced;
            previousStart = start;
            previousEnd = start + length;
        }

        return tokens;
    }

    /// <summary>
    /// The English terms of one content word: its dictionary translations (the weight shared among them), else
    /// the word itself (names, cognates and numbers cross languages unchanged). A word capitalised mid-sentence
    /// in a language that does not capitalise its nouns is a name: it is kept as it is.
    /// </summary>
    private static void AddPivot(PivotLexicon lexicon, ReadOnlySpan<char> lower, ulong wordKey, bool nameLike, Dictionary<ulong, float> pivot, float weight)
    {
        ReadOnlySpan<ulong> targets = nameLike && !lexicon.CapitalisesNouns ? [] : lexicon.Translate(lower);
        if (targets.IsEmpty)
        {
            pivot[wordKey] = pivot.GetValueOrDefault(wordKey) + weight;
            return;
        }

        float share = weight / targets.Length;
        foreach (ulong target in targets)
        {
            pivot[target] = pivot.GetValueOrDefault(target) + share;
        }
    }

    private static void AddEntities(
        string text,
        List<TokenInfo> tokens,
        List<TokenInfo> otherTokens,
        float weight,
        Dictionary<ulong, float> entities,
        Dictionary<ulong, string> labels)
    {
        // Evidence from the whole article: words seen capitalised mid-sentence, and words seen in lower case.
        var capitalisedMidSentence = new HashSet<ulong>();
        var seenLower = new HashSet<ulong>();
        foreach (List<TokenInfo> list in new[] { tokens, otherTokens })
        {
            foreach (TokenInfo t in list)
            {
                if ((t.Flags & TokenFlags.Capitalised) != 0)
                {
                    if ((t.Flags & TokenFlags.SentenceStart) == 0)
                    {
                        capitalisedMidSentence.Add(t.Exact);
                    }
                }
                else if ((t.Flags & (TokenFlags.Numeric | TokenFlags.Unspaced)) == 0)
                {
                    seenLower.Add(t.Exact);
                }
            }
        }

        Span<char> lower = stackalloc char[MaxTokenLength];
        Span<char> latin = stackalloc char[MaxTokenLength * Transliterator.MaxExpansion];
        Span<char> key = stackalloc char[NameKey.MaxLength];
        for (int i = 0; i < tokens.Count; i++)
        {
            TokenInfo t = tokens[i];
            if (t.Place is not null)
            {
                // A well-known place, in any case and language ("russische", "Rusia"): one key for all spellings.
                ulong placeKey = PlaceNames.KeyOf(t.Place);
                entities[placeKey] = entities.GetValueOrDefault(placeKey) + weight;
                labels.TryAdd(placeKey, text.Substring(t.Start, t.Length));
                continue;
            }

            if ((t.Flags & TokenFlags.Capitalised) == 0 || (t.Flags & (TokenFlags.Stop | TokenFlags.Numeric | TokenFlags.Unspaced)) != 0
                || t.Length < 2 || t.Month != 0 || t.Weekday != 0)
            {
                continue;
            }

            bool afterCue = i > 0 && (tokens[i - 1].Flags & TokenFlags.Cue) != 0;
            bool name = afterCue || (!seenLower.Contains(t.Exact)
                && ((t.Flags & TokenFlags.SentenceStart) == 0 || capitalisedMidSentence.Contains(t.Exact)));
            if (!name)
            {
                continue;
            }

            ReadOnlySpan<char> span = text.AsSpan(t.Start, t.Length);
            int n = span.ToLowerInvariant(lower);
            int l = Transliterator.ToLatin(lower[..n], latin);
            if (l > 0 && latin[l - 1] == 's' && l > 2 && latin[l - 2] == '\'')
            {
                l -= 2; // possessive: "Kuleba's"
            }

            int k = NameKey.Write(latin[..l], key);
            if (k == 0)
            {
                continue;
            }

            ulong entityKey = TermKey.Of(TermKey.Entity, key[..k]);
            entities[entityKey] = entities.GetValueOrDefault(entityKey) + weight;
            labels.TryAdd(entityKey, span.ToString());
        }
    }

    private static void AddHanPlaces(string text, float weight, Dictionary<ulong, float> entities, Dictionary<ulong, string> labels)
    {
        foreach ((string canonical, string form) in PlaceNames.InHanText(text))
        {
            ulong key = PlaceNames.KeyOf(canonical);
            entities[key] = entities.GetValueOrDefault(key) + weight;
            labels.TryAdd(key, form);
        }
    }

    private static void AddNumbersAndDates(
        string text,
        List<TokenInfo> tokens,
        Dictionary<ulong, float> numbers,
        Dictionary<ulong, string> numberLabels,
        Dictionary<ulong, float> dates,
        Dictionary<ulong, string> dateLabels,
        ref int datedMonths)
    {
        if (text.Length == 0)
        {
            return;
        }

        foreach ((string canonical, string label) in NumbersAndDates.Numbers(text))
        {
            Add(numbers, numberLabels, TermKey.Of(TermKey.Number, canonical), label);
        }

        foreach ((int month, int day, string label) in NumbersAndDates.NumericDates(text))
        {
            AddDate(dates, dateLabels, month, day, label);
            datedMonths |= day != 0 ? 1 << month : 0;
        }

        Span<char> buffer = stackalloc char[16];
        for (int i = 0; i < tokens.Count; i++)
        {
            TokenInfo t = tokens[i];
            if (t.Value > 1 && (t.Flags & TokenFlags.Numeric) == 0)
            {
                // A spelled-out number ("twelve").
                t.Value.TryFormat(buffer, out int written, provider: System.Globalization.CultureInfo.InvariantCulture);
                Add(numbers, numberLabels, TermKey.Of(TermKey.Number, buffer[..written]), text.Substring(t.Start, t.Length));
            }

            if (t.Weekday != 0)
            {
                Add(dates, dateLabels, TermKey.Of(TermKey.Date, ['w', (char)('0' + t.Weekday)]), text.Substring(t.Start, t.Length));
            }

            if (t.Month == 0)
            {
                continue;
            }

            // "20 March", "20. März", "20 de marzo", "March 20", "March 20th, 2023", "March 2023".
            int day = 0;
            int labelStart = t.Start;
            int labelEnd = t.Start + t.Length;
            if (i > 0 && IsDay(tokens[i - 1]))
            {
                day = tokens[i - 1].Value;
                labelStart = tokens[i - 1].Start;
            }
            else if (i > 1 && (tokens[i - 1].Flags & TokenFlags.Connector) != 0 && IsDay(tokens[i - 2]))
            {
                day = tokens[i - 2].Value;
                labelStart = tokens[i - 2].Start;
            }
            else if (i + 1 < tokens.Count && IsDay(tokens[i + 1]))
            {
                day = tokens[i + 1].Value;
                labelEnd = tokens[i + 1].Start + tokens[i + 1].Length;
            }

            bool year = (i + 1 < tokens.Count && IsYear(tokens[i + 1])) || (i + 2 < tokens.Count && IsYear(tokens[i + 2]));
            if (day != 0 || year)
            {
                AddDate(dates, dateLabels, t.Month, day, text[labelStart..labelEnd]);
                datedMonths |= day != 0 ? 1 << t.Month : 0;
            }
        }
    }

    /// <summary>Character n-grams of a word with boundary marks ("_kuleba_" → "_kul", "kule", ...): they cross languages through cognates and names.</summary>
    private static void AddGrams(ReadOnlySpan<char> latin, Dictionary<ulong, float> grams, float weight)
    {
        Span<char> padded = stackalloc char[latin.Length + 2];
        padded[0] = '_';
        latin.CopyTo(padded[1..]);
        padded[^1] = '_';
        for (int i = 0; i + GramLength <= padded.Length; i++)
        {
            ulong key = TermKey.Of(TermKey.Gram, padded.Slice(i, GramLength));
            grams[key] = grams.GetValueOrDefault(key) + weight;
        }
    }

    private static ArticleScript DominantScript(string title, string body)
    {
        Span<int> counts = stackalloc int[(int)ArticleScript.Other + 1];
        CountScripts(title, counts);
        CountScripts(body, counts);
        int best = 0;
        for (int i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return counts[best] == 0 ? ArticleScript.Unknown : (ArticleScript)best;
    }

    private static void CountScripts(string text, Span<int> counts)
    {
        foreach (char c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            ArticleScript s = c switch
            {
                < '\u0250' => ArticleScript.Latin,
                >= '\u0370' and < '\u0400' => ArticleScript.Greek,
                >= '\u0400' and < '\u0530' => ArticleScript.Cyrillic,
                >= '\u0590' and < '\u0600' => ArticleScript.Hebrew,
                >= '\u0600' and < '\u0780' => ArticleScript.Arabic,
                >= '\u3040' and < '\uA000' => ArticleScript.Han,
                _ => ArticleScript.Other,
            };
            counts[(int)s]++;
        }
    }

    private static bool IsDay(TokenInfo t) => (t.Flags & TokenFlags.Numeric) != 0 && t.Value is >= 1 and <= 31 && t.Length <= 4;

    private static bool IsYear(TokenInfo t) => (t.Flags & TokenFlags.Numeric) != 0 && t.Value is >= 1900 and <= 2100;

    private static void AddDate(Dictionary<ulong, float> dates, Dictionary<ulong, string> labels, int month, int day, string label)
    {
        // Day and month when the day is known ("d0320"), else the month ("m03"). Years are numbers already.
        Span<char> k = ['d', (char)('0' + (month / 10)), (char)('0' + (month % 10)), (char)('0' + (day / 10)), (char)('0' + (day % 10))];
        if (day == 0)
        {
            k[0] = 'm';
            k = k[..3];
        }

        Add(dates, labels, TermKey.Of(TermKey.Date, k), label);
    }

    private static void Add(Dictionary<ulong, float> counts, Dictionary<ulong, string> labels, ulong key, string label)
    {
        counts[key] = counts.GetValueOrDefault(key) + 1;
        labels.TryAdd(key, label);
    }

    private static int LeadingValue(ReadOnlySpan<char> span)
    {
        int v = 0;
        foreach (char c in span)
        {
            int d = System.Globalization.CharUnicodeInfo.GetDecimalDigitValue(c);
            if (d < 0 || v > 100_000)
            {
                break;
            }

            v = (v * 10) + d;
        }

        return v;
    }

    /// <summary>
    /// Drops the article and the one-letter conjunctions and prepositions Arabic writes onto the word ("والرئيس" →
    /// "رئيس"), so that the cut-off stem starts at the word itself. Only when enough of the word remains.
    /// </summary>
    private static ReadOnlySpan<char> StripArabicProclitics(ReadOnlySpan<char> word)
    {
        if (word.Length < 4 || word[0] < '\u0600' || word[0] > '\u06FF')
        {
            return word;
        }

        foreach (string prefix in ArabicProclitics)
        {
            if (word.StartsWith(prefix, StringComparison.Ordinal) && word.Length - prefix.Length >= 3)
            {
                return word[prefix.Length..];
            }
        }

        return word[0] is '\u0648' or '\u0641' or '\u0628' && word.Length >= 5 ? word[1..] : word;
    }

    /// <summary>Drops French/Italian elisions and English possessives: "l'Ukraine" → "Ukraine", "China's" → "China".</summary>
    private static (int Start, int Length) TrimElision(string text, int start, int length)
    {
        int apostrophe = text.AsSpan(start, length).IndexOfAny('\'', '\u2019');
        if (apostrophe < 0)
        {
            return (start, length);
        }

        if (apostrophe <= 2 && length - apostrophe - 1 >= 2)
        {
            return (start + apostrophe + 1, length - apostrophe - 1);
        }

        if (length - apostrophe - 1 <= 2)
        {
            return (start, apostrophe);
        }

        return (start, length);
    }

    private static bool IsSentenceStart(string text, int start)
    {
        int j = start - 1;
        while (j >= 0 && text[j] is ' ' or '\t' or '"' or '\'' or '(' or '[' or '-' or '*' or '\u00AB')
        {
            j--;
        }

        return j < 0 || text[j] is '.' or '!' or '?' or '\n' or ':' or ';' or '|' or '\u2022' or '\u3002';
    }
}

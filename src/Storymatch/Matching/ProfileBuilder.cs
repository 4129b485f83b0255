using Storymatch.Reading;

namespace Storymatch.Matching;

/// <summary>
/// Builds an <see cref="ArticleProfile"/> from the article's one reading (<see cref="ArticleReader"/>): words and
/// character n-grams from its tokens (<see cref="TextChain"/>: stop words, stems and transliteration of the reading),
/// entities from its entity mentions and known places, numbers and dates from its number and date mentions. Nothing
/// here reads the raw text again.
/// </summary>
internal static class ProfileBuilder
{
    /// <summary>Words are cut to this many Latin characters (the reading's stem).</summary>
    internal const int StemLength = TextChain.StemLength;

    /// <summary>Length of the character n-grams.</summary>
    internal const int GramLength = 4;

    /// <summary>How much one title occurrence of a word or name counts, relative to one in the text.</summary>
    internal const float TitleBoost = 2f;

    public static ArticleProfile Build(string? title, string text, string? language, DateTimeOffset? published) =>
        Build(ArticleReader.Read(title, text ?? string.Empty, language, published));

    public static ArticleProfile Build(ArticleReading r)
    {
        // One set of scratch maps per thread, cleared for each article: a profile's vectors are copied out of them
        // (SparseVector.From sorts), so reuse changes nothing but the allocations and rehashing.
        Scratch scratch = Scratch.ForThisThread();
        PivotLexicon? lexicon = PivotDictionaries.For(r.Language);
        Dictionary<ulong, float>? pivot = lexicon is null ? null : scratch.Pivot;
        int tokenCount = AddWords(r, scratch, lexicon, pivot);
        AddEntities(r, scratch);
        int datedMonths = AddNumbersAndDates(r, scratch);
        string title = r.Headline;
        return new ArticleProfile(
            title.Length == 0 ? null : title,
            r.Language,
            r.Published,
            tokenCount,
            SparseVector.From(scratch.Words),
            SparseVector.From(scratch.TitleWords),
            SparseVector.From(scratch.Entities, scratch.EntityLabels),
            SparseVector.From(scratch.Numbers, scratch.NumberLabels),
            SparseVector.From(scratch.Dates, scratch.DateLabels),
            SparseVector.From(scratch.Grams),
            DominantScript(r.Text),
            pivot is null ? null : SparseVector.From(pivot),
            (ushort)datedMonths);
    }

    /// <summary>
    /// Weight of an occurrence: a headline token counts <see cref="TitleBoost"/>, plus once more when the headline is
    /// also a line of the body (as a plain-text article's first line is); a body token once.
    /// </summary>
    private static float WeightAt(ArticleReading r, int offset) =>
        r.HeadlineSpan.Length > 0 && r.HeadlineSpan.Contains(offset) ? TitleBoost + (r.HeadlineInBody ? 1f : 0f) : 1f;

    private static int AddWords(ArticleReading r, Scratch scratch, PivotLexicon? lexicon, Dictionary<ulong, float>? pivot)
    {
        ReadToken[] tokens = r.Tokens;
        int headlineTokens = 0;
        Span<char> lower = stackalloc char[MaxPivotTokenLength];
        for (int i = 0; i < tokens.Length; i++)
        {
            ref readonly ReadToken t = ref tokens[i];
            bool inHeadline = r.HeadlineSpan.Length > 0 && r.HeadlineSpan.Contains(t.Start);
            if (inHeadline)
            {
                headlineTokens++;
            }

            if (t.Stem is null)
            {
                continue;
            }

            float weight = WeightAt(r, t.Start);
            ulong wordKey = TermKey.Of(TermKey.Word, t.Stem);
            if (pivot is not null && t.Length <= MaxPivotTokenLength)
            {
                int n = TextChain.Lower(r.Text.AsSpan(t.Start, t.Length), lower);
                bool nameLike = t.Has(TokenFlags.Capitalised) && !t.Has(TokenFlags.SentenceStart);
                AddPivot(lexicon!, TextChain.StripArabicProclitics(lower[..n]), wordKey, nameLike, pivot, weight);
            }

            scratch.Words[wordKey] = scratch.Words.GetValueOrDefault(wordKey) + weight;
            if (inHeadline)
            {
                scratch.TitleWords[wordKey] = scratch.TitleWords.GetValueOrDefault(wordKey) + 1;
            }

            if (!t.Has(TokenFlags.Unspaced))
            {
                AddGrams(r.LatinOf(t), scratch.Grams, weight);
            }
        }

        // A headline that is also the body's first line was read twice before the reading (title and text): the
        // token count keeps that, as the similarity model was fitted on it.
        return tokens.Length + (r.HeadlineInBody ? headlineTokens : 0);
    }

    /// <summary>Longer tokens are not looked up in the pivot dictionaries (URLs, hashes, glued words).</summary>
    private const int MaxPivotTokenLength = 48;

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

    private static void AddEntities(ArticleReading r, Scratch scratch)
    {
        Dictionary<ulong, float> entities = scratch.Entities;
        Dictionary<ulong, string> labels = scratch.EntityLabels;
        ReadToken[] tokens = r.Tokens;

        // Well-known places, in any case and language ("russische", "Rusia"): one key for all spellings.
        foreach (ReadToken t in tokens)
        {
            if (t.Place is not null)
            {
                Add(entities, labels, PlaceKey(t.Place), r.Text.Substring(t.Start, t.Length), WeightAt(r, t.Start));
            }
        }

        // Names: each word of each name mention by its consonant skeleton (so that a surname alone and the full name
        // share a term, and scripts without vowels meet). Places known by code were counted above.
        Span<char> key = stackalloc char[NameKey.MaxLength];
        int ti = 0;
        var hanPlaces = new HashSet<(string, bool)>();
        foreach (EntityMention m in r.Entities)
        {
            if (m.Key.StartsWith('@'))
            {
                if (TextNormalizerIsUnspaced(m.Surface) && hanPlaces.Add((m.Key, r.HeadlineSpan.Contains(m.Span.Start))))
                {
                    // Han-script places: once per headline and once per body, as found by substring.
                    Add(entities, labels, PlaceKey(m.Key[1..]), m.Surface, WeightAt(r, m.Span.Start));
                }

                continue;
            }

            while (ti < tokens.Length && tokens[ti].Start < m.Span.Start)
            {
                ti++;
            }

            for (int k = ti; k < tokens.Length && tokens[k].Start < m.Span.End; k++)
            {
                ref readonly ReadToken t = ref tokens[k];
                if (t.Place is not null || (t.Has(TokenFlags.Particle) && k > ti))
                {
                    continue;
                }

                int n = NameKey.Write(r.LatinOf(t), key);
                if (n == 0)
                {
                    continue;
                }

                Add(entities, labels, TermKey.Of(TermKey.Entity, key[..n]), r.Text.Substring(t.Start, t.Length), WeightAt(r, t.Start));
            }
        }
    }

    /// <summary>The entity term key of a place code (the same for every spelling of the place).</summary>
    internal static ulong PlaceKey(string canonical) => TermKey.Of(TermKey.Entity, "@" + canonical);

    private static bool TextNormalizerIsUnspaced(string s) => s.Length > 0 && Text.TextNormalizer.IsUnspacedScriptChar(s[0]);

    /// <summary>Adds the numbers and dates; returns the months named by a full date (day and month) as bits 1 to 12.</summary>
    private static int AddNumbersAndDates(ArticleReading r, Scratch scratch)
    {
        int datedMonths = 0;
        Span<char> buffer = stackalloc char[32];
        foreach (NumberMention n in r.Numbers)
        {
            if (n.Value is 0 or 1)
            {
                continue; // too common to say anything
            }

            string canonical = NumbersAndDates.Canonical(n.Value);
            Add(scratch.Numbers, scratch.NumberLabels, TermKey.Of(TermKey.Number, canonical), n.Surface, 1f);
        }

        foreach (DateMention d in r.Dates)
        {
            if (d.Weekday != 0)
            {
                Add(scratch.Dates, scratch.DateLabels, TermKey.Of(TermKey.Date, ['w', (char)('0' + d.Weekday)]), d.Surface, 1f);
            }

            if (d.Year != 0)
            {
                // The year of a date counts as a number too (as a year written alone does).
                d.Year.TryFormat(buffer, out int written, provider: System.Globalization.CultureInfo.InvariantCulture);
                Add(scratch.Numbers, scratch.NumberLabels, TermKey.Of(TermKey.Number, buffer[..written]), d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), 1f);
            }

            if (d.Month != 0)
            {
                datedMonths |= d.Day != 0 ? 1 << d.Month : 0;
                AddDate(scratch.Dates, scratch.DateLabels, d.Month, d.Day, d.Surface);
                if (d.From is { } from && d.To is { } to && to != from && to.Month == d.Month)
                {
                    AddDate(scratch.Dates, scratch.DateLabels, d.Month, to.Day, d.Surface);
                }
            }
        }

        return datedMonths;
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

    private static ArticleScript DominantScript(string text)
    {
        Span<int> counts = stackalloc int[(int)ArticleScript.Other + 1];
        CountScripts(text, counts);
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

    private static void AddDate(Dictionary<ulong, float> dates, Dictionary<ulong, string> labels, int month, int day, string label)
    {
        // Day and month when the day is known ("d0320"), else the month ("m03"). Years are numbers already.
        Span<char> k = ['d', (char)('0' + (month / 10)), (char)('0' + (month % 10)), (char)('0' + (day / 10)), (char)('0' + (day % 10))];
        if (day == 0)
        {
            k[0] = 'm';
            k = k[..3];
        }

        Add(dates, labels, TermKey.Of(TermKey.Date, k), label, 1f);
    }

    private static void Add(Dictionary<ulong, float> counts, Dictionary<ulong, string> labels, ulong key, string label, float weight)
    {
        counts[key] = counts.GetValueOrDefault(key) + weight;
        labels.TryAdd(key, label);
    }
}

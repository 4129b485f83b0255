using System.Globalization;
using Storymatch.Matching;
using Storymatch.Reading;

namespace Storymatch.Comparison;

/// <summary>
/// Compares N versions of one story on their readings (one <see cref="ArticleReading"/> per version): every pair of
/// versions is sentence-aligned once (<see cref="SentenceAligner"/>, O(N²) alignments), and everything else is read
/// off those alignments: provenance (each sentence's best counterpart in an earlier version), groups of
/// corresponding sentences across all versions (claims, additions, omissions, quotes), and a word diff of each
/// sentence against its source (discrepancies). Versions come in order: the original first, then as they appeared.
/// </summary>
internal static class StoryComparer
{
    /// <summary>At most this many versions are compared (the original and the earliest others): bounded time per story.</summary>
    public const int MaxVersions = 40;

    /// <summary>Counterparts this close to the best one are as good a source; the earliest of them is taken.</summary>
    private const double SourceTie = 0.05;

    /// <summary>Quotes of at most this many words are epithets ("boundless", "no limits"): matched by the noun they qualify too.</summary>
    private const int ShortQuoteWords = 3;

    public static StoryComparison Compare(IReadOnlyList<Article> ordered, long? story)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        var versions = new List<Version>(Math.Min(ordered.Count, MaxVersions));
        var vocabulary = new AlignmentVocabulary();
        for (int v = 0; v < ordered.Count && v < MaxVersions; v++)
        {
            versions.Add(Version.Read(v, ordered[v], vocabulary));
        }

        var run = new Run(versions, vocabulary);
        run.AlignAll();
        return new StoryComparison(
            story,
            [.. versions.Select(run.Describe)],
            run.Entities(),
            run.Quotes(),
            run.Claims(),
            run.Discrepancies(),
            run.Additions(),
            run.Omissions());
    }

    /// <summary>One version being compared: its article, reading, alignment index and per-sentence facts.</summary>
    private sealed class Version
    {
        private readonly SentenceFacts?[] _facts;

        private Version(int index, Article article, ArticleReading reading, AlignmentText align)
        {
            Index = index;
            Article = article;
            Reading = reading;
            Align = align;
            _facts = new SentenceFacts?[reading.Sentences.Count];
        }

        public int Index { get; }

        public int Number => Index + 1;

        public Article Article { get; }

        public ArticleReading Reading { get; }

        public AlignmentText Align { get; }

        public int SentenceCount => Reading.Sentences.Count;

        public static Version Read(int index, Article article, AlignmentVocabulary vocabulary)
        {
            ArticleReading reading = ArticleReader.Read(article.Title, article.Text, article.Language, article.Published);
            return new Version(index, article, reading, AlignmentText.Create(reading, vocabulary, allSentences: true));
        }

        public string Sentence(int s) => Reading.Sentences[s].Text;

        /// <summary>True for a sentence the alignment takes part in (enough content terms) that is not the headline.</summary>
        public bool IsBodyContent(int s) => !Reading.Sentences[s].IsHeadline && Align.SentenceTerms[s].Length >= SentenceAligner.MinSentenceTerms;

        public SentenceFacts Facts(int s) => _facts[s] ??= MakeFacts(s);

        private SentenceFacts MakeFacts(int s)
        {
            SentenceReading sentence = Reading.Sentences[s];
            int offset = sentence.Span.Start;
            string text = Reading.Text.Substring(sentence.Span.Start, sentence.Span.Length);
            var numbers = Reading.Numbers.Where(n => n.Sentence == s)
                .Select(n => new FactNumber(n.Span.Start - offset, n.Span.End - offset, n.Value, n.Surface, n.Unit, n.Kind)).ToList();
            var dates = Reading.Dates.Where(d => d.Sentence == s)
                .Select(d => new FactDate(d.Span.Start - offset, d.Span.End - offset, d.From, d.To, DateKey(d), d.Surface, d.Weekday, d.Month, d.Day)).ToList();
            var entities = Reading.Entities.Where(e => e.Sentence == s)
                .Select(e => new FactEntity(e.Span.Start - offset, e.Span.End - offset, e.Surface, e.Key, e)).ToList();
            return new SentenceFacts(text, numbers, dates, entities);
        }

        private static string DateKey(DateMention d) =>
            string.Create(CultureInfo.InvariantCulture, $"{d.Year}-{d.Month}-{d.Day}-{d.Weekday}");
    }

    /// <summary>A sentence's best counterpart in another version.</summary>
    private readonly record struct Counterpart(int Version, int Sentence, double Score, bool InOrder);

    /// <summary>The state of one comparison: alignments of every pair and what is derived from them.</summary>
    private sealed class Run
    {
        private readonly List<Version> _versions;
        private readonly AlignmentVocabulary _vocabulary;

        // _best[v][u][s] = the best counterpart in version u of sentence s of version v (Sentence -1: none).
        private readonly Counterpart[][][] _best;
        private int[][] _group = [];
        private int _groupCount;

        public Run(List<Version> versions, AlignmentVocabulary vocabulary)
        {
            _versions = versions;
            _vocabulary = vocabulary;
            _best = new Counterpart[versions.Count][][];
            for (int v = 0; v < versions.Count; v++)
            {
                _best[v] = new Counterpart[versions.Count][];
                for (int u = 0; u < versions.Count; u++)
                {
                    _best[v][u] = Enumerable.Repeat(new Counterpart(u, -1, 0, false), versions[v].SentenceCount).ToArray();
                }
            }
        }

        public void AlignAll()
        {
            for (int v = 0; v < _versions.Count; v++)
            {
                for (int u = v + 1; u < _versions.Count; u++)
                {
                    SentenceAlignment alignment = SentenceAligner.Align(_versions[v].Align, _versions[u].Align, _vocabulary);
                    foreach (AlignedSentencePair p in alignment.Pairs)
                    {
                        Offer(v, p.IndexA, u, p.IndexB, p.Score, p.InOrder);
                        Offer(u, p.IndexB, v, p.IndexA, p.Score, p.InOrder);
                    }
                }
            }

            BuildGroups();
        }

        private void Offer(int v, int s, int u, int t, double score, bool inOrder)
        {
            ref Counterpart current = ref _best[v][u][s];
            if (current.Sentence < 0 || score > current.Score)
            {
                current = new Counterpart(u, t, score, inOrder);
            }
        }

        /// <summary>True when the pair is a real counterpart: strong, or reworded in its expected place.</summary>
        private static bool Counts(Counterpart c) =>
            c.Sentence >= 0 && (c.Score >= SentenceAligner.CounterpartThreshold || (c.InOrder && c.Score >= SentenceAligner.GapThreshold));

        /// <summary>Groups of corresponding sentences across all versions (union of counterpart pairs).</summary>
        private void BuildGroups()
        {
            int[] offsets = new int[_versions.Count + 1];
            for (int v = 0; v < _versions.Count; v++)
            {
                offsets[v + 1] = offsets[v] + _versions[v].SentenceCount;
            }

            var sets = new UnionFind(Math.Max(1, offsets[^1]));
            for (int v = 0; v < _versions.Count; v++)
            {
                for (int u = 0; u < _versions.Count; u++)
                {
                    if (u == v)
                    {
                        continue;
                    }

                    for (int s = 0; s < _versions[v].SentenceCount; s++)
                    {
                        Counterpart c = _best[v][u][s];
                        if (Counts(c))
                        {
                            sets.Union(offsets[v] + s, offsets[u] + c.Sentence);
                        }
                    }
                }
            }

            var ids = new Dictionary<int, int>();
            _group = new int[_versions.Count][];
            for (int v = 0; v < _versions.Count; v++)
            {
                _group[v] = new int[_versions[v].SentenceCount];
                for (int s = 0; s < _versions[v].SentenceCount; s++)
                {
                    int root = sets.Find(offsets[v] + s);
                    if (!ids.TryGetValue(root, out int id))
                    {
                        ids[root] = id = ids.Count;
                    }

                    _group[v][s] = id;
                }
            }

            _groupCount = ids.Count;
        }

        /// <summary>The sentence an earlier version's sentence this one rewrites: the best counterpart among earlier versions (the original wins a near tie).</summary>
        private Counterpart? Source(int v, int s)
        {
            double max = -1;
            for (int u = 0; u < v; u++)
            {
                Counterpart c = _best[v][u][s];
                if (Counts(c))
                {
                    max = Math.Max(max, c.Score);
                }
            }

            // Of the counterparts (nearly) as close as the best, the earliest: a copy of a copy points at what both copy.
            for (int u = 0; u < v; u++)
            {
                Counterpart c = _best[v][u][s];
                if (Counts(c) && c.Score >= max - SourceTie)
                {
                    return c;
                }
            }

            return null;
        }

        public ComparedVersion Describe(Version version)
        {
            var sentences = new List<ComparedSentence>(version.SentenceCount);
            for (int s = 0; s < version.SentenceCount; s++)
            {
                SentenceReading r = version.Reading.Sentences[s];
                SentenceSource? source = version.Index > 0 && Source(version.Index, s) is { } c
                    ? new SentenceSource(c.Version + 1, c.Sentence + 1, Math.Round(c.Score, 3))
                    : null;
                sentences.Add(new ComparedSentence(s + 1, r.Text, r.IsHeadline, source));
            }

            string language = version.Reading.Language ?? "und";
            return new ComparedVersion(version.Number, version.Article.Id, version.Article.Title ?? Headline(version), version.Article.Published,
                language, version.Index == 0, sentences, Notes(version, language));
        }

        private static string? Headline(Version version) =>
            version.Reading.Sentences.FirstOrDefault(s => s.IsHeadline)?.Text;

        private List<VersionNote> Notes(Version version, string language)
        {
            var notes = new List<VersionNote>();
            IReadOnlyList<SentenceReading> sentences = version.Reading.Sentences;
            if (!sentences.Any(s => s.Text.Any(char.IsLetterOrDigit)))
            {
                notes.Add(VersionNote.NoSentences);
            }
            else if (sentences.All(s => s.IsHeadline))
            {
                notes.Add(VersionNote.HeadlineOnly);
            }

            if (version.Reading.Entities.Count == 0)
            {
                notes.Add(VersionNote.NoEntities);
            }

            if (Extraction.LanguageDetector.CountLetterScripts(version.Reading.Text) > 1)
            {
                notes.Add(VersionNote.MixedScripts);
            }

            string originalLanguage = _versions[0].Reading.Language ?? "und";
            if (version.Index > 0 && language != "und" && originalLanguage != "und" && !string.Equals(language, originalLanguage, StringComparison.Ordinal))
            {
                notes.Add(VersionNote.OtherLanguage);
            }

            return notes;
        }

        // ---- entities ----

        public List<EntityRow> Entities()
        {
            var mentions = new List<(int Version, EntityMention Mention)>();
            foreach (Version v in _versions)
            {
                foreach (EntityMention e in v.Reading.Entities)
                {
                    mentions.Add((v.Index, e));
                }
            }

            // One representative mention per distinct key, joined across keys by the reading's entity rule.
            var keyIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            var representatives = new List<EntityMention>();
            foreach ((_, EntityMention e) in mentions)
            {
                if (!keyIndex.ContainsKey(e.Key))
                {
                    keyIndex[e.Key] = representatives.Count;
                    representatives.Add(e);
                }
            }

            var sets = new UnionFind(Math.Max(1, representatives.Count));
            for (int i = 0; i < representatives.Count; i++)
            {
                for (int j = i + 1; j < representatives.Count; j++)
                {
                    if (EntityKeys.SameEntity(representatives[i].Key, representatives[j].Key))
                    {
                        sets.Union(i, j);
                    }
                }
            }

            var rows = new List<EntityRow>();
            foreach (var group in mentions.GroupBy(m => sets.Find(keyIndex[m.Mention.Key])))
            {
                var spellings = group
                    .GroupBy(m => (m.Version, Surface: m.Mention.Surface))
                    .Select(g => (g.Key.Version, g.Key.Surface, Count: g.Count()))
                    .ToList();
                string name = spellings
                    .GroupBy(s => s.Surface, StringComparer.Ordinal)
                    .OrderByDescending(g => g.Select(x => x.Version).Distinct().Count())
                    .ThenByDescending(g => g.Key.Split(' ').Length)
                    .ThenByDescending(g => g.Sum(x => x.Count))
                    .ThenBy(g => g.Min(x => x.Version))
                    .ThenBy(g => g.Key, StringComparer.Ordinal)
                    .First().Key;
                EntityKind kind = group.Select(m => m.Mention.Kind).Where(k => k != EntityKind.Unknown)
                    .GroupBy(k => k).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstOrDefault();
                var present = spellings.Select(s => s.Version).ToHashSet();
                rows.Add(new EntityRow(
                    name,
                    KindName(kind),
                    [.. spellings.OrderBy(s => s.Version).ThenByDescending(s => s.Count).ThenBy(s => s.Surface, StringComparer.Ordinal)
                        .Select(s => new EntitySpelling(s.Version + 1, s.Surface, s.Count, IsVariant(s.Surface, name)))],
                    [.. _versions.Where(v => !present.Contains(v.Index)).Select(v => v.Number)]));
            }

            return [.. rows
                .OrderByDescending(r => _versions.Count - r.MissingFrom.Count)
                .ThenByDescending(r => r.Spellings.Sum(s => s.Mentions))
                .ThenBy(r => r.Name, StringComparer.Ordinal)];
        }

        /// <summary>A spelling is a variant when it is not the row's name nor a part of it (a surname alone is the same spelling).</summary>
        private static bool IsVariant(string spelling, string name)
        {
            if (string.Equals(spelling, name, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            string[] nameWords = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string[] words = spelling.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            bool within = words.All(w => nameWords.Contains(w, StringComparer.OrdinalIgnoreCase));
            bool around = nameWords.All(w => words.Contains(w, StringComparer.OrdinalIgnoreCase));
            return !within && !around;
        }

        private static string KindName(EntityKind kind) => kind switch
        {
            EntityKind.Person => "person",
            EntityKind.Organisation => "organisation",
            EntityKind.Place => "place",
            _ => "unknown",
        };

        // ---- quotes ----

        public List<QuoteRow> Quotes()
        {
            var all = new List<(int Version, QuoteMention Quote, string Normal)>();
            foreach (Version v in _versions)
            {
                foreach (QuoteMention q in v.Reading.Quotes)
                {
                    string normal = NormalQuote(q.Text);
                    if (normal.Length > 0)
                    {
                        all.Add((v.Index, q, normal));
                    }
                }
            }

            var sets = new UnionFind(Math.Max(1, all.Count));
            for (int i = 0; i < all.Count; i++)
            {
                for (int j = i + 1; j < all.Count; j++)
                {
                    if (all[i].Version != all[j].Version && SameQuote(all[i], all[j]))
                    {
                        sets.Union(i, j);
                    }
                }
            }

            var rows = new List<QuoteRow>();
            foreach (var group in Enumerable.Range(0, all.Count).GroupBy(sets.Find))
            {
                var members = group.Select(i => all[i]).OrderBy(m => m.Version).ThenBy(m => m.Quote.Span.Start).ToList();
                var first = members[0];
                string? speaker = members.Select(m => m.Quote.Speaker).FirstOrDefault(s => s is not null);
                var entries = new List<QuoteInVersion>();
                foreach (Version v in _versions)
                {
                    var own = members.Where(m => m.Version == v.Index).ToList();
                    if (own.Count > 0)
                    {
                        int same = own.FindIndex(m => m.Normal == first.Normal);
                        bool verbatim = same >= 0;
                        var chosen = own[verbatim ? same : 0];
                        entries.Add(new QuoteInVersion(v.Number, verbatim ? QuoteStatus.Verbatim : QuoteStatus.Paraphrased, chosen.Quote.Sentence + 1, chosen.Quote.Text));
                        continue;
                    }

                    // Reported without quotation marks: a sentence of this version that corresponds directly to a quoting one.
                    int reported = -1;
                    double best = 0;
                    foreach (var m in members)
                    {
                        Counterpart c = _best[m.Version][v.Index][m.Quote.Sentence];
                        if (c.Sentence >= 0 && c.Score >= SentenceAligner.CounterpartThreshold && c.Score > best && v.IsBodyContent(c.Sentence))
                        {
                            (reported, best) = (c.Sentence, c.Score);
                        }
                    }

                    entries.Add(reported >= 0
                        ? new QuoteInVersion(v.Number, QuoteStatus.Paraphrased, reported + 1, v.Sentence(reported))
                        : new QuoteInVersion(v.Number, QuoteStatus.Absent, null, null));
                }

                bool drift = members.Select(m => m.Normal).Distinct(StringComparer.Ordinal).Count() > 1;
                rows.Add(new QuoteRow(first.Quote.Text, speaker, drift, entries));
            }

            return [.. rows.OrderBy(r => r.Versions.First(e => e.Status != QuoteStatus.Absent).Version)
                .ThenBy(r => r.Versions.First(e => e.Status != QuoteStatus.Absent).Sentence)];
        }

        /// <summary>True when the sentence corresponds to a sentence of some other version.</summary>
        private bool IsGrouped(int v, int s)
        {
            for (int u = 0; u < _versions.Count; u++)
            {
                if (u != v && Counts(_best[v][u][s]))
                {
                    return true;
                }
            }

            return false;
        }

        private bool SameQuote((int Version, QuoteMention Quote, string Normal) x, (int Version, QuoteMention Quote, string Normal) y)
        {
            if (x.Normal == y.Normal)
            {
                return true;
            }

            string[] wx = x.Normal.Split(' ');
            string[] wy = y.Normal.Split(' ');
            if (WordDice(wx, wy) >= 0.5)
            {
                return true;
            }

            // Short quoted epithets qualifying the same word ("boundless" friendship, "unrestricted" friendship).
            if (wx.Length <= ShortQuoteWords && wy.Length <= ShortQuoteWords)
            {
                string? nx = WordAfter(_versions[x.Version], x.Quote);
                string? ny = WordAfter(_versions[y.Version], y.Quote);
                return nx is not null && string.Equals(nx, ny, StringComparison.OrdinalIgnoreCase);
            }

            return false;
        }

        private static string? WordAfter(Version v, QuoteMention q)
        {
            string text = v.Reading.Text;
            int i = q.Span.End;
            while (i < text.Length && !char.IsLetterOrDigit(text[i]))
            {
                if (text[i] is '.' or ',' or ';' or ':' or '\n')
                {
                    return null;
                }

                i++;
            }

            int start = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            return i > start ? text[start..i] : null;
        }

        private static double WordDice(string[] x, string[] y)
        {
            var set = new HashSet<string>(x, StringComparer.Ordinal);
            int shared = y.Distinct(StringComparer.Ordinal).Count(set.Contains);
            int total = set.Count + y.Distinct(StringComparer.Ordinal).Count();
            return total == 0 ? 0 : 2.0 * shared / total;
        }

        /// <summary>A quote's words, lower case, one space apart (punctuation and quotation marks dropped).</summary>
        private static string NormalQuote(string text) =>
            string.Join(' ', Storymatch.Text.WordTokenizer.Tokens(text.ToLowerInvariant()));

        // ---- claims ----

        public List<ClaimRow> Claims()
        {
            var rows = new List<ClaimRow>();
            var byGroup = new Dictionary<int, List<(int Version, int Sentence)>>();
            for (int v = 0; v < _versions.Count; v++)
            {
                for (int s = 0; s < _versions[v].SentenceCount; s++)
                {
                    int g = _group[v][s];
                    if (!IsGrouped(v, s))
                    {
                        continue;
                    }

                    if (!byGroup.TryGetValue(g, out var list))
                    {
                        byGroup[g] = list = [];
                    }

                    if (!list.Exists(x => x.Version == v))
                    {
                        list.Add((v, s));
                    }
                }
            }

            foreach (var members in byGroup.OrderBy(kv => kv.Value.Min(m => (m.Version * 100000) + m.Sentence)).Select(kv => kv.Value))
            {
                if (members.Count < 2)
                {
                    continue;
                }

                // Slots: the earliest version's values; a later version's value joins the slot of the same value, else
                // the first open slot of the same kind and unit (a conflict), else opens its own.
                var numberSlots = new List<(FactNumber First, List<ClaimValue> Values, HashSet<int> Versions)>();
                var dateSlots = new List<(FactDate First, List<ClaimValue> Values, HashSet<int> Versions)>();
                foreach ((int v, int s) in members)
                {
                    SentenceFacts f = _versions[v].Facts(s);
                    var used = new HashSet<int>();
                    foreach (FactNumber n in f.Numbers)
                    {
                        var value = new ClaimValue(v + 1, s + 1, n.Surface, NumberValue(n));
                        int slot = numberSlots.FindIndex(x => !x.Versions.Contains(v) && x.Values.Exists(y => y.Value == value.Value));
                        if (slot < 0)
                        {
                            slot = numberSlots.FindIndex(x => !x.Versions.Contains(v) && x.First.Kind == n.Kind && x.First.Unit == n.Unit);
                        }

                        if (slot < 0)
                        {
                            numberSlots.Add((n, [], []));
                            slot = numberSlots.Count - 1;
                        }

                        numberSlots[slot].Values.Add(value);
                        numberSlots[slot].Versions.Add(v);
                    }

                    foreach (FactDate d in f.Dates)
                    {
                        var value = new ClaimValue(v + 1, s + 1, d.Surface, DateValue(d));
                        int slot = dateSlots.FindIndex(x => !x.Versions.Contains(v) && x.Values.Exists(y => y.Value == value.Value));
                        if (slot < 0)
                        {
                            slot = dateSlots.FindIndex(x => !x.Versions.Contains(v) && ComparableDates(x.First, d));
                        }

                        if (slot < 0)
                        {
                            dateSlots.Add((d, [], []));
                            slot = dateSlots.Count - 1;
                        }

                        dateSlots[slot].Values.Add(value);
                        dateSlots[slot].Versions.Add(v);
                    }
                }

                foreach (var slot in numberSlots.Where(x => x.Values.Count >= 2))
                {
                    rows.Add(new ClaimRow(ClaimKind.Number, slot.Values.Select(x => x.Value).Distinct(StringComparer.Ordinal).Count() > 1, slot.Values));
                }

                foreach (var slot in dateSlots.Where(x => x.Values.Count >= 2))
                {
                    rows.Add(new ClaimRow(ClaimKind.Date, slot.Values.Select(x => x.Value).Distinct(StringComparer.Ordinal).Count() > 1, slot.Values));
                }
            }

            return rows;
        }

        private static bool ComparableDates(FactDate x, FactDate y) =>
            (x.From is not null && y.From is not null)
            || (x.Weekday > 0 && y.Weekday > 0 && x.Day == 0 && y.Day == 0)
            || (x.Month > 0 && y.Month > 0 && x.Day > 0 && y.Day > 0);

        private static string NumberValue(FactNumber n)
        {
            string value = n.Value.ToString("0.############", CultureInfo.InvariantCulture);
            return n.Unit is { Length: > 0 } unit ? value + " " + unit : value;
        }

        private static string DateValue(FactDate d) =>
            d.From is { } from
                ? d.To is { } to && to != from
                    ? from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : d.Surface.ToLowerInvariant();

        // ---- discrepancies ----

        public List<Discrepancy> Discrepancies()
        {
            var found = new List<Discrepancy>();
            for (int v = 1; v < _versions.Count; v++)
            {
                for (int s = 0; s < _versions[v].SentenceCount; s++)
                {
                    if (Source(v, s) is not { } c)
                    {
                        continue;
                    }

                    SentenceFacts a = _versions[c.Version].Facts(c.Sentence);
                    SentenceFacts b = _versions[v].Facts(s);
                    foreach (FoundDifference d in FactDiff.Find(a, b, c.Score))
                    {
                        found.Add(new Discrepancy(d.Kind, d.Summary,
                            new SentenceSide(c.Version + 1, c.Sentence + 1, a.Text, d.ChangedA),
                            new SentenceSide(v + 1, s + 1, b.Text, d.ChangedB),
                            Math.Round(c.Score, 3)));
                    }
                }
            }

            return found;
        }

        // ---- additions and omissions ----

        public List<Addition> Additions()
        {
            var additions = new List<Addition>();
            int n = _versions.Count;
            if (n < 2)
            {
                return additions;
            }

            int[] carriers = CarrierCounts();
            for (int v = n == 2 ? 1 : 0; v < n; v++)
            {
                for (int s = 0; s < _versions[v].SentenceCount; s++)
                {
                    if (_versions[v].IsBodyContent(s) && carriers[_group[v][s]] == 1)
                    {
                        additions.Add(new Addition(v + 1, s + 1, _versions[v].Sentence(s)));
                    }
                }
            }

            return additions;
        }

        public List<Omission> Omissions()
        {
            var omissions = new List<Omission>();
            int n = _versions.Count;
            if (n < 2)
            {
                return omissions;
            }

            // Per group: the versions carrying it and the earliest carrying sentence.
            var carriedBy = new List<int>[_groupCount];
            var first = new (int Version, int Sentence)[_groupCount];
            for (int v = 0; v < n; v++)
            {
                for (int s = 0; s < _versions[v].SentenceCount; s++)
                {
                    if (!_versions[v].IsBodyContent(s))
                    {
                        continue;
                    }

                    int g = _group[v][s];
                    if (carriedBy[g] is null)
                    {
                        carriedBy[g] = [];
                        first[g] = (v, s);
                    }

                    if (!carriedBy[g].Contains(v))
                    {
                        carriedBy[g].Add(v);
                    }
                }
            }

            // Most versions carry it: with two versions, the original's sentence the other lacks; with more, a strict majority (at least two).
            for (int g = 0; g < _groupCount; g++)
            {
                List<int>? carriers = carriedBy[g];
                if (carriers is null)
                {
                    continue;
                }

                bool most = n == 2 ? carriers.Count == 1 && carriers[0] == 0 : carriers.Count >= 2 && carriers.Count * 2 > n;
                if (!most)
                {
                    continue;
                }

                (int fv, int fs) = first[g];
                foreach (Version v in _versions)
                {
                    if (!carriers.Contains(v.Index) && v.SentenceCount > 0)
                    {
                        omissions.Add(new Omission(v.Number, _versions[fv].Sentence(fs), fv + 1, fs + 1, [.. carriers.Order().Select(c => c + 1)]));
                    }
                }
            }

            return [.. omissions.OrderBy(o => o.Version).ThenBy(o => o.From).ThenBy(o => o.FromSentence)];
        }

        private int[] CarrierCounts()
        {
            var versionsOf = new HashSet<int>[_groupCount];
            for (int v = 0; v < _versions.Count; v++)
            {
                for (int s = 0; s < _versions[v].SentenceCount; s++)
                {
                    (versionsOf[_group[v][s]] ??= []).Add(v);
                }
            }

            return [.. versionsOf.Select(x => x?.Count ?? 0)];
        }
    }
}

using System.Buffers;
using System.Text;
using Storymatch.Fingerprints;

namespace Storymatch.Tools.Fingerprints;

/// <summary>
/// One generated article and, for a derived one, how it was planted: Kind is original, exact-copy,
/// reformatted-copy, near-duplicate or rewrite; DuplicateOf is the id of the original it was made from;
/// PlantedJaccard is its measured shingle Jaccard to that original (1 for copies).
/// </summary>
internal sealed record GeneratedArticle(
    string Id,
    string Source,
    string Url,
    string Title,
    DateTimeOffset Published,
    string Text,
    string Kind,
    string? DuplicateOf,
    double? PlantedJaccard);

/// <summary>
/// A seeded generator of news-length articles (300-900 words of a Zipf-distributed synthetic vocabulary, in
/// sentences and paragraphs, some quoted) with planted duplicates: verbatim copies, copies that differ only in
/// whitespace and quote style, near-duplicates edited to target Jaccard levels around 0.8, and heavier
/// rewrites. The Jaccard of every derived article to its original is measured exactly and reported. Shared by
/// the quality test and the bench's <c>generate</c> command so both see the same corpus for a seed.
/// </summary>
internal sealed class PlantedCorpusGenerator
{
    /// <summary>Target Jaccard levels of near-duplicates: both sides of the 0.8 threshold.</summary>
    public static readonly double[] NearDuplicateTargets = [0.70, 0.74, 0.77, 0.79, 0.80, 0.81, 0.83, 0.85, 0.88, 0.92, 0.96];

    private const int VocabularySize = 8000;
    private const int BucketCount = 1 << 16;
    private const int RecentOriginals = 1000; // derived articles copy one of the last originals, as news does
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Onsets = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "ch", "cl", "dr", "fl", "gr", "pl", "pr", "sh", "st", "th", "tr", ""];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"];
    private static readonly string[] Codas = ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "st"];

    private readonly Random _random;
    private readonly int _shingleSize;
    private readonly string[] _vocabulary;
    private readonly ulong[] _tokenHashes;
    private readonly double[] _cumulative;
    private readonly int[] _bucketStart; // bucket i: the first rank whose cumulative weight reaches i / BucketCount of the total
    private readonly List<(string Id, Draft Draft, ulong[] Shingles)> _recent = [];

    public PlantedCorpusGenerator(int seed, int shingleSize = Shingles.DefaultSize)
    {
        _random = new Random(seed);
        _shingleSize = shingleSize;
        _vocabulary = BuildVocabulary(_random);
        _tokenHashes = [.. _vocabulary.Select(w => TokenHash.Hash(w))];
        _cumulative = new double[VocabularySize];
        double sum = 0;
        for (int rank = 0; rank < VocabularySize; rank++)
        {
            sum += 1.0 / (rank + 1);
            _cumulative[rank] = sum;
        }

        _bucketStart = new int[BucketCount + 1];
        for (int bucket = 0, rank = 0; bucket <= BucketCount; bucket++)
        {
            while (rank < VocabularySize - 1 && _cumulative[rank] < sum * bucket / BucketCount)
            {
                rank++;
            }

            _bucketStart[bucket] = rank;
        }
    }

    /// <summary>Generates <paramref name="count"/> articles, ids <c>gen-000000</c> upwards, lazily.</summary>
    public IEnumerable<GeneratedArticle> Generate(int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return Next(i);
        }
    }

    private GeneratedArticle Next(int number)
    {
        string id = $"gen-{number:D6}";
        int outlet = _random.Next(1, 41);
        string source = $"outlet-{outlet:D2}";
        var published = Epoch.AddMinutes((number * 7) + _random.Next(0, 7));
        double roll = _random.NextDouble();
        if (_recent.Count == 0 || roll < 0.66)
        {
            Draft draft = NewDraft();
            string text = draft.Render(_vocabulary, reformatted: false);
            Remember(id, draft);
            return new GeneratedArticle(id, source, Url(source, id), draft.Title(_vocabulary), published, text, "original", null, null);
        }

        (string originalId, Draft original, ulong[] originalShingles) = _recent[_random.Next(_recent.Count)];
        string title = original.Title(_vocabulary);
        if (roll < 0.70)
        {
            return new GeneratedArticle(id, source, Url(source, id), title, published, original.Render(_vocabulary, reformatted: false), "exact-copy", originalId, 1);
        }

        if (roll < 0.74)
        {
            return new GeneratedArticle(id, source, Url(source, id), title, published, original.Render(_vocabulary, reformatted: true), "reformatted-copy", originalId, 1);
        }

        bool rewrite = roll >= 0.95;
        double target = rewrite ? 0.3 + (0.3 * _random.NextDouble()) : NearDuplicateTargets[_random.Next(NearDuplicateTargets.Length)];
        (Draft edited, string editedText, double jaccard) = EditToward(original, originalShingles, target);
        return new GeneratedArticle(id, source, Url(source, id), title, published, editedText, rewrite ? "rewrite" : "near-duplicate", originalId, Math.Round(jaccard, 4));

        static string Url(string source, string id) => $"https://{source}.example/news/{id}";
    }

    private void Remember(string id, Draft draft)
    {
        if (_recent.Count == RecentOriginals)
        {
            _recent.RemoveAt(_random.Next(RecentOriginals));
        }

        _recent.Add((id, draft, ShingleSet(draft)));
    }

    /// <summary>
    /// Word edits (substitutions, insertions, deletions at random places) until the shingle Jaccard reaches the
    /// target: an edit changes about <c>shingleSize</c> shingles, so c changed shingles give J = (S - c) / (S + c);
    /// overlapping edits change fewer, hence a few measured rounds.
    /// </summary>
    private (Draft Draft, string Text, double Jaccard) EditToward(Draft original, ulong[] originalShingles, double target)
    {
        Draft draft = original.Clone();
        int shingles = originalShingles.Length;
        double jaccard = 1;
        for (int round = 0; round < 6 && jaccard > target + 0.005; round++)
        {
            double neededChanged = shingles * (1 - target) / (1 + target);
            double changed = shingles * (1 - jaccard) / (1 + jaccard);
            int edits = Math.Max(1, (int)Math.Round((neededChanged - changed) / _shingleSize));
            for (int e = 0; e < edits; e++)
            {
                Edit(draft);
            }

            jaccard = Shingles.Jaccard(originalShingles, ShingleSet(draft));
        }

        return (draft, draft.Render(_vocabulary, reformatted: false), jaccard);
    }

    /// <summary>
    /// The shingle set of a draft straight from its words: vocabulary words are lower-case letters only, so
    /// they are exactly the tokens of the normalised rendered text (a test checks this against the text).
    /// </summary>
    private ulong[] ShingleSet(Draft draft)
    {
        ulong[] tokens = ArrayPool<ulong>.Shared.Rent(draft.Words.Count);
        ulong[] shingles = ArrayPool<ulong>.Shared.Rent(draft.Words.Count);
        try
        {
            for (int i = 0; i < draft.Words.Count; i++)
            {
                tokens[i] = _tokenHashes[draft.Words[i]];
            }

            int count = Shingles.HashTokens(tokens.AsSpan(0, draft.Words.Count), _shingleSize, shingles);
            return Shingles.ToSortedSet(shingles.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(tokens);
            ArrayPool<ulong>.Shared.Return(shingles);
        }
    }

    private void Edit(Draft draft)
    {
        int position = _random.Next(draft.Words.Count);
        double kind = _random.NextDouble();
        if (kind < 0.6)
        {
            draft.Words[position] = NextWord();
        }
        else if (kind < 0.8 || draft.Words.Count < 50)
        {
            draft.Words.Insert(position, NextWord());
            draft.Marks.Insert(position, 0);
        }
        else
        {
            // Keep a sentence or paragraph end that the deleted word carried.
            if (position > 0 && (draft.Marks[position] & Draft.TrailMask) > (draft.Marks[position - 1] & Draft.TrailMask))
            {
                draft.Marks[position - 1] = (byte)((draft.Marks[position - 1] & ~Draft.TrailMask) | (draft.Marks[position] & Draft.TrailMask));
            }

            draft.Words.RemoveAt(position);
            draft.Marks.RemoveAt(position);
        }
    }

    private Draft NewDraft()
    {
        var draft = new Draft();
        int words = _random.Next(300, 901);
        int sentencesInParagraph = 0;
        int paragraphLength = _random.Next(2, 6);
        while (draft.Words.Count < words)
        {
            int sentence = _random.Next(8, 26);
            bool quoted = _random.NextDouble() < 0.15;
            int start = draft.Words.Count;
            for (int w = 0; w < sentence; w++)
            {
                draft.Words.Add(NextWord());
                draft.Marks.Add(w == sentence - 1 ? Draft.Period : w > 3 && _random.NextDouble() < 0.06 ? Draft.Comma : (byte)0);
            }

            if (quoted)
            {
                draft.Marks[start] |= Draft.OpenQuote;
                draft.Marks[^1] |= Draft.CloseQuote;
            }

            if (++sentencesInParagraph == paragraphLength)
            {
                draft.Marks[^1] = (byte)((draft.Marks[^1] & ~Draft.TrailMask) | Draft.ParagraphEnd);
                sentencesInParagraph = 0;
                paragraphLength = _random.Next(2, 6);
            }
        }

        draft.TitleWords = [.. Enumerable.Range(0, _random.Next(6, 11)).Select(_ => NextWord())];
        return draft;
    }

    /// <summary>A Zipf-distributed rank: the first whose cumulative weight reaches a uniform draw, found from a bucket table.</summary>
    private int NextWord()
    {
        double u = _random.NextDouble() * _cumulative[^1];
        int rank = _bucketStart[(int)(u / _cumulative[^1] * BucketCount)];
        while (rank < VocabularySize - 1 && _cumulative[rank] < u)
        {
            rank++;
        }

        return rank;
    }

    private static string[] BuildVocabulary(Random random)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>(VocabularySize);
        var sb = new StringBuilder();
        while (list.Count < VocabularySize)
        {
            sb.Clear();
            int syllables = 1 + (int)(random.NextDouble() * random.NextDouble() * 4);
            for (int s = 0; s < syllables; s++)
            {
                sb.Append(Onsets[random.Next(Onsets.Length)]).Append(Vowels[random.Next(Vowels.Length)]);
            }

            sb.Append(Codas[random.Next(Codas.Length)]);
            string word = sb.ToString();
            if (words.Add(word))
            {
                list.Add(word);
            }
        }

        return [.. list];
    }

    /// <summary>An article as vocabulary indices plus punctuation marks per word, so edits keep the layout.</summary>
    private sealed class Draft
    {
        public const byte Comma = 1, Period = 2, ParagraphEnd = 3, TrailMask = 3, OpenQuote = 4, CloseQuote = 8;

        public List<int> Words { get; private init; } = [];

        public List<byte> Marks { get; private init; } = [];

        public int[] TitleWords { get; set; } = [];

        public Draft Clone() => new() { Words = [.. Words], Marks = [.. Marks], TitleWords = TitleWords };

        public string Title(string[] vocabulary) => Capitalize(string.Join(' ', TitleWords.Select(w => vocabulary[w])));

        /// <summary>
        /// The text. The reformatted form differs only in what normalisation folds away (curly quotes, doubled
        /// and non-breaking spaces, CRLF paragraph breaks), so it has the same content hash as the plain form.
        /// </summary>
        public string Render(string[] vocabulary, bool reformatted)
        {
            var sb = new StringBuilder(Words.Count * 7);
            bool sentenceStart = true;
            for (int i = 0; i < Words.Count; i++)
            {
                byte mark = Marks[i];
                if ((mark & OpenQuote) != 0)
                {
                    sb.Append(reformatted ? '\u201C' : '"');
                }

                string word = vocabulary[Words[i]];
                if (sentenceStart)
                {
                    sb.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
                }
                else
                {
                    sb.Append(word);
                }

                int trail = mark & TrailMask;
                sb.Append(trail switch { Comma => ",", Period or ParagraphEnd => ".", _ => "" });
                if ((mark & CloseQuote) != 0)
                {
                    sb.Append(reformatted ? '\u201D' : '"');
                }

                sentenceStart = trail >= Period;
                if (i == Words.Count - 1)
                {
                    break;
                }

                sb.Append((trail, reformatted) switch
                {
                    (ParagraphEnd, false) => "\n\n",
                    (ParagraphEnd, true) => "\r\n \r\n",
                    (Period, true) => "  ",
                    (_, true) when i % 11 == 0 => "\u00A0",
                    _ => " ",
                });
            }

            return sb.ToString();
        }

        private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
    }
}

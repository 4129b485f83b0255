using System.Collections.Concurrent;
using System.Collections.Frozen;
using Storymatch.Fingerprints;
using Storymatch.Storage;
using Storymatch.Text;

namespace Storymatch.Ingest;

/// <summary>
/// Template lines learned per source at ingest: a line (its normal form) that recurs in several documents of one
/// outlet, a navigation bar, a footer, a standard blurb, is the outlet's furniture, not article text, whatever the
/// input format (plain text, JSON Lines, HTML, WARC). The rules of <see cref="Extraction.BoilerplateCleaner"/>
/// know furniture by its words; this knows it by repetition, so it also finds templates in any language.
/// <para>
/// Ordering: the writer observes a whole batch (in input order) before it stores any of it, so the first
/// documents of a source in a batch are cleaned with the lines the rest of the batch reveals; the state (documents
/// seen, bounded candidate counts, learned lines) is stored per source in the same unit of work, so later batches
/// and later runs (other processes too) go on from it. A line counts as learned once it is in at least
/// <see cref="MinDocuments"/> new documents of the source and in at least <see cref="MinShare"/> of them (of at
/// most the last <see cref="ShareWindow"/>); learned lines stay learned. Documents stored before a line was
/// learned keep it (nothing stored is rewritten); the content hash is taken before this cleaning, so a re-ingest
/// of the same input is still recognised as a duplicate.
/// </para>
/// <para>
/// Workers clean with the lines known when they take an article (<see cref="CleanKnown"/>); the writer checks
/// each article against the batch's lines and fingerprints again the few that learned lines reached late, so the
/// stored result depends on input order alone, not on timing.
/// </para>
/// </summary>
internal sealed class SourceBoilerplate
{
    /// <summary>A line must be in at least this many documents of its source.</summary>
    public const int MinDocuments = 3;

    /// <summary>... and in at least this share of the source's documents (counted over at most <see cref="ShareWindow"/>).</summary>
    public const double MinShare = 0.1;

    /// <summary>The share is of at most this many documents, so a template introduced late in a long-lived source is still learned.</summary>
    public const int ShareWindow = 100;

    /// <summary>Longer lines are never learned: a long paragraph that repeats is shared text (a quote, a syndicated passage), not a template.</summary>
    public const int MaxLineChars = 300;

    /// <summary>Candidate lines kept per source; beyond it the least frequent half is dropped (template lines are the frequent ones).</summary>
    public const int MaxCandidates = 2048;

    private readonly ConcurrentDictionary<string, FrozenSet<ulong>> _known = new(StringComparer.Ordinal);
    private readonly IStorymatchStore? _store;

    /// <param name="store">Where workers read a source's learned lines the first time they meet it (null: only what this instance learned).</param>
    public SourceBoilerplate(IStorymatchStore? store = null)
    {
        _store = store;
    }

    /// <summary>The source whose documents share a template: the declared source, else the URL host, else the folder of a file id ("a/b.txt" → "a").</summary>
    public static string? SourceKey(Article article)
    {
        if (!string.IsNullOrWhiteSpace(article.Source))
        {
            return article.Source.Trim();
        }

        if (article.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Host.Length > 0)
        {
            return uri.Host;
        }

        if (Uri.TryCreate(article.Id, UriKind.Absolute, out Uri? idUri) && idUri.Host.Length > 0)
        {
            return idUri.Host;
        }

        int slash = article.Id.LastIndexOf('/');
        return slash > 0 ? article.Id[..slash] : null;
    }

    /// <summary>The key of each line of <paramref name="text"/> split at line breaks: the hash of its normal form, 0 for a line that is never learned (blank, no words, too long).</summary>
    public static ulong[] LineKeys(string text)
    {
        var keys = new List<ulong>();
        foreach (ReadOnlySpan<char> line in text.AsSpan().EnumerateLines())
        {
            keys.Add(LineKey(line));
        }

        return [.. keys];
    }

    private static ulong LineKey(ReadOnlySpan<char> line)
    {
        ReadOnlySpan<char> trimmed = line.Trim();
        if (trimmed.IsEmpty || trimmed.Length > MaxLineChars)
        {
            return 0;
        }

        string normal = TextNormalizer.Normalize(trimmed.ToString());
        if (normal.Length == 0)
        {
            return 0;
        }

        ulong key = TokenHash.Hash(normal);
        return key == 0 ? 1 : key;
    }

    /// <summary>The article without the lines already learned for its source (the worker's pass).</summary>
    public Article CleanKnown(Article article, ulong[] lineKeys)
    {
        if (SourceKey(article) is not { } source)
        {
            return article;
        }

        FrozenSet<ulong> learned = _known.GetOrAdd(source, Load);
        return learned.Count == 0 ? article : Clean(article, lineKeys, learned);
    }

    private FrozenSet<ulong> Load(string source)
    {
        if (_store is null)
        {
            return FrozenSet<ulong>.Empty;
        }

        using IStoreSession read = _store.OpenRead();
        return read.SourceLines([source]) is [{ } stored] ? new SourceState(stored).LearnedKeys.ToFrozenSet() : FrozenSet<ulong>.Empty;
    }

    /// <summary>
    /// The article without its lines in <paramref name="learned"/>; unchanged when none is, or when nothing with
    /// words would be left. A title that is itself a learned line gives way to the first remaining line.
    /// </summary>
    public static Article Clean(Article article, ulong[] lineKeys, IReadOnlySet<ulong> learned)
    {
        if (learned.Count == 0 || !lineKeys.Any(learned.Contains))
        {
            return article;
        }

        var kept = new List<string>();
        int i = 0;
        bool blank = false;
        foreach (ReadOnlySpan<char> line in article.Text.AsSpan().EnumerateLines())
        {
            ulong key = i < lineKeys.Length ? lineKeys[i] : 0;
            i++;
            if (key != 0 && learned.Contains(key))
            {
                continue;
            }

            if (line.Trim().IsEmpty)
            {
                blank = kept.Count > 0;
                continue;
            }

            if (blank)
            {
                kept.Add("");
                blank = false;
            }

            kept.Add(line.ToString());
        }

        string text = string.Join('\n', kept);
        if (!HasWords(text))
        {
            return article;
        }

        string? title = article.Title;
        if (title is not null && learned.Contains(LineKey(title)))
        {
            title = TextFileSource.FirstLineTitle(text);
        }

        return article with { Text = text, Title = title };
    }

    /// <summary>
    /// Loads the state of the sources of <paramref name="articles"/> (inside the writer's unit of work), observes
    /// them in order and returns the batch: what each source has learned once the whole batch is seen.
    /// </summary>
    public Batch Observe(IStoreSession work, IReadOnlyList<(Article Article, ulong[] LineKeys)> articles)
    {
        var sources = new HashSet<string>(StringComparer.Ordinal);
        foreach ((Article a, _) in articles)
        {
            if (SourceKey(a) is { } s)
            {
                sources.Add(s);
            }
        }

        var batch = new Batch(this);
        if (sources.Count == 0)
        {
            return batch;
        }

        foreach (SourceLines stored in work.SourceLines(sources))
        {
            batch.States[stored.Source] = new SourceState(stored);
        }

        DateTimeOffset now = DateTimeOffset.UtcNow;
        foreach ((Article a, ulong[] keys) in articles)
        {
            if (SourceKey(a) is not { } source)
            {
                continue;
            }

            if (!batch.States.TryGetValue(source, out SourceState? state))
            {
                state = new SourceState(new SourceLines(source, 0, [], []));
                batch.States[source] = state;
            }

            state.Observe(a.Text, keys, now);
        }

        return batch;
    }

    /// <summary>The lines learned for <paramref name="source"/> as workers last saw them (tests, diagnostics).</summary>
    internal IReadOnlySet<ulong> Known(string source) => _known.TryGetValue(source, out FrozenSet<ulong>? set) ? set : FrozenSet<ulong>.Empty;

    private static bool HasWords(string text)
    {
        foreach (WordTokenizer.Token _ in WordTokenizer.Enumerate(text))
        {
            return true;
        }

        return false;
    }

    /// <summary>One batch's view: per source, the state after observing the batch.</summary>
    internal sealed class Batch(SourceBoilerplate owner)
    {
        public Dictionary<string, SourceState> States { get; } = new(StringComparer.Ordinal);

        /// <summary>The article cleaned with everything its source has learned, this batch included.</summary>
        public Article Clean(Article article, ulong[] lineKeys) =>
            SourceKey(article) is { } source && States.TryGetValue(source, out SourceState? state)
                ? SourceBoilerplate.Clean(article, lineKeys, state.LearnedKeys)
                : article;

        /// <summary>Writes the changed states into the unit of work.</summary>
        public void Save(IUnitOfWork work)
        {
            foreach (SourceState state in States.Values.Where(s => s.Changed).OrderBy(s => s.Source, StringComparer.Ordinal))
            {
                work.PutSourceLines(state.ToStored());
            }
        }

        /// <summary>After the commit: workers clean with the new lines from now on.</summary>
        public void Publish()
        {
            foreach (SourceState state in States.Values)
            {
                owner._known[state.Source] = state.LearnedKeys.ToFrozenSet();
            }

            // Bounded: a crawl meets many sources; workers only need the recent ones (the writer re-checks anyway).
            if (owner._known.Count > 10_000)
            {
                foreach (string source in owner._known.Keys.Where(k => !States.ContainsKey(k)).ToList())
                {
                    owner._known.TryRemove(source, out _);
                }
            }
        }
    }

    /// <summary>A source's state while a batch is observed.</summary>
    internal sealed class SourceState
    {
        private readonly Dictionary<ulong, long> _counts = [];
        private readonly Dictionary<ulong, LearnedLine> _learned = [];
        private readonly List<ulong> _learnedOrder = [];
        private long _documents;

        public SourceState(SourceLines stored)
        {
            Source = stored.Source;
            _documents = stored.Documents;
            foreach (LineCount c in stored.Candidates)
            {
                _counts[c.Line] = c.Documents;
            }

            foreach (LearnedLine l in stored.Learned)
            {
                ulong key = LineKey(l.Text);
                if (key != 0 && _learned.TryAdd(key, l))
                {
                    _learnedOrder.Add(key);
                    LearnedKeys.Add(key);
                }
            }
        }

        public string Source { get; }

        public bool Changed { get; private set; }

        public HashSet<ulong> LearnedKeys { get; } = [];

        public void Observe(string text, ulong[] keys, DateTimeOffset now)
        {
            _documents++;
            Changed = true;
            var seen = new HashSet<ulong>();
            int i = 0;
            foreach (ReadOnlySpan<char> line in text.AsSpan().EnumerateLines())
            {
                ulong key = i < keys.Length ? keys[i] : 0;
                i++;
                if (key == 0 || !seen.Add(key))
                {
                    continue;
                }

                if (_learned.TryGetValue(key, out LearnedLine? known))
                {
                    _learned[key] = known with { Documents = known.Documents + 1 };
                    continue;
                }

                long n = _counts.GetValueOrDefault(key) + 1;
                if (n >= MinDocuments && n >= MinShare * Math.Min(_documents, ShareWindow))
                {
                    _counts.Remove(key);
                    _learned[key] = new LearnedLine(line.Trim().ToString(), n, now);
                    _learnedOrder.Add(key);
                    LearnedKeys.Add(key);
                }
                else
                {
                    _counts[key] = n;
                }
            }

            if (_counts.Count > MaxCandidates)
            {
                // Keep the more frequent half; ties by key, so the result does not depend on dictionary order.
                foreach (ulong drop in _counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Skip(MaxCandidates / 2).Select(kv => kv.Key).ToList())
                {
                    _counts.Remove(drop);
                }
            }
        }

        public SourceLines ToStored() => new(
            Source,
            _documents,
            [.. _counts.OrderBy(kv => kv.Key).Select(kv => new LineCount(kv.Key, kv.Value))],
            [.. _learnedOrder.Select(k => _learned[k])]);
    }
}

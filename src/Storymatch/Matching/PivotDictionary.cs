using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Storymatch.Reading;

namespace Storymatch.Matching;

/// <summary>
/// Content words of one language mapped to English (the pivot language), read from an installed FreeDict
/// bilingual dictionary (dictd format: <c>freedict-deu-eng.index</c> and <c>freedict-deu-eng.dict.dz</c>). A word
/// maps to the content-word keys (<see cref="TermKey.Word"/>, cut like <see cref="ProfileBuilder.StemLength"/>) of
/// its first translations, so a German article's "Waldbrand" and an English one's "wildfire" meet in one term.
/// </summary>
/// <remarks>
/// Hand-written reader: the dictd format is two plain files (an index of headword, base64 offset, base64 length,
/// and a gzip-compatible data file), and no maintained .NET library reads it. The data file is read as a stream,
/// in index order sorted by offset, so memory holds the mapping only, not the 100 MB text of a large dictionary.
/// </remarks>
internal sealed class PivotLexicon
{
    /// <summary>Translations kept per headword (the first senses are the common ones).</summary>
    private const int MaxTargets = 3;

    /// <summary>Longer headwords are phrases or compounds nobody looks up one token at a time.</summary>
    private const int MaxHeadwordLength = 32;

    private readonly Dictionary<ulong, (int Start, int Count)> _entries;
    private readonly ulong[] _targets;

    private PivotLexicon(Dictionary<ulong, (int Start, int Count)> entries, ulong[] targets, bool capitalisesNouns)
    {
        _entries = entries;
        _targets = targets;
        CapitalisesNouns = capitalisesNouns;
    }

    /// <summary>The language writes its nouns with a capital (German): a capitalised word is not yet a name.</summary>
    public bool CapitalisesNouns { get; }

    /// <summary>Headwords that map to at least one English term.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// The English term keys of <paramref name="lowerWord"/> (lower case, original script), or empty. An inflected
    /// form not in the dictionary is tried with up to three final letters dropped ("Waldbrände" → "waldbränd"...),
    /// a crude stand-in for a stemmer that works for the suffixing languages the dictionaries cover.
    /// </summary>
    public ReadOnlySpan<ulong> Translate(ReadOnlySpan<char> lowerWord)
    {
        int minimum = Math.Max(4, lowerWord.Length - 3);
        for (int n = lowerWord.Length; n >= minimum || n == lowerWord.Length; n--)
        {
            if (n < 2)
            {
                break;
            }

            if (_entries.TryGetValue(HeadKey(lowerWord[..n]), out (int Start, int Count) e))
            {
                return _targets.AsSpan(e.Start, e.Count);
            }
        }

        return [];
    }

    /// <summary>Reads a dictionary from its index and data files; null when they cannot be read (the reason in <paramref name="error"/>).</summary>
    public static PivotLexicon? Load(string indexPath, string dataPath, bool capitalisesNouns, out string? error)
    {
        error = null;
        try
        {
            var index = new List<(string Head, long Offset, int Length)>();
            foreach (string line in File.ReadLines(indexPath, Encoding.UTF8))
            {
                string[] parts = line.Split('\t');
                if (parts.Length < 3 || parts[0].Length is 0 or > MaxHeadwordLength || parts[0].StartsWith("00-database", StringComparison.Ordinal)
                    || parts[0].Contains(' ', StringComparison.Ordinal))
                {
                    continue;
                }

                index.Add((parts[0].ToLowerInvariant(), Base64Number(parts[1]), (int)Math.Min(Base64Number(parts[2]), 1 << 16)));
            }

            index.Sort((a, b) => a.Offset.CompareTo(b.Offset));
            var entries = new Dictionary<ulong, (int Start, int Count)>(index.Count);
            var targets = new List<ulong>(index.Count * 2);
            Span<ulong> found = stackalloc ulong[MaxTargets];
            using var data = new GZipStream(File.OpenRead(dataPath), CompressionMode.Decompress);
            using var buffered = new BufferedStream(data, 1 << 16);
            long position = 0;
            byte[] entry = new byte[1 << 16];
            foreach ((string head, long offset, int length) in index)
            {
                if (offset < position)
                {
                    continue; // overlapping entries: already past
                }

                Skip(buffered, offset - position);
                buffered.ReadExactly(entry, 0, length);
                position = offset + length;
                ulong key = HeadKey(head);
                if (entries.ContainsKey(key))
                {
                    continue;
                }

                int n = Targets(Encoding.UTF8.GetString(entry, 0, length), found);
                if (n == 0)
                {
                    continue;
                }

                entries[key] = (targets.Count, n);
                for (int i = 0; i < n; i++)
                {
                    targets.Add(found[i]);
                }
            }

            return new PivotLexicon(entries, [.. targets], capitalisesNouns);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException or FormatException)
        {
            error = e.Message;
            return null;
        }
    }

    private static ulong HeadKey(ReadOnlySpan<char> lower) => TermKey.Of('h', lower);

    /// <summary>
    /// The English content-word keys of one entry: its first line is the headword (with pronunciation and part of
    /// speech), then senses ("1. cabinet", "bank-note"), explanations in parentheses and "see:" cross references.
    /// The first translation of each of the first senses, its content words only.
    /// </summary>
    private static int Targets(string entry, Span<ulong> found)
    {
        int n = 0;
        Span<char> latin = stackalloc char[MaxHeadwordLength * 2 * Transliterator.MaxExpansion];
        Span<char> lower = stackalloc char[MaxHeadwordLength * 2];
        bool first = true;
        foreach (ReadOnlySpan<char> rawLine in entry.AsSpan().EnumerateLines())
        {
            if (first)
            {
                first = false;
                continue;
            }

            ReadOnlySpan<char> line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '(' || line.StartsWith("see:", StringComparison.Ordinal) || line.StartsWith("Note:", StringComparison.Ordinal))
            {
                continue;
            }

            int dot = line.IndexOf(". ", StringComparison.Ordinal);
            if (dot is > 0 and <= 3 && char.IsDigit(line[0]))
            {
                line = line[(dot + 2)..];
            }

            int cut = line.IndexOfAny(",;/");
            ReadOnlySpan<char> translation = cut >= 0 ? line[..cut] : line;
            int paren = translation.IndexOfAny('(', '<', '[');
            if (paren >= 0)
            {
                translation = translation[..paren];
            }

            foreach (Text.WordTokenizer.Token token in Text.WordTokenizer.Enumerate(translation))
            {
                ReadOnlySpan<char> word = translation.Slice(token.Start, token.Length);
                if (word.Length < 2 || word.Length > lower.Length)
                {
                    continue;
                }

                int l = word.ToLowerInvariant(lower);
                if (Stopwords.Contains(lower[..l]) || lower[..l] is "sb" or "sth" or "something" or "somebody" or "someone")
                {
                    continue;
                }

                int t = Transliterator.ToLatin(lower[..l], latin);
                ulong key = TermKey.Of(TermKey.Word, latin[..Math.Min(t, ProfileBuilder.StemLength)]);
                if (found[..n].Contains(key))
                {
                    continue;
                }

                found[n++] = key;
                if (n == found.Length)
                {
                    return n;
                }
            }

            if (n >= 2)
            {
                return n;
            }
        }

        return n;
    }

    private static void Skip(Stream stream, long count)
    {
        Span<byte> sink = stackalloc byte[4096];
        while (count > 0)
        {
            int read = stream.Read(sink[..(int)Math.Min(sink.Length, count)]);
            if (read == 0)
            {
                throw new EndOfStreamException("dictionary data ends before an index offset");
            }

            count -= read;
        }
    }

    private static long Base64Number(string digits)
    {
        long v = 0;
        foreach (char c in digits)
        {
            int d = c switch
            {
                >= 'A' and <= 'Z' => c - 'A',
                >= 'a' and <= 'z' => c - 'a' + 26,
                >= '0' and <= '9' => c - '0' + 52,
                '+' => 62,
                '/' => 63,
                _ => throw new FormatException($"'{digits}' is not a dictd base64 number"),
            };
            v = (v * 64) + d;
        }

        return v;
    }
}

/// <summary>
/// The installed pivot dictionaries, one per language, loaded on first use and shared by every thread. Without
/// them Storymatch works as before (no pivot terms), and <see cref="TakeNotice"/> says so once.
/// </summary>
internal static class PivotDictionaries
{
    /// <summary>Where Debian's dict-freedict-* packages install their files.</summary>
    public const string DefaultFolder = "/usr/share/dictd";

    // ISO 639-1 → FreeDict's ISO 639-3 name of the language-to-English dictionary.
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["de"] = "deu",
        ["fr"] = "fra",
        ["es"] = "spa",
        ["it"] = "ita",
        ["pl"] = "pol",
        ["tr"] = "tur",
        ["ar"] = "ara",
        ["pt"] = "por",
        ["nl"] = "nld",
        ["sv"] = "swe",
        ["da"] = "dan",
        ["cs"] = "ces",
        ["hu"] = "hun",
        ["hr"] = "hrv",
        ["sr"] = "srp",
        ["sk"] = "slk",
        ["sl"] = "slv",
        ["fi"] = "fin",
        ["ja"] = "jpn",
    };

    private static readonly ConcurrentDictionary<string, Lazy<PivotLexicon?>> Loaded = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentQueue<string> Missing = new();
    private static int _noticed;

    /// <summary>The folder dictionaries are read from (tests point it elsewhere before first use).</summary>
    public static string Folder { get; set; } = DefaultFolder;

    /// <summary>The dictionary that maps <paramref name="language"/> to English; null for English, unknown languages and dictionaries not installed.</summary>
    public static PivotLexicon? For(string? language)
    {
        if (string.IsNullOrEmpty(language) || language.Length < 2)
        {
            return null;
        }

        string code = language.Length == 2 ? language : language[..2];
        if (!Names.TryGetValue(code, out string? name))
        {
            return null;
        }

        return Loaded.GetOrAdd(code, _ => new Lazy<PivotLexicon?>(() => LoadNamed(code, name))).Value;
    }

    /// <summary>
    /// One line saying which pivot dictionaries were wanted and not found (or could not be read), the first time
    /// there is something to say; null afterwards and while all is well.
    /// </summary>
    public static string? TakeNotice()
    {
        if (Missing.IsEmpty || Interlocked.Exchange(ref _noticed, 1) == 1)
        {
            return null;
        }

        return $"cross-language matching without a dictionary for {string.Join(", ", Missing.Distinct().Order(StringComparer.Ordinal))}: "
            + $"install the dict-freedict-*-eng packages (read from {Folder}) to match those languages' words with English ones";
    }

    private static PivotLexicon? LoadNamed(string code, string name)
    {
        string stem = Path.Combine(Folder, $"freedict-{name}-eng");
        string index = stem + ".index";
        string data = stem + ".dict.dz";
        if (!File.Exists(index) || !File.Exists(data))
        {
            Missing.Enqueue(code);
            return null;
        }

        PivotLexicon? lexicon = PivotLexicon.Load(index, data, capitalisesNouns: string.Equals(code, "de", StringComparison.OrdinalIgnoreCase), out string? error);
        if (lexicon is null)
        {
            Missing.Enqueue($"{code} ({stem}: {error})");
        }

        return lexicon;
    }
}

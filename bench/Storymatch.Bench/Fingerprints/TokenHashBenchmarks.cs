using System.IO.Hashing;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Storymatch.Fingerprints;
using Storymatch.Text;
using Storymatch.Tools.Fingerprints;

namespace Storymatch.Bench.Fingerprints;

/// <summary>
/// The hand-written <see cref="TokenHash"/> against System.IO.Hashing's <see cref="XxHash3"/> (over the token's
/// UTF-16 bytes) on the inputs the shingler hashes: 1,024 words of one length (2-12 chars, real words of the
/// generated corpus), the 600-word article's words in text order (the length mix ingest sees), and 5-word shingle
/// texts (not what the shingler hashes, which rolls token hashes, but the input an XxHash3-per-shingle design
/// would take). Figures are per hash. Run:
/// <c>dotnet run -c Release --project bench/Storymatch.Bench -- --filter '*TokenHash*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class TokenHashBenchmarks
{
    private const int Inputs = 1024;

    private char[] _chars = [];
    private (int Start, int Length)[] _inputs = [];

    /// <summary>A word length in chars, "article" (the article's words as they come) or "shingle5" (5-word texts).</summary>
    [Params("2", "4", "6", "8", "10", "12", "article", "shingle5")]
    public string Input { get; set; } = "article";

    [GlobalSetup]
    public void Setup()
    {
        string article = MinHashBenchmarks.SixHundredWordArticle();
        List<string> articleWords = WordTokenizer.Tokens(article);
        List<string> inputs = Input switch
        {
            "article" => [.. Cycle(articleWords)],
            "shingle5" => [.. Cycle(Enumerable.Range(0, articleWords.Count - 4).Select(i => string.Join(' ', articleWords.Skip(i).Take(5))).ToList())],
            _ => [.. Cycle(CorpusWords(int.Parse(Input, System.Globalization.CultureInfo.InvariantCulture)))],
        };

        // One char buffer with every input in it, so both hashes read the same memory the same way.
        _chars = string.Concat(inputs).ToCharArray();
        _inputs = new (int, int)[Inputs];
        int start = 0;
        for (int i = 0; i < Inputs; i++)
        {
            _inputs[i] = (start, inputs[i].Length);
            start += inputs[i].Length;
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Inputs)]
    public ulong Handwritten()
    {
        ReadOnlySpan<char> chars = _chars;
        ulong acc = 0;
        foreach ((int start, int length) in _inputs)
        {
            acc ^= TokenHash.Hash(chars.Slice(start, length));
        }

        return acc;
    }

    [Benchmark(OperationsPerInvoke = Inputs)]
    public ulong XxHash3_64()
    {
        ReadOnlySpan<char> chars = _chars;
        ulong acc = 0;
        foreach ((int start, int length) in _inputs)
        {
            acc ^= XxHash3.HashToUInt64(MemoryMarshal.AsBytes(chars.Slice(start, length)));
        }

        return acc;
    }

    /// <summary>Distinct words of exactly <paramref name="length"/> chars from the generated corpus, in order of appearance.</summary>
    private static List<string> CorpusWords(int length)
    {
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (GeneratedArticle article in new PlantedCorpusGenerator(42).Generate(2000))
        {
            foreach (string word in WordTokenizer.Tokens(TextNormalizer.Normalize(article.Text)))
            {
                if (word.Length == length && seen.Add(word))
                {
                    words.Add(word);
                    if (words.Count == Inputs)
                    {
                        return words;
                    }
                }
            }
        }

        if (words.Count == 0)
        {
            throw new InvalidOperationException($"the generator made no word of {length} chars");
        }

        return words;
    }

    private static IEnumerable<string> Cycle(List<string> items) => Enumerable.Range(0, Inputs).Select(i => items[i % items.Count]);
}

/// <summary>
/// The same comparison inside the pipeline, on the 600-word article at 128 permutations: shingle hashing
/// (tokenise, hash each token, roll 5-word shingles) and the whole MinHash signature from text, with the
/// production <see cref="TokenHash"/> and with <see cref="XxHash3"/> as the token hash (same rolling window), and
/// with XxHash3 of each whole 5-word shingle text instead of rolling token hashes. Run with
/// <see cref="TokenHashBenchmarks"/> (same filter).
/// </summary>
[MemoryDiagnoser]
public class TokenHashSignatureBenchmarks
{
    private readonly MinHasher _hasher = new();
    private readonly uint[] _signature = new uint[128];
    private string _normalized = string.Empty;
    private ulong[] _shingleBuffer = [];

    [GlobalSetup]
    public void Setup()
    {
        _normalized = MinHashBenchmarks.SixHundredWordArticle();
        _shingleBuffer = new ulong[Shingles.MaxCount(_normalized.Length)];
        int expected = Shingles.Hash(_normalized, Shingles.DefaultSize, _shingleBuffer);
        if (ShinglesXxHash3(_normalized, _shingleBuffer) != expected || ShinglesXxHash3Whole(_normalized, _shingleBuffer) != expected)
        {
            throw new InvalidOperationException("the XxHash3 shinglers do not give one hash per production shingle");
        }
    }

    [Benchmark(Baseline = true)]
    public int Shingles_Handwritten() => Shingles.Hash(_normalized, Shingles.DefaultSize, _shingleBuffer);

    [Benchmark]
    public int Shingles_XxHash3Tokens() => ShinglesXxHash3(_normalized, _shingleBuffer);

    [Benchmark]
    public int Shingles_XxHash3WholeShingle() => ShinglesXxHash3Whole(_normalized, _shingleBuffer);

    [Benchmark]
    public uint Signature_Handwritten()
    {
        _hasher.ComputeSignature(_normalized, _signature);
        return _signature[0];
    }

    [Benchmark]
    public uint Signature_XxHash3Tokens()
    {
        int count = ShinglesXxHash3(_normalized, _shingleBuffer);
        _hasher.ComputeSignature(_shingleBuffer.AsSpan(0, count), _signature);
        return _signature[0];
    }

    [Benchmark]
    public uint Signature_XxHash3WholeShingle()
    {
        int count = ShinglesXxHash3Whole(_normalized, _shingleBuffer);
        _hasher.ComputeSignature(_shingleBuffer.AsSpan(0, count), _signature);
        return _signature[0];
    }

    /// <summary><see cref="Shingles.Hash(ReadOnlySpan{char}, int, Span{ulong})"/> with XxHash3 as the token hash: same tokenizer, same rolling window.</summary>
    private static int ShinglesXxHash3(ReadOnlySpan<char> normalized, Span<ulong> destination)
    {
        var window = new ShingleWindow(Shingles.DefaultSize, stackalloc ulong[Shingles.DefaultSize]);
        int written = 0;
        foreach (WordTokenizer.Token token in WordTokenizer.Enumerate(normalized))
        {
            ulong tokenHash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(normalized.Slice(token.Start, token.Length)));
            if (window.Push(tokenHash, out ulong shingle))
            {
                destination[written++] = shingle;
            }
        }

        if (window.TryShort(out ulong all))
        {
            destination[written++] = all;
        }

        return written;
    }

    /// <summary>One XxHash3 of each 5-word shingle's text (first token's start to last token's end), no rolling.</summary>
    private static int ShinglesXxHash3Whole(ReadOnlySpan<char> normalized, Span<ulong> destination)
    {
        const int size = Shingles.DefaultSize;
        Span<int> starts = stackalloc int[size];
        int tokens = 0, written = 0, lastEnd = 0;
        foreach (WordTokenizer.Token token in WordTokenizer.Enumerate(normalized))
        {
            starts[tokens % size] = token.Start;
            lastEnd = token.End;
            tokens++;
            if (tokens >= size)
            {
                int first = starts[tokens % size];
                destination[written++] = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(normalized[first..lastEnd]));
            }
        }

        if (tokens is > 0 and < size)
        {
            destination[written++] = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(normalized[starts[0]..lastEnd]));
        }

        return written;
    }
}

using BenchmarkDotNet.Attributes;
using Storymatch.Fingerprints;
using Storymatch.Text;
using Storymatch.Tools.Fingerprints;

namespace Storymatch.Bench;

/// <summary>
/// MinHash of one 600-word generated news article at 128 permutations (the target: at most 20 us and
/// 0 bytes per document): from normalised text, and from precomputed shingles per SIMD tier against the plain
/// scalar reference. Run: <c>dotnet run -c Release --project bench/Storymatch.Bench -- --filter '*MinHash*'</c>.
/// </summary>
[MemoryDiagnoser]
public class MinHashBenchmarks
{
    private readonly MinHasher _hasher = new();
    private readonly MinHasher _version1 = new(new MinHashOptions { Scheme = MinHashScheme.IndependentPermutations });
    private readonly uint[] _signature = new uint[128];
    private string _normalized = string.Empty;
    private ulong[] _shingles = [];
    private ulong[] _shingleBuffer = [];

    [GlobalSetup]
    public void Setup()
    {
        _normalized = SixHundredWordArticle();
        _shingleBuffer = new ulong[Shingles.MaxCount(_normalized.Length)];
        _shingles = _shingleBuffer[..Shingles.Hash(_normalized, Shingles.DefaultSize, _shingleBuffer)];
    }

    /// <summary>The end-to-end figure: tokenise, hash 5-word shingles, MinHash. What ingest pays per document.</summary>
    [Benchmark]
    public uint SignatureFromText()
    {
        _hasher.ComputeSignature(_normalized, _signature);
        return _signature[0];
    }

    /// <summary>The same with fingerprint version 1 (128 independent permutations), as older stores pay.</summary>
    [Benchmark]
    public uint SignatureFromText_IndependentPermutations()
    {
        _version1.ComputeSignature(_normalized, _signature);
        return _signature[0];
    }

    /// <summary>The shared tokenizer alone, to show how much of <see cref="ShingleHashing"/> is tokenising.</summary>
    [Benchmark]
    public int Tokenize() => WordTokenizer.Count(_normalized);

    /// <summary>Tokenise + 64-bit token hashes + rolling 5-word shingles, through the vectorised word scanner.</summary>
    [Benchmark]
    public int ShingleHashing() => Shingles.Hash(_normalized, Shingles.DefaultSize, _shingleBuffer);

    /// <summary>The same through the general tokenizer (what texts in unspaced scripts take).</summary>
    [Benchmark]
    public int ShingleHashing_GeneralTokenizer() => Shingles.Hash(_normalized, Shingles.DefaultSize, _shingleBuffer, WordScanner.Width.Scalar, useScanner: false);

    /// <summary>The one-permutation kernel (bins + densification) from precomputed shingles.</summary>
    [Benchmark]
    public uint ShinglesToSignature_OnePermutation()
    {
        _hasher.ComputeSignature(_shingles, _signature);
        return _signature[0];
    }

    [Benchmark(Baseline = true)]
    public uint ShinglesToSignature_ScalarReference()
    {
        _version1.ComputeReference(_shingles, _signature);
        return _signature[0];
    }

    [Benchmark]
    public uint ShinglesToSignature_ScalarTier() => Tier(MinHasher.VectorWidth.Scalar);

    [Benchmark]
    public uint ShinglesToSignature_Vector128() => Tier(MinHasher.VectorWidth.Vector128);

    [Benchmark]
    public uint ShinglesToSignature_Vector256() => Tier(MinHasher.VectorWidth.Vector256);

    private uint Tier(MinHasher.VectorWidth width)
    {
        MinHasher.Reset(_signature);
        _version1.Update(_shingles, _signature, width);
        return _signature[0];
    }

    /// <summary>The first generated original of at least 600 words, cut to exactly 600 and normalised.</summary>
    internal static string SixHundredWordArticle()
    {
        foreach (GeneratedArticle article in new PlantedCorpusGenerator(42).Generate(1000))
        {
            List<string> words = WordTokenizer.Tokens(TextNormalizer.Normalize(article.Text));
            if (article.Kind == "original" && words.Count >= 600)
            {
                return string.Join(' ', words.Take(600));
            }
        }

        throw new InvalidOperationException("the generator made no article of 600 words");
    }
}

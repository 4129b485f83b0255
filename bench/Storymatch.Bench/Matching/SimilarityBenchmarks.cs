using BenchmarkDotNet.Attributes;
using Storymatch.Matching;

namespace Storymatch.Bench.Matching;

/// <summary>
/// Cost of the similarity model on the seed articles (about 3-6 KB of text each): building a profile, weighing it
/// under term statistics, and scoring one pair from profiles or from weighted profiles (what story assignment pays
/// per candidate).
/// Run: <c>dotnet run -c Release --project bench/Storymatch.Bench -- --filter '*SimilarityBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class SimilarityBenchmarks
{
    private string[] _texts = [];
    private ArticleProfile[] _profiles = [];
    private TermStatistics _stats = new();
    private WeightedProfile[] _weighted = [];

    [GlobalSetup]
    public void Setup()
    {
        string seeds = Path.Combine(FindRoot(), "..", "shared", "seeds");
        if (!Directory.Exists(seeds))
        {
            seeds = Path.Combine(FindRoot(), "..", "..", "shared", "seeds");
        }

        _texts = Directory.GetFiles(seeds, "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        _profiles = _texts.Select(t => ArticleProfile.Create(null, t, "en")).ToArray();
        _stats = TermStatistics.From(_profiles);
        _weighted = _profiles.Select(p => WeightedProfile.Create(p, _stats)).ToArray();
    }

    [Benchmark]
    public object BuildProfile() => ArticleProfile.Create(null, _texts[2], "en");

    [Benchmark]
    public double ScorePair() => StorySimilarity.Score(_profiles[0], _profiles[3], _stats).Score;

    [Benchmark]
    public object WeighProfile() => WeightedProfile.Create(_profiles[3], _stats);

    [Benchmark]
    public double ScoreWeightedPair() => StorySimilarity.Score(_weighted[0], _weighted[3]).Score;

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Storymatch.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Storymatch.slnx not found above " + AppContext.BaseDirectory);
    }
}

using Storymatch.Cli.Commands;

namespace Storymatch.Tests.Cli;

public class PairwiseAgreementTests
{
    [Fact]
    public void Score_counts_pairs_reference_value()
    {
        // Labels: {a,b,c} one story, d alone. Prediction: {a,b} {c,d}. Pairs together in truth: ab ac bc (3);
        // predicted together: ab cd (2); both: ab. P = 1/2, R = 1/3, F1 = 0.4.
        var labels = new Dictionary<string, string?> { ["a"] = "s", ["b"] = "s", ["c"] = "s", ["d"] = null };
        var clusters = new Dictionary<string, int> { ["a"] = 1, ["b"] = 1, ["c"] = 2, ["d"] = 2 };
        (double p, double r, double f1) = PairwiseAgreement.Score(["a", "b", "c", "d"], id => labels[id], id => clusters[id]);
        Assert.Equal(0.5, p, 12);
        Assert.Equal(1.0 / 3, r, 12);
        Assert.Equal(0.4, f1, 12);
    }

    [Fact]
    public void Score_of_all_singletons_is_perfect_by_convention()
    {
        (double p, double r, _) = PairwiseAgreement.Score<string, int>(["a", "b"], _ => null, id => id == "a" ? 1 : 2);
        Assert.Equal(1, p);
        Assert.Equal(1, r);
    }
}

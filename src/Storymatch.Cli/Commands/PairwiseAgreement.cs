namespace Storymatch.Cli.Commands;

/// <summary>
/// How well a clustering agrees with labels, counted over pairs of articles: a pair is a true positive when both
/// put the two articles together. Precision, recall and F1 over those pairs are the usual measure for story
/// grouping, and do not depend on how clusters are numbered. The demo checks its stories against
/// samples/expected.json with it; tests score story clustering with the same code.
/// </summary>
internal static class PairwiseAgreement
{
    /// <summary>
    /// Scores <paramref name="predicted"/> (article → cluster) against <paramref name="expected"/> (article → label;
    /// null: an article on its own, together with nothing) over <paramref name="ids"/>, which both must contain.
    /// An empty side counts as perfect (1).
    /// </summary>
    public static (double Precision, double Recall, double F1) Score<TLabel, TCluster>(
        IReadOnlyList<string> ids, Func<string, TLabel?> expected, Func<string, TCluster> predicted)
        where TLabel : class
    {
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < ids.Count; i++)
        {
            TLabel? labelI = expected(ids[i]);
            TCluster clusterI = predicted(ids[i]);
            for (int j = i + 1; j < ids.Count; j++)
            {
                bool same = labelI is not null && labelI.Equals(expected(ids[j]));
                bool together = EqualityComparer<TCluster>.Default.Equals(clusterI, predicted(ids[j]));
                tp += same && together ? 1 : 0;
                fp += !same && together ? 1 : 0;
                fn += same && !together ? 1 : 0;
            }
        }

        double precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
        double recall = tp + fn == 0 ? 1 : (double)tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (precision, recall, f1);
    }
}

using System.Globalization;
using Storymatch.Fingerprints;

namespace Storymatch.Storage;

/// <summary>
/// How a store's signatures and LSH buckets were made: shingle size, permutations, seed, and the banding
/// derived from the ingest threshold. Fixed when the first document is stored and kept in the settings table,
/// because stored signatures and buckets are only comparable with ones made the same way (a later change of
/// defaults must not silently mix schemes). Bands and rows are stored, not re-derived, for the same reason.
/// </summary>
public sealed record FingerprintSettings(MinHashOptions MinHash, double Threshold, LshParameters Lsh)
{
    /// <summary>The default near-duplicate threshold (Jaccard of 5-word shingles).</summary>
    public const double DefaultThreshold = 0.8;

    private const string ShingleKey = "minhash.shingle_size", PermutationsKey = "minhash.permutations", SeedKey = "minhash.seed";
    private const string ThresholdKey = "lsh.threshold", BandsKey = "lsh.bands", RowsKey = "lsh.rows";

    /// <summary>5-word shingles, 128 permutations, bands and rows for Jaccard 0.8.</summary>
    public static FingerprintSettings Default { get; } = For(MinHashOptions.Default, DefaultThreshold);

    /// <summary>Settings for <paramref name="minHash"/> with the banding that suits <paramref name="threshold"/>.</summary>
    public static FingerprintSettings For(MinHashOptions minHash, double threshold) =>
        new(minHash, threshold, LshParameters.ForThreshold(threshold, minHash.Permutations));

    /// <summary>The store's settings; when it has none yet, <paramref name="requested"/> (or the defaults) are recorded and returned.</summary>
    public static FingerprintSettings LoadOrInitialise(DocumentStore store, FingerprintSettings? requested = null)
    {
        if (Load(store) is { } stored)
        {
            if (requested is not null && requested != stored)
            {
                throw new StoreException($"{store.FilePath} was fingerprinted with {stored}; it cannot take documents fingerprinted with {requested}");
            }

            return stored;
        }

        FingerprintSettings settings = requested ?? Default;
        store.SetSetting(ShingleKey, Format(settings.MinHash.ShingleSize));
        store.SetSetting(PermutationsKey, Format(settings.MinHash.Permutations));
        store.SetSetting(SeedKey, settings.MinHash.Seed.ToString(CultureInfo.InvariantCulture));
        store.SetSetting(ThresholdKey, settings.Threshold.ToString("R", CultureInfo.InvariantCulture));
        store.SetSetting(BandsKey, Format(settings.Lsh.Bands));
        store.SetSetting(RowsKey, Format(settings.Lsh.Rows));
        return settings;
    }

    /// <summary>The store's settings, or null for a store that has never been fingerprinted.</summary>
    public static FingerprintSettings? Load(DocumentStore store)
    {
        if (store.GetSetting(PermutationsKey) is not { } permutations)
        {
            return null;
        }

        var minHash = new MinHashOptions
        {
            ShingleSize = int.Parse(store.GetSetting(ShingleKey)!, CultureInfo.InvariantCulture),
            Permutations = int.Parse(permutations, CultureInfo.InvariantCulture),
            Seed = ulong.Parse(store.GetSetting(SeedKey)!, CultureInfo.InvariantCulture),
        };
        return new FingerprintSettings(
            minHash,
            double.Parse(store.GetSetting(ThresholdKey)!, CultureInfo.InvariantCulture),
            new LshParameters(int.Parse(store.GetSetting(BandsKey)!, CultureInfo.InvariantCulture), int.Parse(store.GetSetting(RowsKey)!, CultureInfo.InvariantCulture)));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{MinHash.ShingleSize}-word shingles, {MinHash.Permutations} permutations, seed {MinHash.Seed}, {Lsh.Bands} bands x {Lsh.Rows} rows (threshold {Threshold})");

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}

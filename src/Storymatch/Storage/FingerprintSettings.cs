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

    /// <summary>
    /// The version of how fingerprints are computed (token hash, shingling, MinHash scheme). A store records it with
    /// its settings. Version 1 is <see cref="MinHashScheme.IndependentPermutations"/> (stores from before versions
    /// were recorded are 1), version 2 <see cref="MinHashScheme.OnePermutation"/>: a version-1 store keeps working
    /// with the scheme it was made with, and new stores get version 2. A store made by a newer version is refused
    /// with a message saying what to do.
    /// </summary>
    public const int CurrentVersion = 2;

    private const string VersionKey = "fingerprints.version";

    /// <summary>The store's settings; when it has none yet, <paramref name="requested"/> (or the defaults) are recorded and returned.</summary>
    internal static FingerprintSettings LoadOrInitialise(IUnitOfWork work, string location, FingerprintSettings? requested = null)
    {
        if (Load(work, location) is { } stored)
        {
            if (requested is not null && requested != stored)
            {
                throw new StoreException($"{location} was fingerprinted with {stored}; it cannot take documents fingerprinted with {requested}");
            }

            return stored;
        }

        FingerprintSettings settings = requested ?? Default;
        work.SetSetting(VersionKey, Format(VersionOf(settings.MinHash.Scheme)));
        work.SetSetting(ShingleKey, Format(settings.MinHash.ShingleSize));
        work.SetSetting(PermutationsKey, Format(settings.MinHash.Permutations));
        work.SetSetting(SeedKey, settings.MinHash.Seed.ToString(CultureInfo.InvariantCulture));
        work.SetSetting(ThresholdKey, settings.Threshold.ToString("R", CultureInfo.InvariantCulture));
        work.SetSetting(BandsKey, Format(settings.Lsh.Bands));
        work.SetSetting(RowsKey, Format(settings.Lsh.Rows));
        return settings;
    }

    /// <summary>The store's settings, or null for a store that has never been fingerprinted.</summary>
    /// <exception cref="StoreException">The store was fingerprinted by another fingerprint version.</exception>
    internal static FingerprintSettings? Load(IStoreSession store, string location)
    {
        if (store.GetSetting(PermutationsKey) is not { } permutations)
        {
            return null;
        }

        int version = int.TryParse(store.GetSetting(VersionKey), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : 1;
        if (version is < 1 or > CurrentVersion)
        {
            throw new StoreException(version > CurrentVersion
                ? $"{location}: fingerprints were made by a newer storymatch (fingerprint version {version}, this one knows 1 to {CurrentVersion}); upgrade storymatch"
                : $"{location}: unknown fingerprint version {version}; export the documents ('storymatch export --db {location} > docs.jsonl') and ingest them into a new database");
        }

        var minHash = new MinHashOptions
        {
            ShingleSize = int.Parse(store.GetSetting(ShingleKey)!, CultureInfo.InvariantCulture),
            Permutations = int.Parse(permutations, CultureInfo.InvariantCulture),
            Seed = ulong.Parse(store.GetSetting(SeedKey)!, CultureInfo.InvariantCulture),
            Scheme = version == 1 ? MinHashScheme.IndependentPermutations : MinHashScheme.OnePermutation,
        };
        return new FingerprintSettings(
            minHash,
            double.Parse(store.GetSetting(ThresholdKey)!, CultureInfo.InvariantCulture),
            new LshParameters(int.Parse(store.GetSetting(BandsKey)!, CultureInfo.InvariantCulture), int.Parse(store.GetSetting(RowsKey)!, CultureInfo.InvariantCulture)));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{MinHash.ShingleSize}-word shingles, {MinHash.Permutations} {(MinHash.Scheme == MinHashScheme.OnePermutation ? "one-permutation bins" : "permutations")}, seed {MinHash.Seed}, {Lsh.Bands} bands x {Lsh.Rows} rows (threshold {Threshold})");

    /// <summary>The fingerprint version that records <paramref name="scheme"/>.</summary>
    internal static int VersionOf(MinHashScheme scheme) => scheme == MinHashScheme.IndependentPermutations ? 1 : 2;

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}

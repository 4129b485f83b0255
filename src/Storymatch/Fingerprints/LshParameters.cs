using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Storymatch.Fingerprints;

/// <summary>
/// Locality-sensitive hashing over MinHash signatures: the first <see cref="Bands"/> x <see cref="Rows"/>
/// signature values cut into bands of <see cref="Rows"/> values; two documents become a candidate pair when
/// any band is equal. For Jaccard similarity s the candidate probability is the S-curve
/// <c>P(s) = 1 - (1 - s^rows)^bands</c>.
/// </summary>
public sealed record LshParameters
{
    /// <summary>Default weight of false negatives. Candidates are verified exactly, so a missed pair costs far more than an extra check.</summary>
    public const double DefaultFalseNegativeWeight = 0.95;

    private const int IntegrationSteps = 512;

    public LshParameters(int bands, int rows)
    {
        if (bands < 1 || rows < 1)
        {
            ThrowInvalid(bands, rows);
        }

        Bands = bands;
        Rows = rows;
    }

    public int Bands { get; }

    public int Rows { get; }

    /// <summary>Signature values the bands use (Bands x Rows); any further values only refine the estimate.</summary>
    public int SignatureValuesUsed => Bands * Rows;

    /// <summary>The probability that two documents of Jaccard similarity <paramref name="similarity"/> share a band.</summary>
    public double CandidateProbability(double similarity) => 1 - Math.Pow(1 - Math.Pow(similarity, Rows), Bands);

    /// <summary>Expected false-positive mass: the integral of P(s) over [0, threshold].</summary>
    public double FalsePositiveArea(double threshold) => Integrate(CandidateProbability, 0, threshold);

    /// <summary>Expected false-negative mass: the integral of 1 - P(s) over [threshold, 1].</summary>
    public double FalseNegativeArea(double threshold) => Integrate(s => 1 - CandidateProbability(s), threshold, 1);

    /// <summary>
    /// The bands and rows (bands x rows &lt;= permutations) that minimise
    /// <c>(1 - w) * FalsePositiveArea + w * FalseNegativeArea</c> with w = <paramref name="falseNegativeWeight"/>,
    /// integrating the S-curve numerically (Simpson's rule, 512 intervals each side); Results are cached per argument triple.
    /// </summary>
    public static LshParameters ForThreshold(double threshold, int permutations, double falseNegativeWeight = DefaultFalseNegativeWeight)
    {
        if (!(threshold > 0 && threshold < 1) || permutations < 1 || !(falseNegativeWeight >= 0 && falseNegativeWeight <= 1))
        {
            ThrowOutOfRange(threshold, permutations, falseNegativeWeight);
        }

        return Cache.GetOrAdd((threshold, permutations, falseNegativeWeight), key => Optimise(key.Threshold, key.Permutations, key.Weight));
    }

    private static readonly ConcurrentDictionary<(double Threshold, int Permutations, double Weight), LshParameters> Cache = new();

    // The same Simpson sums as FalsePositiveArea/FalseNegativeArea, organised so the whole search costs
    // multiplications only: for each row count r the grid holds 1 - s^r, and (1 - s^r)^b grows one band at a time.
    private static LshParameters Optimise(double threshold, int permutations, double falseNegativeWeight)
    {
        const int Points = IntegrationSteps + 1;
        double[] below = new double[Points]; // s over [0, threshold]
        double[] above = new double[Points]; // s over [threshold, 1]
        double[] weights = new double[Points];
        for (int i = 0; i < Points; i++)
        {
            below[i] = threshold * i / IntegrationSteps;
            above[i] = threshold + ((1 - threshold) * i / IntegrationSteps);
            weights[i] = i == 0 || i == IntegrationSteps ? 1 : i % 2 == 1 ? 4 : 2;
        }

        double belowStep = threshold / IntegrationSteps / 3, aboveStep = (1 - threshold) / IntegrationSteps / 3;
        double[] missBelow = new double[Points]; // 1 - s^r, then (1 - s^r)^b
        double[] missAbove = new double[Points];
        double[] powerBelow = new double[Points]; // s^r
        double[] powerAbove = new double[Points];
        Array.Fill(powerBelow, 1.0);
        Array.Fill(powerAbove, 1.0);
        LshParameters? best = null;
        double bestCost = double.PositiveInfinity;
        for (int rows = 1; rows <= permutations; rows++)
        {
            for (int i = 0; i < Points; i++)
            {
                powerBelow[i] *= below[i];
                powerAbove[i] *= above[i];
                missBelow[i] = 1;
                missAbove[i] = 1;
            }

            for (int bands = 1; bands * rows <= permutations; bands++)
            {
                double falsePositive = 0, falseNegative = 0;
                for (int i = 0; i < Points; i++)
                {
                    missBelow[i] *= 1 - powerBelow[i];
                    missAbove[i] *= 1 - powerAbove[i];
                    falsePositive += weights[i] * (1 - missBelow[i]);
                    falseNegative += weights[i] * missAbove[i];
                }

                double cost = ((1 - falseNegativeWeight) * falsePositive * belowStep) + (falseNegativeWeight * falseNegative * aboveStep);
                if (cost < bestCost)
                {
                    bestCost = cost;
                    best = new LshParameters(bands, rows);
                }
            }
        }

        return best!;
    }

    /// <summary>
    /// Writes one 64-bit hash per band of <paramref name="signature"/> into <paramref name="destination"/>
    /// (<see cref="Bands"/> values). The band index is part of the hash, so equal values in different bands
    /// differ and all bands can share one bucket table (store them as <c>unchecked((long)hash)</c> in SQLite).
    /// </summary>
    public void ComputeBandHashes(ReadOnlySpan<uint> signature, Span<ulong> destination)
    {
        if (signature.Length < SignatureValuesUsed || destination.Length < Bands)
        {
            ThrowBandLengths(signature.Length, destination.Length);
        }

        for (int band = 0; band < Bands; band++)
        {
            ulong h = TokenHash.Mix((ulong)(band + 1) * 0x9E3779B97F4A7C15UL);
            ReadOnlySpan<uint> rows = signature.Slice(band * Rows, Rows);
            foreach (uint value in rows)
            {
                h = TokenHash.Mix(h ^ value);
            }

            destination[band] = h;
        }
    }

    /// <summary>The band hashes of <paramref name="signature"/> as a new array.</summary>
    public ulong[] ComputeBandHashes(ReadOnlySpan<uint> signature)
    {
        ulong[] hashes = new ulong[Bands];
        ComputeBandHashes(signature, hashes);
        return hashes;
    }

    private static double Integrate(Func<double, double> f, double from, double to)
    {
        double h = (to - from) / IntegrationSteps;
        double sum = f(from) + f(to);
        for (int i = 1; i < IntegrationSteps; i++)
        {
            sum += f(from + (i * h)) * (i % 2 == 1 ? 4 : 2);
        }

        return sum * h / 3;
    }

    [DoesNotReturn]
    private static void ThrowInvalid(int bands, int rows) =>
        throw new ArgumentOutOfRangeException(nameof(bands), $"Bands ({bands}) and rows ({rows}) must both be at least 1.");

    [DoesNotReturn]
    private static void ThrowOutOfRange(double threshold, int permutations, double weight) =>
        throw new ArgumentOutOfRangeException(nameof(threshold),
            $"Need 0 < threshold < 1 (got {threshold}), permutations >= 1 (got {permutations}) and 0 <= false-negative weight <= 1 (got {weight}).");

    [DoesNotReturn]
    private static void ThrowBandLengths(int signature, int destination) =>
        throw new ArgumentException($"Band hashing needs a signature of at least Bands x Rows values and room for Bands hashes (got {signature} and {destination}).");
}

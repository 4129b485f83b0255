using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text;
using Storymatch.Fingerprints;

namespace Storymatch.Tests.Fingerprints;

/// <summary>
/// Signatures must not depend on the SIMD tier the JIT picks. The test assembly re-launches itself with
/// DOTNET_EnableHWIntrinsic=0 (scalar only) and DOTNET_EnableAVX2=0 (no Vector256) and compares the
/// signatures the child prints with the ones computed here.
/// </summary>
public class HardwareIntrinsicsTests
{
    private const string ChildVariable = "STORYMATCH_SIGNATURE_CHILD";

    [Theory]
    [InlineData("DOTNET_EnableHWIntrinsic", false, false)]
    [InlineData("DOTNET_EnableAVX2", false, null)]
    public void Child_process_with_intrinsics_off_prints_identical_signatures(string variable, bool expect256, bool? expect128)
    {
        string[] child = RunChild(variable);
        string[] expected = SignatureLines();

        // The first line says which tiers the child's JIT enabled: proof that the switch took effect.
        Dictionary<string, bool> tiers = child[0].Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => bool.Parse(p[1]));
        Assert.Equal(expect256, tiers["v256"]);
        if (expect128 is bool v128)
        {
            Assert.Equal(v128, tiers["v128"]);
        }

        Assert.Equal(expected.Length, child.Length - 1);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i] == child[i + 1], $"line {i}: in-process {expected[i][..Math.Min(60, expected[i].Length)]}... differs from child");
        }
    }

    /// <summary>
    /// The child's entry: when the variable is set, print and exit before the test runner starts. A module
    /// initializer runs before the assembly's (generated) Main, which is what makes this possible.
    /// </summary>
    [ModuleInitializer]
#pragma warning disable CA2255 // The test assembly is an executable; this is its child-process entry, not library code.
    internal static void ChildEntry()
#pragma warning restore CA2255
    {
        string? output = Environment.GetEnvironmentVariable(ChildVariable);
        if (string.IsNullOrEmpty(output))
        {
            return;
        }

        var lines = new List<string> { $"v256={Vector256.IsHardwareAccelerated} v128={Vector128.IsHardwareAccelerated}" };
        lines.AddRange(SignatureLines());
        File.WriteAllLines(output, lines);
        Environment.Exit(0);
    }

    /// <summary>Signatures through the public dispatch at every permutation count, from shingle arrays and from text.</summary>
    private static string[] SignatureLines()
    {
        var lines = new List<string>();
        var random = new Random(4242);
        foreach (MinHashScheme scheme in Enum.GetValues<MinHashScheme>())
        {
            foreach (int permutations in MinHasherTests.PermutationCounts)
            {
                var hasher = new MinHasher(new MinHashOptions { Permutations = permutations, Scheme = scheme });
                foreach (int shingles in MinHasherTests.ShingleCounts)
                {
                    lines.Add(Format(MinHasherTests.Signature(hasher, MinHasherTests.RandomShingles(random, shingles))));
                }

                lines.Add(Format(hasher.ComputeSignature(MinHasherTests.Sentence)));
            }
        }

        // Texts long enough for the vectorised word scanner (64-character blocks and a tail), with accents,
        // joiners and punctuation, through the whole text-to-signature path.
        var text = new MinHasher();
        foreach (string sample in Storymatch.Tests.Text.WordScannerTests.RandomTexts(new Random(77), 40))
        {
            lines.Add(Format(text.ComputeSignature(sample)));
        }

        return [.. lines];
    }

    private static string Format(uint[] signature)
    {
        var sb = new StringBuilder(signature.Length * 9);
        foreach (uint value in signature)
        {
            sb.Append(value.ToString("x8", CultureInfo.InvariantCulture)).Append(' ');
        }

        return sb.ToString();
    }

    private static string[] RunChild(string disabledFeature)
    {
        string output = Path.Combine(Path.GetTempPath(), $"storymatch-sig-{Guid.NewGuid():N}.txt");
        string assembly = typeof(HardwareIntrinsicsTests).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(assembly);
        start.Environment[ChildVariable] = output;
        start.Environment[disabledFeature] = "0";
        try
        {
            using Process process = Process.Start(start)!;
            Task<string> stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), "child process timed out");
            Assert.True(process.ExitCode == 0, $"child exited with {process.ExitCode}: {stderr.Result}");
            return File.ReadAllLines(output);
        }
        finally
        {
            File.Delete(output);
        }
    }
}

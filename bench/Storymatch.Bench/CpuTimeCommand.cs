using System.Diagnostics;
using System.Globalization;

namespace Storymatch.Bench;

/// <summary>
/// <c>minhash-cpu [--iterations N]</c>: the MinHash benchmark cases timed by process CPU time as well as wall time.
/// On a shared machine wall time includes time spent descheduled; CPU time of this single-threaded loop does
/// not, so the two together show what the code costs and what the machine's load added. Allocation per
/// operation comes from the GC's per-thread counter. BenchmarkDotNet remains the reference harness.
/// </summary>
public static class CpuTimeCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        int iterations = 100_000;
        if (args is ["--iterations", var value] && (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1))
        {
            stderr.WriteLine("minhash-cpu: --iterations needs a positive integer");
            return 2;
        }
        else if (args.Length != 0 && args is not ["--iterations", _])
        {
            stderr.WriteLine("usage: minhash-cpu [--iterations N]");
            return 2;
        }

        var bench = new MinHashBenchmarks();
        bench.Setup();
        (string Name, Func<long> Run)[] cases =
        [
            ("SignatureFromText", () => bench.SignatureFromText()),
            ("SignatureFromText_IndependentPermutations", () => bench.SignatureFromText_IndependentPermutations()),
            ("Tokenize", () => bench.Tokenize()),
            ("ShingleHashing", () => bench.ShingleHashing()),
            ("ShingleHashing_GeneralTokenizer", () => bench.ShingleHashing_GeneralTokenizer()),
            ("ShinglesToSignature_OnePermutation", () => bench.ShinglesToSignature_OnePermutation()),
            ("ShinglesToSignature_Vector256", () => bench.ShinglesToSignature_Vector256()),
            ("ShinglesToSignature_Vector128", () => bench.ShinglesToSignature_Vector128()),
            ("ShinglesToSignature_ScalarReference", () => bench.ShinglesToSignature_ScalarReference()),
        ];
        stdout.WriteLine($"{"case",-44} {"wall us/op",10} {"cpu us/op",10} {"B/op",6}");
        foreach ((string name, Func<long> run) in cases)
        {
            int n = name.Contains("Scalar", StringComparison.Ordinal) ? Math.Max(1, iterations / 10) : iterations;
            long sink = 0;
            for (int i = 0; i < Math.Min(n, 20_000); i++)
            {
                sink += run(); // warm-up: tiered JIT reaches its optimised code
            }

            using var process = Process.GetCurrentProcess();
            TimeSpan cpuBefore = process.TotalProcessorTime;
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var wall = Stopwatch.StartNew();
            for (int i = 0; i < n; i++)
            {
                sink += run();
            }

            wall.Stop();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / n;
            stdout.WriteLine(FormattableString.Invariant($"{name,-44} {wall.Elapsed.TotalMicroseconds / n,10:F2} {cpu,10:F2} {(double)allocated / n,6:F1}") + (sink == 42 ? " " : ""));
        }

        return 0;
    }
}

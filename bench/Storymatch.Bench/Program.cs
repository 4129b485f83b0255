using BenchmarkDotNet.Running;

namespace Storymatch.Bench;

/// <summary>Benchmark entry point: <c>dotnet run -c Release --project bench/Storymatch.Bench -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

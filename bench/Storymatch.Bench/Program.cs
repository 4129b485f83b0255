using BenchmarkDotNet.Running;

namespace Storymatch.Bench;

/// <summary>
/// Benchmark entry point: <c>dotnet run -c Release --project bench/Storymatch.Bench -- --filter '*'</c>.
/// Tools run before BenchmarkSwitcher when the first argument names one: <c>generate</c> (see <see cref="GenerateCommand"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "generate")
        {
            return GenerateCommand.Run(args[1..], Console.Out, Console.Error);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

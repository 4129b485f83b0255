using BenchmarkDotNet.Running;

namespace Storymatch.Bench;

/// <summary>
/// Benchmark entry point: <c>dotnet run -c Release --project bench/Storymatch.Bench -- --filter '*'</c>.
/// Tools run before BenchmarkSwitcher when the first argument names one: <c>generate</c> (see <see cref="GenerateCommand"/>),
/// <c>minhash-cpu</c> (<see cref="CpuTimeCommand"/>), <c>warc</c>, <c>stories</c> (see <see cref="Stories.StreamingStoriesBench"/>),
/// <c>engine-add</c> (see <see cref="Stories.EngineAddBench"/>), <c>reading-cpu</c> (see <see cref="Reading.ReadingCpuCommand"/>),
/// <c>compare</c> (see <see cref="Comparison.StoryComparisonCpu"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["generate", .. var generateArgs])
        {
            return GenerateCommand.Run(generateArgs, Console.Out, Console.Error);
        }

        if (args is ["minhash-cpu", .. var cpuArgs])
        {
            return CpuTimeCommand.Run(cpuArgs, Console.Out, Console.Error);
        }

        // Whole-run tools that measure peak memory run in their own process, outside BenchmarkDotNet.
        if (args is ["warc", .. var warcArgs])
        {
            return Warc.WarcIngestBench.Run(warcArgs);
        }

        if (args is ["stories", .. var storiesArgs])
        {
            return Stories.StreamingStoriesBench.Run(storiesArgs);
        }

        if (args is ["reading-cpu", .. var readingArgs])
        {
            return Reading.ReadingCpuCommand.Run(readingArgs, Console.Out, Console.Error);
        }

        if (args is ["compare", .. var compareArgs])
        {
            return Comparison.StoryComparisonCpu.Run(compareArgs);
        }

        if (args is ["engine-add", .. var engineAddArgs])
        {
            return Stories.EngineAddBench.Run(engineAddArgs);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

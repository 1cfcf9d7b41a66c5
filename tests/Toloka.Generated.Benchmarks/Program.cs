using System;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;

namespace Toloka.Generated.Benchmarks
{
    /// <summary>
    /// Entry point. <c>--quick</c> prints one line per ratio in a few seconds; <c>--loopback</c> measures
    /// loopback throughput so that the machine's state falls on both sides alike (see <see cref="LoopbackReport"/>); <c>--waiting</c> and
    /// <c>--build</c> print the simulated-time and build tables; <c>--profile clone|archive|get-operation</c>
    /// repeats one call for a profiler to watch; anything else goes to BenchmarkDotNet
    /// (for example <c>--filter * --job short</c>). BENCHMARKS.md has the exact commands.
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            if (args.Contains("--quick"))
            {
                await QuickRatios.PrintAsync().ConfigureAwait(false);
                return 0;
            }

            if (args.Contains("--loopback"))
            {
                await LoopbackReport.PrintAsync().ConfigureAwait(false);
                return 0;
            }

            if (args.Contains("--waiting"))
            {
                await WaitingReport.PrintAsync().ConfigureAwait(false);
                return 0;
            }

            var profile = Array.IndexOf(args, "--profile");
            if (profile >= 0 && profile + 1 < args.Length)
            {
                await ProfileLoop.RunAsync(args[profile + 1], TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                return 0;
            }

            if (args.Contains("--build"))
            {
                BuildReport.Print();
                return 0;
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }
    }
}

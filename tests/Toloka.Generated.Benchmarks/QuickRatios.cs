using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Threading.Tasks;

namespace Toloka.Generated.Benchmarks
{
    /// <summary>
    /// A few seconds' check, one line per ratio, so a regression shows without the full BenchmarkDotNet
    /// run: each call is timed over many iterations after a warm-up, and bytes are read from the GC's
    /// allocation counter. Coarser than BenchmarkDotNet; BENCHMARKS.md quotes the full run.
    /// </summary>
    public static class QuickRatios
    {
        private const int Warmup = 2_000;
        private const int Iterations = 20_000;

        public static async Task PrintAsync()
        {
            using var http = new HttpClient(new InMemoryToloka());
            using var client = Clients.Generated(http);
            var newtonsoft = new HandWrittenToloka(http, Payloads.BaseUri, Payloads.Token, systemTextJson: false);
            var stj = new HandWrittenToloka(http, Payloads.BaseUri, Payloads.Token, systemTextJson: true);

            await CompareAsync("clone", () => newtonsoft.ClonePoolAsync("1"), () => stj.ClonePoolAsync("1"), () => client.ClonePoolAsync("1")).ConfigureAwait(false);
            await CompareAsync("archive-204", () => newtonsoft.ArchivePoolAsync("21"), () => stj.ArchivePoolAsync("21"), () => client.ArchivePoolAsync("21")).ConfigureAwait(false);
            await CompareAsync("get-operation", () => newtonsoft.GetOperationAsync("op-1"), () => stj.GetOperationAsync("op-1"), () => client.GetOperationAsync("op-1")).ConfigureAwait(false);
        }

        private static async Task CompareAsync(string name, Func<Task> byHand, Func<Task> byHandStj, Func<Task> generated)
        {
            var hand = await MeasureAsync(byHand).ConfigureAwait(false);
            var stj = await MeasureAsync(byHandStj).ConfigureAwait(false);
            var client = await MeasureAsync(generated).ConfigureAwait(false);
            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "{0,-14} TolokaClient/by-hand-Newtonsoft: time {1:0.00}x, allocated {2:0.00}x  (client {3:0.00} us {4:0} B; Newtonsoft {5:0.00} us {6:0} B; System.Text.Json {7:0.00} us {8:0} B)",
                name,
                client.Micros / hand.Micros,
                client.Bytes / hand.Bytes,
                client.Micros,
                client.Bytes,
                hand.Micros,
                hand.Bytes,
                stj.Micros,
                stj.Bytes));
        }

        private static async Task<(double Micros, double Bytes)> MeasureAsync(Func<Task> call)
        {
            for (var i = 0; i < Warmup; i++)
            {
                await call().ConfigureAwait(false);
            }

            // Nothing else runs in this process, so the process-wide count is the calls' own.
            var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Iterations; i++)
            {
                await call().ConfigureAwait(false);
            }

            watch.Stop();
            var bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
            return (watch.Elapsed.TotalMilliseconds * 1000 / Iterations, (double)bytes / Iterations);
        }
    }
}

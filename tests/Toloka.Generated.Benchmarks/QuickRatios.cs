using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Threading.Tasks;

namespace Toloka.Generated.Benchmarks
{
    /// <summary>
    /// A few seconds' check, one line per ratio, so a regression shows without the full BenchmarkDotNet
    /// run: each call is timed over many iterations after a warm-up, in rounds that take turns, and bytes are read from the GC's
    /// allocation counter. Coarser than BenchmarkDotNet; BENCHMARKS.md quotes the full run.
    /// </summary>
    public static class QuickRatios
    {
        private const int Warmup = 500;
        private const int Iterations = 20_000;
        private const int Rounds = 6;

        public static async Task PrintAsync()
        {
            using var handler = new InMemoryToloka();
            using var http = new HttpClient(handler, disposeHandler: false);
            using var client = Clients.Generated(handler);
            using var overHttpClient = Clients.OverHttpClient(http);
            var newtonsoft = new HandWrittenToloka(http, Payloads.BaseUri, Payloads.Token, systemTextJson: false);
            var stj = new HandWrittenToloka(http, Payloads.BaseUri, Payloads.Token, systemTextJson: true);

            await CompareAsync("clone", () => newtonsoft.ClonePoolAsync("1"), () => stj.ClonePoolAsync("1"), () => client.ClonePoolAsync("1"), () => overHttpClient.ClonePoolAsync("1")).ConfigureAwait(false);
            await CompareAsync("archive-204", () => newtonsoft.ArchivePoolAsync("21"), () => stj.ArchivePoolAsync("21"), () => client.ArchivePoolAsync("21"), () => overHttpClient.ArchivePoolAsync("21")).ConfigureAwait(false);
            await CompareAsync("get-operation", () => newtonsoft.GetOperationAsync("op-1"), () => stj.GetOperationAsync("op-1"), () => client.GetOperationAsync("op-1"), () => overHttpClient.GetOperationAsync("op-1")).ConfigureAwait(false);
            // Fewer pairs and rounds than --loopback: coarser, the same method.
            await LoopbackReport.PrintAsync(pairs: 3_000, rounds: 6).ConfigureAwait(false);
        }

        private static async Task CompareAsync(string name, Func<Task> byHand, Func<Task> byHandStj, Func<Task> generated, Func<Task> generatedOverHttpClient)
        {
            // The four take turns in rounds, so load from elsewhere on the machine falls on each alike.
            var hand = (Micros: 0.0, CpuMicros: 0.0, Bytes: 0.0);
            var stj = hand;
            var client = hand;
            var overHttpClient = hand;
            for (var round = 0; round < Rounds; round++)
            {
                hand = Add(hand, await MeasureAsync(byHand).ConfigureAwait(false));
                stj = Add(stj, await MeasureAsync(byHandStj).ConfigureAwait(false));
                client = Add(client, await MeasureAsync(generated).ConfigureAwait(false));
                overHttpClient = Add(overHttpClient, await MeasureAsync(generatedOverHttpClient).ConfigureAwait(false));
            }

            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "{0,-14} TolokaClient/by-hand-Newtonsoft: time {1:0.00}x, CPU time {9:0.00}x, allocated {2:0.00}x; over an HttpClient time {10:0.00}x, allocated {11:0.00}x  (client {3:0.00} us {4:0} B; Newtonsoft {5:0.00} us {6:0} B; System.Text.Json {7:0.00} us {8:0} B)",
                name,
                client.Micros / hand.Micros,
                client.Bytes / hand.Bytes,
                client.Micros / Rounds,
                client.Bytes / Rounds,
                hand.Micros / Rounds,
                hand.Bytes / Rounds,
                stj.Micros / Rounds,
                stj.Bytes / Rounds,
                client.CpuMicros / hand.CpuMicros,
                overHttpClient.Micros / hand.Micros,
                overHttpClient.Bytes / hand.Bytes));
        }

        private static (double Micros, double CpuMicros, double Bytes) Add((double Micros, double CpuMicros, double Bytes) sum, (double Micros, double CpuMicros, double Bytes) round) =>
            (sum.Micros + round.Micros, sum.CpuMicros + round.CpuMicros, sum.Bytes + round.Bytes);

        /// <summary>
        /// Wall time, the process's CPU time (which other processes' load on a shared machine barely
        /// moves) and allocated bytes per call.
        /// </summary>
        private static async Task<(double Micros, double CpuMicros, double Bytes)> MeasureAsync(Func<Task> call)
        {
            for (var i = 0; i < Warmup; i++)
            {
                await call().ConfigureAwait(false);
            }

            // Nothing else runs in this process, so the process-wide count is the calls' own.
            using var process = Process.GetCurrentProcess();
            var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Iterations; i++)
            {
                await call().ConfigureAwait(false);
            }

            watch.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
            return (watch.Elapsed.TotalMilliseconds * 1000 / Iterations, cpu.TotalMilliseconds * 1000 / Iterations, (double)bytes / Iterations);
        }
    }
}

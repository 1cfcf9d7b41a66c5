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
            using var http = new HttpClient(new InMemoryToloka());
            using var client = Clients.Generated(http);
            var newtonsoft = new HandWrittenToloka(http, Payloads.BaseUri, Payloads.Token, systemTextJson: false);
            var stj = new HandWrittenToloka(http, Payloads.BaseUri, Payloads.Token, systemTextJson: true);

            await CompareAsync("clone", () => newtonsoft.ClonePoolAsync("1"), () => stj.ClonePoolAsync("1"), () => client.ClonePoolAsync("1")).ConfigureAwait(false);
            await CompareAsync("archive-204", () => newtonsoft.ArchivePoolAsync("21"), () => stj.ArchivePoolAsync("21"), () => client.ArchivePoolAsync("21")).ConfigureAwait(false);
            await CompareAsync("get-operation", () => newtonsoft.GetOperationAsync("op-1"), () => stj.GetOperationAsync("op-1"), () => client.GetOperationAsync("op-1")).ConfigureAwait(false);
            await CompareLoopbackAsync().ConfigureAwait(false);
        }

        /// <summary>
        /// Loopback throughput at concurrency 1 and 32, the raw call and the client taking turns in
        /// rounds so that load from elsewhere on the machine falls on both alike.
        /// </summary>
        private static async Task CompareLoopbackAsync()
        {
            const int Rounds = 8;
            await using var server = await LoopbackToloka.StartAsync().ConfigureAwait(false);
            using var rawHttp = LoopbackToloka.NewHttpClient();
            using var clientHttp = LoopbackToloka.NewHttpClient();
            using var client = Clients.Generated(clientHttp, server.BaseUri);
            var raw = new HandWrittenToloka(rawHttp, server.BaseUri, Payloads.Token, systemTextJson: false);
            foreach (var concurrency in new[] { 1, 32 })
            {
                var rawTime = TimeSpan.Zero;
                var clientTime = TimeSpan.Zero;
                for (var round = 0; round <= Rounds; round++)
                {
                    var watch = Stopwatch.StartNew();
                    await LoopbackBenchmarks.RunAsync(concurrency, () => raw.GetOperationAsync("op-1")).ConfigureAwait(false);
                    var rawRound = watch.Elapsed;
                    watch.Restart();
                    await LoopbackBenchmarks.RunAsync(concurrency, () => client.GetOperationAsync("op-1")).ConfigureAwait(false);
                    if (round > 0)
                    {
                        // Round 0 warms both sides up (connections, JIT) and is not counted.
                        rawTime += rawRound;
                        clientTime += watch.Elapsed;
                    }
                }

                var calls = (double)Rounds * LoopbackBenchmarks.Calls;
                Console.WriteLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "loopback c={0,-2}   TolokaClient/raw throughput {1:0.00}x  (client {2:0.0} us per call; raw {3:0.0} us per call)",
                    concurrency,
                    rawTime.TotalMilliseconds / clientTime.TotalMilliseconds,
                    clientTime.TotalMilliseconds * 1000 / calls,
                    rawTime.TotalMilliseconds * 1000 / calls));
            }
        }

        private static async Task CompareAsync(string name, Func<Task> byHand, Func<Task> byHandStj, Func<Task> generated)
        {
            // The three take turns in rounds, so load from elsewhere on the machine falls on each alike.
            var hand = (Micros: 0.0, CpuMicros: 0.0, Bytes: 0.0);
            var stj = hand;
            var client = hand;
            for (var round = 0; round < Rounds; round++)
            {
                hand = Add(hand, await MeasureAsync(byHand).ConfigureAwait(false));
                stj = Add(stj, await MeasureAsync(byHandStj).ConfigureAwait(false));
                client = Add(client, await MeasureAsync(generated).ConfigureAwait(false));
            }

            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "{0,-14} TolokaClient/by-hand-Newtonsoft: time {1:0.00}x, CPU time {9:0.00}x, allocated {2:0.00}x  (client {3:0.00} us {4:0} B; Newtonsoft {5:0.00} us {6:0} B; System.Text.Json {7:0.00} us {8:0} B)",
                name,
                client.Micros / hand.Micros,
                client.Bytes / hand.Bytes,
                client.Micros / Rounds,
                client.Bytes / Rounds,
                hand.Micros / Rounds,
                hand.Bytes / Rounds,
                stj.Micros / Rounds,
                stj.Bytes / Rounds,
                client.CpuMicros / hand.CpuMicros));
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

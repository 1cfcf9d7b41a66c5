using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated.Benchmarks
{
    /// <summary>
    /// Loopback throughput, client over raw, measured so that the machine's state falls on both sides
    /// alike. On a small virtual machine one loopback call takes anywhere from about 20 us to over
    /// 100 us depending on whether the threads it needs are awake, and that state holds for long
    /// stretches; BenchmarkDotNet runs each side in a process of its own, so each side gets its own luck.
    /// <list type="bullet">
    /// <item>Concurrency 1 (latency-bound): <b>paired</b>. One worker makes a raw call and a client call in
    /// turn (which goes first alternates), timing each. Throughput is calls over a side's summed time.</item>
    /// <item>Concurrency 32 (CPU-bound: the two cores are saturated): <b>alternating rounds</b>. Each side
    /// alone runs a round of 8 x 256 calls with 32 in flight, the sides taking turns (which goes first
    /// alternates). Pairing would not do here: with both sides' calls in the same queues, each call's
    /// time reflects the load of both, which hides a difference in either's cost.</item>
    /// </list>
    /// Both start after <see cref="Warmup"/> of unmeasured calls, long enough for the JIT to promote
    /// both sides' code (the client has more methods to promote; a short warm-up showed as a few per cent
    /// against it).
    /// </summary>
    public static class LoopbackReport
    {
        /// <summary>Calls each side makes at concurrency 1 in the reference mode.</summary>
        public const int Pairs = 20_000;

        /// <summary>Rounds each side runs at concurrency 32 in the reference mode.</summary>
        public const int Rounds = 30;

        private const int CallsPerRound = 8 * LoopbackBenchmarks.Calls;

        private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);

        public static async Task PrintAsync(int pairs = Pairs, int rounds = Rounds)
        {
            await using var server = await LoopbackToloka.StartAsync().ConfigureAwait(false);
            using var rawHttp = LoopbackToloka.NewHttpClient();
            using var client = Clients.OwnHandler(server.BaseUri);
            var raw = new HandWrittenToloka(rawHttp, server.BaseUri, Payloads.Token, systemTextJson: false);
            Func<Task> rawCall = () => raw.GetOperationAsync("op-1");
            Func<Task> clientCall = () => client.GetOperationAsync("op-1");

            var paired = await PairedAsync(pairs, rawCall, clientCall).ConfigureAwait(false);
            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "loopback c=1    TolokaClient/raw throughput {0:0.000}x, paired (5 blocks: {1:0.000}x to {2:0.000}x)  (mean per call: client {3:0.0} us, raw {4:0.0} us; median: client {5:0.0} us, raw {6:0.0} us; {7} calls a side)",
                paired.Ratio,
                paired.Lowest,
                paired.Highest,
                paired.ClientMicros,
                paired.RawMicros,
                paired.ClientMedianMicros,
                paired.RawMedianMicros,
                pairs));

            var alternating = await AlternatingAsync(32, rounds, rawCall, clientCall).ConfigureAwait(false);
            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "loopback c=32   TolokaClient/raw throughput {0:0.000}x, alternating rounds (median round {1:0.000}x, rounds {2:0.00}x to {3:0.00}x)  (per call: client {4:0.00} us, raw {5:0.00} us; {6} calls a side)",
                alternating.Ratio,
                alternating.Median,
                alternating.Lowest,
                alternating.Highest,
                alternating.ClientMicros,
                alternating.RawMicros,
                rounds * CallsPerRound));

            Console.WriteLine("loopback connections accepted: " + server.Connections + " (at most 32 a side, however many calls: connections are reused)");
        }

        /// <summary>Concurrency 1, calls paired: the raw side's summed time over the client's, and the ratio's range over 5 blocks.</summary>
        public static async Task<(double Ratio, double Lowest, double Highest, double ClientMicros, double RawMicros, double ClientMedianMicros, double RawMedianMicros)> PairedAsync(
            int pairs, Func<Task> raw, Func<Task> client)
        {
            var warming = Stopwatch.StartNew();
            while (warming.Elapsed < Warmup)
            {
                await RunPairsAsync(500, raw, client, null, null, 0).ConfigureAwait(false);
            }

            const int Blocks = 5;
            var rawTicks = new long[pairs];
            var clientTicks = new long[pairs];
            var blockSize = Math.Max(1, pairs / Blocks);
            var lowest = double.MaxValue;
            var highest = double.MinValue;
            for (var start = 0; start < pairs; start += blockSize)
            {
                var count = Math.Min(blockSize, pairs - start);
                await RunPairsAsync(count, raw, client, rawTicks, clientTicks, start).ConfigureAwait(false);
                var ratio = (double)Sum(rawTicks, start, count) / Sum(clientTicks, start, count);
                lowest = Math.Min(lowest, ratio);
                highest = Math.Max(highest, ratio);
            }

            double rawSum = Sum(rawTicks, 0, pairs);
            double clientSum = Sum(clientTicks, 0, pairs);
            Array.Sort(rawTicks);
            Array.Sort(clientTicks);
            var micros = 1_000_000.0 / Stopwatch.Frequency;
            return (rawSum / clientSum, lowest, highest, clientSum / pairs * micros, rawSum / pairs * micros, clientTicks[pairs / 2] * micros, rawTicks[pairs / 2] * micros);
        }

        /// <summary>
        /// Each side alone at <paramref name="concurrency"/>, in rounds that take turns: the raw side's
        /// summed time over the client's, the median round's ratio and the range of rounds.
        /// </summary>
        public static async Task<(double Ratio, double Median, double Lowest, double Highest, double ClientMicros, double RawMicros)> AlternatingAsync(
            int concurrency, int rounds, Func<Task> raw, Func<Task> client)
        {
            var warming = Stopwatch.StartNew();
            while (warming.Elapsed < Warmup)
            {
                await LoopbackBenchmarks.RunAsync(concurrency, raw).ConfigureAwait(false);
                await LoopbackBenchmarks.RunAsync(concurrency, client).ConfigureAwait(false);
            }

            var rawTotal = TimeSpan.Zero;
            var clientTotal = TimeSpan.Zero;
            var ratios = new List<double>(rounds);
            for (var round = 0; round < rounds; round++)
            {
                var rawFirst = (round & 1) == 0;
                var first = await RoundAsync(concurrency, rawFirst ? raw : client).ConfigureAwait(false);
                var second = await RoundAsync(concurrency, rawFirst ? client : raw).ConfigureAwait(false);
                var rawRound = rawFirst ? first : second;
                var clientRound = rawFirst ? second : first;
                rawTotal += rawRound;
                clientTotal += clientRound;
                ratios.Add(rawRound.TotalMilliseconds / clientRound.TotalMilliseconds);
            }

            ratios.Sort();
            var calls = (double)rounds * CallsPerRound;
            return (
                rawTotal.TotalMilliseconds / clientTotal.TotalMilliseconds,
                ratios[ratios.Count / 2],
                ratios[0],
                ratios[^1],
                clientTotal.TotalMilliseconds * 1000 / calls,
                rawTotal.TotalMilliseconds * 1000 / calls);
        }

        private static async Task<TimeSpan> RoundAsync(int concurrency, Func<Task> call)
        {
            var watch = Stopwatch.StartNew();
            for (var batch = 0; batch < CallsPerRound / LoopbackBenchmarks.Calls; batch++)
            {
                await LoopbackBenchmarks.RunAsync(concurrency, call).ConfigureAwait(false);
            }

            return watch.Elapsed;
        }

        private static long Sum(long[] ticks, int start, int count)
        {
            long sum = 0;
            for (var i = start; i < start + count; i++)
            {
                sum += ticks[i];
            }

            return sum;
        }

        private static async Task RunPairsAsync(int pairs, Func<Task> raw, Func<Task> client, long[]? rawTicks, long[]? clientTicks, int offset)
        {
            for (var pair = 0; pair < pairs; pair++)
            {
                // Alternate which side goes first, so neither always finds the threads the other just woke.
                var rawFirst = (pair & 1) == 0;
                var first = Stopwatch.GetTimestamp();
                await (rawFirst ? raw() : client()).ConfigureAwait(false);
                var middle = Stopwatch.GetTimestamp();
                await (rawFirst ? client() : raw()).ConfigureAwait(false);
                var last = Stopwatch.GetTimestamp();
                if (rawTicks is not null && clientTicks is not null)
                {
                    rawTicks[offset + pair] = rawFirst ? middle - first : last - middle;
                    clientTicks[offset + pair] = rawFirst ? last - middle : middle - first;
                }
            }
        }
    }
}

using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated.Benchmarks
{
    /// <summary>
    /// Loopback throughput measured in pairs: each of <c>concurrency</c> workers makes a raw call and a
    /// client call in turn (which goes first alternates), timing each, so whatever the machine does
    /// (a thread woken late, a neighbour's load) falls on both sides within microseconds of each other.
    /// On a small virtual machine the time of one loopback call moves between about 20 us and 100 us
    /// with the scheduler's state, for whole processes at a time; BenchmarkDotNet runs each side in a
    /// process of its own, so its ratio at concurrency 1 swings with that state, while the paired
    /// ratio does not. Throughput is calls over the summed time of a side's calls, so the ratio of
    /// throughputs is the raw side's summed time over the client's.
    /// </summary>
    public static class PairedLoopback
    {
        /// <summary>Calls each side makes in one measurement, after the warm-up.</summary>
        public const int PairsPerConcurrency = 20_000;

        /// <summary>
        /// Unmeasured pairs first, for at least this long: until the JIT has promoted both sides' code
        /// (the client has more methods to promote, and a short warm-up showed as a few per cent against it).
        /// </summary>
        private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);

        private const int Blocks = 5;

        public static async Task PrintAsync(int pairs = PairsPerConcurrency)
        {
            await using var server = await LoopbackToloka.StartAsync().ConfigureAwait(false);
            using var rawHttp = LoopbackToloka.NewHttpClient();
            using var client = Clients.OwnHandler(server.BaseUri);
            var raw = new HandWrittenToloka(rawHttp, server.BaseUri, Payloads.Token, systemTextJson: false);
            foreach (var concurrency in new[] { 1, 32 })
            {
                var result = await MeasureAsync(concurrency, pairs, () => raw.GetOperationAsync("op-1"), () => client.GetOperationAsync("op-1")).ConfigureAwait(false);
                Console.WriteLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "loopback c={0,-2}   TolokaClient/raw throughput {1:0.000}x, paired (blocks {2:0.000}x to {3:0.000}x)  (mean per call: client {4:0.0} us, raw {5:0.0} us; median: client {6:0.0} us, raw {7:0.0} us; {8} calls a side)",
                    concurrency,
                    result.ThroughputRatio,
                    result.LowestBlockRatio,
                    result.HighestBlockRatio,
                    result.ClientMeanMicros,
                    result.RawMeanMicros,
                    result.ClientMedianMicros,
                    result.RawMedianMicros,
                    pairs));
            }

            Console.WriteLine("loopback connections accepted: " + server.Connections + " (at most 32 a side, however many calls: connections are reused)");
        }

        /// <summary>
        /// Runs <paramref name="pairs"/> pairs of calls with <paramref name="concurrency"/> workers, in
        /// <see cref="Blocks"/> blocks whose ratios show how steady the figure is.
        /// </summary>
        public static async Task<PairedResult> MeasureAsync(int concurrency, int pairs, Func<Task> raw, Func<Task> client)
        {
            var warming = Stopwatch.StartNew();
            while (warming.Elapsed < Warmup)
            {
                await RunPairsAsync(concurrency, 500, raw, client, null, null, 0).ConfigureAwait(false);
            }

            var rawTicks = new long[pairs];
            var clientTicks = new long[pairs];
            var blockSize = Math.Max(1, pairs / Blocks);
            var lowest = double.MaxValue;
            var highest = double.MinValue;
            for (var start = 0; start < pairs; start += blockSize)
            {
                var count = Math.Min(blockSize, pairs - start);
                await RunPairsAsync(concurrency, count, raw, client, rawTicks, clientTicks, start).ConfigureAwait(false);
                var ratio = (double)Sum(rawTicks, start, count) / Sum(clientTicks, start, count);
                lowest = Math.Min(lowest, ratio);
                highest = Math.Max(highest, ratio);
            }

            double rawSum = Sum(rawTicks, 0, pairs);
            double clientSum = Sum(clientTicks, 0, pairs);
            Array.Sort(rawTicks);
            Array.Sort(clientTicks);
            var micros = 1_000_000.0 / Stopwatch.Frequency;
            return new PairedResult(
                rawSum / clientSum,
                lowest,
                highest,
                clientSum / pairs * micros,
                rawSum / pairs * micros,
                clientTicks[pairs / 2] * micros,
                rawTicks[pairs / 2] * micros);
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

        private static async Task RunPairsAsync(int concurrency, int pairs, Func<Task> raw, Func<Task> client, long[]? rawTicks, long[]? clientTicks, int offset)
        {
            var next = -1;
            var workers = new Task[concurrency];
            for (var w = 0; w < concurrency; w++)
            {
                workers[w] = Task.Run(async () =>
                {
                    int pair;
                    while ((pair = Interlocked.Increment(ref next)) < pairs)
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
                });
            }

            await Task.WhenAll(workers).ConfigureAwait(false);
        }
    }

    /// <summary>One paired measurement: the throughput ratio (client over raw), its range over the blocks, and each side's mean and median time per call.</summary>
    public sealed record PairedResult(double ThroughputRatio, double LowestBlockRatio, double HighestBlockRatio, double ClientMeanMicros, double RawMeanMicros, double ClientMedianMicros, double RawMedianMicros);
}

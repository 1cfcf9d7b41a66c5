using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated.Benchmarks
{
    /// <summary>
    /// Waiting and pacing in simulated time (JumpingClock): how many polls an operation of a given
    /// length costs and how late its end is seen, and how long 100 paced clones take against the floor
    /// that Toloka's 20-a-minute limit sets. The numbers are exact, not sampled: no wall clock is involved.
    /// </summary>
    public static class WaitingReport
    {
        private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

        public static async Task<(int Polls, TimeSpan Detection)> WaitForOperationAsync(TimeSpan length)
        {
            var time = new JumpingClock(Start);
            var finishesAt = Start + length;
            var handler = new ScriptedOperation(time, finishesAt);
            using var http = new HttpClient(handler);
            using var client = new TolokaClient(http, Payloads.Token, new TolokaClientOptions
            {
                Environment = TolokaEnvironment.Custom(Payloads.BaseUri),
                TimeProvider = time,
                NetworkTimeout = Timeout.InfiniteTimeSpan,
                Polling = new TolokaPollingOptions { Timeout = TimeSpan.FromHours(2) },
            });
            var wait = client.WaitForCompletionAsync("op-1");
            await time.RunAsync(wait, length + TimeSpan.FromMinutes(10)).ConfigureAwait(false);
            return (handler.Polls, time.GetUtcNow() - finishesAt);
        }

        public static async Task<TimeSpan> PacedClonesAsync(int count)
        {
            var time = new JumpingClock(Start);
            using var http = new HttpClient(new InMemoryToloka());
            using var client = new TolokaClient(http, Payloads.Token + "-paced", new TolokaClientOptions
            {
                Environment = TolokaEnvironment.Custom(Payloads.BaseUri),
                TimeProvider = time,
                NetworkTimeout = Timeout.InfiniteTimeSpan,
                PaceRequests = true,
            });
            var clones = Task.Run(async () =>
            {
                for (var i = 0; i < count; i++)
                {
                    await client.ClonePoolAsync("1").ConfigureAwait(false);
                }
            });
            await time.RunAsync(clones, TimeSpan.FromHours(1)).ConfigureAwait(false);
            return time.GetUtcNow() - Start;
        }

        public static async Task PrintAsync()
        {
            Console.WriteLine("| operation length | polls | end seen after | cap (MaxInterval) |");
            Console.WriteLine("| --- | --- | --- | --- |");
            foreach (var length in new[] { TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1) })
            {
                var (polls, detection) = await WaitForOperationAsync(length).ConfigureAwait(false);
                Console.WriteLine("| " + length + " | " + polls + " | " + detection.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s | 60 s |");
            }

            var paced = await PacedClonesAsync(100).ConfigureAwait(false);
            Console.WriteLine();
            Console.WriteLine("100 paced clones under 20 a minute: " + paced.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)
                + " s simulated (floor 300 s; ratio " + (paced.TotalSeconds / 300).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + ")");
        }

        /// <summary>An operation that is RUNNING until <c>finishesAt</c> on the simulated clock, then SUCCESS; counts the polls.</summary>
        private sealed class ScriptedOperation(TimeProvider time, DateTimeOffset finishesAt) : HttpMessageHandler
        {
            private int _polls;

            public int Polls => Volatile.Read(ref _polls);

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref _polls);
                var done = time.GetUtcNow() >= finishesAt;
                var body = "{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":\"" + (done ? "SUCCESS" : "RUNNING") + "\",\"progress\":" + (done ? 100 : 50) + ",\"details\":{\"pool_id\":\"2\"}}";
                var content = new StringContent(body, Encoding.UTF8, "application/json");
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
            }
        }
    }
}

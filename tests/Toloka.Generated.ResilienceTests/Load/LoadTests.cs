using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.ResilienceTests.Support;
using Toloka.Generated.Testing;

namespace Toloka.Generated.ResilienceTests.Load
{
    /// <summary>
    /// 10,000 calls at concurrency 64 against the fake Toloka on 127.0.0.1 with 1% injected faults:
    /// every call ends in a value or a documented exception, no pool is cloned twice, and no socket to
    /// the fake stays open once the client is disposed. Pacing and the fake's rate limits are off.
    /// </summary>
    [TestFixture]
    [NonParallelizable]
    public sealed class LoadTests
    {
        private const int Calls = 10_000;
        private const int Concurrency = 64;
        private const int FaultEvery = 100;

        private static readonly Func<FakeFault>[] FaultKinds =
        {
            () => FakeFault.InternalError(),
            () => FakeFault.ServiceUnavailable(TimeSpan.Zero),
            () => FakeFault.TooManyRequests(TimeSpan.Zero),
            () => FakeFault.DropConnection(),
            () => FakeFault.DropConnectionAfterHandling(),
            () => FakeFault.TruncateBody(),
        };

        [Test]
        public async Task Ten_thousand_calls_at_concurrency_64_with_1_percent_faults_are_all_accounted_for()
        {
            var options = new FakeTolokaOptions { Token = Secret.Token, OperationPendingTime = TimeSpan.Zero, OperationRunningTime = TimeSpan.Zero };
            options.RateLimits.Clear();
            await using var fake = await FakeToloka.StartAsync(options);
            var quarter = Calls / 4;
            var pools = Enumerable.Range(0, quarter * 2).Select(_ => fake.AddPool(FakePoolStatus.Closed)).ToArray();
            var trainings = Enumerable.Range(0, quarter).Select(_ => fake.AddTraining(FakePoolStatus.Closed)).ToArray();
            var clientOptions = fake.CreateClientOptions();
            clientOptions.NetworkTimeout = TimeSpan.FromSeconds(10);
            clientOptions.PaceRequests = false;
            clientOptions.ResolveLostAnswers = false;
            clientOptions.Retry = new TolokaRetryOptions { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20), TotalBudget = TimeSpan.FromSeconds(20) };
            var client = new TolokaClient(Secret.Token, clientOptions);
            var seed = await client.ClonePoolAsync(fake.AddPool(FakePoolStatus.Closed));

            var outcomes = new ConcurrentDictionary<string, int>();
            var undocumented = new ConcurrentQueue<string>();
            var finished = 0;
            var watch = Stopwatch.StartNew();
            using var gate = new SemaphoreSlim(Concurrency);
            var tasks = Enumerable.Range(0, Calls).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var kind = i % 4;
                    var block = i / FaultEvery;

                    // One faulted call per hundred, moving through the four endpoints and the six fault kinds.
                    if (i % FaultEvery == (FaultEvery / 2) + (block % 4))
                    {
                        var endpoint = kind switch
                        {
                            0 => FakeTolokaEndpoint.ClonePool,
                            1 => FakeTolokaEndpoint.ArchivePool,
                            2 => FakeTolokaEndpoint.GetOperation,
                            _ => FakeTolokaEndpoint.CloneTraining,
                        };
                        fake.InjectFault(endpoint, FaultKinds[block % FaultKinds.Length]());
                    }

                    var (value, failure) = await Outcome.Of<object>(async () => kind switch
                    {
                        0 => await client.ClonePoolAsync(pools[i / 4]),
                        1 => (object?)await client.ArchivePoolAsync(pools[quarter + i / 4]) ?? "already archived",
                        2 => await client.GetOperationAsync(seed.Id),
                        _ => await client.CloneTrainingAsync(trainings[i / 4]),
                    });
                    var name = failure is null ? "value" : failure.GetType().Name;
                    outcomes.AddOrUpdate(name, 1, (_, n) => n + 1);
                    if (failure is not null && failure is not TolokaApiException && failure is not TolokaTransportException)
                    {
                        undocumented.Enqueue(failure.GetType().FullName + ": " + failure.Message);
                    }

                    if (failure is not null)
                    {
                        Secret.ScanException("load", "call " + i, failure);
                    }
                }
                finally
                {
                    Interlocked.Increment(ref finished);
                    gate.Release();
                }
            }).ToArray();
            await Task.WhenAll(tasks);
            watch.Stop();

            var openBefore = EstablishedTo(fake.BaseUri.Port);
            client.Dispose();
            var openAfter = await WaitForNoSocketsAsync(fake.BaseUri.Port, TimeSpan.FromSeconds(5));

            var requests = fake.Requests;
            var faultsSeen = requests.Count(r => r.Fault is not null);
            var poolClones = fake.Operations.Where(o => o.Type == FakeOperationType.PoolClone).GroupBy(o => o.SourceId).Select(g => g.Count()).DefaultIfEmpty(0).Max();
            var trainingClones = fake.Operations.Where(o => o.Type == FakeOperationType.TrainingClone).GroupBy(o => o.SourceId).Select(g => g.Count()).DefaultIfEmpty(0).Max();
            var duplicates = fake.Operations.Where(o => o.Type is FakeOperationType.PoolClone or FakeOperationType.TrainingClone)
                .GroupBy(o => o.Type + " " + o.SourceId).Sum(g => g.Count() - 1);
            TestContext.Progress.WriteLine(
                "load: " + finished + " calls at concurrency " + Concurrency + " in " + watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s, "
                + requests.Count + " requests, " + faultsSeen + " injected faults hit; outcomes: "
                + string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => o.Key + " " + o.Value))
                + "; duplicate clones " + duplicates + "; sockets to the fake open before Dispose " + openBefore + ", after " + openAfter);

            Assert.Multiple(() =>
            {
                Assert.That(outcomes.Values.Sum(), Is.EqualTo(Calls), "every call accounted for");
                Assert.That(undocumented, Is.Empty, "only documented exceptions");
                Assert.That(faultsSeen, Is.EqualTo(Calls / FaultEvery), "every injected fault was hit");
                Assert.That(duplicates, Is.Zero, "no pool or training pool cloned twice");
                Assert.That(poolClones, Is.LessThanOrEqualTo(1));
                Assert.That(trainingClones, Is.LessThanOrEqualTo(1));
                Assert.That(openBefore, Is.Positive, "the socket check sees the client's connections");
                Assert.That(openAfter, Is.Zero, "no socket to the fake open after Dispose()");
                Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "bounded");
                Assert.That(Secret.LeakReports.Where(l => l.StartsWith("load:", StringComparison.Ordinal)), Is.Empty);
            });
        }

        private static async Task<int> WaitForNoSocketsAsync(int port, TimeSpan limit)
        {
            var watch = Stopwatch.StartNew();
            int open;
            while ((open = EstablishedTo(port)) > 0 && watch.Elapsed < limit)
            {
                await Task.Delay(50);
            }

            return open;
        }

        /// <summary>Client-side TCP connections to the port in ESTABLISHED state, from /proc/net/tcp (Linux).</summary>
        private static int EstablishedTo(int port)
        {
            var hexPort = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
            return new[] { "/proc/net/tcp", "/proc/net/tcp6" }
                .Where(File.Exists)
                .SelectMany(File.ReadLines)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Count(fields => fields.Length > 3 && fields[2].EndsWith(hexPort, StringComparison.Ordinal) && fields[3] == "01");
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using Toloka.Generated.ResilienceTests.Support;

namespace Toloka.Generated.ResilienceTests.Faults
{
    /// <summary>
    /// A raw-socket server on 127.0.0.1 commits one fault while answering a clone. Each case checks the
    /// typed exception, the bound (NetworkTimeout + 1 s of real time), that the clone reached the
    /// server once, that nothing reached a redirect's Location, that the token is in none of it, and
    /// that the next call on the same client still works. Cases run in parallel.
    /// </summary>
    [TestFixture]
    [Parallelizable(ParallelScope.All)]
    public sealed class SocketFaultTests
    {
        public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(1.5);
        private static readonly TimeSpan Bound = NetworkTimeout + TimeSpan.FromSeconds(1);
        private static readonly ConcurrentDictionary<string, string> Results = new();

        public static IEnumerable<string> Faults => SocketFaults.All(() => 0).Select(f => f.Name);

        public static TolokaClientOptions Options(Uri baseUri) => new()
        {
            Environment = TolokaEnvironment.Custom(baseUri),
            NetworkTimeout = NetworkTimeout,
            Retry = new TolokaRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(100), TotalBudget = TimeSpan.FromSeconds(5) },

            // The fault is the answer under test; the search a lost clone answer starts is pinned by LostAnswerTests.
            ResolveLostAnswers = false,
        };

        [OneTimeTearDown]
        public void PrintCounts()
        {
            TestContext.Progress.WriteLine(
                "socket faults: " + Results.Count + " fault kinds run (" + Faults.Count() + " in the catalogue + refused + redirects through DI and a following HttpClient); "
                + string.Join("; ", Results.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key + " -> " + r.Value)));
        }

        [TestCaseSource(nameof(Faults))]
        public async Task Clone_meeting_a_socket_fault_ends_typed_and_bounded_and_the_client_recovers(string name)
        {
            await using var location = RawSocketServer.Start(x => x.AnswerAsync(200, SocketFaults.NextBody));
            var fault = SocketFaults.All(() => location.Port).Single(f => f.Name == name);
            await using var server = RawSocketServer.Start(x => x.Request.Path.EndsWith("/clone", StringComparison.Ordinal)
                ? fault.Answer(x)
                : x.AnswerAsync(200, SocketFaults.NextBody));
            using var client = new TolokaClient(Secret.Token, Options(server.BaseUri));

            var watch = Stopwatch.StartNew();
            var (value, failure) = await Outcome.Of(() => client.ClonePoolAsync("1"));
            watch.Stop();
            Results[fault.Name] = (failure?.GetType().Name ?? "value") + (failure is TolokaTransportException { TimedOut: true } ? " (timed out)" : string.Empty)
                + " in " + watch.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

            Assert.Multiple(() =>
            {
                Assert.That(watch.Elapsed, Is.LessThanOrEqualTo(Bound), "bounded by NetworkTimeout + 1 s");
                Assert.That(server.Count("/pools/1/clone"), Is.EqualTo(1), "clone sent once");
                Assert.That(location.Received, Is.Empty, "nothing reached the Location");
                Outcome.AssertExpected(fault.Outcome, value, failure, "http://127.0.0.1:" + location.Port + "/");
                Assert.That(failure is null ? 0 : Secret.ScanException("faults", fault.Name, failure), Is.Zero, "token in the exception");
            });
            if (fault.Name.StartsWith("huge", StringComparison.Ordinal))
            {
                Assert.That(server.BytesWritten, Is.LessThan(SocketFaults.HugeBytes / 2), "the client stopped reading near the cap");
            }

            var next = await client.GetOperationAsync("op-next");
            Assert.That(next.Id, Is.EqualTo("op-next"), "the next call on the same client works");
        }

        [Test]
        public async Task Refused_connection_is_a_transport_error_and_the_client_recovers_when_the_server_comes_up()
        {
            var port = RawSocketServer.FreePort();
            using var client = new TolokaClient(Secret.Token, Options(new Uri("http://127.0.0.1:" + port + "/api/v1/")));
            var watch = Stopwatch.StartNew();
            var (_, failure) = await Outcome.Of(() => client.ClonePoolAsync("1"));
            watch.Stop();
            Results["refused"] = failure?.GetType().Name + " in " + watch.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
            Assert.That(failure, Is.TypeOf<TolokaTransportException>().With.Property(nameof(TolokaTransportException.TimedOut)).False);
            Assert.That(watch.Elapsed, Is.LessThanOrEqualTo(Bound));

            await using var server = RawSocketServer.Start(x => x.AnswerAsync(200, SocketFaults.NextBody), port);
            var next = await client.GetOperationAsync("op-next");
            Assert.That(next.Id, Is.EqualTo("op-next"));
        }

        [TestCase(301)]
        [TestCase(302)]
        [TestCase(307)]
        public async Task Redirect_through_AddTolokaClient_is_a_typed_error_and_nothing_reaches_the_location(int status)
        {
            await using var location = RawSocketServer.Start(x => x.AnswerAsync(200, SocketFaults.CloneBody));
            await using var server = RawSocketServer.Start(x => x.AnswerAsync(status, string.Empty, string.Empty, "Location: http://127.0.0.1:" + location.Port + "/api/v1/pools/1/clone\r\n"));
            var services = new ServiceCollection();
            services.AddTolokaClient(Secret.Token, o =>
            {
                o.Environment = TolokaEnvironment.Custom(server.BaseUri);
                o.NetworkTimeout = NetworkTimeout;
            });
            using var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<ITolokaClient>();

            var (value, failure) = await Outcome.Of(() => client.ClonePoolAsync("1"));
            Results["DI " + status] = failure?.GetType().Name ?? "value";
            Assert.Multiple(() =>
            {
                Outcome.AssertExpected(FaultOutcome.Redirect, value, failure, "http://127.0.0.1:" + location.Port + "/");
                Assert.That(location.Received, Is.Empty, "nothing reached the Location");
                Assert.That(server.Count("/pools/1/clone"), Is.EqualTo(1));
            });
        }

        [TestCase(302)]
        [TestCase(308)]
        public async Task Redirect_followed_by_the_callers_own_HttpClient_is_never_a_success(int status)
        {
            await using var location = RawSocketServer.Start(x => x.AnswerAsync(200, SocketFaults.CloneBody));
            await using var server = RawSocketServer.Start(x => x.AnswerAsync(status, string.Empty, string.Empty, "Location: http://127.0.0.1:" + location.Port + "/api/v1/pools/1/clone\r\n"));
            using var following = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true });
            using var client = new TolokaClient(following, Secret.Token, Options(server.BaseUri));

            var (value, failure) = await Outcome.Of(() => client.ClonePoolAsync("1"));
            Results["followed " + status] = failure?.GetType().Name ?? "value";
            Assert.That(value, Is.Null, "a redirected answer is not a successful clone");
            Assert.That(failure, Is.InstanceOf<TolokaException>());
            Assert.That(Secret.ScanException("faults", "followed redirect", failure!), Is.Zero);
        }
    }

    /// <summary>
    /// The memory bound of a huge answer, measured alone: the allocation counter is process-wide, so
    /// other suites running at the same time would be counted too.
    /// </summary>
    [TestFixture]
    [NonParallelizable]
    public sealed class HugeAnswerMemoryTests
    {
        [Test]
        public async Task Huge_answer_is_cut_at_the_cap_with_memory_a_small_multiple_of_it()
        {
            const long cap = 16L * 1024 * 1024;
            await using var server = RawSocketServer.Start(x => x.Request.Path.EndsWith("/clone", StringComparison.Ordinal)
                ? SocketFaults.All(() => 0).Single(f => f.Name.StartsWith("huge body streamed", StringComparison.Ordinal)).Answer(x)
                : x.AnswerAsync(200, SocketFaults.NextBody));
            using var client = new TolokaClient(Secret.Token, SocketFaultTests.Options(server.BaseUri));
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var (_, failure) = await Outcome.Of(() => client.ClonePoolAsync("1"));
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            TestContext.Progress.WriteLine("socket faults: a 100 MB answer allocated " + (allocated / (1024 * 1024)) + " MiB and sent " + (server.BytesWritten / (1024 * 1024)) + " MiB before the client stopped");
            Assert.That(failure, Is.InstanceOf<TolokaException>());
            Assert.That(allocated, Is.LessThan(4 * cap), "memory for one call stays within a small multiple of the 16 MiB cap");
        }
    }
}

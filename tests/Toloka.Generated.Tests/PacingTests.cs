using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    public class PacingTests
    {
        private FakeTimeProvider _time = null!;

        [SetUp]
        public void StartClock() => _time = SimulatedTime.NewClock();

        [Test]
        public async Task With_pacing_a_bulk_clone_loop_is_spaced_to_stay_under_twenty_a_minute()
        {
            var stub = StubToloka.AcceptingClones(_time);
            using var client = stub.CreateClient(options: new TolokaClientOptions { TimeProvider = _time, PaceRequests = true });

            var loop = Task.WhenAll(Enumerable.Range(1, 30).Select(i => client.ClonePoolAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            await _time.RunAsync(loop, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5));

            Assert.That(stub.Requests, Has.Count.EqualTo(30));
            var times = stub.Requests.Select(r => r.At).OrderBy(t => t).ToArray();
            for (var i = 20; i < times.Length; i++)
            {
                Assert.That(times[i] - times[i - 20], Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(1)), "no 21 clones within a minute");
            }

            Assert.That(times.Zip(times.Skip(1), (a, b) => b - a), Has.All.GreaterThanOrEqualTo(TimeSpan.FromSeconds(3)));
        }

        [Test]
        public async Task Clients_with_the_same_token_and_environment_share_one_pace()
        {
            var stub = StubToloka.AcceptingClones(_time);
            var options = new TolokaClientOptions { TimeProvider = _time, PaceRequests = true };
            using var first = stub.CreateClient(options: options);
            using var second = stub.CreateClient(options: options);

            var both = Task.WhenAll(first.ClonePoolAsync("1"), second.ClonePoolAsync("2"), first.ClonePoolAsync("3"));
            await _time.RunAsync(both, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1));

            var times = stub.Requests.Select(r => r.At - SimulatedTime.Start).OrderBy(t => t).ToArray();
            Assert.That(times, Is.EqualTo(new[] { TimeSpan.Zero, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6) }));
        }

        [Test]
        public async Task Without_pacing_requests_go_at_once()
        {
            var stub = StubToloka.AcceptingClones(_time);
            using var client = stub.CreateClient(options: new TolokaClientOptions { TimeProvider = _time });

            await Task.WhenAll(Enumerable.Range(1, 5).Select(i => client.ClonePoolAsync("p" + i)));

            Assert.That(stub.Requests.Select(r => r.At).Distinct(), Is.EqualTo(new[] { SimulatedTime.Start }));
        }

        [Test]
        public async Task Operations_without_a_declared_limit_are_not_paced()
        {
            var stub = new StubToloka(_time).Otherwise(_ => new System.Net.Http.HttpResponseMessage(HttpStatusCode.NoContent));
            using var client = stub.CreateClient(options: new TolokaClientOptions { TimeProvider = _time, PaceRequests = true });

            await Task.WhenAll(Enumerable.Range(1, 5).Select(i => client.ArchivePoolAsync("p" + i)));

            Assert.That(stub.Requests.Select(r => r.At).Distinct(), Is.EqualTo(new[] { SimulatedTime.Start }));
        }

        [Test]
        public void Cancellation_while_waiting_for_a_pacing_slot_stops_at_once()
        {
            var stub = StubToloka.AcceptingClones(_time);
            using var client = stub.CreateClient(options: new TolokaClientOptions { TimeProvider = _time, PaceRequests = true });
            using var cancellation = new CancellationTokenSource();

            var first = client.ClonePoolAsync("1");
            var second = client.ClonePoolAsync("2", cancellation.Token);
            cancellation.Cancel();

            Assert.That(first.IsCompletedSuccessfully, Is.True);
            Assert.CatchAsync<OperationCanceledException>(() => second);
            Assert.That(stub.Requests, Has.Count.EqualTo(1));
        }
    }
}

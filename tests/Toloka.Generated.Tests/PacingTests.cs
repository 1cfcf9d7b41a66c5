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

        [Test]
        public async Task The_call_that_would_pass_the_days_quota_fails_at_once_naming_the_quota_and_when_it_frees()
        {
            var pacer = Pacer(new TolokaClientOptions { TimeProvider = _time, PaceRequests = true });
            for (var i = 0; i < 5; i++)
            {
                await pacer.WaitTurnAsync("clonePool", 0, 5, CancellationToken.None);
                _time.Advance(TimeSpan.FromMinutes(10));
            }

            var refused = Assert.ThrowsAsync<TolokaQuotaExceededException>(() => pacer.WaitTurnAsync("clonePool", 0, 5, CancellationToken.None));

            Assert.That(refused!.OperationId, Is.EqualTo("clonePool"));
            Assert.That(refused.RequestsPerDay, Is.EqualTo(5));
            Assert.That(refused.ResetsAt, Is.EqualTo(SimulatedTime.Start + TimeSpan.FromDays(1)), "the oldest counted call leaves the 24-hour window");
            Assert.That(refused.Message, Does.Contain("clonePool").And.Contain("5 a day").And.Contain("not sent"));
        }

        [Test]
        public async Task The_days_quota_is_a_sliding_24_hour_window_so_calls_fit_again_as_old_ones_leave_it()
        {
            var pacer = Pacer(new TolokaClientOptions { TimeProvider = _time, PaceRequests = true });
            await pacer.WaitTurnAsync("clonePool", 0, 2, CancellationToken.None);
            _time.Advance(TimeSpan.FromHours(12));
            await pacer.WaitTurnAsync("clonePool", 0, 2, CancellationToken.None);
            Assert.ThrowsAsync<TolokaQuotaExceededException>(() => pacer.WaitTurnAsync("clonePool", 0, 2, CancellationToken.None));

            _time.Advance(TimeSpan.FromHours(12));
            await pacer.WaitTurnAsync("clonePool", 0, 2, CancellationToken.None);
            var refused = Assert.ThrowsAsync<TolokaQuotaExceededException>(() => pacer.WaitTurnAsync("clonePool", 0, 2, CancellationToken.None));

            Assert.That(refused!.ResetsAt, Is.EqualTo(SimulatedTime.Start + TimeSpan.FromHours(36)));
        }

        [Test]
        public async Task Clients_of_one_account_share_the_days_count_and_other_accounts_and_operations_do_not()
        {
            var options = new TolokaClientOptions { TimeProvider = _time, PaceRequests = true };
            var first = Pacer(options);
            var second = Pacer(options);
            var otherAccount = Pacer(options, "another-token");
            await first.WaitTurnAsync("clonePool", 0, 1, CancellationToken.None);

            Assert.ThrowsAsync<TolokaQuotaExceededException>(() => second.WaitTurnAsync("clonePool", 0, 1, CancellationToken.None));
            Assert.DoesNotThrowAsync(() => otherAccount.WaitTurnAsync("clonePool", 0, 1, CancellationToken.None));
            Assert.DoesNotThrowAsync(() => second.WaitTurnAsync("cloneTraining", 0, 1, CancellationToken.None));
        }

        [Test]
        public async Task A_wait_for_the_minutes_pace_that_is_cancelled_uses_none_of_the_days_quota()
        {
            var pacer = Pacer(new TolokaClientOptions { TimeProvider = _time, PaceRequests = true });
            await pacer.WaitTurnAsync("clonePool", 20, 2, CancellationToken.None);
            using (var cancellation = new CancellationTokenSource())
            {
                var waiting = pacer.WaitTurnAsync("clonePool", 20, 2, cancellation.Token);
                cancellation.Cancel();
                Assert.CatchAsync<OperationCanceledException>(() => waiting);
            }

            _time.Advance(TimeSpan.FromMinutes(1));

            Assert.DoesNotThrowAsync(() => pacer.WaitTurnAsync("clonePool", 20, 2, CancellationToken.None), "the cancelled call was not counted");
            Assert.ThrowsAsync<TolokaQuotaExceededException>(() => pacer.WaitTurnAsync("clonePool", 20, 2, CancellationToken.None));
        }

        [Test]
        public async Task The_overload_without_a_days_quota_counts_nothing_against_one()
        {
            var pacer = Pacer(new TolokaClientOptions { TimeProvider = _time, RateLimiterFactory = _ => null });
            for (var i = 0; i < 3; i++)
            {
                await pacer.WaitTurnAsync("clonePool", 20, CancellationToken.None);
            }

            Assert.DoesNotThrowAsync(() => pacer.WaitTurnAsync("clonePool", 20, 1, CancellationToken.None));
        }

        [Test]
        public async Task After_Toloka_says_the_days_quota_is_gone_every_call_fails_before_it_is_sent_until_it_resets()
        {
            var pacer = Pacer(new TolokaClientOptions { TimeProvider = _time, PaceRequests = true });
            var resets = SimulatedTime.Start + TimeSpan.FromHours(5);
            pacer.NoteQuotaExhausted("clonePool", resets);

            var refused = Assert.ThrowsAsync<TolokaQuotaExceededException>(() => pacer.WaitTurnAsync("clonePool", 20, 100, CancellationToken.None));
            _time.Advance(TimeSpan.FromHours(5));

            Assert.That(refused!.ResetsAt, Is.EqualTo(resets));
            Assert.DoesNotThrowAsync(() => pacer.WaitTurnAsync("clonePool", 20, 100, CancellationToken.None));
        }

        [Test]
        public void The_account_key_is_a_keyed_hash_the_same_for_one_credential_and_never_the_credential()
        {
            var key = TolokaPacer.AccountKeyOf(Token("secret-token-value"));

            Assert.That(TolokaPacer.AccountKeyOf(Token("secret-token-value")), Is.EqualTo(key));
            Assert.That(TolokaPacer.AccountKeyOf(Token("another-token-value")), Is.Not.EqualTo(key));
            Assert.That(key, Does.Match("^[0-9a-f]{16}$"));
            Assert.That(key, Does.Not.Contain("secret"));
        }

        // Realistic lengths: the client refuses a credential shorter than any Toloka issues.
        private static TolokaToken Token(string value) => TolokaToken.Create(value + "-0123456789abcdef", "token");

        private static TolokaPacer Pacer(TolokaClientOptions options, string token = "pacing-token") =>
            TolokaPacer.For(options.Snapshot(), Token(token))!;
    }
}

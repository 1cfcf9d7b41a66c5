using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>Issue 19, item 6: a 429's payload.interval (and Retry-After where present) decides what the client does.</summary>
    public class QuotaAnswerTests
    {
        private static string QuotaGone(string interval) =>
            Samples.Error("TOO_MANY_REQUESTS", "Too many requests", payload: "{\"interval\":\"" + interval + "\"}");

        private static TolokaClientOptions Options(TimeProvider time) =>
            new() { TimeProvider = time, NetworkTimeout = Timeout.InfiniteTimeSpan };

        [TestCase("DAY", TolokaQuotaInterval.Day, 24 * 3600)]
        [TestCase("HOUR", TolokaQuotaInterval.Hour, 3600)]
        [TestCase("day", TolokaQuotaInterval.Day, 24 * 3600)]
        public async Task A_quota_that_cannot_reset_within_the_budget_ends_the_call_at_once(string interval, TolokaQuotaInterval expected, int resetSeconds)
        {
            var time = SimulatedTime.NewClock();
            var stub = new StubToloka(time).Otherwise(_ => StubToloka.Json((HttpStatusCode)429, QuotaGone(interval)));
            using var client = stub.CreateClient(options: Options(time));

            var call = client.ClonePoolAsync("1");
            await time.RunAsync((Task)call, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(3));

            var exception = Assert.ThrowsAsync<TolokaRateLimitedException>(() => call)!;
            Assert.That(stub.Requests, Has.Count.EqualTo(1), "no retry waits for a quota that frees no call within the budget");
            Assert.That(exception.QuotaInterval, Is.EqualTo(expected));
            Assert.That(exception.ResetsAt, Is.EqualTo(SimulatedTime.Start + TimeSpan.FromSeconds(resetSeconds)));
            Assert.That(exception.Message, Does.Contain(expected == TolokaQuotaInterval.Day ? "daily quota ran out" : "hourly quota ran out"));
            Assert.That(exception.Message, Does.Contain("frees a call by " + (SimulatedTime.Start + TimeSpan.FromSeconds(resetSeconds)).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC"));
            Assert.That(time.GetUtcNow(), Is.EqualTo(SimulatedTime.Start), "the call ended without waiting");
        }

        [Test]
        public async Task A_per_minute_quota_without_retry_after_is_retried_within_the_budget()
        {
            var time = SimulatedTime.NewClock();
            var stub = new StubToloka(time)
                .Answer((HttpStatusCode)429, QuotaGone("MIN"))
                .Otherwise(_ => StubToloka.Json(HttpStatusCode.Accepted, Samples.ClonePoolOperation));
            using var client = stub.CreateClient(options: Options(time));

            var operation = await time.RunAsync(client.ClonePoolAsync("1"), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(3));

            Assert.That(operation.Id, Is.Not.Empty);
            Assert.That(stub.Requests, Has.Count.EqualTo(2));
        }

        [Test]
        public async Task A_retry_after_that_fits_the_budget_wins_over_the_interval()
        {
            var time = SimulatedTime.NewClock();
            var stub = new StubToloka(time)
                .Answer((HttpStatusCode)429, QuotaGone("DAY"), ("Retry-After", "5"))
                .Otherwise(_ => StubToloka.Json(HttpStatusCode.Accepted, Samples.ClonePoolOperation));
            using var client = stub.CreateClient(options: Options(time));

            await time.RunAsync(client.ClonePoolAsync("1"), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(3));

            Assert.That(stub.Requests, Has.Count.EqualTo(2));
            Assert.That(stub.Requests[1].At - stub.Requests[0].At, Is.EqualTo(TimeSpan.FromSeconds(5)));
        }

        [Test]
        public async Task A_retry_after_past_the_budget_ends_the_call_and_says_when_it_resets()
        {
            var time = SimulatedTime.NewClock();
            var stub = new StubToloka(time).Otherwise(_ => StubToloka.Response((HttpStatusCode)429, QuotaGone("DAY"), ("Retry-After", "86370")));
            using var client = stub.CreateClient(options: Options(time));

            var call = client.ClonePoolAsync("1");
            await time.RunAsync((Task)call, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(3));

            var exception = Assert.ThrowsAsync<TolokaRateLimitedException>(() => call)!;
            Assert.That(stub.Requests, Has.Count.EqualTo(1));
            Assert.That(exception.ResetsAt, Is.EqualTo(SimulatedTime.Start + TimeSpan.FromSeconds(86370)), "Retry-After wins over the interval's length");
        }

        [TestCase("null")]
        [TestCase("{}")]
        [TestCase("{\"interval\":42}")]
        [TestCase("{\"interval\":\"WEEK\"}")]
        [TestCase("[\"DAY\"]")]
        public async Task A_429_without_a_known_interval_reads_as_before(string payload)
        {
            var time = SimulatedTime.NewClock();
            var stub = new StubToloka(time).Otherwise(_ => StubToloka.Json((HttpStatusCode)429, Samples.Error("TOO_MANY_REQUESTS", "slow", payload: payload)));
            using var client = stub.CreateClient(options: Options(time));

            var call = client.ClonePoolAsync("1");
            await time.RunAsync((Task)call, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(3));

            var exception = Assert.ThrowsAsync<TolokaRateLimitedException>(() => call)!;
            Assert.That(exception.QuotaInterval, Is.Null);
            Assert.That(exception.ResetsAt, Is.Null);
            Assert.That(stub.Requests.Count, Is.GreaterThan(1), "retried with backoff, as any 429");
        }

        [Test]
        public async Task After_Toloka_says_the_days_quota_is_gone_a_pacing_client_sends_no_more_clones_until_it_resets()
        {
            var time = SimulatedTime.NewClock();
            var stub = new StubToloka(time).Otherwise(_ => StubToloka.Json((HttpStatusCode)429, QuotaGone("DAY")));
            var options = Options(time);
            options.PaceRequests = true;
            using var client = stub.CreateClient(options: options);

            var first = client.ClonePoolAsync("1");
            await time.RunAsync((Task)first, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(3));
            Assert.ThrowsAsync<TolokaRateLimitedException>(() => first);

            var next = client.ClonePoolAsync("2");
            await time.RunAsync((Task)next, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(3));
            var refused = Assert.ThrowsAsync<TolokaQuotaExceededException>(() => next)!;

            Assert.That(stub.Requests, Has.Count.EqualTo(1), "the second clone was not sent");
            Assert.That(refused.OperationId, Is.EqualTo("clonePool"));
            Assert.That(refused.ResetsAt, Is.EqualTo(SimulatedTime.Start + TimeSpan.FromDays(1)).Within(TimeSpan.FromSeconds(5)));
        }
    
        [Test]
        public async Task A_limiter_that_listens_hears_when_Toloka_says_the_quota_is_gone_and_one_that_throws_changes_nothing()
        {
            var time = SimulatedTime.NewClock();
            var stub = new StubToloka(time).Otherwise(_ => StubToloka.Json((HttpStatusCode)429, QuotaGone("DAY")));
            using var listening = new ListeningLimiter(new TolokaPacingRateLimiter(20, time), throws: false);
            using var throwing = new ListeningLimiter(new TolokaPacingRateLimiter(20, time), throws: true);
            var options = Options(time);
            options.RateLimiterFactory = limit => limit.OperationId == "clonePool" ? listening : throwing;
            using var client = stub.CreateClient(options: options);

            var clone = client.ClonePoolAsync("1");
            await time.RunAsync((Task)clone, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(3));
            Assert.ThrowsAsync<TolokaRateLimitedException>(() => clone);
            Assert.That(listening.Heard, Has.Count.EqualTo(1));
            Assert.That(listening.Heard[0], Is.EqualTo(SimulatedTime.Start + TimeSpan.FromDays(1)).Within(TimeSpan.FromSeconds(5)));

            var training = client.CloneTrainingAsync("2");
            await time.RunAsync((Task)training, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(3));
            Assert.ThrowsAsync<TolokaRateLimitedException>(() => training, "a listener that throws leaves Toloka's answer the call's failure");
            Assert.That(throwing.Heard, Has.Count.EqualTo(1));
        }

        private sealed class ListeningLimiter : System.Threading.RateLimiting.RateLimiter, ITolokaQuotaListener
        {
            private readonly System.Threading.RateLimiting.RateLimiter _inner;
            private readonly bool _throws;

            public ListeningLimiter(System.Threading.RateLimiting.RateLimiter inner, bool throws)
            {
                _inner = inner;
                _throws = throws;
            }

            public List<DateTimeOffset> Heard { get; } = new List<DateTimeOffset>();

            public override TimeSpan? IdleDuration => _inner.IdleDuration;

            public void QuotaExhausted(DateTimeOffset resetsAt)
            {
                Heard.Add(resetsAt);
                if (_throws)
                {
                    throw new InvalidOperationException("a listener that breaks its promise");
                }
            }

            public override System.Threading.RateLimiting.RateLimiterStatistics? GetStatistics() => _inner.GetStatistics();

            protected override System.Threading.RateLimiting.RateLimitLease AttemptAcquireCore(int permitCount) => _inner.AttemptAcquire(permitCount);

            protected override ValueTask<System.Threading.RateLimiting.RateLimitLease> AcquireAsyncCore(int permitCount, System.Threading.CancellationToken cancellationToken) =>
                _inner.AcquireAsync(permitCount, cancellationToken);

            protected override void Dispose(bool disposing)
            {
                _inner.Dispose();
                base.Dispose(disposing);
            }
        }
}
}

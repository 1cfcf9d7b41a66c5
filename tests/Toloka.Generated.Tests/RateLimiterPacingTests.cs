using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>Pacing through a replaceable RateLimiter: one limiter can give separately built clients one pace.</summary>
    public class RateLimiterPacingTests
    {
        private FakeTimeProvider _time = null!;

        [SetUp]
        public void StartClock() => _time = SimulatedTime.NewClock();

        [Test]
        public async Task Two_clients_with_different_tokens_given_one_limiter_keep_one_pace()
        {
            var stub = StubToloka.AcceptingClones(_time);
            using var shared = new TolokaPacingRateLimiter(20, _time);
            using var first = stub.CreateClient(token: "first-token-0123456789", options: new TolokaClientOptions { TimeProvider = _time, RateLimiterFactory = _ => shared });
            using var second = stub.CreateClient(token: "second-token-0123456789", options: new TolokaClientOptions { TimeProvider = _time, RateLimiterFactory = _ => shared });

            var both = Task.WhenAll(first.ClonePoolAsync("1"), second.ClonePoolAsync("2"), first.ClonePoolAsync("3"), second.ClonePoolAsync("4"));
            await _time.RunAsync(both, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1));

            var times = stub.Requests.Select(r => r.At - SimulatedTime.Start).OrderBy(t => t).ToArray();
            Assert.That(times, Is.EqualTo(new[] { TimeSpan.Zero, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(9) }));
        }

        [Test]
        public async Task The_factory_is_asked_once_per_operation_with_the_specs_limit()
        {
            var stub = StubToloka.AcceptingClones(_time);
            var asked = new List<string>();
            using var limiter = new TolokaPacingRateLimiter(20, _time);
            using var client = stub.CreateClient(options: new TolokaClientOptions
            {
                TimeProvider = _time,
                RateLimiterFactory = limit =>
                {
                    lock (asked)
                    {
                        asked.Add(limit.ToString());
                    }

                    return limiter;
                },
            });

            var loop = Task.WhenAll(Enumerable.Range(1, 3).Select(i => client.ClonePoolAsync("p" + i)));
            await _time.RunAsync(loop, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1));

            Assert.That(asked, Is.EqualTo(new[] { "clonePool: 20/min, 100/day" }));
        }

        [Test]
        public async Task A_factory_returning_null_leaves_the_operation_unpaced()
        {
            var stub = StubToloka.AcceptingClones(_time);
            using var client = stub.CreateClient(options: new TolokaClientOptions { TimeProvider = _time, PaceRequests = true, RateLimiterFactory = _ => null });

            await Task.WhenAll(Enumerable.Range(1, 5).Select(i => client.ClonePoolAsync("p" + i)));

            Assert.That(stub.Requests.Select(r => r.At).Distinct(), Is.EqualTo(new[] { SimulatedTime.Start }));
        }

        [Test]
        public async Task A_limiter_that_keeps_refusing_ends_in_a_typed_error_within_the_retry_budget_and_nothing_is_sent()
        {
            var stub = StubToloka.AcceptingClones(_time);
            using var refusing = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 0 });
            using var held = refusing.AttemptAcquire();
            using var client = stub.CreateClient(options: new TolokaClientOptions
            {
                TimeProvider = _time,
                Retry = new TolokaRetryOptions { TotalBudget = TimeSpan.FromSeconds(30) },
                RateLimiterFactory = _ => refusing,
            });

            var call = client.ClonePoolAsync("1");
            await _time.RunAsync(call.ContinueWith(_ => { }, TaskScheduler.Default), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));

            var error = Assert.CatchAsync<TolokaPacingTimeoutException>(() => call)!;
            Assert.That(error.OperationId, Is.EqualTo("clonePool"));
            Assert.That(error.Waited, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(stub.Requests, Is.Empty);
        }

        [Test]
        public void The_pacing_limiter_refuses_an_early_attempt_and_names_the_wait()
        {
            using var limiter = new TolokaPacingRateLimiter(20, _time);

            using var first = limiter.AttemptAcquire();
            using var second = limiter.AttemptAcquire();

            Assert.That(first.IsAcquired, Is.True);
            Assert.That(second.IsAcquired, Is.False);
            Assert.That(second.TryGetMetadata(MetadataName.RetryAfter, out var wait), Is.True);
            Assert.That(wait, Is.EqualTo(TimeSpan.FromSeconds(3)));
            _time.Advance(TimeSpan.FromSeconds(3));
            using var third = limiter.AttemptAcquire();
            Assert.That(third.IsAcquired, Is.True);
        }

        [Test]
        public void The_permit_one_limit_after_another_waits_a_minute_and_the_margin_then_the_spacing_resumes()
        {
            using var limiter = new TolokaPacingRateLimiter(20, _time);
            Assert.That(limiter.WindowMargin, Is.EqualTo(TolokaPacingRateLimiter.DefaultWindowMargin));

            var granted = new List<TimeSpan>();
            for (var tries = 0; granted.Count < 23 && tries < 100; tries++)
            {
                using var lease = limiter.AttemptAcquire();
                if (lease.IsAcquired)
                {
                    granted.Add(_time.GetUtcNow() - SimulatedTime.Start);
                    continue;
                }

                Assert.That(lease.TryGetMetadata(MetadataName.RetryAfter, out var wait), Is.True);
                _time.Advance(wait);
            }

            var expected = Enumerable.Range(0, 20).Select(i => TimeSpan.FromSeconds(3 * i))
                .Concat(new[] { TimeSpan.FromSeconds(62), TimeSpan.FromSeconds(65), TimeSpan.FromSeconds(68) });
            Assert.That(granted, Is.EqualTo(expected), "at most 20 grants within any 62 s; 3 s apart otherwise");
        }

        [Test]
        public async Task Queued_permits_keep_the_window_too_and_a_zero_margin_keeps_exactly_a_minute()
        {
            using var margined = new TolokaPacingRateLimiter(20, TimeSpan.FromSeconds(5), _time);
            using var exact = new TolokaPacingRateLimiter(20, TimeSpan.Zero, _time);

            async Task<TimeSpan[]> GrantTimes(RateLimiter limiter)
            {
                var times = new TimeSpan[22];
                var all = Enumerable.Range(0, 22).Select(async i =>
                {
                    using var lease = await limiter.AcquireAsync();
                    Assert.That(lease.IsAcquired, Is.True);
                    times[i] = _time.GetUtcNow() - SimulatedTime.Start;
                });
                await _time.RunAsync(Task.WhenAll(all), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(3));
                return times.OrderBy(t => t).ToArray();
            }

            var withMargin = await GrantTimes(margined);
            Assert.That(withMargin[20], Is.EqualTo(TimeSpan.FromSeconds(65)));
            Assert.That(withMargin[21], Is.EqualTo(TimeSpan.FromSeconds(68)));

            var start = _time.GetUtcNow() - SimulatedTime.Start;
            var withoutMargin = (await GrantTimes(exact)).Select(t => t - start).ToArray();
            Assert.That(withoutMargin[20], Is.EqualTo(TimeSpan.FromSeconds(60)));
        }

        [Test]
        public void A_window_margin_below_zero_or_over_a_minute_is_refused()
        {
            Assert.Multiple(() =>
            {
                Assert.That(() => new TolokaPacingRateLimiter(20, TimeSpan.FromSeconds(-1)), Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("windowMargin"));
                Assert.That(() => new TolokaPacingRateLimiter(20, TimeSpan.FromSeconds(61)), Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("windowMargin"));
            });
        }

        [TestCase(0)]
        [TestCase(-1)]
        [TestCase(60_001)]
        public void A_pacing_limiter_with_an_impossible_limit_is_refused(int perMinute)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TolokaPacingRateLimiter(perMinute));
            Assert.That(error!.ParamName, Is.EqualTo("requestsPerMinute"));
        }

        [Test]
        public void A_limiter_that_counts_the_days_quota_stops_the_call_before_it_is_sent_with_the_quota_and_its_reset()
        {
            var stub = StubToloka.AcceptingClones(_time);
            var resets = SimulatedTime.Start + TimeSpan.FromHours(7);
            using var limiter = new ScriptedLimiter(_ => throw new TolokaQuotaExceededException("clonePool", 100, resets));
            using var client = stub.CreateClient(options: new TolokaClientOptions { TimeProvider = _time, RateLimiterFactory = _ => limiter });

            var first = Assert.ThrowsAsync<TolokaQuotaExceededException>(() => client.ClonePoolAsync("1"));
            var second = Assert.ThrowsAsync<TolokaQuotaExceededException>(() => client.ClonePoolAsync("2"));

            Assert.That(first!.ResetsAt, Is.EqualTo(resets));
            Assert.That(first.RequestsPerDay, Is.EqualTo(100));
            Assert.That(second!.OperationId, Is.EqualTo("clonePool"));
            Assert.That(stub.Requests, Is.Empty, "a quota refusal is not retried and sends nothing");
        }

        [Test]
        public async Task A_refusal_naming_its_wait_in_whole_seconds_is_waited_out_as_seconds()
        {
            // RedisRateLimiting's token bucket puts RETRY_AFTER as an int of seconds, not a TimeSpan.
            var stub = StubToloka.AcceptingClones(_time);
            var asks = 0;
            using var limiter = new ScriptedLimiter(_ => Interlocked.Increment(ref asks) == 1 ? ScriptedLimiter.Refused(2) : ScriptedLimiter.Granted());
            using var client = stub.CreateClient(options: new TolokaClientOptions { TimeProvider = _time, RateLimiterFactory = _ => limiter });

            var call = client.ClonePoolAsync("1");
            await _time.RunAsync(call, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1));

            Assert.That(asks, Is.EqualTo(2));
            Assert.That(stub.Requests.Single().At, Is.EqualTo(SimulatedTime.Start + TimeSpan.FromSeconds(2)));
        }

        [Test]
        public async Task A_limiter_that_names_waits_longer_than_the_retry_budget_is_waited_on_until_it_grants()
        {
            // A window shared by processes: a place frees 61 s after it was taken, and other processes may take it first.
            var stub = StubToloka.AcceptingClones(_time);
            var asks = 0;
            using var limiter = new ScriptedLimiter(_ => Interlocked.Increment(ref asks) <= 2 ? ScriptedLimiter.Refused(61) : ScriptedLimiter.Granted());
            using var client = stub.CreateClient(options: new TolokaClientOptions { TimeProvider = _time, RateLimiterFactory = _ => limiter });

            var call = client.ClonePoolAsync("1");
            await _time.RunAsync(call, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

            Assert.That(stub.Requests.Single().At, Is.EqualTo(SimulatedTime.Start + TimeSpan.FromSeconds(122)), "past the 60 s retry budget");
        }

        [Test]
        public async Task A_limiter_that_names_its_waits_but_never_grants_ends_after_fifteen_minutes_and_nothing_is_sent()
        {
            var stub = StubToloka.AcceptingClones(_time);
            using var limiter = new ScriptedLimiter(_ => ScriptedLimiter.Refused(61));
            using var client = stub.CreateClient(options: new TolokaClientOptions { TimeProvider = _time, RateLimiterFactory = _ => limiter });

            var call = client.ClonePoolAsync("1");
            await _time.RunAsync(call.ContinueWith(_ => { }, TaskScheduler.Default), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(20));

            var error = Assert.CatchAsync<TolokaPacingTimeoutException>(() => call)!;
            Assert.That(error.Waited, Is.LessThanOrEqualTo(TimeSpan.FromMinutes(15)).And.GreaterThan(TimeSpan.FromMinutes(14)));
            Assert.That(error.Message, Does.Contain("15 minutes"));
            Assert.That(stub.Requests, Is.Empty);
        }

        [Test]
        public void A_limiter_naming_a_wait_longer_than_pacings_limit_fails_the_call_at_once()
        {
            var stub = StubToloka.AcceptingClones(_time);
            using var limiter = new ScriptedLimiter(_ => ScriptedLimiter.Refused(3600));
            using var client = stub.CreateClient(options: new TolokaClientOptions { TimeProvider = _time, RateLimiterFactory = _ => limiter });

            var error = Assert.CatchAsync<TolokaPacingTimeoutException>(() => client.ClonePoolAsync("1"))!;

            Assert.That(error.Waited, Is.EqualTo(TimeSpan.Zero));
            Assert.That(stub.Requests, Is.Empty);
        }

        [Test]
        public async Task The_factory_hears_the_account_as_a_keyed_hash_never_the_credential()
        {
            var stub = StubToloka.AcceptingClones(_time);
            var heard = new List<TolokaRateLimit>();
            using var client = stub.CreateClient(token: "a-secret-credential", options: new TolokaClientOptions
            {
                TimeProvider = _time,
                RateLimiterFactory = limit =>
                {
                    lock (heard)
                    {
                        heard.Add(limit);
                    }

                    return null;
                },
            });

            await client.ClonePoolAsync("1");

            Assert.That(heard.Single().AccountKey, Does.Match("^[0-9a-f]{16}$"));
            Assert.That(heard.Single().AccountKey, Does.Not.Contain("secret"));
            Assert.That(heard.Single().Environment, Is.SameAs(TolokaEnvironment.Production));
        }

        /// <summary>A limiter whose every AcquireAsync answers what the test says (or throws what it throws).</summary>
        private sealed class ScriptedLimiter : RateLimiter
        {
            private readonly Func<int, RateLimitLease> _answer;

            internal ScriptedLimiter(Func<int, RateLimitLease> answer) => _answer = answer;

            public override TimeSpan? IdleDuration => null;

            internal static RateLimitLease Granted() => new Lease(true, null);

            internal static RateLimitLease Refused(int retryAfterSeconds) => new Lease(false, retryAfterSeconds);

            public override RateLimiterStatistics? GetStatistics() => null;

            protected override RateLimitLease AttemptAcquireCore(int permitCount) => _answer(permitCount);

            protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) => new ValueTask<RateLimitLease>(_answer(permitCount));

            private sealed class Lease : RateLimitLease
            {
                private readonly object? _retryAfter;

                internal Lease(bool acquired, object? retryAfter)
                {
                    IsAcquired = acquired;
                    _retryAfter = retryAfter;
                }

                public override bool IsAcquired { get; }

                public override IEnumerable<string> MetadataNames => _retryAfter is null ? Array.Empty<string>() : new[] { MetadataName.RetryAfter.Name };

                public override bool TryGetMetadata(string metadataName, out object? metadata)
                {
                    metadata = metadataName == MetadataName.RetryAfter.Name ? _retryAfter : null;
                    return metadata is not null;
                }
            }
        }
    }
}

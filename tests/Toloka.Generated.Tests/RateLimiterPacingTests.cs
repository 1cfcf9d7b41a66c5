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

            Assert.That(asked, Is.EqualTo(new[] { "clonePool: 20/min" }));
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

        [TestCase(0)]
        [TestCase(-1)]
        [TestCase(60_001)]
        public void A_pacing_limiter_with_an_impossible_limit_is_refused(int perMinute)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TolokaPacingRateLimiter(perMinute));
            Assert.That(error!.ParamName, Is.EqualTo("requestsPerMinute"));
        }
    }
}

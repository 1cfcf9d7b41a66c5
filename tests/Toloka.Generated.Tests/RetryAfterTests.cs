using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>Issue 8, rule 1: malformed Retry-After is ignored, absurd ones are clamped, none can crash or stall a call.</summary>
    public class RetryAfterTests
    {
        private static readonly DateTimeOffset Now = SimulatedTime.Start;

        [TestCase("NaN")]
        [TestCase("Infinity")]
        [TestCase("-Infinity")]
        [TestCase("-5")]
        [TestCase("+5")]
        [TestCase("1e9")]
        [TestCase("0x10")]
        [TestCase("5 seconds")]
        [TestCase("1.")]
        [TestCase(".5")]
        [TestCase("")]
        [TestCase("   ")]
        [TestCase("Someday, 99 Foo 2026 25:61:61 GMT")]
        [TestCase("1.2.3")]
        public void Malformed_values_are_ignored(string header)
        {
            Assert.That(TolokaRetryAfter.Parse(header, Now), Is.Null);
        }

        [TestCase("0", 0)]
        [TestCase("7", 7)]
        [TestCase("1.5", 1.5)]
        [TestCase(" 30 ", 30)]
        [TestCase("86400", 86400)]
        [TestCase("86401", 86400)]
        [TestCase("99999999999999999999999999999999999999", 86400)]
        public void Delay_seconds_are_read_and_clamped_to_a_day(string header, double seconds)
        {
            Assert.That(TolokaRetryAfter.Parse(header, Now), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
        }

        [Test]
        public void A_very_long_run_of_digits_is_clamped_not_an_overflow()
        {
            Assert.That(TolokaRetryAfter.Parse(new string('9', 5000), Now), Is.EqualTo(TolokaRetryAfter.Ceiling));
        }

        [Test]
        public void Http_dates_in_the_past_mean_now_and_far_future_ones_are_clamped()
        {
            Assert.That(TolokaRetryAfter.Parse("Sun, 06 Nov 1994 08:49:37 GMT", Now), Is.EqualTo(TimeSpan.Zero));
            Assert.That(TolokaRetryAfter.Parse("Fri, 31 Dec 9999 23:59:59 GMT", Now), Is.EqualTo(TolokaRetryAfter.Ceiling));
            Assert.That(TolokaRetryAfter.Parse(Now.AddSeconds(42).ToString("r", CultureInfo.InvariantCulture), Now), Is.EqualTo(TimeSpan.FromSeconds(42)));
        }

        [TestCase("NaN")]
        [TestCase("Infinity")]
        [TestCase("-1")]
        [TestCase("99999999999999999999")]
        [TestCase("Fri, 31 Dec 9999 23:59:59 GMT")]
        [TestCase("Mon, 01 Jan 0001 00:00:00 GMT")]
        public async Task A_rate_limited_call_with_any_retry_after_ends_typed_within_the_budget(string header)
        {
            var time = SimulatedTime.NewClock();
            var stub = new StubToloka(time).Otherwise(_ =>
            {
                var answer = StubToloka.Json((HttpStatusCode)429, Samples.Error("TOO_MANY_REQUESTS", "slow"));
                answer.Headers.TryAddWithoutValidation("Retry-After", header);
                return answer;
            });
            using var client = stub.CreateClient(options: new TolokaClientOptions { TimeProvider = time, NetworkTimeout = Timeout.InfiniteTimeSpan });

            var call = client.ClonePoolAsync("1");
            await time.RunAsync((Task)call, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(3));

            var exception = Assert.ThrowsAsync<TolokaRateLimitedException>(() => call);
            Assert.That(exception!.RetryAfter, Is.Null.Or.InRange(TimeSpan.Zero, TolokaRetryAfter.Ceiling));
            Assert.That(time.GetUtcNow() - SimulatedTime.Start, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(61)));
        }

        [TestCase("NaN")]
        [TestCase("Infinity")]
        [TestCase("-5")]
        [TestCase("99999999999999999999")]
        [TestCase("Fri, 31 Dec 9999 23:59:59 GMT")]
        public async Task A_successful_poll_with_any_retry_after_keeps_polling_within_the_retry_budget(string header)
        {
            var time = SimulatedTime.NewClock();
            var polls = 0;
            var stub = new StubToloka(time).Otherwise(_ =>
            {
                var status = ++polls < 3 ? "RUNNING" : "SUCCESS";
                var answer = StubToloka.Json(HttpStatusCode.OK, "{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":\"" + status + "\",\"details\":{\"pool_id\":\"2\"}}");
                answer.Headers.TryAddWithoutValidation("Retry-After", header);
                return answer;
            });
            using var client = stub.CreateClient(options: new TolokaClientOptions { TimeProvider = time, NetworkTimeout = Timeout.InfiniteTimeSpan });
            var pending = new Operation { Id = "op-1", Type = OperationType.PoolClone, Status = OperationStatus.Pending };

            var done = await time.RunAsync(client.WaitForCompletionAsync(pending), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));

            Assert.That(done.Status, Is.EqualTo(OperationStatus.Success));
            var gaps = stub.Requests.Zip(stub.Requests.Skip(1), (a, b) => b.At - a.At);
            Assert.That(gaps, Has.All.LessThanOrEqualTo(TimeSpan.FromSeconds(61)), "no poll waits past the retry budget (60 s)");
        }
    }
}

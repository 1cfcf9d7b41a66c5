using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Testing.Tests.Support;

namespace Toloka.Generated.Testing.Tests
{
    /// <summary>Rate limits on the fake's clock: 429 TOO_MANY_REQUESTS with Retry-After in seconds.</summary>
    public class RateLimitTests
    {
        [Test]
        public async Task Twenty_clones_a_minute_pass_and_the_twenty_first_is_429_with_Retry_After_in_seconds()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);
            var first20 = await h.PostRepeatedlyAsync("pools/" + poolId + "/clone", 20);

            h.Advance(15);
            var limited = await h.PostAsync("pools/" + poolId + "/clone");

            Assert.That(first20, Is.All.EqualTo(202));
            Assert.That(limited.Status, Is.EqualTo(429));
            Assert.That(limited.String("code"), Is.EqualTo("TOO_MANY_REQUESTS"));
            Assert.That(limited.RetryAfter, Is.EqualTo("45"));
            Assert.That(h.Fake.Operations, Has.Count.EqualTo(20), "the refused clone started nothing");
        }

        [Test]
        public async Task Once_Retry_After_has_passed_the_same_request_is_accepted()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);
            await h.PostRepeatedlyAsync("pools/" + poolId + "/clone", 20);

            var limited = await h.PostAsync("pools/" + poolId + "/clone");
            h.Advance(int.Parse(limited.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture) - 1);
            var stillLimited = await h.PostAsync("pools/" + poolId + "/clone");
            h.Advance(1);
            var accepted = await h.PostAsync("pools/" + poolId + "/clone");

            Assert.That(limited.RetryAfter, Is.EqualTo("60"));
            Assert.That(stillLimited.Status, Is.EqualTo(429));
            Assert.That(stillLimited.RetryAfter, Is.EqualTo("1"));
            Assert.That(accepted.Status, Is.EqualTo(202));
        }

        [Test]
        public async Task The_window_slides_so_only_requests_in_the_last_minute_count()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);
            await h.PostRepeatedlyAsync("pools/" + poolId + "/clone", 10);

            h.Advance(30);
            await h.PostRepeatedlyAsync("pools/" + poolId + "/clone", 10);

            h.Advance(29);
            var limited = await h.PostAsync("pools/" + poolId + "/clone");
            h.Advance(1);
            var tenFreed = await h.PostRepeatedlyAsync("pools/" + poolId + "/clone", 10);

            Assert.That(limited.RetryAfter, Is.EqualTo("1"));
            Assert.That(tenFreed, Is.All.EqualTo(202));
            Assert.That((await h.PostAsync("pools/" + poolId + "/clone")).Status, Is.EqualTo(429));
        }

        [Test]
        public async Task The_daily_limit_of_100_clones_holds_across_minutes()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);
            for (var minute = 0; minute < 5; minute++)
            {
                Assert.That(await h.PostRepeatedlyAsync("pools/" + poolId + "/clone", 20), Is.All.EqualTo(202));
                h.Advance(TimeSpan.FromMinutes(1));
            }

            var limited = await h.PostAsync("pools/" + poolId + "/clone");

            Assert.That(limited.Status, Is.EqualTo(429));
            Assert.That(limited.RetryAfter, Is.EqualTo(TimeSpan.FromDays(1).Subtract(TimeSpan.FromMinutes(5)).TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        [Test]
        public async Task The_client_gets_TolokaRateLimitedException_with_RetryAfter_and_ResetsAt_on_the_fakes_clock()
        {
            await using var h = await FakeTolokaHarness.StartAsync(options =>
            {
                options.RateLimits.Clear();
                options.RateLimits.Add(new FakeRateLimit(FakeTolokaEndpoint.ArchivePool, 1, TimeSpan.FromSeconds(30)));
            });
            var first = h.Fake.AddPool(FakePoolStatus.Closed);
            var second = h.Fake.AddPool(FakePoolStatus.Closed);
            await h.Client.ArchivePoolAsync(first);
            h.Advance(10);

            var error = Assert.ThrowsAsync<TolokaRateLimitedException>(() => h.Client.ArchivePoolAsync(second));

            Assert.That(error!.ErrorCode, Is.EqualTo("TOO_MANY_REQUESTS"));
            Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(20)));
            Assert.That(error.ResetsAt, Is.EqualTo(FakeTolokaHarness.Start.AddSeconds(30)));
        }

        [Test]
        public async Task Limits_apply_per_endpoint_and_refused_or_unauthenticated_requests_do_not_count()
        {
            await using var h = await FakeTolokaHarness.StartAsync(options =>
            {
                options.RateLimits.Clear();
                options.RateLimits.Add(new FakeRateLimit(FakeTolokaEndpoint.CloneTraining, 2, TimeSpan.FromMinutes(1)));
            });
            var trainingId = h.Fake.AddTraining(FakePoolStatus.Open);
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);

            for (var i = 0; i < 5; i++)
            {
                await h.SendAsync(HttpMethod.Post, "trainings/" + trainingId + "/clone", "OAuth bad-token");
            }

            var statuses = new[]
            {
                (await h.PostAsync("trainings/" + trainingId + "/clone")).Status,
                (await h.PostAsync("trainings/" + trainingId + "/clone")).Status,
                (await h.PostAsync("trainings/" + trainingId + "/clone")).Status,
                (await h.PostAsync("trainings/" + trainingId + "/clone")).Status,
            };
            var poolClones = await h.PostRepeatedlyAsync("pools/" + poolId + "/clone", 25);

            Assert.That(statuses, Is.EqualTo(new[] { 202, 202, 429, 429 }));
            Assert.That(poolClones, Is.All.EqualTo(202), "the default clone-pool limits were cleared");
        }
    }
}

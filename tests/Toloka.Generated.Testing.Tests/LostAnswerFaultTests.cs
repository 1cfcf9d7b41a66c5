using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Testing.Tests.Support;

namespace Toloka.Generated.Testing.Tests
{
    /// <summary>
    /// Standing fault rules (a seeded probability or a schedule of request numbers) and the listing delay
    /// of GET /operations: what the lost-answer and crash suites of the client and the CLI stand on.
    /// </summary>
    public class LostAnswerFaultTests
    {
        [Test]
        public async Task A_scheduled_lost_answer_performs_exactly_the_scheduled_requests_and_answers_the_rest()
        {
            await using var h = await FakeTolokaHarness.StartAsync(o => o.RateLimits.Clear());
            var pools = Enumerable.Range(0, 6).Select(_ => h.Fake.AddPool(FakePoolStatus.Closed)).ToArray();
            h.Fake.InjectFaultOnRequests(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnectionAfterHandling(), new[] { 2, 5 });

            var answered = new List<bool>();
            foreach (var pool in pools)
            {
                answered.Add(await Answered(h, "pools/" + pool + "/clone"));
            }

            Assert.That(answered, Is.EqualTo(new[] { true, false, true, true, false, true }));
            Assert.That(h.Fake.Operations.Select(o => o.SourceId), Is.EqualTo(pools), "every request was performed, answered or not");
            Assert.That(h.Fake.Requests.Select(r => r.StatusCode is null), Is.EqualTo(answered.Select(a => !a)));
        }

        [Test]
        public async Task A_seeded_probability_loses_the_same_answers_for_the_same_seed_and_about_that_share()
        {
            var first = await LostPattern(seed: 17, requests: 60);
            var again = await LostPattern(seed: 17, requests: 60);
            var other = await LostPattern(seed: 18, requests: 60);

            TestContext.Out.WriteLine("seed 17 lost " + first.Count(l => l) + " of 60; seed 18 lost " + other.Count(l => l));
            Assert.That(again, Is.EqualTo(first), "deterministic for a seed");
            Assert.That(other, Is.Not.EqualTo(first));
            Assert.That(first.Count(l => l), Is.InRange(8, 30), "about 30% of 60");
        }

        [Test]
        public async Task Queued_faults_come_before_rules_and_cleared_rules_stop()
        {
            await using var h = await FakeTolokaHarness.StartAsync(o => o.RateLimits.Clear());
            var pool = h.Fake.AddPool(FakePoolStatus.Closed);
            h.Fake.InjectFaultRandomly(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnectionAfterHandling(), probability: 1, seed: 1);
            h.Fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.InternalError());

            var queued = await h.PostAsync("pools/" + pool + "/clone");
            var ruled = await Answered(h, "pools/" + pool + "/clone");
            h.Fake.ClearFaultRules(FakeTolokaEndpoint.ClonePool);
            var cleared = await h.PostAsync("pools/" + pool + "/clone");

            Assert.That(queued.Status, Is.EqualTo(500));
            Assert.That(ruled, Is.False);
            Assert.That(cleared.Status, Is.EqualTo(202));
            Assert.That(h.Fake.Operations, Has.Count.EqualTo(2));
        }

        [Test]
        public async Task Bad_rules_are_refused()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            Assert.Multiple(() =>
            {
                Assert.Throws<ArgumentOutOfRangeException>(() => h.Fake.InjectFaultRandomly(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnection(), 1.5, 1));
                Assert.Throws<ArgumentOutOfRangeException>(() => h.Fake.InjectFaultRandomly(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnection(), double.NaN, 1));
                Assert.Throws<ArgumentOutOfRangeException>(() => h.Fake.InjectFaultOnRequests(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnection(), new[] { 0 }));
                Assert.Throws<ArgumentNullException>(() => h.Fake.InjectFaultRandomly(FakeTolokaEndpoint.ClonePool, null!, 0.5, 1));
                Assert.ThrowsAsync<ArgumentException>(() => FakeToloka.StartAsync(new FakeTolokaOptions { OperationListingDelay = TimeSpan.FromSeconds(-1) }));
            });
        }

        [Test]
        public async Task An_operation_is_listed_only_after_the_listing_delay_but_read_by_id_at_once()
        {
            await using var h = await FakeTolokaHarness.StartAsync(o => o.OperationListingDelay = TimeSpan.FromSeconds(3));
            var pool = h.Fake.AddPool(FakePoolStatus.Closed);
            var clone = await h.PostAsync("pools/" + pool + "/clone");
            var id = clone.String("id");

            var byId = await h.GetAsync("operations/" + id);
            var atOnce = await h.GetAsync("operations?type=POOL.CLONE");
            h.Advance(2.999);
            var justBefore = await h.GetAsync("operations?type=POOL.CLONE");
            h.Advance(0.001);
            var after = await h.GetAsync("operations?type=POOL.CLONE");

            Assert.That(byId.Status, Is.EqualTo(200));
            Assert.That(atOnce.Json.GetProperty("items").GetArrayLength(), Is.Zero);
            Assert.That(justBefore.Json.GetProperty("items").GetArrayLength(), Is.Zero);
            Assert.That(after.Json.GetProperty("items")[0].GetProperty("id").GetString(), Is.EqualTo(id));
        }

        private static async Task<bool[]> LostPattern(int seed, int requests)
        {
            await using var h = await FakeTolokaHarness.StartAsync(o => o.RateLimits.Clear());
            var pool = h.Fake.AddPool(FakePoolStatus.Closed);
            h.Fake.InjectFaultRandomly(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnectionAfterHandling(), 0.3, seed);
            var lost = new bool[requests];
            for (var i = 0; i < requests; i++)
            {
                lost[i] = !await Answered(h, "pools/" + pool + "/clone");
            }

            Assert.That(h.Fake.Operations, Has.Count.EqualTo(requests), "a lost answer still performs the clone");
            return lost;
        }

        private static async Task<bool> Answered(FakeTolokaHarness h, string path)
        {
            try
            {
                return (await h.PostAsync(path)).Status == 202;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }
    }
}

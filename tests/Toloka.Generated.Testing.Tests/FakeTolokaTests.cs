using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toloka.Generated.Testing.Tests.Support;

namespace Toloka.Generated.Testing.Tests
{
    /// <summary>The fake as a server and as an object: where it listens, its lifetime, its options, seeding and thread-safety.</summary>
    public class FakeTolokaTests
    {
        [Test]
        public async Task The_fake_listens_on_loopback_http_under_api_v1_and_its_client_options_point_there()
        {
            var time = new FakeTimeProvider();
            await using var fake = await FakeToloka.StartAsync(new FakeTolokaOptions { TimeProvider = time });

            var options = fake.CreateClientOptions();

            Assert.That(fake.BaseUri.Scheme, Is.EqualTo("http"));
            Assert.That(fake.BaseUri.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(fake.BaseUri.Port, Is.GreaterThan(0));
            Assert.That(fake.BaseUri.AbsolutePath, Is.EqualTo("/api/v1/"));
            Assert.That(options.Environment.BaseUri, Is.EqualTo(fake.BaseUri));
            Assert.That(options.TimeProvider, Is.SameAs(time));
            Assert.That(fake.Token, Is.EqualTo(FakeToloka.DefaultToken));
            Assert.That(fake.ToString(), Is.EqualTo("FakeToloka (" + fake.BaseUri + ")"));
        }

        [Test]
        public async Task CreateClient_gives_a_client_that_is_let_in()
        {
            await using var fake = await FakeToloka.StartAsync();
            var poolId = fake.AddPool(FakePoolStatus.Open);
            using var client = fake.CreateClient();

            var clone = await client.ClonePoolAsync(poolId);

            Assert.That(clone.Parameters!.PoolId, Is.EqualTo(poolId));
            Assert.That(fake.Requests.Single().IsAuthenticated, Is.True);
            Assert.That(client.Environment.BaseUri, Is.EqualTo(fake.BaseUri));
        }

        [Test]
        public async Task Two_fakes_run_side_by_side_with_their_own_port_and_state()
        {
            await using var first = await FakeToloka.StartAsync();
            await using var second = await FakeToloka.StartAsync();

            var poolId = first.AddPool(FakePoolStatus.Open);
            using var client = second.CreateClient();

            Assert.That(second.BaseUri.Port, Is.Not.EqualTo(first.BaseUri.Port));
            Assert.ThrowsAsync<TolokaNotFoundException>(() => client.ClonePoolAsync(poolId));
            Assert.That(first.Requests, Is.Empty);
        }

        [Test]
        public async Task Disposing_stops_the_server_and_a_second_dispose_does_nothing()
        {
            var fake = await FakeToloka.StartAsync();
            var baseUri = fake.BaseUri;

            await fake.DisposeAsync();
            await fake.DisposeAsync();

            using var http = new HttpClient();
            Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(new Uri(baseUri, "pools/1/clone"), content: null));
        }

        [Test]
        public void Options_that_make_no_sense_are_refused_before_the_server_starts()
        {
            Assert.ThrowsAsync<ArgumentException>(() => FakeToloka.StartAsync(new FakeTolokaOptions { Token = " " }));
            Assert.ThrowsAsync<ArgumentException>(() => FakeToloka.StartAsync(new FakeTolokaOptions { Token = "two words" }));
            Assert.ThrowsAsync<ArgumentException>(() => FakeToloka.StartAsync(new FakeTolokaOptions { TimeProvider = null! }));
            Assert.ThrowsAsync<ArgumentException>(() => FakeToloka.StartAsync(new FakeTolokaOptions { OperationRunningTime = TimeSpan.FromSeconds(-1) }));
            var badToken = new FakeTolokaOptions();
            badToken.AdditionalTokens.Add("line\nbreak");
            Assert.ThrowsAsync<ArgumentException>(() => FakeToloka.StartAsync(badToken));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new FakeRateLimit(FakeTolokaEndpoint.ClonePool, 0, TimeSpan.FromMinutes(1)));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new FakeRateLimit(FakeTolokaEndpoint.ClonePool, 1, TimeSpan.Zero));
        }

        [Test]
        public async Task Options_changed_after_the_start_have_no_effect()
        {
            var time = new FakeTimeProvider();
            var options = new FakeTolokaOptions { TimeProvider = time };
            await using var fake = await FakeToloka.StartAsync(options);
            using var client = fake.CreateClient();
            var poolId = fake.AddPool(FakePoolStatus.Open);

            options.RateLimits.Add(new FakeRateLimit(FakeTolokaEndpoint.ClonePool, 1, TimeSpan.FromHours(1)));
            options.Token = "changed";
            await client.ClonePoolAsync(poolId);
            await client.ClonePoolAsync(poolId);

            Assert.That(fake.Token, Is.EqualTo(FakeToloka.DefaultToken));
            Assert.That(fake.Operations, Has.Count.EqualTo(2));
        }

        [Test]
        public async Task Default_rate_limits_are_tolokas_clone_limits()
        {
            var limits = new FakeTolokaOptions().RateLimits;

            Assert.That(limits.Select(l => l.ToString()), Is.EqualTo(new[] { "ClonePool: 20 per 00:01:00", "ClonePool: 100 per 1.00:00:00", "CloneTraining: 20 per 00:01:00", "CloneTraining: 100 per 1.00:00:00" }));
            await Task.CompletedTask;
        }

        [Test]
        public async Task Ids_are_numeric_strings_and_pools_and_trainings_never_share_one()
        {
            await using var h = await FakeTolokaHarness.StartAsync();

            var ids = new[]
            {
                h.Fake.AddPool(FakePoolStatus.Open),
                h.Fake.AddTraining(FakePoolStatus.Open),
                h.Fake.AddPool(FakePoolStatus.Closed),
                h.Fake.AddTraining(FakePoolStatus.Closed),
            };

            Assert.That(ids, Is.Unique.And.All.Match("^[1-9][0-9]*$"));
            Assert.That(h.Fake.Pools.Select(p => p.Id), Is.EqualTo(new[] { ids[0], ids[2] }));
            Assert.That(h.Fake.Trainings.Select(t => t.Id), Is.EqualTo(new[] { ids[1], ids[3] }));
        }

        [Test]
        public async Task Seeding_keeps_a_copy_of_the_parameters()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var parameters = new Dictionary<string, string> { ["private_name"] = "before" };

            var poolId = h.Fake.AddPool(FakePoolStatus.Open, parameters: parameters);
            parameters["private_name"] = "after";

            Assert.That(h.Fake.GetPool(poolId).Parameters["private_name"], Is.EqualTo("before"));
            Assert.That(h.Fake.GetPool(poolId).TrainingId, Is.Null);
            Assert.That(h.Fake.GetPool(poolId).ClonedFromId, Is.Null);
        }

        [Test]
        public async Task Opening_and_closing_follow_toloka_rules()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);
            var trainingId = h.Fake.AddTraining(FakePoolStatus.Archived);

            h.Fake.ClosePool(poolId);
            Assert.That(h.Fake.GetPool(poolId).Status, Is.EqualTo(FakePoolStatus.Closed));
            h.Fake.OpenPool(poolId);
            Assert.That(h.Fake.GetPool(poolId).Status, Is.EqualTo(FakePoolStatus.Open));
            h.Fake.ClosePool(poolId);
            await h.Client.ArchivePoolAsync(poolId);

            Assert.Throws<InvalidOperationException>(() => h.Fake.OpenPool(poolId), "being archived");
            h.Advance(5);
            Assert.Throws<InvalidOperationException>(() => h.Fake.OpenPool(poolId), "archived");
            Assert.Throws<InvalidOperationException>(() => h.Fake.OpenTraining(trainingId));
            Assert.Throws<InvalidOperationException>(() => h.Fake.CloseTraining(trainingId));
        }

        [Test]
        public async Task Seeding_and_reading_unknown_objects_throw()
        {
            await using var h = await FakeTolokaHarness.StartAsync();

            Assert.Throws<ArgumentException>(() => h.Fake.AddPool(FakePoolStatus.Open, trainingId: "404"));
            Assert.Throws<KeyNotFoundException>(() => h.Fake.GetPool("1"));
            Assert.Throws<KeyNotFoundException>(() => h.Fake.GetTraining("1"));
            Assert.Throws<KeyNotFoundException>(() => h.Fake.GetOperation("1"));
            Assert.Throws<KeyNotFoundException>(() => h.Fake.ClosePool("1"));
            Assert.Throws<KeyNotFoundException>(() => h.Fake.OpenTraining("1"));
        }

        [Test]
        public async Task Concurrent_clients_each_get_their_own_operation_and_new_pool()
        {
            await using var h = await FakeTolokaHarness.StartAsync(options => options.RateLimits.Clear());
            var poolIds = Enumerable.Range(0, 4).Select(_ => h.Fake.AddPool(FakePoolStatus.Open)).ToArray();
            using var other = h.CreateClient(h.Fake.Token);

            var clones = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
                (i % 2 == 0 ? h.Client : other).ClonePoolAsync(poolIds[i % poolIds.Length])));
            h.Advance(5);

            Assert.That(clones.Select(c => c.Id), Is.Unique);
            Assert.That(h.Fake.Requests, Has.Count.EqualTo(40));
            var newPools = h.Fake.Operations.Select(o => o.ResultId).ToArray();
            Assert.That(newPools, Has.Length.EqualTo(40).And.Unique.And.None.Null);
            Assert.That(h.Fake.Pools, Has.Count.EqualTo(44));
            Assert.That(poolIds.Select(id => h.Fake.Pools.Count(p => p.ClonedFromId == id)), Is.All.EqualTo(10));
        }
    }
}

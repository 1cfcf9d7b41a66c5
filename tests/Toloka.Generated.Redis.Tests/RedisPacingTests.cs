using System;
using System.Linq;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using NUnit.Framework;
using StackExchange.Redis;
using Toloka.Generated.Testing;

namespace Toloka.Generated.Redis.Tests
{
    /// <summary>The Redis-shared limiter against a real Redis-protocol server: windows, day quotas, keys, failures.</summary>
    public class RedisPacingTests : RedisServerFixture
    {
        [Test]
        public async Task The_minutes_window_grants_the_limit_then_refuses_naming_the_wait_until_its_oldest_call_leaves()
        {
            await using var pacing = Pacing(Redis.Configuration);
            using var limiter = pacing.CreateLimiter(Limit(perMinute: 3))!;

            var granted = 0;
            for (var i = 0; i < 3; i++)
            {
                using var lease = await limiter.AcquireAsync();
                granted += lease.IsAcquired ? 1 : 0;
            }

            using var refused = await limiter.AcquireAsync();

            Assert.That(granted, Is.EqualTo(3));
            Assert.That(refused.IsAcquired, Is.False);
            Assert.That(refused.TryGetMetadata(MetadataName.RetryAfter, out var wait), Is.True);
            Assert.That(wait, Is.InRange(TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(64)), "a minute and the 3 s margin, less the time the test took");
        }

        [Test]
        public async Task Two_processes_connections_share_one_window_per_account_environment_and_operation()
        {
            await using var first = Pacing(Redis.Configuration);
            await using var second = Pacing(Redis.Configuration);
            using var a = first.CreateLimiter(Limit(perMinute: 2))!;
            using var b = second.CreateLimiter(Limit(perMinute: 2))!;
            using var otherAccount = second.CreateLimiter(Limit(perMinute: 2, account: "another"))!;
            using var otherEnvironment = second.CreateLimiter(Limit(perMinute: 2, environment: TolokaEnvironment.Sandbox))!;
            using var otherOperation = second.CreateLimiter(Limit(perMinute: 2, operation: "cloneTraining"))!;

            using var a1 = await a.AcquireAsync();
            using var b1 = await b.AcquireAsync();
            using var a2 = await a.AcquireAsync();

            Assert.That(new[] { a1.IsAcquired, b1.IsAcquired, a2.IsAcquired }, Is.EqualTo(new[] { true, true, false }));
            foreach (var other in new[] { otherAccount, otherEnvironment, otherOperation })
            {
                using var lease = await other.AcquireAsync();
                Assert.That(lease.IsAcquired, Is.True);
            }
        }

        [Test]
        public async Task The_day_quota_is_shared_and_the_call_past_it_fails_at_once_with_when_it_frees()
        {
            await using var first = Pacing(Redis.Configuration);
            await using var second = Pacing(Redis.Configuration);
            using var a = first.CreateLimiter(Limit(perMinute: 20, perDay: 3))!;
            using var b = second.CreateLimiter(Limit(perMinute: 20, perDay: 3))!;
            var before = DateTimeOffset.UtcNow;

            foreach (var limiter in new[] { a, b, a })
            {
                using var lease = await limiter.AcquireAsync();
                Assert.That(lease.IsAcquired, Is.True);
            }

            var quota = Assert.ThrowsAsync<TolokaQuotaExceededException>(async () => await b.AcquireAsync());
            var again = Assert.ThrowsAsync<TolokaQuotaExceededException>(async () => await a.AcquireAsync());

            Assert.That(quota!.OperationId, Is.EqualTo("clonePool"));
            Assert.That(quota.RequestsPerDay, Is.EqualTo(3));
            Assert.That(quota.ResetsAt, Is.InRange(before + TimeSpan.FromDays(1), DateTimeOffset.UtcNow + TimeSpan.FromDays(1) + TimeSpan.FromSeconds(4)), "a day and the 3 s margin");
            Assert.That(again!.ResetsAt, Is.EqualTo(quota.ResetsAt).Within(TimeSpan.FromSeconds(1)));
        }

        [Test]
        public async Task Keys_name_the_environment_account_hash_and_operation_never_the_credential()
        {
            await using var fake = await FakeToloka.StartAsync();
            var pool = fake.AddPool(FakePoolStatus.Open);
            await using var pacing = Pacing(Redis.Configuration);
            using (var client = new TolokaClient(fake.Token, fake.CreateClientOptions().UseRedisPacing(pacing)))
            {
                await client.ClonePoolAsync(pool);
            }

            await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration);
            var keys = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "*").Select(k => k.ToString()).ToArray();

            Assert.That(keys, Is.Not.Empty);
            Assert.That(keys, Has.All.Contains("toloka:" + fake.BaseUri.Authority + ":"));
            Assert.That(keys, Has.Some.Contains(":clonePool:minute"));
            Assert.That(string.Join(" ", keys), Does.Not.Contain(fake.Token));
        }

        [Test]
        public async Task Clients_sharing_Redis_send_nothing_twice_when_Redis_is_stopped_mid_run_and_fail_fast_with_a_typed_error()
        {
            await using var fake = await FakeToloka.StartAsync();
            var pool = fake.AddPool(FakePoolStatus.Open);
            await using var pacing = Pacing(Redis.Configuration, TimeSpan.FromSeconds(2));
            using var client = new TolokaClient(fake.Token, fake.CreateClientOptions().UseRedisPacing(pacing));
            await client.ClonePoolAsync(pool);

            Redis.Stop();
            var failure = Assert.ThrowsAsync<TolokaRedisUnavailableException>(() => client.ClonePoolAsync(pool));
            var again = Assert.ThrowsAsync<TolokaRedisUnavailableException>(() => client.ClonePoolAsync(pool));

            Assert.That(failure!.OperationId, Is.EqualTo("clonePool"));
            Assert.That(failure.Message, Does.Contain("not sent"));
            Assert.That(again, Is.Not.Null);
            Assert.That(Clones(fake), Is.EqualTo(1), "only the call made while Redis was up reached Toloka");
        }

        [Test]
        public async Task A_Redis_that_hangs_mid_run_fails_the_call_within_the_timeout_and_nothing_is_sent()
        {
            await using var fake = await FakeToloka.StartAsync();
            var pool = fake.AddPool(FakePoolStatus.Open);
            await using var proxy = new FreezableProxy(Redis.Port);
            await using var pacing = Pacing(proxy.Configuration, TimeSpan.FromSeconds(1));
            using var client = new TolokaClient(fake.Token, fake.CreateClientOptions().UseRedisPacing(pacing));
            await client.ClonePoolAsync(pool);

            proxy.Freeze();
            var call = client.ClonePoolAsync(pool);
            var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(60)));

            Assert.That(finished, Is.SameAs(call), "bounded by the 1 s timeout (the 60 s guard only stops a broken test)");
            var failure = Assert.ThrowsAsync<TolokaRedisUnavailableException>(() => call);
            Assert.That(failure!.Message, Does.Contain("did not answer"));
            Assert.That(Clones(fake), Is.EqualTo(1));
        }

        [Test]
        public async Task A_server_that_accepts_and_never_answers_fails_the_first_call_and_sends_nothing()
        {
            await using var fake = await FakeToloka.StartAsync();
            var pool = fake.AddPool(FakePoolStatus.Open);
            await using var proxy = new FreezableProxy(Redis.Port, frozen: true);
            await using var pacing = Pacing(proxy.Configuration, TimeSpan.FromSeconds(1));
            using var client = new TolokaClient(fake.Token, fake.CreateClientOptions().UseRedisPacing(pacing));

            var call = client.ClonePoolAsync(pool);
            var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(60)));

            Assert.That(finished, Is.SameAs(call));
            Assert.ThrowsAsync<TolokaRedisUnavailableException>(() => call);
            Assert.That(Clones(fake), Is.EqualTo(0));
        }

        [Test]
        public async Task The_password_of_the_configuration_never_appears_in_what_fails()
        {
            await using var fake = await FakeToloka.StartAsync();
            var pool = fake.AddPool(FakePoolStatus.Open);
            Redis.Stop();
            await using var pacing = Pacing(Redis.Configuration + ",password=hunter2-secret", TimeSpan.FromSeconds(1));
            using var client = new TolokaClient(fake.Token, fake.CreateClientOptions().UseRedisPacing(pacing));

            var failure = Assert.ThrowsAsync<TolokaRedisUnavailableException>(() => client.ClonePoolAsync(pool));

            Assert.That(failure!.ToString(), Does.Not.Contain("hunter2"));
            Assert.That(failure.Endpoint, Is.EqualTo(Redis.Configuration + ",password=***"));
            Assert.That(pacing.Endpoint, Does.Not.Contain("hunter2"));
        }

        [Test]
        public async Task One_DI_call_gives_the_clients_options_the_shared_limiter()
        {
            var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
            Microsoft.Extensions.DependencyInjection.TolokaRedisServiceCollectionExtensions.AddTolokaRedisPacing(services, Redis.Configuration, o => o.Account = "team");
            await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);

            var options = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Options.IOptions<TolokaClientOptions>>(provider).Value;
            using var limiter = options.RateLimiterFactory!(Limit(perMinute: 1, account: "ignored"))!;
            using var first = await limiter.AcquireAsync();
            using var second = await limiter.AcquireAsync();

            Assert.That(first.IsAcquired, Is.True);
            Assert.That(second.IsAcquired, Is.False, "one a minute, counted in Redis under the account name given");
        }

        [TestCase("redis.internal:6380,password=p@ss,ssl=true", "redis.internal:6380,password=***,ssl=true")]
        [TestCase("127.0.0.1:6379", "127.0.0.1:6379")]
        [TestCase("h:1,user=admin,Password = x", "h:1,user=***,Password=***")]
        public void Mask_hides_the_password_and_user(string configuration, string masked) =>
            Assert.That(TolokaRedisPacing.Mask(configuration), Is.EqualTo(masked));

        [TestCase("")]
        [TestCase("   ")]
        public void Options_without_a_configuration_are_refused_when_built(string configuration)
        {
            var error = Assert.Throws<ArgumentException>(() => Pacing(configuration));
            Assert.That(error!.ParamName, Is.EqualTo("Configuration"));
        }

        [Test]
        public void An_account_name_with_characters_a_key_cannot_hold_is_refused() =>
            Assert.Throws<ArgumentException>(() => new TolokaRedisPacing(new TolokaRedisPacingOptions { Configuration = "127.0.0.1:1", Account = "a b{c}" }));

        private static int Clones(FakeToloka fake) => fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.ClonePool);

        private static TolokaRedisPacing Pacing(string configuration, TimeSpan? timeout = null) =>
            new TolokaRedisPacing(new TolokaRedisPacingOptions { Configuration = configuration, Timeout = timeout ?? TimeSpan.FromSeconds(5) });

        private static TolokaRateLimit Limit(int perMinute, int perDay = 0, string account = "account", TolokaEnvironment? environment = null, string operation = "clonePool") =>
            TolokaModelFactory.TolokaRateLimit(operation, perMinute, perDay, environment, account);
    }
}

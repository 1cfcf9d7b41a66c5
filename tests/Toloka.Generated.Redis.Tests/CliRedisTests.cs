using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using StackExchange.Redis;
using Toloka.Cli;
using Toloka.Generated.Testing;

namespace Toloka.Generated.Redis.Tests
{
    /// <summary>The toloka command's <c>--redis</c> option and <c>TOLOKA_REDIS</c> variable, run in-process against the fake.</summary>
    public class CliRedisTests : RedisServerFixture
    {
        [Test]
        public async Task With_redis_the_command_paces_through_the_shared_store()
        {
            await using var fake = await FakeToloka.StartAsync();
            var pool = fake.AddPool(FakePoolStatus.Open);
            var other = fake.AddPool(FakePoolStatus.Open);

            var (code, output, error) = await RunAsync(fake, null, "pool", "clone", pool, other, "--json", "--redis", Redis.Configuration);

            Assert.That(code, Is.EqualTo(0), output + error);
            await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration);
            var keys = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "*clonePool:minute}").ToArray();
            Assert.That(keys, Is.Not.Empty, "the clones were counted in Redis");
            Assert.That(redis.GetDatabase().SortedSetLength(keys[0]), Is.EqualTo(2));
        }

        [Test]
        public async Task With_TOLOKA_REDIS_unreachable_nothing_is_sent_and_the_password_is_not_printed()
        {
            await using var fake = await FakeToloka.StartAsync();
            var pool = fake.AddPool(FakePoolStatus.Open);
            Redis.Stop();

            var (code, output, error) = await RunAsync(fake, Redis.Configuration + ",password=hunter2-secret,connectTimeout=1000", "pool", "clone", pool, "--json");

            Assert.That(code, Is.Not.EqualTo(0));
            Assert.That(output + error, Does.Contain("Redis").And.Not.Contain("hunter2"));
            Assert.That(fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.ClonePool), Is.EqualTo(0));
        }

        [Test]
        public async Task A_malformed_redis_configuration_is_a_usage_error_before_anything_is_sent()
        {
            await using var fake = await FakeToloka.StartAsync();
            var pool = fake.AddPool(FakePoolStatus.Open);

            var (code, output, error) = await RunAsync(fake, null, "pool", "clone", pool, "--redis", "127.0.0.1:6379,password=hunter2-secret,nosuchsetting=1");

            Assert.That(code, Is.EqualTo(2), output + error);
            Assert.That(output + error, Does.Contain("--redis").And.Not.Contain("hunter2"));
            Assert.That(fake.Requests, Is.Empty);
        }

        private static async Task<(int Code, string Output, string Error)> RunAsync(FakeToloka fake, string? redisVariable, params string[] args)
        {
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["TOLOKA_TOKEN"] = fake.Token };
            if (redisVariable is not null)
            {
                environment[GlobalOptions.RedisVariable] = redisVariable;
            }

            using var output = new StringWriter();
            using var error = new StringWriter();
            var host = new CliHost(new StringReader(string.Empty), output, error, environment) { OutputIsTerminal = false };
            var code = await TolokaCommandLine.RunAsync(args.Concat(new[] { "--base-url", fake.BaseUri.AbsoluteUri }).ToArray(), host, default);
            return (code, output.ToString(), error.ToString());
        }
    }
}

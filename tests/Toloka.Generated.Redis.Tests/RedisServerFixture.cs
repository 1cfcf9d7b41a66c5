using System.Threading.Tasks;
using NUnit.Framework;

namespace Toloka.Generated.Redis.Tests
{
    /// <summary>A fresh Redis-protocol server on 127.0.0.1 for each test (redis-server, else Garnet), stopped after it.</summary>
    public abstract class RedisServerFixture
    {
        private protected RedisProtocolServer Redis { get; private set; } = null!;

        [SetUp]
        public async Task StartRedis() => Redis = await RedisProtocolServer.StartAsync();

        [TearDown]
        public async Task StopRedis() => await Redis.DisposeAsync();
    }
}

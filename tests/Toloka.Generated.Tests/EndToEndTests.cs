using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>Real HTTP on 127.0.0.1 with the system clock: a rate-limited clone, then its operation runs to success.</summary>
    public class EndToEndTests
    {
        [Test]
        public async Task Clone_survives_a_429_and_waits_for_the_operation_over_real_http()
        {
            var polls = 0;
            var clones = 0;
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.ContentType = "application/json";
                if (context.Request.Path.Value!.EndsWith("/clone", StringComparison.Ordinal))
                {
                    if (Interlocked.Increment(ref clones) == 1)
                    {
                        context.Response.StatusCode = 429;
                        context.Response.Headers.RetryAfter = "1";
                        await context.Response.WriteAsync(Samples.Error("TOO_MANY_REQUESTS", "Too many requests"));
                        return;
                    }

                    context.Response.StatusCode = 202;
                    await context.Response.WriteAsync("""{"id":"op-9","type":"POOL.CLONE","status":"PENDING","submitted":"2026-01-05T09:00:00.000","progress":0,"parameters":{"pool_id":"1"}}""");
                    return;
                }

                var poll = Interlocked.Increment(ref polls);
                var body = poll < 3
                    ? """{"id":"op-9","type":"POOL.CLONE","status":"RUNNING","progress":50,"parameters":{"pool_id":"1"}}"""
                    : """{"id":"op-9","type":"POOL.CLONE","status":"SUCCESS","progress":100,"finished":"2026-01-05T09:00:03.5","parameters":{"pool_id":"1"},"details":{"pool_id":"2"}}""";
                await context.Response.WriteAsync(body);
            });
            var options = server.Options();
            options.Polling.InitialInterval = TimeSpan.FromMilliseconds(20);
            options.Polling.MaxInterval = TimeSpan.FromMilliseconds(50);
            using var client = new TolokaClient(Samples.Token, options);

            var clone = await client.ClonePoolAndWaitAsync("1");

            Assert.That(clone.NewId, Is.EqualTo("2"));
            Assert.That(clones, Is.EqualTo(2));
            Assert.That(polls, Is.EqualTo(3));
            Assert.That(clone.Operation.Finished, Is.EqualTo(new DateTimeOffset(2026, 1, 5, 9, 0, 3, 500, TimeSpan.Zero)));
            Assert.That(server.Requests.Select(r => r.Authorization), Has.All.EqualTo("OAuth " + Samples.Token));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Testing;

namespace Toloka.Generated.Redis.Tests
{
    /// <summary>
    /// Several client processes (tests/Toloka.Generated.Redis.Worker, one client each) sharing one Redis
    /// against the fake Toloka, which enforces the documented limits exactly (a sliding minute and day).
    /// </summary>
    public class MultiProcessTests : RedisServerFixture
    {
        [Test]
        public async Task Three_processes_cloning_24_pools_under_20_a_minute_get_no_429()
        {
            await using var fake = await FakeToloka.StartAsync();
            var pool = fake.AddPool(FakePoolStatus.Open);
            var started = Stopwatch.GetTimestamp();

            var outputs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunWorkerAsync(fake, pool, count: 8)));

            var elapsed = Stopwatch.GetElapsedTime(started);
            var lines = outputs.SelectMany(o => o).ToArray();
            var statuses = fake.Requests.Where(r => r.Endpoint == FakeTolokaEndpoint.ClonePool).Select(r => r.StatusCode).ToArray();

            // 24 clones at 20 a minute: 20 at once, the last 4 a minute (and the 3 s margin) later.
            TestContext.Progress.WriteLine(
                "3 processes, 24 clones: " + elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
                + " s against a floor of 60 s (" + (elapsed.TotalSeconds / 60).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "x), on " + Redis.Kind);
            Assert.That(lines.Count(l => l == "ok"), Is.EqualTo(24), string.Join(Environment.NewLine, lines));
            Assert.That(statuses.Count(s => s == 429), Is.EqualTo(0), "no 429 from the fake");
            Assert.That(statuses, Has.Length.EqualTo(24), "each clone sent once");
        }

        [Test]
        public async Task The_days_quota_reached_across_processes_stops_every_process_before_sending_and_says_when_it_frees()
        {
            var options = new FakeTolokaOptions();
            options.RateLimits.Clear();
            options.RateLimits.Add(new FakeRateLimit(FakeTolokaEndpoint.ClonePool, 20, TimeSpan.FromMinutes(1)));
            options.RateLimits.Add(new FakeRateLimit(FakeTolokaEndpoint.ClonePool, 5, TimeSpan.FromDays(1)));
            await using var fake = await FakeToloka.StartAsync(options);
            var pool = fake.AddPool(FakePoolStatus.Open);

            var outputs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunWorkerAsync(fake, pool, count: 3, perDay: 5)));

            var lines = outputs.SelectMany(o => o).ToArray();
            var statuses = fake.Requests.Where(r => r.Endpoint == FakeTolokaEndpoint.ClonePool).Select(r => r.StatusCode).ToArray();
            Assert.That(lines.Count(l => l == "ok"), Is.EqualTo(5), string.Join(Environment.NewLine, lines));
            Assert.That(lines.Count(l => l.StartsWith("quota ", StringComparison.Ordinal)), Is.EqualTo(4));
            var resets = lines.Where(l => l.StartsWith("quota ", StringComparison.Ordinal)).Select(l => DateTimeOffset.Parse(l[6..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.That(resets, Has.All.GreaterThan(DateTimeOffset.UtcNow + TimeSpan.FromHours(23)));
            Assert.That(statuses, Has.Length.EqualTo(5), "the calls past the quota were not sent");
            Assert.That(statuses.Count(s => s == 429), Is.EqualTo(0));
        }

        private async Task<string[]> RunWorkerAsync(FakeToloka fake, string pool, int count, int perDay = 0)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                WorkerPath(), "--base-url", fake.BaseUri.AbsoluteUri, "--token", fake.Token, "--redis", Redis.Configuration,
                "--pool", pool, "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--per-day", perDay.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                Assert.Fail("a worker did not finish within 4 minutes");
            }

            var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.That(lines, Does.Contain("done"), "worker failed: " + await errors);
            return lines.Where(l => l != "ready" && l != "done").ToArray();
        }

        private static string WorkerPath()
        {
            var here = Path.GetDirectoryName(typeof(MultiProcessTests).Assembly.Location)!;
            var path = Path.Combine(here.Replace("Toloka.Generated.Redis.Tests", "Toloka.Generated.Redis.Worker", StringComparison.Ordinal), "Toloka.Generated.Redis.Worker.dll");
            Assert.That(File.Exists(path), Is.True, "the worker is built beside the tests: " + path);
            return path;
        }
    }
}

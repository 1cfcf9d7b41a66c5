using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using StackExchange.Redis;
using Toloka.Generated.Testing;
using Toloka.Generated.TestSupport;

namespace Toloka.Generated.Redis.Tests
{
    /// <summary>
    /// The built <c>toloka</c> command as real processes (<c>dotnet toloka.dll</c>, or <c>TOLOKA_CLI</c>)
    /// sharing one Redis against the fake Toloka, which enforces 20 clones a minute and the day's quota
    /// exactly. Judged by the fake's own record of requests; times are printed as ratios to their floors,
    /// never asserted (the guards only stop a hung run).
    /// </summary>
    [TestFixture]
    [Platform(Exclude = "Win")]
    public sealed class CliProcessTests
    {
        private static readonly TimeSpan Guard = TimeSpan.FromMinutes(4);

        private RedisProtocolServer _redis = null!;

        [SetUp]
        public async Task StartRedis() => _redis = await RedisProtocolServer.StartAsync();

        [TearDown]
        public async Task StopRedis() => await _redis.DisposeAsync();

        [TestCase(2, 11)]
        [TestCase(3, 8)]
        public async Task Cli_processes_cloning_with_wait_through_one_Redis_get_no_429_and_every_id_done(int processes, int perProcess)
        {
            await using var fake = await FakeToloka.StartAsync();
            var pools = Enumerable.Range(0, processes).Select(_ => Enumerable.Range(0, perProcess).Select(_ => fake.AddPool(FakePoolStatus.Open)).ToArray()).ToArray();
            var started = Stopwatch.GetTimestamp();

            var runs = pools.Select(ids => Start(fake, _redis.Configuration, new[] { "pool", "clone", "--wait" }.Concat(ids))).ToArray();
            await Task.WhenAll(runs.Select(r => r.WaitAsync(Guard)));

            var elapsed = Stopwatch.GetElapsedTime(started);
            var clones = processes * perProcess;
            var statuses = fake.Requests.Where(r => r.Endpoint == FakeTolokaEndpoint.ClonePool).Select(r => r.StatusCode).ToArray();
            var floor = CloneFloor(clones);
            TestContext.Progress.WriteLine(
                processes + " toloka processes, " + clones + " clones with --wait: " + Seconds(elapsed) + " against a floor of " + Seconds(floor)
                + " (" + (elapsed / floor).ToString("0.00", CultureInfo.InvariantCulture) + "x; 20 a minute in a sliding window, the clone's 1.25 s), "
                + statuses.Count(s => s == 429) + " 429s, on " + _redis.Kind);
            foreach (var (run, ids) in runs.Zip(pools))
            {
                Assert.That(run.ExitCode, Is.EqualTo(0), run.ErrorText());
                Assert.That(run.Lines().Where(l => (string?)l["result"] == "done").Select(l => (string?)l["id"]), Is.EquivalentTo(ids), run.ErrorText());
                run.Dispose();
            }

            Assert.That(statuses.Count(s => s == 429), Is.EqualTo(0), "no 429 from the fake");
            Assert.That(statuses, Has.Length.EqualTo(clones), "each clone sent once");
        }

        [Test]
        public async Task At_the_days_quota_counted_in_Redis_every_process_stops_reports_quota_with_the_reset_time_and_exits_5_sending_nothing_more()
        {
            // Earlier today the account cloned 95 pools through this Redis; the fake has seen (and allows) as much.
            var options = new FakeTolokaOptions();
            options.RateLimits.Clear();
            options.RateLimits.Add(new FakeRateLimit(FakeTolokaEndpoint.ClonePool, 20, TimeSpan.FromMinutes(1)));
            options.RateLimits.Add(new FakeRateLimit(FakeTolokaEndpoint.ClonePool, 6, TimeSpan.FromDays(1)));
            await using var fake = await FakeToloka.StartAsync(options);
            var first = Start(fake, _redis.Configuration, new[] { "pool", "clone", fake.AddPool(FakePoolStatus.Open) });
            await first.WaitAsync(Guard);
            Assert.That(first.ExitCode, Is.EqualTo(0), first.ErrorText());
            await SpendDayAsync(94);

            var pools = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 3).Select(_ => fake.AddPool(FakePoolStatus.Open)).ToArray()).ToArray();
            var runs = pools.Select(ids => Start(fake, _redis.Configuration, new[] { "pool", "clone", "--wait" }.Concat(ids))).ToArray();
            await Task.WhenAll(runs.Select(r => r.WaitAsync(Guard)));

            var lines = runs.SelectMany(r => r.Lines()).ToList();
            var statuses = fake.Requests.Where(r => r.Endpoint == FakeTolokaEndpoint.ClonePool).Select(r => r.StatusCode).ToArray();
            TestContext.Progress.WriteLine(
                "day's quota across 3 processes: exits " + string.Join(", ", runs.Select(r => r.ExitCode)) + " after " + string.Join(", ", runs.Select(r => Seconds(r.Elapsed)))
                + "; " + lines.Count(l => (string?)l["result"] == "done") + " done, " + lines.Count(l => (string?)l["result"] == "quota") + " quota; on " + _redis.Kind);
            Assert.That(lines.Count(l => (string?)l["result"] == "done"), Is.EqualTo(5), string.Join("\n", lines));
            var quota = lines.Where(l => (string?)l["result"] == "quota").ToList();
            Assert.That(quota, Has.Count.EqualTo(4), string.Join("\n", lines));
            Assert.That(quota.Select(l => (DateTimeOffset?)l["resets_at"]), Has.All.GreaterThan(DateTimeOffset.UtcNow + TimeSpan.FromHours(23)));
            foreach (var run in runs)
            {
                Assert.That(run.Lines().Select(l => (string?)l["id"]), Is.EquivalentTo(pools[Array.IndexOf(runs, run)]), "every id reported");
                var left = run.Lines().Count(l => (string?)l["result"] == "quota");
                Assert.That(run.ExitCode, Is.EqualTo(left > 0 ? 5 : 0), run.ErrorText());
                if (left > 0)
                {
                    Assert.That(run.ErrorText(), Does.Contain("quota is used up"));
                }

                run.Dispose();
            }

            Assert.That(statuses, Has.Length.EqualTo(6), "the calls past the quota were not sent");
            Assert.That(statuses.Count(s => s == 429), Is.EqualTo(0));
        }

        [Test]
        public async Task When_Toloka_names_the_day_in_a_429_each_process_stops_at_its_first_and_a_later_one_learns_it_from_Redis_sending_nothing()
        {
            // Toloka's quota is smaller than the spec's 100 (spent by someone not on this Redis): only its 429 says so.
            var options = new FakeTolokaOptions();
            options.RateLimits.Clear();
            options.RateLimits.Add(new FakeRateLimit(FakeTolokaEndpoint.ClonePool, 20, TimeSpan.FromMinutes(1)));
            options.RateLimits.Add(new FakeRateLimit(FakeTolokaEndpoint.ClonePool, 3, TimeSpan.FromDays(1)));
            await using var fake = await FakeToloka.StartAsync(options);
            var pools = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 3).Select(_ => fake.AddPool(FakePoolStatus.Open)).ToArray()).ToArray();

            var runs = pools.Select(ids => Start(fake, _redis.Configuration, new[] { "pool", "clone", "--parallel", "1" }.Concat(ids))).ToArray();
            await Task.WhenAll(runs.Select(r => r.WaitAsync(Guard)));

            var lines = runs.SelectMany(r => r.Lines()).ToList();
            var refused = fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.ClonePool && r.StatusCode == 429);
            TestContext.Progress.WriteLine(
                "Toloka's day (3) named by its 429, 3 processes: exits " + string.Join(", ", runs.Select(r => r.ExitCode)) + " after " + string.Join(", ", runs.Select(r => Seconds(r.Elapsed)))
                + "; " + refused + " clones sent into the exhausted quota (one per process at most: processes racing to their first clone); on " + _redis.Kind);
            Assert.That(lines.Count(l => (string?)l["result"] == "done"), Is.EqualTo(3), string.Join("\n", lines));
            Assert.That(lines.Where(l => (string?)l["result"] != "done").Select(l => (string?)l["result"]), Has.All.EqualTo("quota"));
            Assert.That(lines.Where(l => (string?)l["result"] == "quota").Select(l => (DateTimeOffset?)l["resets_at"]), Has.All.GreaterThan(DateTimeOffset.UtcNow + TimeSpan.FromHours(23)));
            Assert.That(refused, Is.LessThanOrEqualTo(3), "a process stops at its first 429 naming the day");
            foreach (var (run, ids) in runs.Zip(pools))
            {
                Assert.That(run.Lines().Select(l => (string?)l["id"]), Is.EquivalentTo(ids), "every id reported");
                Assert.That(run.ExitCode, Is.EqualTo(run.Lines().Any(l => (string?)l["result"] == "quota") ? 5 : 0), run.ErrorText());
                run.Dispose();
            }

            // Toloka's word went to Redis: a process started afterwards sends nothing into the exhausted quota.
            var sentBefore = fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.ClonePool);
            var later = new[] { fake.AddPool(FakePoolStatus.Open), fake.AddPool(FakePoolStatus.Open) };
            using var late = Start(fake, _redis.Configuration, new[] { "pool", "clone" }.Concat(later));
            await late.WaitAsync(Guard);
            Assert.That(late.ExitCode, Is.EqualTo(5), late.ErrorText());
            Assert.That(late.Lines().Select(l => (string?)l["result"]), Is.EqualTo(new[] { "quota", "quota" }));
            Assert.That(late.Lines().Select(l => (DateTimeOffset?)l["resets_at"]), Has.All.GreaterThan(DateTimeOffset.UtcNow + TimeSpan.FromHours(23)));
            Assert.That(fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.ClonePool), Is.EqualTo(sentBefore), "nothing sent by a process that learned the quota from Redis");
        }

        [TestCase(false)]
        [TestCase(true)]
        public async Task Redis_stopped_or_hung_mid_run_ends_each_process_in_bounded_time_sending_nothing_twice(bool hang)
        {
            await using var fake = await FakeToloka.StartAsync();
            await using var proxy = hang && _redis.Kind == "garnet" ? new FreezableProxy(_redis.Port) : null;
            var pools = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, 12).Select(_ => fake.AddPool(FakePoolStatus.Open)).ToArray()).ToArray();
            var runs = pools.Select(ids => Start(fake, proxy?.Configuration ?? _redis.Configuration, new[] { "pool", "clone", "--wait" }.Concat(ids))).ToArray();
            for (var i = 0; i < 600 && fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.ClonePool) < 6; i++)
            {
                await Task.Delay(50);
            }

            var failedAt = Stopwatch.GetTimestamp();
            if (!hang)
            {
                _redis.Stop();
            }
            else if (proxy is not null)
            {
                proxy.Freeze();
            }
            else
            {
                _redis.Hang();
            }

            await Task.WhenAll(runs.Select(r => r.WaitAsync(Guard)));

            var after = Stopwatch.GetElapsedTime(failedAt);
            var clones = fake.Requests.Where(r => r.Endpoint == FakeTolokaEndpoint.ClonePool).ToArray();
            var perPool = fake.Operations.Where(o => o.Type == FakeOperationType.PoolClone).GroupBy(o => o.SourceId).ToDictionary(g => g.Key, g => g.Count());
            var lines = runs.SelectMany(r => r.Lines()).ToList();
            TestContext.Progress.WriteLine(
                "Redis " + (hang ? "hung" : "stopped") + " after " + clones.Length + " clones: the processes ended " + Seconds(after) + " later with exits "
                + string.Join(", ", runs.Select(r => r.ExitCode)) + "; " + lines.Count(l => (string?)l["result"] == "done") + " done, "
                + lines.Count(l => (string?)l["error_code"] == "REDIS_UNAVAILABLE") + " not sent (REDIS_UNAVAILABLE); on " + _redis.Kind);
            Assert.That(perPool.Values, Has.All.EqualTo(1), "no pool cloned twice");
            Assert.That(clones.Select(r => r.StatusCode), Has.All.EqualTo(201).Or.EqualTo(202).Or.EqualTo(200), "every clone sent was accepted once");
            Assert.That(lines.Where(l => (string?)l["result"] == "done").Select(l => (string?)l["id"]), Is.EquivalentTo(perPool.Keys), "every clone sent was waited for and reported done");
            Assert.That(lines.Where(l => (string?)l["result"] != "done").Select(l => (string?)l["error_code"]), Has.All.EqualTo("REDIS_UNAVAILABLE"), string.Join("\n", lines));
            foreach (var (run, ids) in runs.Zip(pools))
            {
                Assert.That(run.Lines().Select(l => (string?)l["id"]), Is.EquivalentTo(ids), "every id reported");
                Assert.That(run.ExitCode, Is.EqualTo(run.Lines().All(l => (string?)l["result"] == "done") ? 0 : 1), run.ErrorText());
                if (run.ExitCode != 0)
                {
                    Assert.That(run.ErrorText(), Does.Contain("Redis failed"));
                }

                run.Dispose();
            }
        }

        // The benchmarks of BENCHMARKS.md, "Bulk work at the floor" (bulk-floor.sh runs them with the installed tool).

        [Test]
        [Explicit("a benchmark: bulk-floor.sh")]
        [Category("BulkFloor")]
        public async Task Floor_100_archives_of_2_second_operations_in_one_process()
        {
            var options = new FakeTolokaOptions { OperationPendingTime = TimeSpan.Zero, OperationRunningTime = TimeSpan.FromSeconds(2) };
            await using var fake = await FakeToloka.StartAsync(options);
            var pools = Enumerable.Range(0, 100).Select(_ => fake.AddPool(FakePoolStatus.Closed)).ToArray();

            var run = Start(fake, null, new[] { "pool", "archive" }.Concat(pools));
            await run.WaitAsync(Guard);

            var floor = TimeSpan.FromSeconds(2);
            TestContext.Progress.WriteLine(
                "100 archives of 2 s operations, one process (--parallel default): " + Seconds(run.Elapsed) + " against a floor of " + Seconds(floor)
                + " (" + (run.Elapsed / floor).ToString("0.00", CultureInfo.InvariantCulture) + "x; target: within 40 s)");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ErrorText());
            Assert.That(run.Lines().Count(l => (string?)l["result"] == "done"), Is.EqualTo(100), run.ErrorText());
        }

        [Test]
        [Explicit("a benchmark: bulk-floor.sh")]
        [Category("BulkFloor")]
        public async Task Floor_30_clones_with_wait_in_one_process()
        {
            await using var fake = await FakeToloka.StartAsync();
            var pools = Enumerable.Range(0, 30).Select(_ => fake.AddPool(FakePoolStatus.Open)).ToArray();

            var run = Start(fake, null, new[] { "pool", "clone", "--wait" }.Concat(pools));
            await run.WaitAsync(Guard);

            // The floor: one clone every 3 s (20 a minute, evenly), then the last clone's operation.
            var floor = TimeSpan.FromSeconds(29 * 3 + 1.25);
            var sent = fake.Requests.Where(r => r.Endpoint == FakeTolokaEndpoint.ClonePool).ToArray();
            var statuses = sent.Select(r => r.StatusCode).ToArray();
            TestContext.Progress.WriteLine(
                "30 clones with --wait, one process: " + Seconds(run.Elapsed) + " against a floor of " + Seconds(floor)
                + " (" + (run.Elapsed / floor).ToString("0.00", CultureInfo.InvariantCulture) + "x; target: within 1.05x), " + statuses.Count(s => s == 429) + " 429s; "
                + "clones 1 to 2 reached the fake " + Seconds(sent[1].ReceivedAt - sent[0].ReceivedAt) + " apart, 1 to 21 " + Seconds(sent[20].ReceivedAt - sent[0].ReceivedAt));
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ErrorText());
            Assert.That(run.Lines().Count(l => (string?)l["result"] == "done"), Is.EqualTo(30), run.ErrorText());
        }

        [Test]
        [Explicit("a benchmark: bulk-floor.sh")]
        [Category("BulkFloor")]
        public async Task Floor_30_clones_with_wait_in_three_processes_sharing_Redis() =>
            await Cli_processes_cloning_with_wait_through_one_Redis_get_no_429_and_every_id_done(3, 10);

        /// <summary>N clones under 20 a minute in a sliding window: 20 at once, the next 20 a minute later..., then the last clone's operation (1.25 s on the fake).</summary>
        internal static TimeSpan CloneFloor(int clones) =>
            TimeSpan.FromMinutes((clones - 1) / 20) + TimeSpan.FromSeconds(1.25);

        private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

        private static TolokaProcess Start(FakeToloka fake, string? redis, IEnumerable<string> arguments) =>
            TolokaProcess.Start(
                arguments.Concat(new[] { "--json", "--base-url", fake.BaseUri.AbsoluteUri }).Concat(redis is null ? Array.Empty<string>() : new[] { "--redis", redis }),
                new Dictionary<string, string>(StringComparer.Ordinal) { ["TOLOKA_TOKEN"] = fake.Token });

        // Counts calls in the account's day window in Redis, as processes that cloned earlier today would have.
        private async Task SpendDayAsync(int calls)
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
            var key = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "*clonePool:day}").Single();
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
            var entries = Enumerable.Range(0, calls).Select(i => new SortedSetEntry("earlier-" + i.ToString(CultureInfo.InvariantCulture), now - 600 + i)).ToArray();
            await redis.GetDatabase().SortedSetAddAsync(key, entries);
        }
    }
}

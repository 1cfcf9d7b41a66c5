using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Testing;

namespace Toloka.Cli.Tests
{
    /// <summary>The commands against the fake Toloka: lifecycle, operations, cancellation, the demo.</summary>
    [TestFixture]
    public sealed class FakeTolokaTests
    {
        private static FakeTolokaOptions Quick() => new()
        {
            OperationPendingTime = TimeSpan.FromMilliseconds(20),
            OperationRunningTime = TimeSpan.FromMilliseconds(80),
        };

        private static string[] Line(FakeToloka fake, params string[] args) =>
            args.Concat(new[] { "--base-url", fake.BaseUri.AbsoluteUri }).ToArray();

        [Test]
        public async Task Clone_with_open_makes_an_open_copy_and_reports_its_id()
        {
            await using var fake = await FakeToloka.StartAsync(Quick());
            var pool = fake.AddPool(FakePoolStatus.Closed);

            var run = await CliRun.StartAsync(Line(fake, "pool", "clone", pool, "--open", "--json"), fake.Token);

            Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
            var newId = (string?)run.JsonLines.Single()["new_id"];
            Assert.That(newId, Is.Not.Null.And.Not.EqualTo(pool));
            Assert.That(fake.GetPool(newId!).Status, Is.EqualTo(FakePoolStatus.Open));
        }

        [Test]
        public async Task At_the_days_quota_the_ids_left_end_as_quota_at_once_with_the_reset_time_and_exit_5()
        {
            var options = Quick();
            options.RateLimits.Clear();
            options.RateLimits.Add(new FakeRateLimit(FakeTolokaEndpoint.ClonePool, 2, TimeSpan.FromDays(1)));
            await using var fake = await FakeToloka.StartAsync(options);
            var pools = Enumerable.Range(0, 4).Select(_ => fake.AddPool(FakePoolStatus.Closed)).ToArray();

            var run = await CliRun.StartAsync(Line(fake, new[] { "pool", "clone" }.Concat(pools).Concat(new[] { "--json", "--parallel", "1" }).ToArray()), fake.Token);

            Assert.That(run.ExitCode, Is.EqualTo(5), run.All);
            var results = run.JsonLines.ToDictionary(l => (string)l["id"]!, l => l);
            Assert.That(pools.Take(2).Select(p => (string?)results[p]["result"]), Is.All.EqualTo("done"), run.All);
            foreach (var left in pools.Skip(2))
            {
                Assert.That((string?)results[left]["result"], Is.EqualTo("quota"), run.All);
                Assert.That((string?)results[left]["resets_at"], Is.Not.Null.And.Not.Empty, run.All);
            }

            Assert.That(fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.ClonePool), Is.EqualTo(3), "the id after Toloka's daily 429 is not sent");
            Assert.That(run.Error, Does.Contain("quota is used up"), run.All);
        }

        [Test]
        public async Task Open_then_open_again_reports_already_open()
        {
            await using var fake = await FakeToloka.StartAsync(Quick());
            var training = fake.AddTraining(FakePoolStatus.Closed);

            var first = await CliRun.StartAsync(Line(fake, "training", "open", training, "--json"), fake.Token);
            var second = await CliRun.StartAsync(Line(fake, "training", "open", training, "--json"), fake.Token);

            Assert.That((string?)first.JsonLines.Single()["result"], Is.EqualTo("done"), first.All);
            Assert.That((string?)second.JsonLines.Single()["result"], Is.EqualTo("already"), second.All);
            Assert.That((string?)second.JsonLines.Single()["message"], Is.EqualTo("already open"));
            Assert.That(fake.GetTraining(training).Status, Is.EqualTo(FakePoolStatus.Open));
        }

        [Test]
        public async Task Archive_with_close_retires_an_open_pool()
        {
            await using var fake = await FakeToloka.StartAsync(Quick());
            var pool = fake.AddPool(FakePoolStatus.Open);

            var run = await CliRun.StartAsync(Line(fake, "pool", "archive", pool, "--close"), fake.Token);

            Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
            Assert.That(run.Output, Does.Contain("archived"));
            Assert.That(fake.GetPool(pool).Status, Is.EqualTo(FakePoolStatus.Archived));
        }

        [Test]
        public async Task Operation_list_all_pages_through_every_operation()
        {
            await using var fake = await FakeToloka.StartAsync(Quick());
            var pools = Enumerable.Range(0, 3).Select(_ => fake.AddPool(FakePoolStatus.Closed)).ToArray();
            Assert.That((await CliRun.StartAsync(Line(fake, new[] { "pool", "archive" }.Concat(pools).ToArray()), fake.Token)).ExitCode, Is.EqualTo(0));

            var firstPage = await CliRun.StartAsync(Line(fake, "operation", "list", "--limit", "2", "--json"), fake.Token);
            var all = await CliRun.StartAsync(Line(fake, "operation", "list", "--limit", "2", "--all", "--json", "--type", "pool-archive"), fake.Token);

            Assert.That(firstPage.JsonLines, Has.Count.EqualTo(2), firstPage.All);
            Assert.That(all.JsonLines.Select(l => (string?)l["parameters"]?["pool_id"]), Is.EquivalentTo(pools), all.All);
            Assert.That(all.JsonLines.Select(l => (string?)l["status"]), Is.All.EqualTo("SUCCESS"));
        }

        [Test]
        public async Task Operation_get_and_wait_read_an_operation()
        {
            await using var fake = await FakeToloka.StartAsync(Quick());
            var pool = fake.AddPool(FakePoolStatus.Closed);
            var started = await CliRun.StartAsync(Line(fake, "pool", "clone", pool, "--json"), fake.Token);
            var operation = (string)started.JsonLines.Single()["operation_id"]!;

            var wait = await CliRun.StartAsync(Line(fake, "operation", "wait", operation, "--json"), fake.Token);
            var get = await CliRun.StartAsync(Line(fake, "operation", "get", operation, "--json"), fake.Token);

            Assert.That((string?)wait.JsonLines.Single()["new_id"], Is.EqualTo(fake.Pools[^1].Id), wait.All);
            Assert.That((string?)get.JsonLines.Single()["status"], Is.EqualTo("SUCCESS"), get.All);
            Assert.That((string?)get.JsonLines.Single()["type"], Is.EqualTo("POOL.CLONE"));
        }

        [Test]
        public async Task Get_of_an_unknown_pool_prints_the_Toloka_code_and_exits_1()
        {
            await using var fake = await FakeToloka.StartAsync(Quick());

            var run = await CliRun.StartAsync(Line(fake, "pool", "get", "999999"), fake.Token);

            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Error, Does.Contain("DOES_NOT_EXIST"));
        }

        [Test]
        public async Task Cancellation_stops_within_a_second_says_which_ids_were_done_and_exits_130()
        {
            var options = Quick();
            options.OperationRunningTime = TimeSpan.FromHours(1);
            await using var fake = await FakeToloka.StartAsync(options);
            var archived = fake.AddPool(FakePoolStatus.Archived);
            var slow = fake.AddPool(FakePoolStatus.Closed);
            var untouched = fake.AddPool(FakePoolStatus.Closed);
            using var signal = new CancellationTokenSource();

            var running = CliRun.StartAsync(Line(fake, "pool", "archive", archived, slow, untouched), fake.Token, cancellationToken: signal.Token);
            for (var i = 0; i < 200 && !fake.Operations.Any(); i++)
            {
                await Task.Delay(25);
            }

            var clock = Stopwatch.StartNew();
            await signal.CancelAsync();
            var run = await running;

            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
            Assert.That(run.ExitCode, Is.EqualTo(130), run.All);
            Assert.That(run.Error, Does.Contain("Done: " + archived + ". Not done: " + slow + ", " + untouched + "."));
            Assert.That(run.Output, Does.Contain("stopped"));
        }

        [Test]
        public async Task Demo_runs_both_workflows_end_to_end_and_exits_0()
        {
            var run = await CliRun.StartAsync(new[] { "demo" }, token: null);

            Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
            Assert.That(run.Output, Does.Contain("cloned and opened"));
            Assert.That(run.Output, Does.Contain("already archived"));
            Assert.That(run.Output, Does.Contain("$ toloka training archive"));
        }
    }
}

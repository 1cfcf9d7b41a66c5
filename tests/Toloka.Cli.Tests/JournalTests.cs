using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Testing;

namespace Toloka.Cli.Tests
{
    /// <summary>--journal, --parallel and the results of bulk commands, in-process against the fake.</summary>
    [TestFixture]
    public sealed class JournalTests
    {
        private string _directory = null!;

        [SetUp]
        public void CreateDirectory()
        {
            _directory = Path.Combine(Path.GetTempPath(), "toloka-journal-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_directory);
        }

        [TearDown]
        public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

        private static FakeTolokaOptions Quick(TimeSpan? listingDelay = null)
        {
            var options = new FakeTolokaOptions
            {
                OperationPendingTime = TimeSpan.FromMilliseconds(20),
                OperationRunningTime = TimeSpan.FromMilliseconds(80),
                OperationListingDelay = listingDelay ?? TimeSpan.Zero,
            };
            options.RateLimits.Clear();
            return options;
        }

        private static string[] Line(FakeToloka fake, params string[] args) =>
            args.Concat(new[] { "--base-url", fake.BaseUri.AbsoluteUri }).ToArray();

        [Test]
        public async Task A_rerun_with_the_journal_reports_done_ids_from_it_without_a_request()
        {
            await using var fake = await FakeToloka.StartAsync(Quick());
            var pools = Enumerable.Range(0, 3).Select(_ => fake.AddPool(FakePoolStatus.Closed)).ToArray();
            var journal = Path.Combine(_directory, "clone.jsonl");

            var first = await CliRun.StartAsync(Line(fake, new[] { "pool", "clone", "--wait", "--json", "--journal", journal }.Concat(pools).ToArray()), fake.Token);
            fake.ClearRequests();

            // More ids done in the journal than places to send from: each gives its place back.
            var again = await CliRun.StartAsync(Line(fake, new[] { "pool", "clone", "--wait", "--json", "--parallel", "1", "--journal", journal }.Concat(pools).ToArray()), fake.Token);

            Assert.That(first.ExitCode, Is.EqualTo(0), first.All);
            Assert.That(again.ExitCode, Is.EqualTo(0), again.All);
            Assert.That(fake.Requests, Is.Empty, "nothing was sent again");
            Assert.That(again.JsonLines.Select(l => (string?)l["result"]), Is.All.EqualTo("done"));
            Assert.That(again.JsonLines.Select(l => (string?)l["new_id"]), Is.EquivalentTo(first.JsonLines.Select(l => (string?)l["new_id"])));
            Assert.That(fake.Operations, Has.Count.EqualTo(3));
            var lines = File.ReadAllLines(journal);
            Assert.That(lines[0], Does.Contain("\"command\":\"pool clone\""));
            Assert.That(lines.Count(l => l.Contains("\"event\":\"sending\"", StringComparison.Ordinal)), Is.EqualTo(3));
            Assert.That(lines.Count(l => l.Contains("\"event\":\"ended\"", StringComparison.Ordinal)), Is.EqualTo(3));
        }

        [TestCase(true, TestName = "A clone in flight in the journal that Toloka made is found in its operations and not sent again")]
        [TestCase(false, TestName = "A clone in flight in the journal that never reached Toloka is sent once the settle time has passed")]
        public async Task A_clone_in_flight_in_the_journal_is_resolved_through_Toloka(bool reachedToloka)
        {
            await using var fake = await FakeToloka.StartAsync(Quick(listingDelay: TimeSpan.FromSeconds(0.5)));
            var pool = fake.AddPool(FakePoolStatus.Closed);
            var journal = Path.Combine(_directory, "inflight.jsonl");
            var sentAt = DateTimeOffset.UtcNow;
            if (reachedToloka)
            {
                using var client = fake.CreateClient();
                await client.ClonePoolAsync(pool);
            }

            File.WriteAllText(journal,
                "{\"journal\":\"toloka-bulk-journal\",\"version\":1,\"command\":\"pool clone\",\"environment\":\"" + fake.BaseUri.AbsoluteUri.TrimEnd('/') + "\",\"ids\":[\"" + pool + "\"]}\n" +
                "{\"id\":\"" + pool + "\",\"event\":\"sending\",\"at\":\"" + sentAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) + "\"}\n" +
                "{\"id\":\"" + pool + "\",\"event\":\"end");

            var run = await CliRun.StartAsync(Line(fake, "pool", "clone", pool, "--wait", "--json", "--settle-time", "2", "--journal", journal), fake.Token);

            Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
            var clone = fake.Operations.Single(o => o.Type == FakeOperationType.PoolClone);
            Assert.That((string?)run.JsonLines.Single()["new_id"], Is.EqualTo(clone.ResultId));
            Assert.That(run.Error, Does.Contain("looking for the clone in Toloka's operations"));
            Assert.That(fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.ClonePool), Is.EqualTo(1));
        }

        [Test]
        public async Task A_lost_clone_answer_that_Toloka_cannot_be_asked_about_is_unknown_with_exit_4_and_is_not_sent_again()
        {
            await using var fake = await FakeToloka.StartAsync(Quick());
            var pool = fake.AddPool(FakePoolStatus.Closed);
            fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnectionAfterHandling());
            fake.InjectFaultRandomly(FakeTolokaEndpoint.FindOperations, FakeFault.Error(403, "ACCESS_DENIED", "Access denied"), 1, seed: 1);

            var run = await CliRun.StartAsync(Line(fake, "pool", "clone", pool, "--wait", "--json", "--settle-time", "1"), fake.Token);

            Assert.That(run.ExitCode, Is.EqualTo(4), run.All);
            var line = run.JsonLines.Single();
            Assert.That((string?)line["result"], Is.EqualTo("unknown"));
            Assert.That((string?)line["error_code"], Is.EqualTo("OUTCOME_UNKNOWN"));
            Assert.That((string?)line["message"], Does.Contain("POOL.CLONE").And.Contain(pool));
            Assert.That(run.Error, Does.Contain("need").Or.Contain("unknown"));
            Assert.That(fake.Operations, Has.Count.EqualTo(1), "not sent again");
        }

        [Test]
        public async Task A_journal_whose_header_a_kill_cut_short_is_started_afresh()
        {
            await using var fake = await FakeToloka.StartAsync(Quick());
            var pool = fake.AddPool(FakePoolStatus.Closed);
            var journal = Path.Combine(_directory, "cut.jsonl");
            File.WriteAllText(journal, "{\"journal\":\"toloka-bu");

            var run = await CliRun.StartAsync(Line(fake, "pool", "clone", pool, "--journal", journal), fake.Token);

            Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
            Assert.That(File.ReadAllLines(journal)[0], Does.StartWith("{\"journal\":\"toloka-bulk-journal\""));
        }

        [Test]
        public async Task A_journal_in_use_by_another_process_is_refused_at_once()
        {
            await using var fake = await FakeToloka.StartAsync(Quick());
            var pool = fake.AddPool(FakePoolStatus.Closed);
            var journal = Path.Combine(_directory, "busy.jsonl");
            using var held = new FileStream(journal, FileMode.Create, FileAccess.ReadWrite, FileShare.None);

            var run = await CliRun.StartAsync(Line(fake, "pool", "clone", pool, "--journal", journal), fake.Token);

            Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
            Assert.That(run.Error, Does.Contain("in use"));
            Assert.That(fake.Requests, Is.Empty);
        }

        [Test]
        public async Task A_journal_for_another_command_or_other_ids_is_refused_with_a_clear_message()
        {
            await using var fake = await FakeToloka.StartAsync(Quick());
            var pool = fake.AddPool(FakePoolStatus.Closed);
            var other = fake.AddPool(FakePoolStatus.Closed);
            var journal = Path.Combine(_directory, "one.jsonl");
            Assert.That((await CliRun.StartAsync(Line(fake, "pool", "clone", pool, "--journal", journal), fake.Token)).ExitCode, Is.EqualTo(0));
            fake.ClearRequests();

            var otherIds = await CliRun.StartAsync(Line(fake, "pool", "clone", other, "--journal", journal), fake.Token);
            var otherCommand = await CliRun.StartAsync(Line(fake, "pool", "archive", pool, "--journal", journal), fake.Token);
            var otherPlace = await CliRun.StartAsync(new[] { "pool", "clone", pool, "--journal", journal, "--base-url", "http://127.0.0.1:1/api/v1/" }, fake.Token);

            Assert.That(otherIds.ExitCode, Is.EqualTo(2));
            Assert.That(otherIds.Error, Does.Contain("other ids").And.Contain(other));
            Assert.That(otherCommand.ExitCode, Is.EqualTo(2));
            Assert.That(otherCommand.Error, Does.Contain("'toloka pool clone'"));
            Assert.That(otherPlace.ExitCode, Is.EqualTo(2));
            Assert.That(otherPlace.Error, Does.Contain("was written for Toloka at"));
            Assert.That(fake.Requests, Is.Empty);
        }

        [Test]
        public async Task Bad_parallel_and_settle_time_are_usage_errors()
        {
            var parallel = await CliRun.StartAsync(new[] { "pool", "clone", "1", "--parallel", "0", "--base-url", "http://127.0.0.1:1/api/v1/" }, "a-long-test-token-4242");
            var settle = await CliRun.StartAsync(new[] { "pool", "clone", "1", "--settle-time", "-1", "--base-url", "http://127.0.0.1:1/api/v1/" }, "a-long-test-token-4242");

            Assert.That(parallel.ExitCode, Is.EqualTo(2));
            Assert.That(parallel.Error, Does.Contain("--parallel"));
            Assert.That(settle.ExitCode, Is.EqualTo(2));
            Assert.That(settle.Error, Does.Contain("--settle-time"));
        }

        [Test]
        public async Task The_table_shows_Tolokas_error_code_beside_a_failed_ids_message()
        {
            await using var fake = await FakeToloka.StartAsync(Quick());
            var pool = fake.AddPool(FakePoolStatus.Archived);

            var run = await CliRun.StartAsync(Line(fake, "pool", "open", pool), fake.Token);

            Assert.That(run.ExitCode, Is.EqualTo(1), run.All);
            Assert.That(run.Output, Does.Contain("CONFLICT_STATE: "), run.All);
            Assert.That(run.Output, Does.Contain("1 pool(s): 1 failed"));
        }

        [Test]
        public async Task Parallel_archives_overlap_their_waits_and_every_id_is_reported_once()
        {
            var options = Quick();
            options.OperationRunningTime = TimeSpan.FromMilliseconds(400);
            await using var fake = await FakeToloka.StartAsync(options);
            var pools = Enumerable.Range(0, 8).Select(_ => fake.AddPool(FakePoolStatus.Closed)).ToArray();

            var run = await CliRun.StartAsync(Line(fake, new[] { "pool", "archive", "--json", "--parallel", "8" }.Concat(pools).ToArray()), fake.Token);

            Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
            Assert.That(run.JsonLines.Select(l => (string?)l["id"]), Is.EquivalentTo(pools));
            var archives = fake.Operations.Where(o => o.Type == FakeOperationType.PoolArchive).ToList();
            var overlapping = archives.Count(a => archives.Any(b => b.Id != a.Id && b.Submitted < a.Finished && a.Submitted < b.Finished));
            Assert.That(overlapping, Is.GreaterThan(1), "archives ran side by side");
        }

        [Test]
        public async Task With_parallel_1_the_waits_for_operations_still_overlap_as_each_id_gives_its_place_once_its_operation_is_started()
        {
            var options = Quick();
            options.OperationRunningTime = TimeSpan.FromMilliseconds(800);
            await using var fake = await FakeToloka.StartAsync(options);
            var pools = Enumerable.Range(0, 6).Select(_ => fake.AddPool(FakePoolStatus.Closed)).ToArray();

            var run = await CliRun.StartAsync(Line(fake, new[] { "pool", "archive", "--json", "--parallel", "1" }.Concat(pools).ToArray()), fake.Token);

            Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
            Assert.That(run.JsonLines.Select(l => (string?)l["result"]), Has.All.EqualTo("done"));
            var archives = fake.Operations.Where(o => o.Type == FakeOperationType.PoolArchive).OrderBy(o => o.Submitted).ToList();
            Assert.That(archives, Has.Count.EqualTo(6));
            Assert.That(archives.Last().Submitted, Is.LessThan(archives.First().Finished!.Value), "every archive was sent before the first finished");
        }

        [Test]
        public async Task On_a_terminal_the_overall_line_counts_the_ids_waiting_for_their_operations()
        {
            var options = Quick();
            options.OperationRunningTime = TimeSpan.FromMilliseconds(1500);
            await using var fake = await FakeToloka.StartAsync(options);
            var pools = Enumerable.Range(0, 6).Select(_ => fake.AddPool(FakePoolStatus.Closed)).ToArray();

            var run = await CliRun.StartAsync(Line(fake, new[] { "pool", "archive", "--parallel", "2" }.Concat(pools).ToArray()), fake.Token, terminal: true);

            Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
            Assert.That(fake.Operations.Count(o => o.Type == FakeOperationType.PoolArchive), Is.EqualTo(6));
            Assert.That(run.Output, Does.Contain("waiting for their operations"));
        }

        [Test]
        public async Task Lost_answer_suite_through_the_CLI_makes_no_duplicate_and_reports_no_clone_that_exists_as_failed()
        {
            await using var fake = await FakeToloka.StartAsync(Quick(listingDelay: TimeSpan.FromSeconds(1.5)));
            var pools = Enumerable.Range(0, 8).Select(_ => fake.AddPool(FakePoolStatus.Closed)).ToArray();
            fake.InjectFaultRandomly(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnectionAfterHandling(), 0.3, seed: 3);
            fake.InjectFaultRandomly(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnection(), 0.15, seed: 4);

            var run = await CliRun.StartAsync(Line(fake, new[] { "pool", "clone", "--wait", "--json", "--parallel", "4", "--settle-time", "4" }.Concat(pools).ToArray()), fake.Token);

            var lost = fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.ClonePool && r.StatusCode is null);
            var performedUnanswered = fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.ClonePool && r.StatusCode is null && r.Fault?.ToString() == FakeFault.DropConnectionAfterHandling().ToString());
            var perPool = fake.Operations.GroupBy(o => o.SourceId).ToDictionary(g => g.Key, g => g.ToList());
            var duplicates = perPool.Values.Sum(g => g.Count - 1);
            var lines = run.JsonLines;
            var failedThatExist = lines.Count(l => (string?)l["result"] == "failed" && perPool.ContainsKey((string)l["id"]!));
            TestContext.Out.WriteLine($"CLI lost-answer suite: {pools.Length} pools, {lost} answers lost ({performedUnanswered} performed), {duplicates} duplicates, {failedThatExist} reported failed whose clone exists, results: {string.Join(", ", lines.GroupBy(l => (string?)l["result"]).Select(g => g.Count() + " " + g.Key))}");
            Assert.That(lost, Is.GreaterThan(0), "the suite lost answers");
            Assert.That(duplicates, Is.Zero);
            Assert.That(failedThatExist, Is.Zero);
            Assert.That(lines.Select(l => (string?)l["id"]), Is.EquivalentTo(pools), run.All);
            foreach (var line in lines.Where(l => (string?)l["result"] == "done"))
            {
                Assert.That((string?)line["new_id"], Is.EqualTo(perPool[(string)line["id"]!].Single().ResultId));
            }

            Assert.That(run.ExitCode, Is.EqualTo(0).Or.EqualTo(1), run.All);
        }
    }
}

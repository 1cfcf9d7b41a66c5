using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Toloka.Cli.Tests
{
    /// <summary>The commands against an independent Toloka stand-in: answers, exit codes, JSON lines, the token.</summary>
    [TestFixture]
    public sealed class StandInTests
    {
        [Test]
        public async Task Archive_of_an_archived_pool_reports_already_archived_and_exits_0()
        {
            await using var standIn = await StandInToloka.StartAsync();
            standIn.Archived["11"] = true;

            var run = await CliRun.StartAsync(new[] { "pool", "archive", "11", "--base-url", standIn.BaseUri.AbsoluteUri }, StandInToloka.Token);

            Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
            Assert.That(run.Output, Does.Contain("already archived"));
            Assert.That(run.Output, Does.Contain("11"));
        }

        [Test]
        public async Task Conflict_reports_the_Toloka_code_goes_on_with_the_next_id_and_exits_1()
        {
            await using var standIn = await StandInToloka.StartAsync();
            standIn.Open["21"] = true;

            var run = await CliRun.StartAsync(new[] { "--json", "pool", "archive", "21", "22", "--base-url", standIn.BaseUri.AbsoluteUri }, StandInToloka.Token);

            Assert.That(run.ExitCode, Is.EqualTo(1), run.All);
            // Lines come in completion order: find each id's.
            var lines = run.JsonLines;
            Assert.That(lines, Has.Count.EqualTo(2));
            var refused = lines.Single(l => (string?)l["id"] == "21");
            Assert.That((string?)refused["result"], Is.EqualTo("failed"));
            Assert.That((string?)refused["error_code"], Is.EqualTo("CONFLICT_STATE"));
            Assert.That((string?)refused["message"], Does.Contain("close it first"));
            Assert.That((string?)lines.Single(l => (string?)l["id"] == "22")["result"], Is.EqualTo("done"));
            Assert.That(standIn.Archived.ContainsKey("22"), Is.True);
        }

        [Test]
        public async Task Bad_token_exits_3_and_never_prints_the_token_even_when_Toloka_echoes_it()
        {
            await using var standIn = await StandInToloka.StartAsync();
            const string wrong = "wrong-secret-token-7777";

            var table = await CliRun.StartAsync(new[] { "pool", "archive", "1", "2", "--parallel", "1", "--base-url", standIn.BaseUri.AbsoluteUri }, wrong);
            var json = await CliRun.StartAsync(new[] { "pool", "archive", "1", "--json", "--base-url", standIn.BaseUri.AbsoluteUri }, wrong);
            var single = await CliRun.StartAsync(new[] { "pool", "get", "1", "--base-url", standIn.BaseUri.AbsoluteUri }, wrong);

            foreach (var run in new[] { table, json, single })
            {
                Assert.That(run.ExitCode, Is.EqualTo(3), run.All);
                Assert.That(run.All, Does.Not.Contain(wrong));
                Assert.That(run.Error, Does.Contain("Authentication failed"));
            }

            Assert.That(table.Error, Does.Contain("1 id(s) not tried"));
        }

        [Test]
        public async Task Token_file_is_used_and_its_token_never_printed()
        {
            await using var standIn = await StandInToloka.StartAsync();
            var file = System.IO.Path.GetTempFileName();
            try
            {
                await System.IO.File.WriteAllTextAsync(file, StandInToloka.Token + "\n");
                var run = await CliRun.StartAsync(new[] { "pool", "clone", "5", "--token-file", file, "--base-url", standIn.BaseUri.AbsoluteUri, "--wait" }, token: null);

                Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
                Assert.That(run.Output, Does.Contain("1005"));
                Assert.That(run.All, Does.Not.Contain(StandInToloka.Token));
            }
            finally
            {
                System.IO.File.Delete(file);
            }
        }

        [Test]
        public async Task Clone_with_wait_reports_the_new_pool_id_as_a_json_line()
        {
            await using var standIn = await StandInToloka.StartAsync();

            var run = await CliRun.StartAsync(new[] { "pool", "clone", "7", "--wait", "--json", "--base-url", standIn.BaseUri.AbsoluteUri }, StandInToloka.Token);

            Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
            var line = run.JsonLines.Single();
            Assert.That((string?)line["result"], Is.EqualTo("done"));
            Assert.That((string?)line["new_id"], Is.EqualTo("1007"));
            Assert.That((string?)line["status"], Is.EqualTo("SUCCESS"));
        }

        [Test]
        public async Task Ids_come_from_standard_input_and_from_a_file()
        {
            await using var standIn = await StandInToloka.StartAsync();
            var file = System.IO.Path.GetTempFileName();
            try
            {
                await System.IO.File.WriteAllTextAsync(file, "# retire these\n33, 34\n");
                var run = await CliRun.StartAsync(
                    new[] { "pool", "archive", "31", "-", "--from-file", file, "--json", "--base-url", standIn.BaseUri.AbsoluteUri },
                    StandInToloka.Token,
                    input: "32\n");

                Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
                Assert.That(run.JsonLines.Select(l => (string?)l["id"]), Is.EquivalentTo(new[] { "31", "32", "33", "34" }), "every id once, in completion order");
            }
            finally
            {
                System.IO.File.Delete(file);
            }
        }

        [Test]
        public async Task Bulk_archive_of_50_ids_under_a_20_a_minute_limit_surfaces_no_429()
        {
            var time = JumpingClock.JumpingOnArm(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(90));
            await using var standIn = await StandInToloka.StartAsync(time, archivesPerMinute: 20);
            var ids = Enumerable.Range(1000, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

            var run = await CliRun.StartAsync(
                new[] { "pool", "archive", "--json", "--base-url", standIn.BaseUri.AbsoluteUri }.Concat(ids),
                StandInToloka.Token,
                time: time);

            Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
            Assert.That(run.JsonLines.Select(l => (string?)l["result"]), Is.All.EqualTo("done"));
            Assert.That(run.JsonLines, Has.Count.EqualTo(50));
            Assert.That(run.All, Does.Not.Contain("TOO_MANY_REQUESTS"));
            Assert.That(standIn.Archived.Keys, Is.EquivalentTo(ids));

            // The limit was really hit and waited out: 50 archives at 20 a minute span at least two minutes.
            Assert.That(standIn.TooManyRequestsAnswered, Is.GreaterThan(0));
            Assert.That(time.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(2)));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated;
using Toloka.Generated.Testing;

namespace Toloka.Cli.Tests
{
    /// <summary>`pool list`, `training list` and `operation log` against the fake, and the list-then-archive pipeline.</summary>
    [TestFixture]
    public sealed class ListingTests
    {
        // Operations finish at once; the first poll (1 ms) sees them done, so hundreds of archives take seconds.
        private static readonly TolokaPollingOptions Instant = new()
        {
            InitialInterval = TimeSpan.FromMilliseconds(1),
            MaxInterval = TimeSpan.FromMilliseconds(5),
            BackoffFactor = 1.5,
            Timeout = TimeSpan.FromSeconds(30),
        };

        private static FakeTolokaOptions Immediate() => new()
        {
            OperationPendingTime = TimeSpan.Zero,
            OperationRunningTime = TimeSpan.Zero,
        };

        private static Dictionary<string, string> Project(string id) => new() { ["project_id"] = id };

        private static string[] Line(FakeToloka fake, params string[] args) =>
            args.Concat(new[] { "--base-url", fake.BaseUri.AbsoluteUri }).ToArray();

        [Test]
        public async Task Listing_then_archiving_from_standard_input_retires_every_closed_pool_of_a_project()
        {
            // toloka pool list --project 12 --status CLOSED --all --json | jq -r .id | toloka pool archive -
            await using var fake = await FakeToloka.StartAsync(Immediate());
            var retire = new List<string>();
            for (var i = 0; i < 300; i++)
            {
                var id = fake.AddPool(i % 5 == 0 ? FakePoolStatus.Open : FakePoolStatus.Closed, parameters: Project(i % 7 == 0 ? "13" : "12"));
                if (i % 5 != 0 && i % 7 != 0)
                {
                    retire.Add(id);
                }
            }

            var list = await CliRun.StartAsync(Line(fake, "pool", "list", "--project", "12", "--status", "CLOSED", "--all", "--json"), fake.Token);
            Assert.That(list.ExitCode, Is.EqualTo(0), list.Error);
            var ids = list.JsonLines.Select(line => (string)line["id"]!).ToList();
            Assert.That(ids, Is.EqualTo(retire), "every closed pool of project 12, in id order, one JSON object a line");

            var archive = await CliRun.StartAsync(Line(fake, "pool", "archive", "-", "--json"), fake.Token, input: string.Join("\n", ids) + "\n", polling: Instant);

            Assert.That(archive.ExitCode, Is.EqualTo(0), archive.Error);
            Assert.That(archive.JsonLines.Select(line => (string?)line["result"]).ToList(), Has.Count.EqualTo(retire.Count).And.All.EqualTo("done"));
            Assert.That(fake.Pools.Where(p => p.Status == FakePoolStatus.Archived).Select(p => p.Id), Is.EquivalentTo(retire));
            var again = await CliRun.StartAsync(Line(fake, "pool", "list", "--project", "12", "--status", "CLOSED", "--all", "--json"), fake.Token);
            Assert.That(again.Output, Is.Empty, "nothing closed is left in project 12");
        }

        [Test]
        public async Task Training_list_shows_a_table_and_says_when_more_match()
        {
            await using var fake = await FakeToloka.StartAsync(Immediate());
            for (var i = 0; i < 3; i++)
            {
                fake.AddTraining(FakePoolStatus.Open, new Dictionary<string, string> { ["private_name"] = "Training " + i, ["project_id"] = "5" });
            }

            var run = await CliRun.StartAsync(Line(fake, "training", "list", "--project", "5", "--limit", "2"), fake.Token);

            Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
            Assert.That(run.Output, Does.Contain("Training 0").And.Contain("Training 1").And.Not.Contain("Training 2"));
            Assert.That(run.All, Does.Contain("--all"));
        }

        [TestCase("pool list --status GONE!", TestName = "A_status_that_cannot_be_one_is_a_usage_error")]
        [TestCase("pool list --limit 301", TestName = "A_page_over_300_is_a_usage_error")]
        [TestCase("training list --created-after soon", TestName = "A_bad_creation_time_is_a_usage_error")]
        public async Task Bad_listing_options_exit_2(string line)
        {
            var run = await CliRun.StartAsync(line.Split(' ').Concat(new[] { "--base-url", "http://127.0.0.1:1/" }).ToArray(), "some-token-value");

            Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        }

        [Test]
        public async Task Operation_log_prints_what_a_clone_created()
        {
            await using var fake = await FakeToloka.StartAsync(Immediate());
            var source = fake.AddPool(FakePoolStatus.Open);
            var clone = await CliRun.StartAsync(Line(fake, "pool", "clone", source, "--wait", "--json"), fake.Token, polling: Instant);
            var line = clone.JsonLines.Single();

            var log = await CliRun.StartAsync(Line(fake, "operation", "log", (string)line["operation_id"]!, "--json"), fake.Token);

            Assert.That(log.ExitCode, Is.EqualTo(0), log.All);
            var item = log.JsonLines.Single();
            Assert.That((string?)item["type"], Is.EqualTo("POOL_CREATE"));
            Assert.That((string?)item["output"]!["pool_id"], Is.EqualTo((string?)line["new_id"]));
        }

        [Test]
        public async Task Operation_list_filters_by_a_type_the_spec_does_not_list()
        {
            await using var fake = await FakeToloka.StartAsync(Immediate());

            var run = await CliRun.StartAsync(Line(fake, "operation", "list", "--type", "TASK.BATCH_CREATE", "--json"), fake.Token);

            Assert.That(fake.Requests.Single().Path, Does.Contain("type=TASK.BATCH_CREATE"));
            Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        }
    }
}

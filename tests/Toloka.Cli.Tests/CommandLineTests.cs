using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Toloka.Cli.Tests
{
    /// <summary>Usage errors and help: exit 2 before anything is sent.</summary>
    [TestFixture]
    public sealed class CommandLineTests
    {
        [TestCase("", TestName = "No_command_is_a_usage_error")]
        [TestCase("pool", TestName = "A_group_without_a_command_is_a_usage_error")]
        [TestCase("pool archive --no-such-option 1", TestName = "An_unknown_option_is_a_usage_error")]
        [TestCase("pool archive", TestName = "No_ids_is_a_usage_error")]
        [TestCase("pool archive ..", TestName = "A_dot_dot_id_is_a_usage_error")]
        [TestCase("pool archive 1 --sandbox --base-url http://127.0.0.1:1/", TestName = "Sandbox_and_base_url_together_are_a_usage_error")]
        [TestCase("operation list --type pool+explode!", TestName = "An_operation_type_that_cannot_be_one_is_a_usage_error")]
        [TestCase("operation list --submitted-after yesterday-ish", TestName = "A_bad_time_is_a_usage_error")]
        public async Task Usage_errors_exit_2(string line)
        {
            var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var run = await CliRun.StartAsync(args.Concat(new[] { "--base-url", "http://127.0.0.1:1/" }).Distinct().ToArray(), "some-token-value");

            Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
            Assert.That(run.Error, Is.Not.Empty);
            Assert.That(run.All, Does.Not.Contain("some-token-value"));
        }

        [Test]
        public async Task No_credential_is_a_usage_error_that_says_where_the_api_key_comes_from()
        {
            var run = await CliRun.StartAsync(new[] { "pool", "archive", "1", "--base-url", "http://127.0.0.1:1/" }, token: null);

            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.Contain("TOLOKA_API_KEY").And.Contain("--token-file").And.Contain("API key"));
        }

        [Test]
        public async Task Help_lists_the_commands_and_the_exit_codes()
        {
            var run = await CliRun.StartAsync(new[] { "--help" }, token: null);

            Assert.That(run.ExitCode, Is.EqualTo(0));
            Assert.That(run.Output, Does.Contain("Exit codes: 0"));
            Assert.That(run.Output, Does.Contain("3 authentication error (401)"));
            Assert.That(run.Output, Does.Contain("130 interrupted"));
            Assert.That(run.Output, Does.Contain("demo"));
        }

        [Test]
        public async Task Global_options_are_accepted_before_the_command()
        {
            var run = await CliRun.StartAsync(new[] { "--json", "--base-url", "http://127.0.0.1:1/", "pool", "archive" }, "some-token-value");

            // No ids: the global options parsed, the command itself refused.
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.Contain("No ids"));
        }
    }
}

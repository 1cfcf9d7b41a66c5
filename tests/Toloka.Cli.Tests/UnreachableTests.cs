using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Testing;

namespace Toloka.Cli.Tests
{
    /// <summary>A Toloka the tool cannot connect to: nothing was sent, so nothing is looked up and nothing is "unknown".</summary>
    public sealed class UnreachableTests
    {
        [Test]
        public async Task A_clone_whose_connection_was_refused_fails_without_a_lookup_instead_of_ending_unknown()
        {
            var run = await CliRun.StartAsync(
                new[] { "pool", "clone", "7", "--json", "--base-url", "http://127.0.0.1:" + RawSocketServer.FreePort() + "/api/v1" },
                FakeToloka.DefaultToken);

            var line = run.JsonLines.Single();
            Assert.That((string?)line["id"], Is.EqualTo("7"));
            Assert.That((string?)line["result"], Is.EqualTo("failed"), run.All);
            Assert.That(run.ExitCode, Is.EqualTo(1), run.All);
            Assert.That(run.Error, Does.Not.Contain("looking for the clone"), "a refused connection lost no answer");
        }
    }
}

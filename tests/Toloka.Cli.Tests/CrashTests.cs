using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using Toloka.Generated.Testing;

namespace Toloka.Cli.Tests
{
    /// <summary>
    /// The real toloka process, killed with SIGKILL at many points of one bulk clone with --journal and
    /// rerun each time, as a CI job that is killed and relaunched would be; a share of clone answers is
    /// also lost on the way. Judged by the fake's own record: each pool cloned exactly once, every id done.
    /// </summary>
    [TestFixture]
    [Platform(Exclude = "Win")]
    public sealed class CrashTests
    {
        private const int Pools = 12;
        private const int KillPoints = 30;

        [Test]
        public async Task Killed_and_rerun_with_a_journal_every_pool_is_cloned_exactly_once_and_reported_done()
        {
            var options = new FakeTolokaOptions
            {
                OperationPendingTime = TimeSpan.FromMilliseconds(100),
                OperationRunningTime = TimeSpan.FromMilliseconds(300),
                OperationListingDelay = TimeSpan.FromSeconds(1.2),
            };

            // Each process paces its own clones; the fake's limits would only add 429s the CLI waits out.
            options.RateLimits.Clear();
            await using var fake = await FakeToloka.StartAsync(options);
            var pools = Enumerable.Range(0, Pools).Select(_ => fake.AddPool(FakePoolStatus.Closed)).ToArray();
            fake.InjectFaultRandomly(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnectionAfterHandling(), 0.2, seed: 11);
            var directory = Path.Combine(Path.GetTempPath(), "toloka-crash-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var journal = Path.Combine(directory, "clone.jsonl");
            var arguments = new[] { "pool", "clone", "--wait", "--json", "--parallel", "4", "--settle-time", "2", "--journal", journal, "--base-url", fake.BaseUri.AbsoluteUri }.Concat(pools).ToArray();
            var random = new Random(2024);
            var clock = Stopwatch.StartNew();
            var killed = 0;
            var finishedByItself = 0;
            var killedRunLines = 0;
            try
            {
                for (var point = 0; point < KillPoints; point++)
                {
                    // Kill points spread over the work: after 0 to 5 more requests reached the fake (0: during start-up).
                    var after = random.Next(0, 6);
                    var journalBefore = File.Exists(journal) ? File.ReadAllLines(journal).Length : 0;
                    var run = await StartAsync(arguments, fake.Token);
                    var seen = fake.Requests.Count;
                    for (var i = 0; i < 400 && !run.Process.HasExited && fake.Requests.Count < seen + after; i++)
                    {
                        await Task.Delay(10);
                    }

                    if (after == 0)
                    {
                        await Task.Delay(random.Next(50, 400));
                    }

                    if (run.Process.HasExited)
                    {
                        finishedByItself++;
                    }
                    else
                    {
                        run.Process.Kill(); // SIGKILL, to this process only
                        killed++;
                    }

                    await run.Process.WaitForExitAsync();
                    var lines = run.Lines();
                    killedRunLines += lines.Count;
                    Assert.That(lines.Select(l => (string?)l["id"]), Is.All.AnyOf(pools.Cast<object>().ToArray()), "every line a killed run left is whole");

                    // Every id this run finished (its end is in the journal) has its line in the run's output.
                    var endedHere = (File.Exists(journal) ? File.ReadAllLines(journal) : Array.Empty<string>()).Skip(journalBefore)
                        .Where(l => l.Contains("\"event\":\"ended\"", StringComparison.Ordinal) && l.EndsWith('}'))
                        .Select(l => (string?)JObject.Parse(l)["id"]);
                    Assert.That(lines.Select(l => (string?)l["id"]), Is.SupersetOf(endedHere), "a killed run's output holds every id it finished");
                    run.Process.Dispose();
                }

                var last = await StartAsync(arguments, fake.Token);
                await Task.WhenAny(last.Process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
                Assert.That(last.Process.HasExited, Is.True, "the final run finished");
                var final = last.Lines();
                var perPool = fake.Operations.Where(o => o.Type == FakeOperationType.PoolClone).GroupBy(o => o.SourceId).ToDictionary(g => g.Key, g => g.ToList());
                var duplicates = perPool.Values.Sum(g => g.Count - 1);
                var lost = fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.ClonePool && r.StatusCode is null);
                TestContext.Out.WriteLine(
                    $"crash suite: {Pools} pools, {KillPoints} kill points, {killed} SIGKILLs, {finishedByItself} runs finished before their kill point, " +
                    $"{killedRunLines} lines printed by those runs, {lost} clone answers lost, {fake.Operations.Count(o => o.Type == FakeOperationType.PoolClone)} clones made, " +
                    $"{duplicates} duplicates, {Pools - perPool.Count} pools not cloned, final run: exit {last.Process.ExitCode}, " +
                    $"{final.Count(l => (string?)l["result"] == "done")} done; {clock.Elapsed.TotalSeconds:0} s");
                Assert.That(killed, Is.GreaterThan(KillPoints / 3), "the runs were killed at many points");
                Assert.That(duplicates, Is.Zero);
                Assert.That(perPool.Keys, Is.EquivalentTo(pools), "nothing lost: every pool cloned");
                Assert.That(last.Process.ExitCode, Is.EqualTo(0), last.ErrorText());
                Assert.That(final.Select(l => (string?)l["id"]), Is.EquivalentTo(pools));
                foreach (var line in final)
                {
                    Assert.That((string?)line["result"], Is.EqualTo("done"), line.ToString());
                    Assert.That((string?)line["new_id"], Is.EqualTo(perPool[(string)line["id"]!].Single().ResultId), line.ToString());
                }

                last.Process.Dispose();
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        private static Task<CliProcess> StartAsync(IEnumerable<string> arguments, string token)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "toloka.dll"));
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["TOLOKA_TOKEN"] = token;
            var process = Process.Start(start)!;
            var run = new CliProcess(process);
            process.OutputDataReceived += (_, e) => CliProcess.Add(run.Output, e.Data);
            process.ErrorDataReceived += (_, e) => CliProcess.Add(run.Error, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return Task.FromResult(run);
        }

        private sealed class CliProcess
        {
            public CliProcess(Process process) => Process = process;

            public Process Process { get; }

            public List<string> Output { get; } = new();

            public List<string> Error { get; } = new();

            public static void Add(List<string> lines, string? line)
            {
                if (line is not null)
                {
                    lock (lines)
                    {
                        lines.Add(line);
                    }
                }
            }

            public List<JObject> Lines()
            {
                lock (Output)
                {
                    return Output.Where(l => l.Length > 0).Select(JObject.Parse).ToList();
                }
            }

            public string ErrorText()
            {
                lock (Error)
                {
                    return string.Join("\n", Error);
                }
            }
        }
    }
}

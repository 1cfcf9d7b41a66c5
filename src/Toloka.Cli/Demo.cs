using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Toloka.Generated;
using Toloka.Generated.Testing;

namespace Toloka.Cli
{
    /// <summary>
    /// `toloka demo`: a fake Toloka on 127.0.0.1, seeded with pools and training pools, and the relaunch
    /// and retire workflows run against it as ordinary `toloka` command lines, so the demo shows exactly
    /// what the real commands do.
    /// </summary>
    internal static class Demo
    {
        private static readonly string[] JsonFlag = { "--json" };

        public static async Task<int> RunAsync(CliHost host, CliOutput output, bool json, CancellationToken cancellationToken)
        {
            // Real time, short operations: the whole demo takes seconds, and the clone pacing (Toloka's
            // 20 a minute) still shows as a 3-second wait between clones.
            var options = new FakeTolokaOptions
            {
                OperationPendingTime = TimeSpan.FromMilliseconds(150),
                OperationRunningTime = TimeSpan.FromMilliseconds(600),
            };
            await using var fake = await FakeToloka.StartAsync(options, cancellationToken).ConfigureAwait(false);

            var steps = Seed(fake, output);
            var demoHost = HostFor(host, fake);

            foreach (var (title, args) in steps)
            {
                output.Heading(title);
                output.Note("$ toloka " + string.Join(' ', args));
                var line = args.Concat(new[] { "--base-url", fake.BaseUri.AbsoluteUri }).Concat(json ? JsonFlag : Array.Empty<string>()).ToArray();
                var code = await TolokaCommandLine.RunAsync(line, demoHost, cancellationToken).ConfigureAwait(false);
                if (code != ExitCodes.Success)
                {
                    output.Error("The demo stopped: 'toloka " + string.Join(' ', args) + "' exited with " + code + ".");
                    return code;
                }
            }

            output.Heading("Done");
            output.Note("Against the real Toloka: make an API key in your Toloka profile (Integrations > API key), export TOLOKA_API_KEY=<the key>, then the same commands (add --sandbox for the sandbox; an old OAuth token goes in TOLOKA_TOKEN instead).");
            return ExitCodes.Success;
        }

        // Last month's pools to relaunch and September's to retire, and the command lines that do it.
        private static (string Title, string[] Args)[] Seed(FakeToloka fake, CliOutput output)
        {
            var oldTraining = fake.AddTraining(FakePoolStatus.Closed, Named("Onboarding training, October"));
            var cats = fake.AddPool(FakePoolStatus.Closed, oldTraining, Named("Cats vs dogs, October"));
            var birds = fake.AddPool(FakePoolStatus.Closed, null, Named("Bird species, October"));
            var retiredTraining = fake.AddTraining(FakePoolStatus.Open, Named("Onboarding training, September"));
            var sentiment = fake.AddPool(FakePoolStatus.Open, retiredTraining, Named("Sentiment, September"));
            var spam = fake.AddPool(FakePoolStatus.Closed, null, Named("Spam check, September"));

            output.Note("Fake Toloka on " + fake.BaseUri + " with pools " + string.Join(", ", cats, birds, sentiment, spam) +
                " and training pools " + oldTraining + ", " + retiredTraining + ".");
            output.Note("Each step below is a toloka command line, run with --base-url " + fake.BaseUri + " and the fake's API key in TOLOKA_API_KEY.");

            return new (string Title, string[] Args)[]
            {
                ("Relaunch: clone last month's pools, wait for the clones, open them", new[] { "pool", "clone", cats, birds, "--open" }),
                ("Retire: close and archive September's pools", new[] { "pool", "archive", sentiment, spam, "--close" }),
                ("Retire: close and archive September's training pool (its pools are archived now)", new[] { "training", "archive", retiredTraining, "--close" }),
                ("Retire again: an archived pool is reported as already archived", new[] { "pool", "archive", sentiment }),
                ("Read back a relaunched pool's source", new[] { "pool", "get", cats }),
                ("Look back: the clones these commands started", new[] { "operation", "list", "--type", "POOL.CLONE" }),
            };
        }

        // The caller's environment with the fake's API key in place of any credential, and polling short
        // enough for operations that take under a second.
        private static CliHost HostFor(CliHost host, FakeToloka fake)
        {
            var environment = host.Environment.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
            environment.Remove(CliSession.TokenVariable);
            environment[CliSession.ApiKeyVariable] = fake.Token;
            return host.With(environment, new TolokaPollingOptions
            {
                InitialInterval = TimeSpan.FromMilliseconds(200),
                BackoffFactor = 1.5,
                MaxInterval = TimeSpan.FromSeconds(1),
                Timeout = TimeSpan.FromSeconds(30),
            });
        }

        private static Dictionary<string, string> Named(string name) => new(StringComparer.Ordinal) { ["private_name"] = name };
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Toloka.Generated;

namespace Toloka.Cli.Tests
{
    /// <summary>Runs the toloka command line in-process, as the process would, and keeps what it printed.</summary>
    internal sealed record CliRun(int ExitCode, string Output, string Error)
    {
        public static readonly TolokaPollingOptions FastPolling = new()
        {
            InitialInterval = TimeSpan.FromMilliseconds(50),
            BackoffFactor = 1.5,
            MaxInterval = TimeSpan.FromMilliseconds(500),
            Timeout = TimeSpan.FromSeconds(30),
        };

        public string All => Output + Error;

        public IReadOnlyList<JObject> JsonLines =>
            Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();

        public static async Task<CliRun> StartAsync(
            IEnumerable<string> args,
            string? token,
            string input = "",
            TimeProvider? time = null,
            IReadOnlyDictionary<string, string?>? variables = null,
            TolokaPollingOptions? polling = null,
            bool terminal = false,
            CancellationToken cancellationToken = default)
        {
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (token is not null)
            {
                environment["TOLOKA_TOKEN"] = token;
            }

            foreach (var variable in variables ?? new Dictionary<string, string?>())
            {
                environment[variable.Key] = variable.Value;
            }

            using var output = new StringWriter();
            using var error = new StringWriter();
            var host = new CliHost(new StringReader(input), output, error, environment)
            {
                OutputIsTerminal = terminal,
                Time = time ?? TimeProvider.System,
                Polling = polling ?? FastPolling,
            };
            var code = await TolokaCommandLine.RunAsync(args.ToArray(), host, cancellationToken);
            return new CliRun(code, output.ToString(), error.ToString());
        }
    }
}

using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Cli
{
    /// <summary>The options every bulk command takes: --parallel, --journal and --settle-time.</summary>
    internal sealed class BulkCommandOptions
    {
        private readonly Option<int> _parallel = new("--parallel")
        {
            Description = "How many ids send requests at once (1-" + BulkOptions.MaxParallel + "). An id waiting for its operation does not count: up to 100 waits overlap, polled with backoff. The client's pacing (shared with --redis) still spaces clones to Toloka's 20 a minute. Default " + BulkOptions.DefaultParallel + ".",
            DefaultValueFactory = _ => BulkOptions.DefaultParallel,
        };

        private readonly Option<string?> _journal = new("--journal")
        {
            Description = "Keep a journal (JSON lines) in this file and resume from it: ids done are reported without a request, clones in flight are looked for in Toloka's operations, only ids never sent are sent. Locked while in use.",
        };

        private readonly Option<double> _settleTime = new("--settle-time")
        {
            Description = "Seconds to wait for Toloka to list the operation of a clone whose answer was lost before taking it as not started (0-3600). Default " + BulkOptions.DefaultSettleTime.TotalSeconds.ToString(CultureInfo.InvariantCulture) + ".",
            DefaultValueFactory = _ => BulkOptions.DefaultSettleTime.TotalSeconds,
        };

        public void AddTo(Command command)
        {
            command.Options.Add(_parallel);
            command.Options.Add(_journal);
            command.Options.Add(_settleTime);
        }

        public async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CliSession session, string noun, bool workJournalsItsRequests, IReadOnlyList<string> ids, BulkRun.Work work, CancellationToken cancellationToken)
        {
            var parallel = parse.GetValue(_parallel);
            if (parallel < 1 || parallel > BulkOptions.MaxParallel)
            {
                throw new UsageException("--parallel must be between 1 and " + BulkOptions.MaxParallel + ".");
            }

            var settle = parse.GetValue(_settleTime);
            if (!(settle >= 0 && settle <= 3600))
            {
                throw new UsageException("--settle-time must be between 0 and 3600 seconds.");
            }

            var path = parse.GetValue(_journal);
            using var journal = path is null ? null : BulkJournal.Open(path, CommandPath(parse), Environment(parse, globals), ids, session.Time.GetUtcNow());
            var options = new BulkOptions(parallel, journal, TimeSpan.FromSeconds(settle), workJournalsItsRequests);
            return await BulkRun.RunAsync(session, noun, options, ids, work, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>"pool clone": the command the journal belongs to.</summary>
        private static string CommandPath(ParseResult parse)
        {
            var names = new List<string>();
            for (var result = parse.CommandResult; result.Parent is CommandResult parent; result = parent)
            {
                names.Add(result.Command.Name);
            }

            names.Reverse();
            return string.Join(" ", names);
        }

        /// <summary>Which Toloka the journal belongs to, as the command line named it.</summary>
        private static string Environment(ParseResult parse, GlobalOptions globals) =>
            parse.GetValue(globals.BaseUrl) is { } baseUrl ? baseUrl.TrimEnd('/')
            : parse.GetValue(globals.Sandbox) ? "sandbox"
            : "production";
    }
}

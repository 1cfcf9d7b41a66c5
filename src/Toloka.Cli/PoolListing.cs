using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>The work of `toloka pool list` and `toloka training list`.</summary>
    internal static class PoolListing
    {
        // --all pages until Toloka says there is no more, but never past this many.
        private const int MaxItems = 1_000_000;

        private static readonly string[] Columns = { "Id", "Name", "Status", "Project", "Created", "Last started", "Close reason" };

        public static async Task<int> ListAsync(PoolKind kind, PoolQuery query, CliSession session, CancellationToken cancellationToken)
        {
            var found = new List<(string?[] Row, JToken Json)>();
            if (query.All)
            {
                // The client's generated pager (sorted by id, paged with id_gt).
                await foreach (var item in kind.ListAllAsync(session.Client, query, cancellationToken).ConfigureAwait(false))
                {
                    found.Add(Describe(item));
                    if (found.Count >= MaxItems)
                    {
                        break;
                    }
                }
            }
            else
            {
                var (items, hasMore) = await kind.ListPageAsync(session.Client, query, cancellationToken).ConfigureAwait(false);
                foreach (var item in items)
                {
                    found.Add(Describe(item));
                }

                if (hasMore && !session.Output.Json)
                {
                    session.Output.Note("More match; --all pages through the rest.");
                }
            }

            session.Output.Rows(Columns, found.ConvertAll(f => f.Row), found.ConvertAll(f => f.Json));
            if (!session.Output.Json)
            {
                session.Output.Note(found.Count.ToString(CultureInfo.InvariantCulture) + " " + kind.Command + "(s)");
            }

            return ExitCodes.Success;
        }

        private static (string?[] Row, JToken Json) Describe(object item) => item switch
        {
            Pool pool => (new[] { pool.Id, pool.PrivateName, WireName.Of(pool.Status), pool.ProjectId, CliOutput.Time(pool.Created), CliOutput.Time(pool.LastStarted), pool.LastCloseReason }, JToken.FromObject(pool)),
            Training training => (new[] { training.Id, training.PrivateName, WireName.Of(training.Status), training.ProjectId, CliOutput.Time(training.Created), CliOutput.Time(training.LastStarted), training.LastCloseReason }, JToken.FromObject(training)),
            _ => (Array.Empty<string?>(), JValue.CreateNull()),
        };
    }

    /// <summary>What `toloka pool list` and `toloka training list` ask Toloka for.</summary>
    internal sealed record PoolQuery(
        PoolStatus? Status,
        string? ProjectId,
        DateTimeOffset? CreatedAfter,
        DateTimeOffset? CreatedBefore,
        DateTimeOffset? StartedAfter,
        DateTimeOffset? StartedBefore,
        int Limit,
        bool All);

    /// <summary>The filters of `toloka pool list` and `toloka training list`.</summary>
    internal sealed class PoolFilters
    {
        private readonly Option<string?> _project = new("--project") { Description = "Only those of this project id." };
        private readonly Option<string?> _status = new("--status") { Description = "OPEN, CLOSED, ARCHIVED or LOCKED." };
        private readonly Option<string?> _createdAfter = new("--created-after") { Description = "Created at or after this time (ISO 8601, UTC unless it says otherwise)." };
        private readonly Option<string?> _createdBefore = new("--created-before") { Description = "Created before this time." };
        private readonly Option<string?> _startedAfter = new("--started-after") { Description = "Last opened at or after this time." };
        private readonly Option<string?> _startedBefore = new("--started-before") { Description = "Last opened before this time." };
        private readonly Option<int> _limit = new("--limit") { Description = "Items per page (1-300).", DefaultValueFactory = _ => 50 };
        private readonly Option<bool> _all = new("--all") { Description = "Page through every match, not only the first page." };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { _project, _status, _createdAfter, _createdBefore, _startedAfter, _startedBefore, _limit, _all })
            {
                command.Options.Add(option);
            }
        }

        public PoolQuery Read(ParseResult parse)
        {
            var limit = parse.GetValue(_limit);
            if (limit is < 1 or > 300)
            {
                throw new UsageException("--limit must be between 1 and 300.");
            }

            var project = parse.GetValue(_project);
            if (project is not null && string.IsNullOrWhiteSpace(project))
            {
                throw new UsageException("--project needs a project id.");
            }

            return new PoolQuery(
                parse.GetValue(_status) is { } status ? WireName.Parse(status, "--status", PoolStatus.KnownValues, text => new PoolStatus(text)) : (PoolStatus?)null,
                project?.Trim(),
                OperationFilters.Time(parse, _createdAfter),
                OperationFilters.Time(parse, _createdBefore),
                OperationFilters.Time(parse, _startedAfter),
                OperationFilters.Time(parse, _startedBefore),
                limit,
                parse.GetValue(_all));
        }
    }
}

using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>The work of `toloka operation get|wait|list|log`.</summary>
    internal static class Operations
    {
        // --all pages until Toloka says there is no more, but never past this many operations.
        private const int MaxOperations = 1_000_000;

        private static readonly string[] Columns = { "Operation", "Type", "Status", "Progress", "Subject", "Result", "Submitted", "Finished" };

        private static readonly string[] LogColumns = { "Type", "Success", "Input", "Output" };

        public static async Task<int> GetAsync(string id, CliSession session, CancellationToken cancellationToken)
        {
            var operation = await session.Client.GetOperationAsync(id, cancellationToken).ConfigureAwait(false);
            session.Output.Record(
                new List<(string, string?)>
                {
                    ("id", operation.Id),
                    ("type", WireName.Of(operation.Type)),
                    ("status", WireName.Of(operation.Status)),
                    ("progress", operation.Progress?.ToString(CultureInfo.InvariantCulture) + "%"),
                    ("subject", Subject(operation)),
                    ("result", Result(operation)),
                    ("submitted", CliOutput.Time(operation.Submitted)),
                    ("started", CliOutput.Time(operation.Started)),
                    ("finished", CliOutput.Time(operation.Finished)),
                },
                JToken.FromObject(operation));
            return ExitCodes.Success;
        }

        public static async Task<ItemResult> WaitAsync(string id, ItemContext item, CancellationToken cancellationToken)
        {
            item.Steps.Step("waiting");
            item.OperationId = id;
            var operation = await item.Session.Client.WaitForCompletionAsync(id, item.Steps, item.Session.Polling, cancellationToken).ConfigureAwait(false);
            return new ItemResult(id, ItemOutcome.Done, WireName.Of(operation.Type) + " succeeded")
            {
                OperationId = operation.Id,
                Status = WireName.Of(operation.Status),
                NewId = operation.Type == OperationType.PoolClone || operation.Type == OperationType.TrainingClone ? Result(operation) : null,
            };
        }

        public static async Task<int> ListAsync(OperationQuery query, CliSession session, CancellationToken cancellationToken)
        {
            var found = query.All
                ? await AllPagesAsync(query, session.Client, cancellationToken).ConfigureAwait(false)
                : await FirstPageAsync(query, session.Client, cancellationToken).ConfigureAwait(false);
            session.Output.Rows(
                Columns,
                found.Select(o => new[]
                {
                    o.Id,
                    WireName.Of(o.Type),
                    WireName.Of(o.Status),
                    o.Progress is int p ? p.ToString(CultureInfo.InvariantCulture) + "%" : string.Empty,
                    Subject(o),
                    Result(o),
                    CliOutput.Time(o.Submitted),
                    CliOutput.Time(o.Finished),
                }),
                found.Select(o => JToken.FromObject(o)));
            if (!session.Output.Json)
            {
                session.Output.Note(found.Count + " operation(s)" + (query.All ? string.Empty : "; --all pages through the rest"));
            }

            return ExitCodes.Success;
        }

        public static async Task<int> LogAsync(string id, CliSession session, CancellationToken cancellationToken)
        {
            var items = await session.Client.GetOperationLogAsync(id, cancellationToken).ConfigureAwait(false);
            session.Output.Rows(
                LogColumns,
                items.Select(item => new[]
                {
                    item.Type,
                    item.Success is bool success ? (success ? "yes" : "no") : string.Empty,
                    item.Input is null ? string.Empty : JToken.FromObject(item.Input).ToString(Newtonsoft.Json.Formatting.None),
                    item.Output is null ? string.Empty : JToken.FromObject(item.Output).ToString(Newtonsoft.Json.Formatting.None),
                }),
                items.Select(item => JToken.FromObject(item)));
            if (!session.Output.Json)
            {
                session.Output.Note(items.Count + " log item(s)");
            }

            return ExitCodes.Success;
        }

        // The client's generated pager (sorted by id, paged with id_gt); bounded so a server that never says
        // has_more=false cannot keep the command running forever.
        private static async Task<List<Operation>> AllPagesAsync(OperationQuery query, ITolokaClient client, CancellationToken cancellationToken)
        {
            var found = new List<Operation>();
            await foreach (var operation in client.GetOperationsAsync(
                type: query.Type,
                status: query.Status,
                submittedGte: query.SubmittedAfter,
                submittedLt: query.SubmittedBefore,
                finishedGte: query.FinishedAfter,
                finishedLt: query.FinishedBefore,
                limit: query.Limit,
                cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                found.Add(operation);
                if (found.Count >= MaxOperations)
                {
                    break;
                }
            }

            return found;
        }

        private static async Task<List<Operation>> FirstPageAsync(OperationQuery query, ITolokaClient client, CancellationToken cancellationToken)
        {
            var page = await client.FindOperationsAsync(
                type: query.Type,
                status: query.Status,
                submittedGte: query.SubmittedAfter,
                submittedLt: query.SubmittedBefore,
                finishedGte: query.FinishedAfter,
                finishedLt: query.FinishedBefore,
                sort: "id",
                limit: query.Limit,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return new List<Operation>(page.Items);
        }

        private static string? Subject(Operation operation) =>
            operation.Parameters?.PoolId is { } pool ? "pool " + pool :
            operation.Parameters?.TrainingId is { } training ? "training " + training : null;

        private static string? Result(Operation operation) =>
            operation.Type == OperationType.PoolClone ? operation.Details?.PoolId :
            operation.Type == OperationType.TrainingClone ? operation.Details?.TrainingId : null;
    }

    /// <summary>What `toloka operation list` asks Toloka for.</summary>
    internal sealed record OperationQuery(
        OperationType? Type,
        OperationStatus? Status,
        DateTimeOffset? SubmittedAfter,
        DateTimeOffset? SubmittedBefore,
        DateTimeOffset? FinishedAfter,
        DateTimeOffset? FinishedBefore,
        int Limit,
        bool All);

    /// <summary>The filters of `toloka operation list`.</summary>
    internal sealed class OperationFilters
    {
        private readonly Option<string?> _type = new("--type") { Description = "POOL.CLONE, POOL.ARCHIVE, POOL.OPEN, POOL.CLOSE, TRAINING.CLONE, ... (pool-clone also works), or any type Toloka reports, such as TASK.BATCH_CREATE." };
        private readonly Option<string?> _status = new("--status") { Description = "PENDING, RUNNING, SUCCESS or FAIL." };
        private readonly Option<string?> _submittedAfter = new("--submitted-after") { Description = "Submitted at or after this time (ISO 8601, UTC unless it says otherwise)." };
        private readonly Option<string?> _submittedBefore = new("--submitted-before") { Description = "Submitted before this time." };
        private readonly Option<string?> _finishedAfter = new("--finished-after") { Description = "Finished at or after this time." };
        private readonly Option<string?> _finishedBefore = new("--finished-before") { Description = "Finished before this time." };
        private readonly Option<int> _limit = new("--limit") { Description = "Operations per page (1-300).", DefaultValueFactory = _ => 50 };
        private readonly Option<bool> _all = new("--all") { Description = "Page through every matching operation, not only the first page." };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { _type, _status, _submittedAfter, _submittedBefore, _finishedAfter, _finishedBefore, _limit, _all })
            {
                command.Options.Add(option);
            }
        }

        public OperationQuery Read(ParseResult parse)
        {
            var limit = parse.GetValue(_limit);
            if (limit is < 1 or > 300)
            {
                throw new UsageException("--limit must be between 1 and 300.");
            }

            return new OperationQuery(
                parse.GetValue(_type) is { } type ? WireName.Parse(type, "--type", OperationType.KnownValues, text => new OperationType(text)) : (OperationType?)null,
                parse.GetValue(_status) is { } status ? WireName.Parse(status, "--status", OperationStatus.KnownValues, text => new OperationStatus(text)) : (OperationStatus?)null,
                Time(parse, _submittedAfter),
                Time(parse, _submittedBefore),
                Time(parse, _finishedAfter),
                Time(parse, _finishedBefore),
                limit,
                parse.GetValue(_all));
        }

        internal static DateTimeOffset? Time(ParseResult parse, Option<string?> option)
        {
            var text = parse.GetValue(option);
            if (text is null)
            {
                return null;
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            {
                return value;
            }

            throw new UsageException(option.Name + " " + text + " is not a time; use ISO 8601, for example 2026-11-01 or 2026-11-01T12:00:00Z.");
        }
    }
}

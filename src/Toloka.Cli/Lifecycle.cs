using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>The work of `toloka pool|training clone|archive|open|close|get` for one id.</summary>
    internal static class Lifecycle
    {
        public static async Task<ItemResult> CloneAsync(PoolKind kind, string id, ItemContext item, bool wait, bool open, CancellationToken cancellationToken)
        {
            var client = item.Session.Client;
            item.Steps.Step("cloning");
            var clone = await BulkRun.SendAsync(item, c => kind.CloneAsync(client, id, c), cancellationToken).ConfigureAwait(false);
            item.OperationId = clone.Id;
            if (!wait && !open)
            {
                return new ItemResult(id, ItemOutcome.Done, "clone started; wait with: toloka operation wait " + clone.Id)
                {
                    OperationId = clone.Id,
                    Status = WireName.Of(clone.Status),
                };
            }

            clone = await WaitAsync(item, clone, cancellationToken).ConfigureAwait(false);
            var newId = kind.CloneOf(clone);
            if (newId is null)
            {
                return new ItemResult(id, ItemOutcome.Failed, "the clone succeeded but its operation names no new id")
                {
                    OperationId = clone.Id,
                    Status = WireName.Of(clone.Status),
                    ErrorCode = "NO_NEW_ID",
                };
            }

            var message = "cloned";
            if (open)
            {
                item.Steps.Step("opening " + newId);
                var opening = await BulkRun.SendAsync(item, c => kind.OpenAsync(client, newId, c), cancellationToken).ConfigureAwait(false);
                if (opening is not null)
                {
                    await WaitAsync(item, opening, cancellationToken).ConfigureAwait(false);
                }

                message = "cloned and opened";
            }

            return new ItemResult(id, ItemOutcome.Done, message) { NewId = newId, OperationId = clone.Id, Status = WireName.Of(clone.Status) };
        }

        public static async Task<ItemResult> ArchiveAsync(PoolKind kind, string id, ItemContext item, bool closeFirst, CancellationToken cancellationToken)
        {
            var client = item.Session.Client;
            item.Steps.Step("archiving");
            Operation? archiving;
            try
            {
                archiving = await BulkRun.SendAsync(item, c => kind.ArchiveAsync(client, id, c), cancellationToken).ConfigureAwait(false);
            }
            catch (TolokaConflictException) when (closeFirst)
            {
                // Archiving first and closing only on a conflict keeps an archived one a plain "already".
                item.Steps.Step("closing");
                var closing = await BulkRun.SendAsync(item, c => kind.CloseAsync(client, id, c), cancellationToken).ConfigureAwait(false);
                if (closing is not null)
                {
                    await WaitAsync(item, closing, cancellationToken).ConfigureAwait(false);
                }

                item.Steps.Step("archiving");
                archiving = await BulkRun.SendAsync(item, c => kind.ArchiveAsync(client, id, c), cancellationToken).ConfigureAwait(false);
            }

            return await Finish(id, item, archiving, "archived", "already archived", cancellationToken).ConfigureAwait(false);
        }

        public static async Task<ItemResult> OpenAsync(PoolKind kind, string id, ItemContext item, CancellationToken cancellationToken)
        {
            item.Steps.Step("opening");
            var client = item.Session.Client;
            var opening = await BulkRun.SendAsync(item, c => kind.OpenAsync(client, id, c), cancellationToken).ConfigureAwait(false);
            return await Finish(id, item, opening, "opened", "already open", cancellationToken).ConfigureAwait(false);
        }

        public static async Task<ItemResult> CloseAsync(PoolKind kind, string id, ItemContext item, CancellationToken cancellationToken)
        {
            item.Steps.Step("closing");
            var client = item.Session.Client;
            var closing = await BulkRun.SendAsync(item, c => kind.CloseAsync(client, id, c), cancellationToken).ConfigureAwait(false);
            return await Finish(id, item, closing, "closed", "already closed", cancellationToken).ConfigureAwait(false);
        }

        public static async Task<int> GetAsync(PoolKind kind, string id, CliSession session, CancellationToken cancellationToken)
        {
            var found = await kind.GetAsync(session.Client, id, cancellationToken).ConfigureAwait(false);
            var fields = found switch
            {
                Pool pool => new List<(string, string?)>
                {
                    ("id", pool.Id),
                    ("name", pool.PrivateName),
                    ("status", WireName.Of(pool.Status)),
                    ("project", pool.ProjectId),
                    ("training", pool.QualityControl?.TrainingRequirement?.TrainingPoolId),
                    ("created", CliOutput.Time(pool.Created)),
                    ("last started", CliOutput.Time(pool.LastStarted)),
                    ("last stopped", CliOutput.Time(pool.LastStopped)),
                    ("last close reason", pool.LastCloseReason),
                },
                Training training => new List<(string, string?)>
                {
                    ("id", training.Id),
                    ("name", training.PrivateName),
                    ("status", WireName.Of(training.Status)),
                    ("project", training.ProjectId),
                    ("created", CliOutput.Time(training.Created)),
                    ("last started", CliOutput.Time(training.LastStarted)),
                    ("last stopped", CliOutput.Time(training.LastStopped)),
                    ("last close reason", training.LastCloseReason),
                },
                _ => new List<(string, string?)>(),
            };
            session.Output.Record(fields, JToken.FromObject(found));
            return ExitCodes.Success;
        }

        private static async Task<ItemResult> Finish(string id, ItemContext item, Operation? operation, string done, string already, CancellationToken cancellationToken)
        {
            if (operation is null)
            {
                return new ItemResult(id, ItemOutcome.Already, already);
            }

            var finished = await WaitAsync(item, operation, cancellationToken).ConfigureAwait(false);
            return new ItemResult(id, ItemOutcome.Done, done) { OperationId = finished.Id, Status = WireName.Of(finished.Status) };
        }

        private static Task<Operation> WaitAsync(ItemContext item, Operation operation, CancellationToken cancellationToken)
        {
            item.OperationId = operation.Id;
            return item.Session.Client.WaitForCompletionAsync(operation, item.Steps, item.Session.Polling, cancellationToken);
        }
    }
}

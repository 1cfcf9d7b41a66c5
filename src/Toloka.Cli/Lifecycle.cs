using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>The work of `toloka pool|training archive|open|close|get` for one id (clone: <see cref="Cloning"/>).</summary>
    internal static class Lifecycle
    {
        public static async Task<ItemResult> ArchiveAsync(PoolKind kind, string id, ItemContext item, bool closeFirst, CancellationToken cancellationToken)
        {
            var client = item.Session.Client;
            item.Steps.Step("archiving");
            Operation? archived;
            try
            {
                archived = await ItemRequest.SendAsync(item, c => kind.ArchiveAsync(client, id, item.Steps, item.Session.Polling, c), cancellationToken).ConfigureAwait(false);
            }
            catch (TolokaConflictException) when (closeFirst)
            {
                // Archiving first and closing only on a conflict keeps an archived one a plain "already".
                item.Steps.Step("closing");
                await ItemRequest.SendAsync(item, c => kind.CloseAsync(client, id, item.Steps, item.Session.Polling, c), cancellationToken).ConfigureAwait(false);
                item.Steps.Step("archiving");
                archived = await ItemRequest.SendAsync(item, c => kind.ArchiveAsync(client, id, item.Steps, item.Session.Polling, c), cancellationToken).ConfigureAwait(false);
            }

            return Finish(id, archived, "archived", "already archived");
        }

        public static async Task<ItemResult> OpenAsync(PoolKind kind, string id, ItemContext item, CancellationToken cancellationToken)
        {
            item.Steps.Step("opening");
            var client = item.Session.Client;
            var opened = await ItemRequest.SendAsync(item, c => kind.OpenAsync(client, id, item.Steps, item.Session.Polling, c), cancellationToken).ConfigureAwait(false);
            return Finish(id, opened, "opened", "already open");
        }

        public static async Task<ItemResult> CloseAsync(PoolKind kind, string id, ItemContext item, CancellationToken cancellationToken)
        {
            item.Steps.Step("closing");
            var client = item.Session.Client;
            var closed = await ItemRequest.SendAsync(item, c => kind.CloseAsync(client, id, item.Steps, item.Session.Polling, c), cancellationToken).ConfigureAwait(false);
            return Finish(id, closed, "closed", "already closed");
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

        private static ItemResult Finish(string id, Operation? finished, string done, string already) =>
            finished is null
                ? new ItemResult(id, ItemOutcome.Already, already)
                : new ItemResult(id, ItemOutcome.Done, done) { OperationId = finished.Id, Status = WireName.Of(finished.Status) };
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>
    /// The work of `toloka pool|training clone` for one id, exactly once: the intent is in the journal
    /// before the request goes out; a clone Toloka answered is waited for, never sent again; a clone whose
    /// answer was lost (or that a killed run left in flight) is looked for in Toloka's operations, and sent
    /// again (once) only when Toloka did not act on it.
    /// </summary>
    internal static class Cloning
    {
        private const int Sends = 2;

        public static async Task<ItemResult> CloneAsync(PoolKind kind, string id, ItemContext item, bool wait, bool open, CancellationToken cancellationToken)
        {
            Operation clone;
            try
            {
                clone = await StartAsync(kind, id, item, cancellationToken).ConfigureAwait(false);
            }
            catch (TolokaException e) when (item.OperationId is { } known && e is not TolokaAuthenticationException)
            {
                // Reading the operation an earlier run started failed: it exists, so the id is not "failed".
                return StartedButUnknown(id, known, null, "reading it", e);
            }

            item.OperationId = clone.Id;
            if (!wait && !open)
            {
                return new ItemResult(id, ItemOutcome.Done, "clone started; wait with: toloka operation wait " + clone.Id)
                {
                    OperationId = clone.Id,
                    Status = WireName.Of(clone.Status),
                };
            }

            item.Steps.Step("cloning");
            item.Steps.Report(clone);
            try
            {
                clone = await item.Session.Client.WaitForCompletionAsync(clone, item.Steps, item.Session.Polling, cancellationToken).ConfigureAwait(false);
            }
            catch (TolokaException e) when (e is not TolokaOperationFailedException and not TolokaAuthenticationException)
            {
                // The clone exists (or is being made): never "failed", and a rerun with the journal waits for it again.
                return StartedButUnknown(id, clone.Id, WireName.Of(clone.Status), "waiting for it", e);
            }

            return await FinishAsync(kind, id, item, clone, open, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The result of a clone that succeeded: its new id, opened first with --open.</summary>
        private static async Task<ItemResult> FinishAsync(PoolKind kind, string id, ItemContext item, Operation clone, bool open, CancellationToken cancellationToken)
        {
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
                var client = item.Session.Client;
                var opened = await ItemRequest.SendAsync(item, c => kind.OpenAsync(client, newId, item.Steps, item.Session.Polling, c), cancellationToken).ConfigureAwait(false);
                message = opened is null ? "cloned; the clone was already open" : "cloned and opened";
            }

            return new ItemResult(id, ItemOutcome.Done, message) { NewId = newId, OperationId = clone.Id, Status = WireName.Of(clone.Status) };
        }

        private static ItemResult StartedButUnknown(string id, string operationId, string? status, string what, TolokaException e)
        {
            var cause = ItemFailure.Of(id, e);
            return new ItemResult(id, ItemOutcome.Unknown, "the clone started (operation " + operationId + ") but " + what + " failed: " + cause.Message)
            {
                OperationId = operationId,
                Status = status,
                ErrorCode = cause.ErrorCode,
            };
        }

        /// <summary>The clone's operation: from the journal, found in Toloka's operations, or started now.</summary>
        private static async Task<Operation> StartAsync(PoolKind kind, string id, ItemContext item, CancellationToken cancellationToken)
        {
            var client = item.Session.Client;
            var journal = item.Journal;
            var resume = item.Resume;
            if (resume.Kind == JournalKind.Started && resume.OperationId is { } known)
            {
                item.Steps.Step("resuming operation " + known);
                item.OperationId = known;
                return await ItemRequest.SendAsync(item, c => client.GetOperationAsync(known, c), cancellationToken).ConfigureAwait(false);
            }

            if (resume.Kind == JournalKind.Sent)
            {
                // An earlier run sent the clone and died before the answer: ask Toloka before sending anything.
                var earlier = await ResolveAsync(kind, id, item, resume.SentAt, cancellationToken).ConfigureAwait(false);
                if (earlier is not null)
                {
                    return earlier;
                }
            }

            for (var send = 1; ; send++)
            {
                item.Steps.Step("cloning");
                var sentAt = item.Session.Time.GetUtcNow();
                journal?.Sending(id, sentAt);
                try
                {
                    var clone = await ItemRequest.SendAsync(item, c => kind.CloneAsync(client, id, c), cancellationToken).ConfigureAwait(false);
                    journal?.Started(id, clone.Id, item.Session.Time.GetUtcNow());
                    return clone;
                }
                catch (TolokaException e) when (TolokaLostRequest.AnswerMayBeLost(e))
                {
                    var found = await ResolveAsync(kind, id, item, sentAt, cancellationToken).ConfigureAwait(false);
                    if (found is not null)
                    {
                        return found;
                    }

                    if (send >= Sends)
                    {
                        // Lost twice and Toloka acted on neither: nothing was made; report the failure.
                        throw;
                    }
                }
            }
        }

        /// <summary>The operation the lost request started, or null when Toloka did not act on it (it may be sent again).</summary>
        /// <exception cref="TolokaOutcomeUnknownException">Toloka could not be asked.</exception>
        private static async Task<Operation?> ResolveAsync(PoolKind kind, string id, ItemContext item, DateTimeOffset sentAt, CancellationToken cancellationToken)
        {
            item.Steps.ResolvingStep("looking for the clone in Toloka's operations", item.SettleTime);
            var resolver = new TolokaOutcomeResolver(
                item.Session.Client,
                new TolokaOutcomeOptions { SettleTime = item.SettleTime, PollInterval = TimeSpan.FromSeconds(1) },
                item.Session.Time);
            var request = kind.Command == "pool" ? TolokaLostRequest.PoolClone(id, sentAt) : TolokaLostRequest.TrainingClone(id, sentAt);
            var outcome = await resolver.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
            if (outcome.Operation is not { } operation)
            {
                return null;
            }

            item.Journal?.Started(id, operation.Id, item.Session.Time.GetUtcNow());
            return operation;
        }

    }
}

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Toloka.Generated
{
    /// <summary>
    /// The generic halves of the flows generated for every operation (build/templates/Client.Flows.liquid):
    /// start and wait, start and wait for a new object's ID, and paging by ID. Nothing here names an endpoint.
    /// </summary>
    public partial class TolokaClient
    {
        /// <summary>Starts an operation and waits for it to end.</summary>
        private async Task<Operation> StartAndWaitAsync(
            Func<CancellationToken, Task<Operation>> start,
            IProgress<Operation>? progress,
            TolokaPollingOptions? polling,
            CancellationToken cancellationToken) =>
            // Never null: an operation whose spec declares no 204 refuses an empty answer in the generated code.
            (await StartAndWaitOrNullAsync(start, progress, polling, cancellationToken).ConfigureAwait(false))!;

        /// <summary>Starts an operation that may answer 204 (nothing to do) and waits for it; null for the 204.</summary>
        /// <typeparam name="TStarted"><see cref="Operation"/>, or <c>Operation?</c> for an operation whose spec declares a 204.</typeparam>
        private async Task<Operation?> StartAndWaitOrNullAsync<TStarted>(
            Func<CancellationToken, Task<TStarted>> start,
            IProgress<Operation>? progress,
            TolokaPollingOptions? polling,
            CancellationToken cancellationToken)
            where TStarted : Operation?
        {
            // Polling options are checked before anything is sent, so a bad timeout never starts an operation.
            var settings = ResolvePolling(polling);
            using var flow = TolokaTelemetry.FlowStarted();
            try
            {
                Operation? started = await start(cancellationToken).ConfigureAwait(false);
                return started is null ? null : await PollUntilEndedAsync(started, progress, settings, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (TolokaTelemetry.FlowFailed(flow, exception))
            {
                throw;
            }
        }

        /// <summary>Starts an operation that creates an object, waits for it, and reads the new ID from <c>details</c>.</summary>
        private async Task<TolokaCloneResult> StartAndWaitForNewIdAsync(
            Func<CancellationToken, Task<Operation>> start,
            string sourceId,
            string newIdField,
            IProgress<Operation>? progress,
            TolokaPollingOptions? polling,
            CancellationToken cancellationToken)
        {
            var finished = await StartAndWaitAsync(start, progress, polling, cancellationToken).ConfigureAwait(false);
            return new TolokaCloneResult(RequireNewId(finished, ReadDetail(finished, newIdField), "details." + newIdField), sourceId, finished);
        }

        /// <summary>
        /// Every item of a list operation, page after page: each page is asked for with the last item's ID
        /// (null for the first); the listing stops when Toloka says there is no more, a page is empty, or
        /// the last ID does not advance (so a server that ignores <c>id_gt</c> cannot loop it forever).
        /// </summary>
        private static async IAsyncEnumerable<TItem> PageByIdAsync<TPage, TItem>(
            Func<string?, CancellationToken, Task<TPage>> fetch,
            Func<TPage, IEnumerable<TItem>?> items,
            Func<TPage, bool> hasMore,
            Func<TItem, string?> id,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            string? after = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = await fetch(after, cancellationToken).ConfigureAwait(false);
                string? last = null;
                var count = 0;
                foreach (var item in items(page) ?? Array.Empty<TItem>())
                {
                    count++;
                    last = id(item);
                    yield return item;
                }

                if (!hasMore(page) || count == 0 || string.IsNullOrEmpty(last) || string.Equals(last, after, StringComparison.Ordinal))
                {
                    yield break;
                }

                after = last;
            }
        }

        /// <summary>A <c>details</c> field by its JSON name, whether the spec lists it or it arrived as an additional property.</summary>
        private string? ReadDetail(Operation finished, string field)
        {
            if (finished.Details is null)
            {
                return null;
            }

            var details = JObject.FromObject(finished.Details, TolokaAnswerJson.SerializerFor(JsonSerializerSettings));
            var value = details[field];
            return value is null || value.Type == JTokenType.Null
                ? null
                : value.Type == JTokenType.String ? (string?)value : value.ToString(Formatting.None);
        }

        private static string RequireNewId(Operation finished, string? newId, string field)
        {
            if (string.IsNullOrEmpty(newId))
            {
                throw TolokaFailures.NoNewId(finished, field);
            }

            return newId!;
        }
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>Waiting for operations to finish, and the common clone/archive-and-wait flows.</summary>
    public partial interface ITolokaClient
    {
        /// <summary>Polls the operation until it ends; returns it at once if it has already ended.</summary>
        /// <param name="operation">The operation a call returned.</param>
        /// <param name="progress">Told the operation each time its status or progress changes, in order.</param>
        /// <param name="polling">Poll schedule and timeout; the client's <see cref="TolokaClientOptions.Polling"/> when null.</param>
        /// <param name="cancellationToken">Stops the wait at once.</param>
        /// <returns>The operation in status <c>SUCCESS</c>.</returns>
        /// <exception cref="TolokaOperationFailedException">The operation ended with <c>FAIL</c>.</exception>
        /// <exception cref="TolokaOperationTimeoutException">It did not end within the polling timeout.</exception>
        Task<Operation> WaitForCompletionAsync(Operation operation, IProgress<Operation>? progress = null, TolokaPollingOptions? polling = null, CancellationToken cancellationToken = default);

        /// <summary>Reads the operation, then polls it until it ends.</summary>
        /// <param name="operationId">The operation's ID.</param>
        /// <param name="progress">Told the operation each time its status or progress changes, in order.</param>
        /// <param name="polling">Poll schedule and timeout; the client's <see cref="TolokaClientOptions.Polling"/> when null.</param>
        /// <param name="cancellationToken">Stops the wait at once.</param>
        /// <returns>The operation in status <c>SUCCESS</c>.</returns>
        /// <exception cref="TolokaOperationFailedException">The operation ended with <c>FAIL</c>.</exception>
        /// <exception cref="TolokaOperationTimeoutException">It did not end within the polling timeout.</exception>
        Task<Operation> WaitForCompletionAsync(string operationId, IProgress<Operation>? progress = null, TolokaPollingOptions? polling = null, CancellationToken cancellationToken = default);

        /// <summary>Clones a pool and waits for the clone to finish.</summary>
        /// <param name="poolId">The pool to clone.</param>
        /// <param name="progress">Told the clone operation as it changes.</param>
        /// <param name="polling">Poll schedule and timeout; the client's defaults when null.</param>
        /// <param name="cancellationToken">Stops the call or the wait at once.</param>
        /// <returns>The new pool's ID, read from the operation's <c>details.pool_id</c>.</returns>
        /// <exception cref="TolokaOperationFailedException">The clone failed.</exception>
        /// <exception cref="TolokaOperationTimeoutException">The clone did not finish in time.</exception>
        Task<TolokaCloneResult> ClonePoolAndWaitAsync(string poolId, IProgress<Operation>? progress = null, TolokaPollingOptions? polling = null, CancellationToken cancellationToken = default);

        /// <summary>Clones a training pool and waits for the clone to finish.</summary>
        /// <param name="trainingId">The training pool to clone.</param>
        /// <param name="progress">Told the clone operation as it changes.</param>
        /// <param name="polling">Poll schedule and timeout; the client's defaults when null.</param>
        /// <param name="cancellationToken">Stops the call or the wait at once.</param>
        /// <returns>The new training pool's ID, read from the operation's <c>details.training_id</c>.</returns>
        /// <exception cref="TolokaOperationFailedException">The clone failed.</exception>
        /// <exception cref="TolokaOperationTimeoutException">The clone did not finish in time.</exception>
        Task<TolokaCloneResult> CloneTrainingAndWaitAsync(string trainingId, IProgress<Operation>? progress = null, TolokaPollingOptions? polling = null, CancellationToken cancellationToken = default);

        /// <summary>Archives a pool and waits for the archiving to finish.</summary>
        /// <param name="poolId">The pool to archive; it must be closed.</param>
        /// <param name="progress">Told the archive operation as it changes.</param>
        /// <param name="polling">Poll schedule and timeout; the client's defaults when null.</param>
        /// <param name="cancellationToken">Stops the call or the wait at once.</param>
        /// <returns>The finished operation, or null when the pool was already archived (Toloka answered 204).</returns>
        /// <exception cref="TolokaConflictException">The pool is not closed.</exception>
        /// <exception cref="TolokaOperationFailedException">The archiving failed.</exception>
        Task<Operation?> ArchivePoolAndWaitAsync(string poolId, IProgress<Operation>? progress = null, TolokaPollingOptions? polling = null, CancellationToken cancellationToken = default);

        /// <summary>Archives a training pool and waits for the archiving to finish.</summary>
        /// <param name="trainingId">The training pool to archive; it must be closed and its pools archived.</param>
        /// <param name="progress">Told the archive operation as it changes.</param>
        /// <param name="polling">Poll schedule and timeout; the client's defaults when null.</param>
        /// <param name="cancellationToken">Stops the call or the wait at once.</param>
        /// <returns>The finished operation, or null when the training pool was already archived (Toloka answered 204).</returns>
        /// <exception cref="TolokaConflictException">The training pool is not closed, or a pool linked to it is not archived.</exception>
        /// <exception cref="TolokaOperationFailedException">The archiving failed.</exception>
        Task<Operation?> ArchiveTrainingAndWaitAsync(string trainingId, IProgress<Operation>? progress = null, TolokaPollingOptions? polling = null, CancellationToken cancellationToken = default);
    }

    public partial class TolokaClient
    {
        /// <inheritdoc />
        public virtual Task<Operation> WaitForCompletionAsync(Operation operation, IProgress<Operation>? progress = null, TolokaPollingOptions? polling = null, CancellationToken cancellationToken = default)
        {
            if (operation is null)
            {
                throw new ArgumentNullException(nameof(operation));
            }

            if (string.IsNullOrWhiteSpace(operation.Id))
            {
                throw new ArgumentException("The operation has no ID to poll.", nameof(operation));
            }

            return PollUntilEndedAsync(operation, progress, ResolvePolling(polling), cancellationToken);
        }

        /// <inheritdoc />
        public virtual async Task<Operation> WaitForCompletionAsync(string operationId, IProgress<Operation>? progress = null, TolokaPollingOptions? polling = null, CancellationToken cancellationToken = default)
        {
            var settings = ResolvePolling(polling);
            var operation = await GetOperationAsync(operationId, cancellationToken).ConfigureAwait(false);
            return await PollUntilEndedAsync(operation, progress, settings, cancellationToken).ConfigureAwait(false);
        }

        /// <inheritdoc />
        public virtual Task<TolokaCloneResult> ClonePoolAndWaitAsync(string poolId, IProgress<Operation>? progress = null, TolokaPollingOptions? polling = null, CancellationToken cancellationToken = default) =>
            CloneAndWaitAsync(poolId, ClonePoolAsync, finished => finished.Details?.PoolId, "details.pool_id", progress, polling, cancellationToken);

        /// <inheritdoc />
        public virtual Task<TolokaCloneResult> CloneTrainingAndWaitAsync(string trainingId, IProgress<Operation>? progress = null, TolokaPollingOptions? polling = null, CancellationToken cancellationToken = default) =>
            CloneAndWaitAsync(trainingId, CloneTrainingAsync, finished => finished.Details?.TrainingId, "details.training_id", progress, polling, cancellationToken);

        /// <inheritdoc />
        public virtual Task<Operation?> ArchivePoolAndWaitAsync(string poolId, IProgress<Operation>? progress = null, TolokaPollingOptions? polling = null, CancellationToken cancellationToken = default) =>
            ArchiveAndWaitAsync(poolId, ArchivePoolAsync, progress, polling, cancellationToken);

        /// <inheritdoc />
        public virtual Task<Operation?> ArchiveTrainingAndWaitAsync(string trainingId, IProgress<Operation>? progress = null, TolokaPollingOptions? polling = null, CancellationToken cancellationToken = default) =>
            ArchiveAndWaitAsync(trainingId, ArchiveTrainingAsync, progress, polling, cancellationToken);

        private async Task<TolokaCloneResult> CloneAndWaitAsync(
            string sourceId,
            Func<string, CancellationToken, Task<Operation>> clone,
            Func<Operation, string?> readNewId,
            string newIdField,
            IProgress<Operation>? progress,
            TolokaPollingOptions? polling,
            CancellationToken cancellationToken)
        {
            var settings = ResolvePolling(polling);
            var started = await clone(sourceId, cancellationToken).ConfigureAwait(false);
            var finished = await PollUntilEndedAsync(started, progress, settings, cancellationToken).ConfigureAwait(false);
            return new TolokaCloneResult(RequireNewId(finished, readNewId(finished), newIdField), sourceId, finished);
        }

        private async Task<Operation?> ArchiveAndWaitAsync(
            string id,
            Func<string, CancellationToken, Task<Operation?>> archive,
            IProgress<Operation>? progress,
            TolokaPollingOptions? polling,
            CancellationToken cancellationToken)
        {
            var settings = ResolvePolling(polling);
            var started = await archive(id, cancellationToken).ConfigureAwait(false);
            return started is null ? null : await PollUntilEndedAsync(started, progress, settings, cancellationToken).ConfigureAwait(false);
        }

        private TolokaPollingOptions ResolvePolling(TolokaPollingOptions? polling)
        {
            var settings = polling ?? _httpClient.Options.Polling;
            settings.Validate(nameof(polling));
            return settings;
        }

        private async Task<Operation> PollUntilEndedAsync(Operation operation, IProgress<Operation>? progress, TolokaPollingOptions polling, CancellationToken cancellationToken)
        {
            var time = _httpClient.Options.TimeProvider;
            var startedAt = time.GetTimestamp();
            var interval = polling.InitialInterval;
            var current = operation;
            progress?.Report(current);
            while (true)
            {
                if (current.Status == OperationStatus.Success)
                {
                    return current;
                }

                if (current.Status == OperationStatus.Fail)
                {
                    throw new TolokaOperationFailedException(current);
                }

                var wait = interval;
                var elapsed = time.GetElapsedTime(startedAt);
                if (polling.Timeout != Timeout.InfiniteTimeSpan)
                {
                    var left = polling.Timeout - elapsed;
                    if (left <= TimeSpan.Zero)
                    {
                        throw new TolokaOperationTimeoutException(current, elapsed);
                    }

                    wait = wait < left ? wait : left;
                }

                await TolokaClock.Delay(time, wait, cancellationToken).ConfigureAwait(false);
                interval = NextInterval(interval, polling);

                Operation next;
                var hint = new TolokaRetryAfterHint();
                TolokaHttpPipeline.RetryAfterHint.Value = hint;
                try
                {
                    next = await GetOperationAsync(current.Id, cancellationToken).ConfigureAwait(false);
                }
                catch (TolokaApiException busy) when (busy.StatusCode == 429 || busy.StatusCode == 503)
                {
                    // The poll itself was rate limited after its own retries: keep waiting, at least as
                    // long as Toloka asked, and poll again (the overall timeout still applies).
                    if (busy.RetryAfter is { } retryAfter && retryAfter > interval)
                    {
                        interval = retryAfter;
                    }

                    continue;
                }
                finally
                {
                    TolokaHttpPipeline.RetryAfterHint.Value = null;
                }

                // A poll answer may ask for patience (Retry-After): the next poll waits at least that long.
                if (hint.RetryAfter is { } askedFor && askedFor > interval)
                {
                    interval = askedFor;
                }

                if (next.Status != current.Status || next.Progress != current.Progress)
                {
                    progress?.Report(next);
                }

                current = next;
            }
        }

        private static TimeSpan NextInterval(TimeSpan interval, TolokaPollingOptions polling)
        {
            var nextTicks = Math.Max(interval.Ticks * polling.BackoffFactor, 1);
            return nextTicks >= polling.MaxInterval.Ticks ? polling.MaxInterval : TimeSpan.FromTicks((long)nextTicks);
        }

        private static string RequireNewId(Operation finished, string? newId, string field)
        {
            if (string.IsNullOrEmpty(newId))
            {
                throw new TolokaApiException(
                    "Toloka operation " + finished.Id + " (" + finished.Type + ") succeeded without " + field + ", so the new ID is unknown.",
                    200,
                    null,
                    null,
                    null);
            }

            return newId!;
        }
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>Waiting for operations to finish; the generated <c>...AndWaitAsync</c> flows poll through it.</summary>
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

        private TolokaPollingOptions ResolvePolling(TolokaPollingOptions? polling)
        {
            var settings = polling ?? _pipeline.Options.Polling;
            settings.Validate(nameof(polling));
            return settings;
        }

        private Task<Operation> PollUntilEndedAsync(Operation operation, IProgress<Operation>? progress, TolokaPollingOptions polling, CancellationToken cancellationToken) =>
            _pipeline.Telemetry.ObservesWaits
                ? PollObservedAsync(operation, progress, polling, cancellationToken)
                : PollAsync(operation, progress, polling, null, cancellationToken);

        /// <summary>The wait with its activity, metrics and logs; its own async method so the activity never leaks to the caller.</summary>
        private async Task<Operation> PollObservedAsync(Operation operation, IProgress<Operation>? progress, TolokaPollingOptions polling, CancellationToken cancellationToken)
        {
            using var wait = _pipeline.Telemetry.WaitStarted(operation);
            try
            {
                return await PollAsync(operation, progress, polling, wait, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (wait.Stopped(exception))
            {
                throw;
            }
        }

        private async Task<Operation> PollAsync(Operation operation, IProgress<Operation>? progress, TolokaPollingOptions polling, TolokaWaitTelemetry? wait, CancellationToken cancellationToken)
        {
            var time = _pipeline.Options.TimeProvider;
            var startedAt = time.GetTimestamp();
            var interval = polling.InitialInterval;
            var current = operation;
            var polls = 0;
            progress?.Report(current);
            while (!Succeeded(current, wait))
            {
                var delay = DelayBeforePoll(current, interval, polling, time.GetElapsedTime(startedAt));
                await TolokaClock.Delay(time, delay, cancellationToken).ConfigureAwait(false);
                interval = NextInterval(interval, polling);

                RequirePollableId(current);
                polls++;
                var (next, askedFor) = await PollOnceAsync(current.Id, wait, polls, cancellationToken).ConfigureAwait(false);

                // The answer, or Toloka's refusal, may ask for patience (Retry-After): the next poll waits at least that long.
                if (askedFor is { } asked && asked > interval)
                {
                    interval = asked;
                }

                if (next is null)
                {
                    continue;
                }

                wait?.Polled(next, polls);
                if (next.Status != current.Status || next.Progress != current.Progress)
                {
                    progress?.Report(next);
                }

                current = next;
            }

            return current;
        }

        /// <summary>True when the operation ended with <c>SUCCESS</c>, false while it runs.</summary>
        /// <exception cref="TolokaOperationFailedException">It ended with <c>FAIL</c>.</exception>
        private static bool Succeeded(Operation current, TolokaWaitTelemetry? wait)
        {
            if (current.Status == OperationStatus.Success)
            {
                wait?.Ended(current);
                return true;
            }

            if (current.Status == OperationStatus.Fail)
            {
                wait?.Ended(current);
                throw new TolokaOperationFailedException(current);
            }

            return false;
        }

        /// <summary>The wait before the next poll: the interval, cut to what is left of <see cref="TolokaPollingOptions.Timeout"/>.</summary>
        /// <exception cref="TolokaOperationTimeoutException">Nothing is left of the timeout.</exception>
        private static TimeSpan DelayBeforePoll(Operation current, TimeSpan interval, TolokaPollingOptions polling, TimeSpan elapsed)
        {
            if (polling.Timeout == Timeout.InfiniteTimeSpan)
            {
                return interval;
            }

            var left = polling.Timeout - elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TolokaOperationTimeoutException(current, elapsed);
            }

            return interval < left ? interval : left;
        }

        /// <summary>
        /// One poll, and the <c>Retry-After</c> its answer carried (through <see cref="TolokaRetryAfterHint"/>,
        /// for this poll only). Null when the poll itself was rate limited after its own retries: the
        /// wait goes on, at least as long as Toloka asked, and polls again (the overall timeout still applies).
        /// </summary>
        private async Task<(Operation? Next, TimeSpan? RetryAfter)> PollOnceAsync(string operationId, TolokaWaitTelemetry? wait, int polls, CancellationToken cancellationToken)
        {
            var hint = new TolokaRetryAfterHint();
            TolokaRetryAfterHint.Current.Value = hint;
            try
            {
                var next = await GetOperationAsync(operationId, cancellationToken).ConfigureAwait(false);
                return (next, hint.RetryAfter);
            }
            catch (TolokaApiException busy) when (busy.StatusCode == 429 || busy.StatusCode == 503)
            {
                wait?.PollRefused(busy, polls);
                return (null, busy.RetryAfter);
            }
            finally
            {
                TolokaRetryAfterHint.Current.Value = null;
            }
        }

        private void RequirePollableId(Operation operation)
        {
            try
            {
                TolokaPath.EscapeSegment(operation.Id, "operationId");
            }
            catch (ArgumentException)
            {
                // The ID came from Toloka's answer, not from the caller: a bad answer, not bad input.
                throw TolokaFailures.UnpollableOperation("getOperation", operation.Id, _pipeline.Token);
            }
        }

        private static TimeSpan NextInterval(TimeSpan interval, TolokaPollingOptions polling)
        {
            var nextTicks = Math.Max(interval.Ticks * polling.BackoffFactor, 1);
            return nextTicks >= polling.MaxInterval.Ticks ? polling.MaxInterval : TimeSpan.FromTicks((long)nextTicks);
        }
    }
}

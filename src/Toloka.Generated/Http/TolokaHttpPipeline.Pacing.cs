using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    internal sealed partial class TolokaHttpPipeline
    {
        /// <summary>
        /// The first stage of an attempt: an operation with a per-minute limit or a day's quota waits for its turn
        /// and is counted against the day (<see cref="TolokaPacer"/>), and its attempt starts, for the network timeout, when the wait
        /// ends; any other goes straight to <see cref="SendOnceAsync"/>.
        /// </summary>
        private ValueTask<TolokaAnswer> AttemptAsync(TolokaAttempt attempt, CancellationToken cancellationToken)
        {
            if (_pacer is null || (attempt.Description.RequestsPerMinute <= 0 && attempt.Description.RequestsPerDay <= 0))
            {
                return SendOnceAsync(attempt, cancellationToken);
            }

            return PacedAsync(attempt, cancellationToken);
        }

#if NET6_0_OR_GREATER
        [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
        private async ValueTask<TolokaAnswer> PacedAsync(TolokaAttempt attempt, CancellationToken cancellationToken)
        {
            var time = _options.TimeProvider;
            var waitStartedAt = time.GetTimestamp();
            try
            {
                await _pacer!.WaitTurnAsync(attempt.OperationId, attempt.Description.RequestsPerMinute, attempt.Description.RequestsPerDay, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                attempt.Release();
                throw;
            }

            attempt.Call?.PacingWaited(time.GetElapsedTime(waitStartedAt), attempt.Description.RequestsPerMinute);

            // The network timeout counts from the end of the pacing wait, not from the call's start.
            return await SendOnceAsync(attempt.StartingAt(TolokaElapsed.Mark(time)), cancellationToken).ConfigureAwait(false);
        }
    }
}

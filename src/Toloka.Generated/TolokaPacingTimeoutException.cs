using System;

namespace Toloka.Generated
{
    /// <summary>
    /// The rate limiter pacing an operation (see <see cref="TolokaClientOptions.RateLimiterFactory"/>)
    /// refused a permit for longer than pacing's wait limit, so the request was never sent: the retry budget
    /// for a limiter that names no wait, 15 minutes (or the retry budget, the longer) for one that names its
    /// waits (<c>RETRY_AFTER</c>), as limiters shared by processes do.
    /// </summary>
    public sealed class TolokaPacingTimeoutException : TolokaException
    {
        internal TolokaPacingTimeoutException(string operationId, TimeSpan waited)
            : base(TolokaFailures.PacingTimeoutMessage(operationId, waited, namedWaitsLimit: null), null)
        {
            OperationId = operationId;
            Waited = waited;
        }

        internal TolokaPacingTimeoutException(string operationId, TimeSpan waited, TimeSpan limit)
            : base(TolokaFailures.PacingTimeoutMessage(operationId, waited, limit), null)
        {
            OperationId = operationId;
            Waited = waited;
        }

        /// <summary>The spec's operationId of the call that was not sent, such as <c>clonePool</c>.</summary>
        public string OperationId { get; }

        /// <summary>How long the client waited for a permit.</summary>
        public TimeSpan Waited { get; }
    }
}

using System;

namespace Toloka.Generated
{
    /// <summary>
    /// The day's quota of a rate-limited operation (<c>x-toloka-rate-limit-per-day</c>, 100 pool clones a
    /// day) is used up, as counted by the client's pacing (in this process, or in the store every process
    /// of the account shares); the request was not sent. Calling again before <see cref="ResetsAt"/>
    /// fails the same way, at once. Not retried by the client.
    /// </summary>
    public sealed class TolokaQuotaExceededException : TolokaException
    {
        /// <summary>Creates the exception; for rate limiters that count the day's quota themselves (see <see cref="TolokaClientOptions.RateLimiterFactory"/>).</summary>
        /// <param name="operationId">The spec's operationId of the call that was not sent, such as <c>clonePool</c>.</param>
        /// <param name="requestsPerDay">The quota: how many calls a day the account may make.</param>
        /// <param name="resetsAt">When the next call fits in the quota again.</param>
        /// <exception cref="ArgumentNullException"><paramref name="operationId"/> is null.</exception>
        public TolokaQuotaExceededException(string operationId, int requestsPerDay, DateTimeOffset resetsAt)
            : base(TolokaFailures.QuotaExceededMessage(operationId ?? throw new ArgumentNullException(nameof(operationId)), requestsPerDay, resetsAt), null)
        {
            OperationId = operationId;
            RequestsPerDay = requestsPerDay;
            ResetsAt = resetsAt;
        }

        /// <summary>The spec's operationId of the call that was not sent, such as <c>clonePool</c>.</summary>
        public string OperationId { get; }

        /// <summary>The quota: how many calls of the operation a day the account may make.</summary>
        public int RequestsPerDay { get; }

        /// <summary>When the next call fits in the quota again (the oldest counted call leaves the 24-hour window).</summary>
        public DateTimeOffset ResetsAt { get; }
    }
}

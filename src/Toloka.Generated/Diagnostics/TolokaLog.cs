using System;
using Microsoft.Extensions.Logging;

namespace Toloka.Generated
{
    /// <summary>
    /// The client's log lines, source-generated so a disabled level costs one check and no
    /// allocation. No parameter can carry the token: they are operation names, Toloka's IDs and
    /// codes from answers the pipeline has already masked, statuses and durations.
    /// </summary>
    internal static partial class TolokaLog
    {
        /// <summary>Category of retries and rate limits (one per call).</summary>
        internal const string CallsCategory = TolokaDiagnostics.LogCategoryPrefix + ".Calls";

        /// <summary>Category of pacing waits.</summary>
        internal const string PacingCategory = TolokaDiagnostics.LogCategoryPrefix + ".Pacing";

        /// <summary>Category of operation waits and polls.</summary>
        internal const string OperationsCategory = TolokaDiagnostics.LogCategoryPrefix + ".Operations";

        [LoggerMessage(EventId = 1, EventName = "RetryScheduled", Level = LogLevel.Information,
            Message = "Retrying {Operation} in {Delay} after {Reason} (attempt {Attempt} of {MaxAttempts} failed)")]
        internal static partial void RetryScheduled(ILogger logger, string operation, TimeSpan delay, string reason, int attempt, int maxAttempts);

        [LoggerMessage(EventId = 2, EventName = "RateLimited", Level = LogLevel.Warning,
            Message = "Toloka rate-limited {Operation} (HTTP 429, attempt {Attempt}); waiting {Delay} ({DelaySource})")]
        internal static partial void RateLimited(ILogger logger, string operation, int attempt, TimeSpan delay, string delaySource);

        [LoggerMessage(EventId = 3, EventName = "PacingWaited", Level = LogLevel.Debug,
            Message = "Paced {Operation}: waited {Delay} for its turn ({RequestsPerMinute} requests a minute)")]
        internal static partial void PacingWaited(ILogger logger, string operation, TimeSpan delay, int requestsPerMinute);

        [LoggerMessage(EventId = 4, EventName = "PollProgress", Level = LogLevel.Debug,
            Message = "Operation {OperationId} ({OperationType}) is {Status} at {Progress}% after poll {Poll}")]
        internal static partial void PollProgress(ILogger logger, string operationId, string operationType, string status, int? progress, int poll);

        [LoggerMessage(EventId = 5, EventName = "OperationFinished", Level = LogLevel.Information,
            Message = "Operation {OperationId} ({OperationType}) ended {Status} after {Elapsed} and {Polls} polls")]
        internal static partial void OperationFinished(ILogger logger, string operationId, string operationType, string status, TimeSpan elapsed, int polls);

        [LoggerMessage(EventId = 6, EventName = "WaitStopped", Level = LogLevel.Warning,
            Message = "Stopped waiting for operation {OperationId} ({OperationType}) in status {Status} after {Elapsed} and {Polls} polls: {Reason}")]
        internal static partial void WaitStopped(ILogger logger, string operationId, string operationType, string status, TimeSpan elapsed, int polls, string reason);

        [LoggerMessage(EventId = 7, EventName = "LostAnswerResolved", Level = LogLevel.Warning,
            Message = "The answer to {Operation} (attempt {Attempt}) was lost; Toloka lists the operation it started: {OperationId} (found after {Lookups} searches)")]
        internal static partial void LostAnswerRecovered(ILogger logger, string operation, int attempt, string operationId, int lookups);

        [LoggerMessage(EventId = 8, EventName = "LostAnswerNotStarted", Level = LogLevel.Warning,
            Message = "The answer to {Operation} (attempt {Attempt}) was lost; Toloka lists no operation it started after {Lookups} searches, so the request is sent again if attempts remain")]
        internal static partial void LostAnswerNotStarted(ILogger logger, string operation, int attempt, int lookups);

        [LoggerMessage(EventId = 9, EventName = "LostAnswerUnknown", Level = LogLevel.Error,
            Message = "The answer to {Operation} (attempt {Attempt}) was lost, and looking for the operation it started failed: its outcome is unknown")]
        internal static partial void LostAnswerUnknown(ILogger logger, string operation, int attempt, Exception exception);
    }
}

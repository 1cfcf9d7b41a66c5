using System;
using System.Globalization;

namespace Toloka.Generated
{
    // The sentences: every exception message the client composes, each from its parts, once.
    internal static partial class TolokaFailures
    {
        /// <summary>
        /// The message of an answer: status, Toloka's code, operation, attempts, Toloka's message and
        /// request ID, Retry-After, then the quota that ran out, what a redirect or an informational
        /// final status means, and <paramref name="remark"/> (what else the client has to say), as one sentence.
        /// </summary>
        /// <param name="details">The answer.</param>
        /// <param name="remark">What else the client has to say about it, continuing the sentence.</param>
        /// <param name="explainStatus">False for the plain form a caller's own subclass gets without a message.</param>
        internal static string Describe(TolokaErrorDetails details, string? remark = null, bool explainStatus = true)
        {
            var goesOn = QuotaClause(details) + (explainStatus ? StatusClause(details) : null) + remark;
            var said = WhatTolokaSaid(details, goesOn.Length > 0);
            if (goesOn.Length > 0)
            {
                return said + goesOn + ".";
            }

            // Toloka's own message may already close the sentence.
            return said.EndsWith(".", StringComparison.Ordinal) ? said : said + ".";
        }

        /// <summary>The sentence a redirect the caller's HttpClient followed ends the call with.</summary>
        internal static string FollowedRedirectMessage(string operationId, int status, string? location) =>
            "The HTTP client followed a redirect during " + operationId + " and the answer (HTTP "
            + status.ToString(CultureInfo.InvariantCulture) + ") came from " + Shorten(location) + "; Toloka.Generated never accepts a redirected answer.";

        /// <summary>What <see cref="Describe"/> adds for an answer whose body was over the cap.</summary>
        internal static string TooLargeRemark(int maxResponseBytes) =>
            "; the body is larger than MaxResponseBytes (" + maxResponseBytes.ToString(CultureInfo.InvariantCulture) + " bytes) and was not read";

        /// <summary>The sentence that ends a call the retry budget stopped, added to the last failure's message.</summary>
        internal static string RetryBudgetNote(TimeSpan nextWait, TimeSpan budget) =>
            "Retries stopped: the next wait (" + Seconds(nextWait) + ") would pass the retry budget, Retry.TotalBudget (" + Seconds(budget) + ").";

        /// <summary>
        /// Status, Toloka's code, operation, attempts, Toloka's message, request ID and Retry-After. Toloka's
        /// message often closes with a period: when it is the last part and the sentence goes on
        /// (<paramref name="goesOn"/>), it is quoted without it.
        /// </summary>
        private static string WhatTolokaSaid(TolokaErrorDetails details, bool goesOn)
        {
            var text = "Toloka answered HTTP " + details.StatusCode.ToString(CultureInfo.InvariantCulture);
            if (details.Error?.Code is { Length: > 0 } code)
            {
                text += " " + code;
            }

            if (details.OperationId is { Length: > 0 } operationId)
            {
                text += " to " + operationId;
            }

            if (details.Attempts > 1)
            {
                text += " after " + details.Attempts.ToString(CultureInfo.InvariantCulture) + " attempts";
            }

            var requestId = details.Error?.RequestId is { Length: > 0 } id ? id : null;
            if (details.Error?.Message is { Length: > 0 } message)
            {
                var endsWhatWasSaid = requestId is null && details.RetryAfter is null;
                text += ": " + (goesOn && endsWhatWasSaid ? message.TrimEnd('.') : message);
            }

            if (requestId is not null)
            {
                text += " (request_id " + requestId + ")";
            }

            if (details.RetryAfter is { } retryAfter)
            {
                text += " Retry after " + retryAfter.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
            }

            return text;
        }

        private static string? QuotaClause(TolokaErrorDetails details) =>
            details.QuotaInterval is { } interval
                ? "; the " + TolokaQuota.Describe(interval) + " quota ran out"
                    + (details.QuotaResetsAt is { } resetsAt ? " and frees a call by " + TolokaQuota.Time(resetsAt) : string.Empty)
                : null;

        private static string? StatusClause(TolokaErrorDetails details)
        {
            if (details.Kind == TolokaErrorKind.Redirect && details.StatusCode >= 300 && details.StatusCode <= 399)
            {
                return ", a redirect to " + (details.Location is null ? "no Location" : Shorten(details.Location)) + "; the client does not follow redirects";
            }

            return details.StatusCode < 200 ? ", an informational status, as its final answer" : null;
        }

        /// <summary>The message of <see cref="TolokaOperationFailedException"/>: the operation and the details Toloka gave.</summary>
        internal static string OperationFailedMessage(Operation operation)
        {
            var text = "Toloka operation " + operation.Id + " (" + operation.Type + ") failed";
            if (operation.Details?.AdditionalProperties is { Count: > 0 } details)
            {
                // Details come from the answer (already masked and size-capped); keep the message readable.
                const int MaxDetailsShown = 1000;
                var json = Newtonsoft.Json.JsonConvert.SerializeObject(details);
                text += ": " + (json.Length <= MaxDetailsShown ? json : json.Remove(MaxDetailsShown) + "...");
            }

            return text + ".";
        }

        /// <summary>The message of <see cref="TolokaOperationTimeoutException"/>.</summary>
        internal static string OperationTimeoutMessage(Operation lastKnown, TimeSpan waited) =>
            "Toloka operation " + lastKnown.Id + " (" + lastKnown.Type + ") did not finish within the wait's Polling.Timeout (waited "
            + waited.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s); it was last seen "
            + lastKnown.Status + (lastKnown.Progress is { } progress ? " at " + progress.ToString(CultureInfo.InvariantCulture) + "%" : string.Empty) + ".";

        /// <summary>The message of <see cref="TolokaQuotaExceededException"/>.</summary>
        internal static string QuotaExceededMessage(string operationId, int requestsPerDay, DateTimeOffset resetsAt) =>
            "The day's quota for " + operationId + " (" + requestsPerDay.ToString(CultureInfo.InvariantCulture)
            + " a day) is used up; it frees a call at " + TolokaQuota.Time(resetsAt) + ". The request was not sent.";

        /// <summary>
        /// The message of <see cref="TolokaPacingTimeoutException"/>: the limit is the retry budget, or, for
        /// a limiter that names its waits, <paramref name="namedWaitsLimit"/>.
        /// </summary>
        internal static string PacingTimeoutMessage(string operationId, TimeSpan waited, TimeSpan? namedWaitsLimit) =>
            namedWaitsLimit is { } limit
                ? "The rate limiter for " + operationId + " gave no permit within pacing's wait limit for limiters that name their waits ("
                    + Seconds(limit) + ": 15 minutes or Retry.TotalBudget, the longer; waited "
                    + Seconds(waited) + ", and the next wait would pass it); the request was not sent."
                : "The rate limiter for " + operationId + " gave no permit within pacing's wait limit, Retry.TotalBudget (waited "
                    + Seconds(waited) + ", and the next wait would pass it); the request was not sent.";

        /// <summary>The message of <see cref="TolokaOutcomeUnknownException"/>; <paramref name="reason"/> is a sentence of its own.</summary>
        internal static string OutcomeUnknownMessage(TolokaLostRequest request, string reason) =>
            "The outcome of " + request + " is unknown: its answer was lost and looking for the operation in GET /operations failed: " + reason
            + " Look for the operation before sending the request again.";
    }
}

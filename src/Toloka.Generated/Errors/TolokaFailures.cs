using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;

namespace Toloka.Generated
{
    /// <summary>
    /// The one place every failure of a call is built: each <see cref="TolokaErrorDetails"/>, each
    /// <see cref="TolokaApiException"/> and <see cref="TolokaTransportException"/>, and each of their
    /// messages, composed once from its parts. Bodies, headers and causes arrive here already read;
    /// everything that could carry the token is masked before it is kept.
    /// </summary>
    internal static class TolokaFailures
    {
        /// <summary>The headers of a failure that had no answer to read them from.</summary>
        internal static readonly IReadOnlyDictionary<string, IEnumerable<string>> NoHeaders = new Dictionary<string, IEnumerable<string>>();

        private const int MaxShown = 300;

        /// <summary>
        /// The exception for an answer the call cannot use: a status other than 2xx, a 1xx or 3xx as the
        /// final answer, a body over the cap, or an answer the caller's HttpClient got by following a
        /// redirect (<paramref name="followedTo"/>). <paramref name="body"/> is the masked text, or null when not read.
        /// </summary>
        internal static TolokaApiException FromAnswer(
            HttpResponseMessage response,
            string? body,
            bool tooLarge,
            string? followedTo,
            TolokaAttempt attempt,
            DateTimeOffset receivedAt,
            TolokaToken token,
            int maxResponseBytes)
        {
            var status = (int)response.StatusCode;
            var headers = token.Redact(TolokaErrorDetails.CopyHeaders(response));
            string? location = null;
            TolokaErrorKind? kind = null;
            if (followedTo is not null)
            {
                location = token.Redact(followedTo);
                kind = TolokaErrorKind.Redirect;
            }
            else if (status >= 300 && status <= 399)
            {
                location = headers.TryGetValue("Location", out var values) ? values.FirstOrDefault() : null;
            }
            else if (status >= 200 && status <= 299)
            {
                kind = TolokaErrorKind.InvalidResponse;
            }

            var details = new TolokaErrorDetails(
                status,
                body,
                headers,
                TolokaAnswerJson.TryReadError(body, token),
                attempt.OperationId,
                attempt.Number,
                TolokaRetryAfter.Read(response, receivedAt),
                receivedAt,
                kind,
                location);
            var message = followedTo is not null
                ? "The HTTP client followed a redirect during " + attempt.OperationId + " and the answer (HTTP "
                    + status.ToString(CultureInfo.InvariantCulture) + ") came from " + Shorten(location) + "; Toloka.Generated never accepts a redirected answer."
                : Describe(details, tooLarge ? "; the body is larger than MaxResponseBytes (" + maxResponseBytes.ToString(CultureInfo.InvariantCulture) + " bytes) and was not read" : null);
            return TolokaApiException.FromAnswer(details, message);
        }

        /// <summary>
        /// The exception for a 2xx the client cannot use: typed <see cref="TolokaErrorKind.InvalidResponse"/>,
        /// with the operation, the attempt, the (masked) body and headers, and a cause whose messages
        /// cannot carry the token.
        /// </summary>
        internal static TolokaApiException InvalidAnswer(TolokaAnswer answer, string problem, Exception? cause)
        {
            var status = answer.StatusCode;
            var details = new TolokaErrorDetails(status, answer.Text, answer.RedactedHeaders(), error: null, answer.OperationId, answer.Attempt, kind: TolokaErrorKind.InvalidResponse);
            var message = "Toloka answered HTTP " + status.ToString(CultureInfo.InvariantCulture) + " to " + answer.OperationId + " with " + problem + ".";
            if (cause is not null)
            {
                // A converter's message can quote a value from the body: keep the message readable.
                message += " " + Shorten(answer.Token.Redact(cause.Message));
            }

            return new TolokaApiException(details, message, answer.Token.Scrub(cause));
        }

        /// <summary>
        /// The exception for an operation Toloka returned whose ID cannot be polled (empty, blank,
        /// <c>.</c>, <c>..</c>, not well-formed UTF-16): <see cref="TolokaErrorKind.InvalidResponse"/>
        /// of the call that returned it, raised before a request with that ID could be built.
        /// </summary>
        internal static TolokaApiException UnpollableOperation(string operationId, string? badId, TolokaToken token)
        {
            var details = new TolokaErrorDetails(200, null, NoHeaders, error: null, operationId: operationId, attempts: 1, kind: TolokaErrorKind.InvalidResponse);
            var shown = badId is null ? "no ID" : "the ID \"" + Shorten(token.Redact(badId)) + "\"";
            return new TolokaApiException(details, "Toloka answered " + operationId + " with an operation that has " + shown + ", which cannot be polled.", null);
        }

        /// <summary>A finished operation that does not name the object it created.</summary>
        internal static TolokaApiException NoNewId(Operation finished, string field) =>
            new TolokaApiException(
                new TolokaErrorDetails(200, body: null, NoHeaders, error: null, operationId: null, attempts: 1),
                "Toloka operation " + finished.Id + " (" + finished.Type + ") succeeded without " + field + ", so the new ID is unknown.");

        /// <summary>
        /// The exception for an attempt that got no usable answer: it outlasted NetworkTimeout (or the
        /// caller's HttpClient's own <paramref name="ownTimeout"/>, when that ended it first), or its
        /// connection failed. <paramref name="failure"/> is what the transport threw.
        /// </summary>
        internal static TolokaTransportException Transport(TolokaAttempt attempt, Exception failure, bool attemptTimedOut, TimeSpan networkTimeout, TimeSpan? ownTimeout, TolokaToken token)
        {
            var timedOut = attemptTimedOut || failure is OperationCanceledException || failure is TimeoutException;
            var message = timedOut
                ? TimeoutMessage(attempt.OperationId, attempt.Number, networkTimeout, attemptTimedOut ? null : ownTimeout)
                : ConnectionFailureMessage(attempt.OperationId, attempt.Number, token.Redact(failure.Message));
            return new TolokaTransportException(message, attempt.OperationId, attempt.Number, timedOut, token.Scrub(failure), MayHaveBeenSent(failure));
        }

        /// <summary>The message of an attempt that outlasted a limit: <paramref name="httpClientTimeout"/> when the caller's own HttpClient gave up first, else NetworkTimeout.</summary>
        internal static string TimeoutMessage(string operationId, int attempt, TimeSpan networkTimeout, TimeSpan? httpClientTimeout = null)
        {
            var limit = httpClientTimeout is { } own
                ? "the HttpClient's own Timeout (" + Seconds(own) + "), which ended the attempt before NetworkTimeout (" + Seconds(networkTimeout) + "); set HttpClient.Timeout to Timeout.InfiniteTimeSpan to let NetworkTimeout govern"
                : "NetworkTimeout (" + Seconds(networkTimeout) + ", per attempt)";
            return "Toloka did not answer " + operationId + " within " + limit + " (attempt " + attempt.ToString(CultureInfo.InvariantCulture) + ").";
        }

        /// <summary>The message of an attempt whose connection failed; <paramref name="failure"/> is already free of the token.</summary>
        internal static string ConnectionFailureMessage(string operationId, int attempt, string failure) =>
            "The connection to Toloka failed during " + operationId + " (attempt " + attempt.ToString(CultureInfo.InvariantCulture) + "): " + failure;

        /// <summary>The caller cancelled and the transport reported it as a broken connection: still the caller's cancellation.</summary>
        internal static OperationCanceledException Cancelled(TolokaAttempt attempt, Exception failure, TolokaToken token, CancellationToken cancellationToken) =>
            new OperationCanceledException("The call to " + attempt.OperationId + " was cancelled.", token.Scrub(failure), cancellationToken);

        /// <summary>The sentence that ends a call the retry budget stopped, added to the last failure's message.</summary>
        internal static string RetryBudgetNote(TimeSpan nextWait, TimeSpan budget) =>
            "Retries stopped: the next wait (" + Seconds(nextWait) + ") would pass the retry budget, Retry.TotalBudget (" + Seconds(budget) + ").";

        /// <summary>
        /// The message of an answer: status, Toloka's code, operation, attempts, Toloka's message and
        /// request ID, Retry-After, then <paramref name="remark"/> (what else the client has to say) and
        /// what a redirect or an informational final status means, as one sentence.
        /// </summary>
        /// <param name="details">The answer.</param>
        /// <param name="remark">What else the client has to say about it, continuing the sentence.</param>
        /// <param name="explainStatus">False for the plain form a caller's own subclass gets without a message.</param>
        internal static string Describe(TolokaErrorDetails details, string? remark = null, bool explainStatus = true)
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

            if (details.Error?.Message is { Length: > 0 } message)
            {
                text += ": " + message;
            }

            if (details.Error?.RequestId is { Length: > 0 } requestId)
            {
                text += " (request_id " + requestId + ")";
            }

            if (details.RetryAfter is { } retryAfter)
            {
                text += " Retry after " + retryAfter.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
            }

            if (details.QuotaInterval is { } interval)
            {
                text = text.TrimEnd('.') + "; the " + TolokaQuota.Describe(interval) + " quota ran out"
                    + (details.QuotaResetsAt is { } resetsAt ? " and frees a call by " + TolokaQuota.Time(resetsAt) : string.Empty);
            }

            if (!explainStatus)
            {
            }
            else if (details.Kind == TolokaErrorKind.Redirect && details.StatusCode >= 300 && details.StatusCode <= 399)
            {
                remark = ", a redirect to " + (details.Location is null ? "no Location" : Shorten(details.Location)) + "; the client does not follow redirects" + remark;
            }
            else if (details.StatusCode < 200)
            {
                remark = ", an informational status, as its final answer" + remark;
            }

            if (remark is null)
            {
                return text.EndsWith(".", StringComparison.Ordinal) ? text : text + ".";
            }

            // Toloka's own message may end the sentence so far with a period; the remark continues it.
            return text.TrimEnd('.') + remark + ".";
        }

        internal static string Shorten(string? text)
        {
            text ??= string.Empty;
            return text.Length <= MaxShown ? text : text.Remove(MaxShown) + "...";
        }

        internal static string Seconds(TimeSpan value) =>
            value == Timeout.InfiniteTimeSpan ? "infinite" : value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

        /// <summary>
        /// False only when the connection was never made (refused, or the name did not resolve), so the
        /// request cannot have reached Toloka; anything later may have delivered it.
        /// </summary>
        private static bool MayHaveBeenSent(Exception failure)
        {
            for (var cause = failure; cause is not null; cause = cause.InnerException)
            {
                if (cause is System.Net.Sockets.SocketException socket)
                {
                    return socket.SocketErrorCode != System.Net.Sockets.SocketError.ConnectionRefused
                        && socket.SocketErrorCode != System.Net.Sockets.SocketError.HostNotFound
                        && socket.SocketErrorCode != System.Net.Sockets.SocketError.TryAgain
                        && socket.SocketErrorCode != System.Net.Sockets.SocketError.NoData;
                }
            }

            return true;
        }
    }
}

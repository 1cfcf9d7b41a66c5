using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace Toloka.Generated
{
    // The failures made from an answer Toloka gave: a status the call cannot use, a 2xx it cannot read,
    // an operation it cannot poll or that names no new object.
    internal static partial class TolokaFailures
    {
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

            var details = Details(
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
                ? FollowedRedirectMessage(attempt.OperationId, status, location)
                : Describe(details, tooLarge ? TooLargeRemark(maxResponseBytes) : null);
            return OfKind(details, message);
        }

        /// <summary>
        /// The exception for a 2xx the client cannot use: typed <see cref="TolokaErrorKind.InvalidResponse"/>,
        /// with the operation, the attempt, the (masked) body and headers, and a cause whose messages
        /// cannot carry the token.
        /// </summary>
        internal static TolokaApiException InvalidAnswer(TolokaAnswer answer, string problem, Exception? cause)
        {
            var status = answer.StatusCode;
            var details = Details(status, answer.Text, answer.RedactedHeaders(), error: null, answer.OperationId, answer.Attempt, kind: TolokaErrorKind.InvalidResponse);
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
            var details = Details(200, null, NoHeaders, error: null, operationId: operationId, attempts: 1, kind: TolokaErrorKind.InvalidResponse);
            var shown = badId is null ? "no ID" : "the ID \"" + Shorten(token.Redact(badId)) + "\"";
            return new TolokaApiException(details, "Toloka answered " + operationId + " with an operation that has " + shown + ", which cannot be polled.", null);
        }

        /// <summary>A finished operation that does not name the object it created.</summary>
        internal static TolokaApiException NoNewId(Operation finished, string field) =>
            new TolokaApiException(
                Details(200, body: null, NoHeaders, error: null, operationId: null, attempts: 1),
                "Toloka operation " + finished.Id + " (" + finished.Type + ") succeeded without " + field + ", so the new ID is unknown.");

        /// <summary>The exception the client throws for <paramref name="details"/>, with the client's message (for <see cref="TolokaModelFactory"/>).</summary>
        internal static TolokaApiException FromDetails(TolokaErrorDetails details) => OfKind(details, Describe(details));
    }
}

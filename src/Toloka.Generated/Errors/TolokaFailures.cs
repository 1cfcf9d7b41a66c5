using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace Toloka.Generated
{
    /// <summary>
    /// The one place every failure of a call is built: each <see cref="TolokaErrorDetails"/> (here, in
    /// <see cref="Details"/>), each <see cref="TolokaApiException"/> and <see cref="TolokaTransportException"/>,
    /// and the message of every exception the client throws, composed once from its parts. Bodies,
    /// headers and causes arrive here already read; everything that could carry the token is masked
    /// before it is kept.
    /// </summary>
    /// <remarks>
    /// By concern: this file holds the details and the choice of exception type;
    /// <c>TolokaFailures.Answers.cs</c> the failures made from an answer, <c>TolokaFailures.Transport.cs</c>
    /// those made without one, <c>TolokaFailures.Messages.cs</c> the sentences.
    /// </remarks>
    internal static partial class TolokaFailures
    {
        /// <summary>The headers of a failure that had no answer to read them from.</summary>
        internal static readonly IReadOnlyDictionary<string, IEnumerable<string>> NoHeaders = new Dictionary<string, IEnumerable<string>>();

        private const int MaxShown = 300;

        /// <summary>
        /// The details of an answer; <paramref name="kind"/> when the client already knows what the answer
        /// means (a followed redirect, a 2xx it cannot use), else what its status and Toloka's code say.
        /// </summary>
        internal static TolokaErrorDetails Details(
            int statusCode,
            string? body,
            IReadOnlyDictionary<string, IEnumerable<string>> headers,
            ApiError? error,
            string? operationId,
            int attempts,
            TimeSpan? retryAfter = null,
            DateTimeOffset receivedAt = default,
            TolokaErrorKind? kind = null,
            string? location = null) =>
            new TolokaErrorDetails(statusCode, body, headers, error, operationId, attempts, retryAfter, receivedAt, kind ?? KindOf(statusCode, error?.Code), location);

        /// <summary>
        /// The status decides where HTTP gives it a meaning, so <c>catch (TolokaAuthenticationException)</c>
        /// catches every 401 whatever its body says; Toloka's code decides only for other statuses.
        /// </summary>
        internal static TolokaErrorKind KindOf(int statusCode, string? errorCode)
        {
            switch (statusCode)
            {
                case 400:
                case 422:
                    return TolokaErrorKind.Validation;
                case 401: return TolokaErrorKind.Authentication;
                case 403: return TolokaErrorKind.AccessDenied;
                case 404: return TolokaErrorKind.NotFound;
                case 409: return TolokaErrorKind.Conflict;
                case 429: return TolokaErrorKind.RateLimited;
            }

            if (statusCode >= 500 && statusCode <= 599)
            {
                return TolokaErrorKind.ServerError;
            }

            if (statusCode >= 300 && statusCode <= 399)
            {
                return TolokaErrorKind.Redirect;
            }

            if (statusCode >= 200 && statusCode <= 299)
            {
                return TolokaErrorKind.InvalidResponse;
            }

            switch (errorCode)
            {
                case "VALIDATION_ERROR": return TolokaErrorKind.Validation;
                case "AUTHENTICATION_ERROR": return TolokaErrorKind.Authentication;
                case "ACCESS_DENIED": return TolokaErrorKind.AccessDenied;
                case "DOES_NOT_EXIST": return TolokaErrorKind.NotFound;
                case "CONFLICT_STATE": return TolokaErrorKind.Conflict;
                case "TOO_MANY_REQUESTS": return TolokaErrorKind.RateLimited;
                case "INTERNAL_ERROR":
                case "REMOTE_SERVICE_UNAVAILABLE":
                    return TolokaErrorKind.ServerError;
                default:
                    return TolokaErrorKind.Other;
            }
        }

        /// <summary>The exception type a caller catches for the answer's kind, with <paramref name="message"/>.</summary>
        internal static TolokaApiException OfKind(TolokaErrorDetails details, string message)
        {
            switch (details.Kind)
            {
                case TolokaErrorKind.Validation: return new TolokaValidationException(details, message);
                case TolokaErrorKind.Authentication: return new TolokaAuthenticationException(details, message);
                case TolokaErrorKind.AccessDenied: return new TolokaAccessDeniedException(details, message);
                case TolokaErrorKind.NotFound: return new TolokaNotFoundException(details, message);
                case TolokaErrorKind.Conflict: return new TolokaConflictException(details, message);
                case TolokaErrorKind.RateLimited: return new TolokaRateLimitedException(details, message);
                case TolokaErrorKind.ServerError: return new TolokaServerException(details, message);
                case TolokaErrorKind.Redirect: return new TolokaRedirectException(details, message);
                default: return new TolokaApiException(details, message);
            }
        }

        internal static string Shorten(string? text)
        {
            text ??= string.Empty;
            return text.Length <= MaxShown ? text : text.Remove(MaxShown) + "...";
        }

        internal static string Seconds(TimeSpan value) =>
            value == Timeout.InfiniteTimeSpan ? "infinite" : value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
    }
}

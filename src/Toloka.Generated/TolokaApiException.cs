using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Toloka.Generated
{
    /// <summary>
    /// Toloka answered, and the answer was not a success the client could use. Carries the HTTP
    /// status, Toloka's error <see cref="ErrorCode"/>, <see cref="ErrorMessage"/>,
    /// <see cref="RequestId"/> and <see cref="Payload"/>, and the raw body. Subclasses let callers
    /// catch by meaning: <see cref="TolokaNotFoundException"/>, <see cref="TolokaConflictException"/>,
    /// <see cref="TolokaValidationException"/>, <see cref="TolokaAuthenticationException"/>,
    /// <see cref="TolokaAccessDeniedException"/>, <see cref="TolokaRateLimitedException"/>,
    /// <see cref="TolokaServerException"/> and <see cref="TolokaRedirectException"/>, chosen by the HTTP
    /// status where HTTP gives it a meaning (Toloka's code stays on <see cref="ErrorCode"/>);
    /// <see cref="Kind"/> says the same as a value.
    /// </summary>
    public class TolokaApiException : TolokaException
    {
        /// <summary>Creates the exception from a parsed answer.</summary>
        /// <param name="details">The answer.</param>
        /// <param name="message">What went wrong; built from <paramref name="details"/> when null.</param>
        /// <param name="innerException">The cause, if any.</param>
        protected internal TolokaApiException(TolokaErrorDetails details, string? message = null, Exception? innerException = null)
            : base(message ?? TolokaFailures.Describe(details, explainStatus: false), innerException)
        {
            Details = details ?? throw new ArgumentNullException(nameof(details));
        }

        /// <summary>The answer this exception reports.</summary>
        protected TolokaErrorDetails Details { get; }

        /// <summary>The HTTP status code Toloka answered with.</summary>
        public int StatusCode => Details.StatusCode;

        /// <summary>What kind of failure this is: from <see cref="StatusCode"/> where HTTP gives it a meaning, else from <see cref="ErrorCode"/>.</summary>
        public TolokaErrorKind Kind => Details.Kind;

        /// <summary>Toloka's error code, such as <c>DOES_NOT_EXIST</c> or <c>CONFLICT_STATE</c>; null when the body had none.</summary>
        public string? ErrorCode => Details.Error?.Code;

        /// <summary>Toloka's human-readable description of the error; null when the body had none.</summary>
        public string? ErrorMessage => Details.Error?.Message;

        /// <summary>The ID Toloka gave the request, to quote to Toloka support; null when the body had none.</summary>
        public string? RequestId => Details.Error?.RequestId;

        /// <summary>Further details from Toloka (a JSON object, as <c>Newtonsoft.Json.Linq.JObject</c>), such as which fields failed validation; null when absent.</summary>
        public object? Payload => Details.Error?.Payload;

        /// <summary>The raw response body, or null when it was not read.</summary>
        public string? Response => Details.Body;

        /// <summary>The response headers (content headers included).</summary>
        public IReadOnlyDictionary<string, IEnumerable<string>> Headers => Details.Headers;

        /// <summary>The spec's operationId of the call that failed, such as <c>archivePool</c>; null when unknown.</summary>
        public string? OperationId => Details.OperationId;

        /// <summary>How many times the request was sent before the client gave up (1 when it was not repeated).</summary>
        public int Attempts => Details.Attempts;

        /// <summary>The value of the <c>Retry-After</c> header as a delay from when the answer arrived; null when absent or not readable.</summary>
        public TimeSpan? RetryAfter => Details.RetryAfter;

        /// <summary>
        /// The status decides where HTTP gives it a meaning, so <c>catch (TolokaAuthenticationException)</c>
        /// catches every 401 whatever its body says; Toloka's code decides only for other statuses.
        /// </summary>
        internal static TolokaErrorKind ClassifyFailure(int statusCode, string? errorCode)
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

        internal static TolokaApiException FromAnswer(TolokaErrorDetails details, string? message = null)
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
    }

    /// <summary>
    /// Toloka answered with a redirect (HTTP 3xx), which the client never follows because a repeated
    /// request could clone twice or send the token elsewhere; or the <see cref="System.Net.Http.HttpClient"/>
    /// you passed in followed one anyway, so the answer came from another address. <see cref="Location"/> says where.
    /// </summary>
    public sealed class TolokaRedirectException : TolokaApiException
    {
        internal TolokaRedirectException(TolokaErrorDetails details, string? message = null) : base(details, message)
        {
        }

        /// <summary>Where the answer pointed (the <c>Location</c> header) or came from (a followed redirect); null when it did not say.</summary>
        public string? Location => Details.Location;
    }

    /// <summary>HTTP 404: Toloka found no object with the ID (its code is usually <c>DOES_NOT_EXIST</c>).</summary>
    public sealed class TolokaNotFoundException : TolokaApiException
    {
        internal TolokaNotFoundException(TolokaErrorDetails details, string? message = null) : base(details, message)
        {
        }
    }

    /// <summary>HTTP 409: the object is not in a state that allows the action, such as archiving an open pool (usually <c>CONFLICT_STATE</c>).</summary>
    public sealed class TolokaConflictException : TolokaApiException
    {
        internal TolokaConflictException(TolokaErrorDetails details, string? message = null) : base(details, message)
        {
        }
    }

    /// <summary>HTTP 400 or 422: Toloka refused the request as not valid (usually <c>VALIDATION_ERROR</c>); <see cref="TolokaApiException.Payload"/> says which fields.</summary>
    public sealed class TolokaValidationException : TolokaApiException
    {
        internal TolokaValidationException(TolokaErrorDetails details, string? message = null) : base(details, message)
        {
        }
    }

    /// <summary>HTTP 401: the OAuth token is missing, expired or not valid, whatever code the body gives (usually <c>AUTHENTICATION_ERROR</c>).</summary>
    public sealed class TolokaAuthenticationException : TolokaApiException
    {
        internal TolokaAuthenticationException(TolokaErrorDetails details, string? message = null) : base(details, message)
        {
        }
    }

    /// <summary>HTTP 403: the token's owner may not touch this object (usually <c>ACCESS_DENIED</c>).</summary>
    public sealed class TolokaAccessDeniedException : TolokaApiException
    {
        internal TolokaAccessDeniedException(TolokaErrorDetails details, string? message = null) : base(details, message)
        {
        }
    }

    /// <summary>
    /// HTTP 429: a Toloka rate limit was exceeded (usually <c>TOO_MANY_REQUESTS</c>) and the client's retries,
    /// if any, ran out. <see cref="TolokaApiException.RetryAfter"/> and <see cref="ResetsAt"/> say when
    /// the limit resets, if Toloka said.
    /// </summary>
    public sealed class TolokaRateLimitedException : TolokaApiException
    {
        internal TolokaRateLimitedException(TolokaErrorDetails details, string? message = null) : base(details, message)
        {
        }

        /// <summary>
        /// When the limit resets: from <c>Retry-After</c> and the time the answer arrived; without it, at the
        /// latest one <see cref="QuotaInterval"/> after the answer arrived; null when Toloka said neither.
        /// </summary>
        public DateTimeOffset? ResetsAt => Details.QuotaResetsAt;

        /// <summary>
        /// Which quota ran out, from the body's <c>payload.interval</c> (<c>MIN</c>, <c>HOUR</c>, <c>DAY</c>); null when
        /// the body did not say. A quota that cannot reset within <see cref="TolokaRetryOptions.TotalBudget"/> is not
        /// waited for: the call ends at once, and for an operation with a day's quota in the spec the calls that follow
        /// fail with <see cref="TolokaQuotaExceededException"/> before they are sent, until <see cref="ResetsAt"/>.
        /// </summary>
        public TolokaQuotaInterval? QuotaInterval => Details.QuotaInterval;
    }

    /// <summary>Toloka failed or was unavailable (HTTP 500-599), and the client's retries, if any, ran out.</summary>
    public sealed class TolokaServerException : TolokaApiException
    {
        internal TolokaServerException(TolokaErrorDetails details, string? message = null) : base(details, message)
        {
        }
    }

    /// <summary>The parts of a Toloka answer that a <see cref="TolokaApiException"/> reports.</summary>
    public sealed class TolokaErrorDetails
    {
        internal TolokaErrorDetails(
            int statusCode,
            string? body,
            IReadOnlyDictionary<string, IEnumerable<string>> headers,
            ApiError? error,
            string? operationId,
            int attempts,
            TimeSpan? retryAfter = null,
            DateTimeOffset receivedAt = default,
            TolokaErrorKind? kind = null,
            string? location = null)
        {
            Kind = kind ?? TolokaApiException.ClassifyFailure(statusCode, error?.Code);
            Location = location;
            StatusCode = statusCode;
            Body = body;
            Headers = headers;
            Error = error;
            OperationId = operationId;
            Attempts = attempts;
            RetryAfter = retryAfter;
            ReceivedAt = receivedAt;
            QuotaInterval = Kind == TolokaErrorKind.RateLimited ? TolokaQuota.IntervalOf(error?.Payload) : null;
        }

        /// <summary>The HTTP status code.</summary>
        public int StatusCode { get; }

        /// <summary>The raw body, or null when it was not read.</summary>
        public string? Body { get; }

        /// <summary>The response headers.</summary>
        public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

        /// <summary>Toloka's error body, when the body was one.</summary>
        public ApiError? Error { get; }

        /// <summary>The spec's operationId of the call.</summary>
        public string? OperationId { get; }

        /// <summary>How many times the request was sent.</summary>
        public int Attempts { get; }

        /// <summary>The <c>Retry-After</c> delay, when the answer had a readable one.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>When the answer arrived, by the client's <see cref="TimeProvider"/>.</summary>
        public DateTimeOffset ReceivedAt { get; }

        internal TolokaErrorKind Kind { get; }

        /// <summary>The quota a <c>429</c> names in <c>payload.interval</c>; null for any other answer, or when it names none.</summary>
        internal TolokaQuotaInterval? QuotaInterval { get; }

        /// <summary>When a rate limit resets: <c>Retry-After</c> wins; else one <see cref="QuotaInterval"/> from <see cref="ReceivedAt"/>.</summary>
        internal DateTimeOffset? QuotaResetsAt =>
            RetryAfter is { } delay ? ReceivedAt + delay
            : QuotaInterval is { } interval ? ReceivedAt + TolokaQuota.Length(interval)
            : null;

        internal string? Location { get; }

        internal static IReadOnlyDictionary<string, IEnumerable<string>> CopyHeaders(System.Net.Http.HttpResponseMessage response)
        {
            var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers)
            {
                headers[header.Key] = header.Value.ToArray();
            }

            if (response.Content is not null)
            {
                foreach (var header in response.Content.Headers)
                {
                    headers[header.Key] = header.Value.ToArray();
                }
            }

            return headers;
        }
    }
}

using System;

namespace Toloka.Generated
{
    // The subclasses of TolokaApiException a caller catches by meaning; TolokaFailures.OfKind picks one from the answer's kind.

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
}

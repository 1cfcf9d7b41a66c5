namespace Toloka.Generated
{
    /// <summary>
    /// What kind of failure a <see cref="TolokaApiException"/> reports. The HTTP status decides where
    /// HTTP gives it a meaning (400, 401, 403, 404, 409, 422, 429, 3xx, 5xx, 2xx); for any other status
    /// Toloka's error code decides, and without a known code it is <see cref="Other"/>.
    /// </summary>
    public enum TolokaErrorKind
    {
        /// <summary>None of the kinds below.</summary>
        Other = 0,

        /// <summary>The request or an ID was not valid (<c>VALIDATION_ERROR</c>, HTTP 400).</summary>
        Validation,

        /// <summary>The token is missing or not valid (<c>AUTHENTICATION_ERROR</c>, HTTP 401).</summary>
        Authentication,

        /// <summary>The token's owner may not touch the object (<c>ACCESS_DENIED</c>, HTTP 403).</summary>
        AccessDenied,

        /// <summary>No object with the ID exists (<c>DOES_NOT_EXIST</c>, HTTP 404).</summary>
        NotFound,

        /// <summary>The object is not in a state that allows the action (<c>CONFLICT_STATE</c>, HTTP 409).</summary>
        Conflict,

        /// <summary>A rate limit was exceeded (<c>TOO_MANY_REQUESTS</c>, HTTP 429).</summary>
        RateLimited,

        /// <summary>Toloka failed or was unavailable (HTTP 500-599).</summary>
        ServerError,

        /// <summary>A success status whose answer the client could not use (empty, not JSON, not an expected shape, larger than <see cref="TolokaClientOptions.MaxResponseBytes"/>, or a status the spec does not declare).</summary>
        InvalidResponse,

        /// <summary>A redirect (HTTP 3xx), which the client never follows, or an answer that an HTTP client followed a redirect to.</summary>
        Redirect,
    }
}

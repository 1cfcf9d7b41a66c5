namespace Toloka.Generated
{
    /// <summary>What kind of failure a <see cref="TolokaApiException"/> reports, read from Toloka's error code or, without one, the HTTP status.</summary>
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

        /// <summary>Toloka failed or was unavailable (HTTP 5xx).</summary>
        ServerError,

        /// <summary>A success status whose body the client could not use (empty, not JSON, or not an expected shape).</summary>
        InvalidResponse,
    }
}

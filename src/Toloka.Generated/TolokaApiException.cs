using System;
using System.Collections.Generic;

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
    }
}

using System;
using System.Globalization;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// A failure a <see cref="FakeToloka"/> answers with instead of (or after) handling a request; queue
    /// it with <see cref="FakeToloka.InjectFault"/>. Error answers carry Toloka's error body, so the
    /// client sees what it would see from Toloka.
    /// </summary>
    public sealed class FakeFault
    {
        private FakeFault(FakeFaultKind kind, string description, int statusCode = 0, string? errorCode = null, string? errorMessage = null, string? retryAfter = null)
        {
            Kind = kind;
            Description = description;
            StatusCode = statusCode;
            ErrorCode = errorCode;
            ErrorMessage = errorMessage;
            RetryAfter = retryAfter;
        }

        internal FakeFaultKind Kind { get; }

        internal string Description { get; }

        internal int StatusCode { get; }

        internal string? ErrorCode { get; }

        internal string? ErrorMessage { get; }

        internal string? RetryAfter { get; }

        /// <summary>Answers <c>500 INTERNAL_ERROR</c> without handling the request.</summary>
        /// <returns>The fault.</returns>
        public static FakeFault InternalError() =>
            new(FakeFaultKind.Answer, "500 INTERNAL_ERROR", 500, "INTERNAL_ERROR", "Internal error");

        /// <summary>Answers <c>503 REMOTE_SERVICE_UNAVAILABLE</c> without handling the request, with <c>Retry-After</c> in seconds when given.</summary>
        /// <param name="retryAfter">The delay to advertise, rounded up to whole seconds; none when null.</param>
        /// <returns>The fault.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
        public static FakeFault ServiceUnavailable(TimeSpan? retryAfter = null)
        {
            var header = retryAfter is { } delay ? Seconds(delay, nameof(retryAfter)) : null;
            return new(FakeFaultKind.Answer, "503 REMOTE_SERVICE_UNAVAILABLE" + Describe(header), 503, "REMOTE_SERVICE_UNAVAILABLE", "Service unavailable", header);
        }

        /// <summary>Answers <c>429 TOO_MANY_REQUESTS</c> with <c>Retry-After</c> in seconds, without handling the request.</summary>
        /// <param name="retryAfter">The delay to advertise, rounded up to whole seconds.</param>
        /// <returns>The fault.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
        public static FakeFault TooManyRequests(TimeSpan retryAfter)
        {
            var header = Seconds(retryAfter, nameof(retryAfter));
            return new(FakeFaultKind.Answer, "429 TOO_MANY_REQUESTS" + Describe(header), 429, "TOO_MANY_REQUESTS", "Too many requests", header);
        }

        /// <summary>Answers <c>429 TOO_MANY_REQUESTS</c> with <c>Retry-After</c> as an HTTP date, without handling the request.</summary>
        /// <param name="retryAt">When the client may repeat the request; sent in whole seconds, as HTTP dates are.</param>
        /// <returns>The fault.</returns>
        public static FakeFault TooManyRequests(DateTimeOffset retryAt)
        {
            var header = retryAt.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
            return new(FakeFaultKind.Answer, "429 TOO_MANY_REQUESTS" + Describe(header), 429, "TOO_MANY_REQUESTS", "Too many requests", header);
        }

        /// <summary>Answers any error status with Toloka's error body, without handling the request; for example <c>403 ACCESS_DENIED</c>.</summary>
        /// <param name="statusCode">An HTTP status from 400 to 599.</param>
        /// <param name="errorCode">Toloka's error code for the body's <c>code</c>, such as <c>ACCESS_DENIED</c>.</param>
        /// <param name="message">The body's <c>message</c>.</param>
        /// <returns>The fault.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not an error status.</exception>
        /// <exception cref="ArgumentException"><paramref name="errorCode"/> is blank.</exception>
        public static FakeFault Error(int statusCode, string errorCode, string message)
        {
            if (statusCode < 400 || statusCode > 599)
            {
                throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "An error answer has a status from 400 to 599.");
            }

            if (string.IsNullOrWhiteSpace(errorCode))
            {
                throw new ArgumentException("Toloka's error body always has a code.", nameof(errorCode));
            }

            return new(FakeFaultKind.Answer, statusCode.ToString(CultureInfo.InvariantCulture) + " " + errorCode, statusCode, errorCode, message ?? string.Empty);
        }

        /// <summary>Drops the connection as soon as the request arrives: nothing is handled and no answer is sent.</summary>
        /// <returns>The fault.</returns>
        public static FakeFault DropConnection() => new(FakeFaultKind.DropBeforeHandling, "connection dropped before handling");

        /// <summary>Handles the request (a clone or archive really starts) and then drops the connection without answering: the answer is lost.</summary>
        /// <returns>The fault.</returns>
        public static FakeFault DropConnectionAfterHandling() => new(FakeFaultKind.DropAfterHandling, "connection dropped after handling");

        /// <summary>
        /// Handles the request, then sends the status, headers and a <c>Content-Length</c> for the whole
        /// body but only its first half, and drops the connection. An answer without a body is dropped instead.
        /// </summary>
        /// <returns>The fault.</returns>
        public static FakeFault TruncateBody() => new(FakeFaultKind.TruncateBody, "body truncated after handling");

        /// <summary>Says what the fault does, for test output.</summary>
        /// <returns>For example <c>429 TOO_MANY_REQUESTS, Retry-After: 30</c>.</returns>
        public override string ToString() => Description;

        private static string Seconds(TimeSpan delay, string parameterName)
        {
            if (delay < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(parameterName, delay, "Retry-After cannot be negative.");
            }

            return ((long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        private static string Describe(string? retryAfter) => retryAfter is null ? string.Empty : ", Retry-After: " + retryAfter;
    }

    internal enum FakeFaultKind
    {
        Answer,
        DropBeforeHandling,
        DropAfterHandling,
        TruncateBody,
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace Toloka.Generated
{
    // The exceptions an ITolokaClient call throws, as the client builds them; the results are in TolokaModelFactory.cs.
    public static partial class TolokaModelFactory
    {
        /// <summary>
        /// The exception the client throws for <paramref name="details"/>: the subclass the status decides
        /// (<see cref="TolokaConflictException"/> for 409, ...), with the client's message.
        /// </summary>
        /// <param name="details">The answer, from <see cref="TolokaErrorDetails(int, string, string, string, object, string, int, TimeSpan?, DateTimeOffset?, string, string, IReadOnlyDictionary{string, IEnumerable{string}})"/>.</param>
        /// <returns>The exception, typed as its base; cast or use the typed methods of this class.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="details"/> is null.</exception>
        public static TolokaApiException TolokaApiException(TolokaErrorDetails details)
        {
            if (details is null)
            {
                throw new ArgumentNullException(nameof(details));
            }

            return TolokaFailures.FromDetails(details);
        }

        /// <summary>A 404 <c>DOES_NOT_EXIST</c>, as the client throws it.</summary>
        /// <param name="errorMessage">Toloka's description.</param>
        /// <param name="requestId">Toloka's request ID.</param>
        /// <param name="operationId">The spec's operationId of the call, such as <c>getPool</c>.</param>
        /// <param name="errorCode">Toloka's error code.</param>
        /// <returns>The exception.</returns>
        public static TolokaNotFoundException TolokaNotFoundException(string? errorMessage = null, string? requestId = null, string? operationId = null, string? errorCode = "DOES_NOT_EXIST") =>
            (TolokaNotFoundException)TolokaApiException(TolokaErrorDetails(404, errorCode, errorMessage, requestId, operationId: operationId));

        /// <summary>A 409 <c>CONFLICT_STATE</c>, as the client throws it (for example archiving an open pool).</summary>
        /// <param name="errorMessage">Toloka's description.</param>
        /// <param name="requestId">Toloka's request ID.</param>
        /// <param name="operationId">The spec's operationId of the call, such as <c>archivePool</c>.</param>
        /// <param name="errorCode">Toloka's error code.</param>
        /// <returns>The exception.</returns>
        public static TolokaConflictException TolokaConflictException(string? errorMessage = null, string? requestId = null, string? operationId = null, string? errorCode = "CONFLICT_STATE") =>
            (TolokaConflictException)TolokaApiException(TolokaErrorDetails(409, errorCode, errorMessage, requestId, operationId: operationId));

        /// <summary>A 400 (or 422) <c>VALIDATION_ERROR</c>, as the client throws it; <paramref name="payload"/> names the fields.</summary>
        /// <param name="errorMessage">Toloka's description.</param>
        /// <param name="payload">Which fields failed: a <see cref="JObject"/> or an object that becomes one.</param>
        /// <param name="requestId">Toloka's request ID.</param>
        /// <param name="operationId">The spec's operationId of the call.</param>
        /// <param name="statusCode">400 or 422.</param>
        /// <param name="errorCode">Toloka's error code.</param>
        /// <returns>The exception.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is neither 400 nor 422.</exception>
        public static TolokaValidationException TolokaValidationException(string? errorMessage = null, object? payload = null, string? requestId = null, string? operationId = null, int statusCode = 400, string? errorCode = "VALIDATION_ERROR")
        {
            if (statusCode != 400 && statusCode != 422)
            {
                throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A validation error is HTTP 400 or 422.");
            }

            return (TolokaValidationException)TolokaApiException(TolokaErrorDetails(statusCode, errorCode, errorMessage, requestId, payload, operationId));
        }

        /// <summary>A 401 <c>AUTHENTICATION_ERROR</c>, as the client throws it.</summary>
        /// <param name="errorMessage">Toloka's description.</param>
        /// <param name="requestId">Toloka's request ID.</param>
        /// <param name="operationId">The spec's operationId of the call.</param>
        /// <param name="errorCode">Toloka's error code.</param>
        /// <returns>The exception.</returns>
        public static TolokaAuthenticationException TolokaAuthenticationException(string? errorMessage = null, string? requestId = null, string? operationId = null, string? errorCode = "AUTHENTICATION_ERROR") =>
            (TolokaAuthenticationException)TolokaApiException(TolokaErrorDetails(401, errorCode, errorMessage, requestId, operationId: operationId));

        /// <summary>A 403 <c>ACCESS_DENIED</c>, as the client throws it.</summary>
        /// <param name="errorMessage">Toloka's description.</param>
        /// <param name="requestId">Toloka's request ID.</param>
        /// <param name="operationId">The spec's operationId of the call.</param>
        /// <param name="errorCode">Toloka's error code.</param>
        /// <returns>The exception.</returns>
        public static TolokaAccessDeniedException TolokaAccessDeniedException(string? errorMessage = null, string? requestId = null, string? operationId = null, string? errorCode = "ACCESS_DENIED") =>
            (TolokaAccessDeniedException)TolokaApiException(TolokaErrorDetails(403, errorCode, errorMessage, requestId, operationId: operationId));

        /// <summary>
        /// A 429 <c>TOO_MANY_REQUESTS</c> after the client's retries ran out, as the client throws it;
        /// <see cref="Generated.TolokaRateLimitedException.ResetsAt"/> is <paramref name="receivedAt"/> plus <paramref name="retryAfter"/>.
        /// </summary>
        /// <param name="retryAfter">The <c>Retry-After</c> delay; null when Toloka did not say.</param>
        /// <param name="errorMessage">Toloka's description.</param>
        /// <param name="requestId">Toloka's request ID.</param>
        /// <param name="operationId">The spec's operationId of the call, such as <c>clonePool</c>.</param>
        /// <param name="attempts">How many times the request was sent.</param>
        /// <param name="receivedAt">When the answer arrived; the system clock's now when null and <paramref name="retryAfter"/> is set.</param>
        /// <param name="errorCode">Toloka's error code.</param>
        /// <returns>The exception.</returns>
        public static TolokaRateLimitedException TolokaRateLimitedException(TimeSpan? retryAfter = null, string? errorMessage = null, string? requestId = null, string? operationId = null, int attempts = 1, DateTimeOffset? receivedAt = null, string? errorCode = "TOO_MANY_REQUESTS") =>
            (TolokaRateLimitedException)TolokaApiException(TolokaErrorDetails(429, errorCode, errorMessage, requestId, operationId: operationId, attempts: attempts, retryAfter: retryAfter, receivedAt: receivedAt));

        /// <summary>A 5xx after the client's retries ran out, as the client throws it.</summary>
        /// <param name="statusCode">500-599.</param>
        /// <param name="errorMessage">Toloka's description.</param>
        /// <param name="requestId">Toloka's request ID.</param>
        /// <param name="operationId">The spec's operationId of the call.</param>
        /// <param name="attempts">How many times the request was sent.</param>
        /// <param name="errorCode">Toloka's error code (<c>REMOTE_SERVICE_UNAVAILABLE</c> for a 503).</param>
        /// <returns>The exception.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not 500-599.</exception>
        public static TolokaServerException TolokaServerException(int statusCode = 500, string? errorMessage = null, string? requestId = null, string? operationId = null, int attempts = 1, string? errorCode = "INTERNAL_ERROR")
        {
            if (statusCode < 500 || statusCode > 599)
            {
                throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A server error is HTTP 500-599.");
            }

            return (TolokaServerException)TolokaApiException(TolokaErrorDetails(statusCode, errorCode, errorMessage, requestId, operationId: operationId, attempts: attempts));
        }

        /// <summary>A 3xx the client refused to follow, as it throws it, naming <paramref name="location"/>.</summary>
        /// <param name="location">Where the answer pointed; null when it did not say.</param>
        /// <param name="statusCode">300-399.</param>
        /// <param name="operationId">The spec's operationId of the call.</param>
        /// <returns>The exception.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not 300-399.</exception>
        public static TolokaRedirectException TolokaRedirectException(string? location, int statusCode = 302, string? operationId = null)
        {
            if (statusCode < 300 || statusCode > 399)
            {
                throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A redirect is HTTP 300-399.");
            }

            return (TolokaRedirectException)TolokaApiException(TolokaErrorDetails(statusCode, operationId: operationId, location: location, body: string.Empty));
        }

        /// <summary>What a wait throws when the operation ended <c>FAIL</c>.</summary>
        /// <param name="operation">The failed operation; its status must be <see cref="OperationStatus.Fail"/>.</param>
        /// <returns>The exception.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="operation"/> is null.</exception>
        /// <exception cref="ArgumentException">The operation's status is not <see cref="OperationStatus.Fail"/>.</exception>
        public static TolokaOperationFailedException TolokaOperationFailedException(Operation operation)
        {
            if (operation is null)
            {
                throw new ArgumentNullException(nameof(operation));
            }

            if (operation.Status != OperationStatus.Fail)
            {
                throw new ArgumentException("The client throws this only for an operation whose status is FAIL.", nameof(operation));
            }

            return new TolokaOperationFailedException(operation);
        }

        /// <summary>What a wait throws when the operation did not end within the wait's <c>Polling.Timeout</c>.</summary>
        /// <param name="lastKnown">The operation as the last poll saw it.</param>
        /// <param name="waited">How long the client waited.</param>
        /// <returns>The exception.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="lastKnown"/> is null.</exception>
        public static TolokaOperationTimeoutException TolokaOperationTimeoutException(Operation lastKnown, TimeSpan waited) =>
            new(lastKnown ?? throw new ArgumentNullException(nameof(lastKnown)), waited);

        /// <summary>
        /// What the client throws when no usable answer arrived: the attempt outlasted <c>NetworkTimeout</c>
        /// (<paramref name="timedOut"/>) or the connection failed with <paramref name="innerException"/>.
        /// </summary>
        /// <param name="operationId">The spec's operationId of the call, such as <c>clonePool</c>.</param>
        /// <param name="attempts">How many times the request was sent.</param>
        /// <param name="timedOut">True for a timeout, false for a failed connection.</param>
        /// <param name="networkTimeout">The <c>NetworkTimeout</c> that fired; 100 seconds (the default) when null.</param>
        /// <param name="innerException">The connection's failure; a refused connection when null and not <paramref name="timedOut"/>.</param>
        /// <param name="mayHaveBeenSent">Whether the request may have reached Toloka (<see cref="Generated.TolokaTransportException.MayHaveBeenSent"/>).</param>
        /// <returns>The exception.</returns>
        /// <exception cref="ArgumentException"><paramref name="operationId"/> is null or empty.</exception>
        public static TolokaTransportException TolokaTransportException(string operationId, int attempts = 1, bool timedOut = false, TimeSpan? networkTimeout = null, Exception? innerException = null, bool mayHaveBeenSent = true)
        {
            if (string.IsNullOrEmpty(operationId))
            {
                throw new ArgumentException("The client always names the operation.", nameof(operationId));
            }

            if (timedOut)
            {
                return new TolokaTransportException(
                    TolokaFailures.TimeoutMessage(operationId, attempts, networkTimeout ?? TimeSpan.FromSeconds(100)),
                    operationId,
                    attempts,
                    timedOut: true,
                    innerException ?? new TaskCanceledException("The attempt outlasted NetworkTimeout."),
                    mayHaveBeenSent);
            }

            innerException ??= new System.Net.Http.HttpRequestException("Connection refused");
            return new TolokaTransportException(
                TolokaFailures.ConnectionFailureMessage(operationId, attempts, innerException.Message),
                operationId,
                attempts,
                timedOut: false,
                innerException,
                mayHaveBeenSent);
        }

        /// <summary>What the client throws when pacing's rate limiter gave no permit within the retry budget; nothing was sent.</summary>
        /// <param name="operationId">The spec's operationId of the call, such as <c>clonePool</c>.</param>
        /// <param name="waited">How long the client waited for a permit.</param>
        /// <returns>The exception.</returns>
        /// <exception cref="ArgumentException"><paramref name="operationId"/> is null or empty.</exception>
        public static TolokaPacingTimeoutException TolokaPacingTimeoutException(string operationId, TimeSpan waited)
        {
            if (string.IsNullOrEmpty(operationId))
            {
                throw new ArgumentException("The client always names the operation.", nameof(operationId));
            }

            return new TolokaPacingTimeoutException(operationId, waited);
        }
    }
}

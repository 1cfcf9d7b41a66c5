using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace Toloka.Generated
{
    /// <summary>
    /// Builds the results and exceptions an <see cref="ITolokaClient"/> call returns or throws, for
    /// tests of your own code (with Moq or a hand-written fake). Each value is the one the client
    /// builds for the matching answer: the same type, <see cref="TolokaApiException.Kind"/>, message
    /// and properties. Nothing here takes or holds a token.
    /// </summary>
    public static partial class TolokaModelFactory
    {
        /// <summary>An operation as Toloka reports it, for example a finished clone or a failed archive.</summary>
        /// <param name="id">The operation's ID.</param>
        /// <param name="type">What it does, such as <see cref="OperationType.PoolClone"/>.</param>
        /// <param name="status">Where it is, such as <see cref="OperationStatus.Success"/>.</param>
        /// <param name="submitted">When it was submitted.</param>
        /// <param name="started">When it started.</param>
        /// <param name="finished">When it finished.</param>
        /// <param name="progress">Its progress in percent.</param>
        /// <param name="parameters">What it was asked to do (for a clone, the source's <c>pool_id</c>).</param>
        /// <param name="details">What it did (for a clone, the new <c>pool_id</c>; for a failure, its <c>AdditionalProperties</c> such as <c>reason</c>).</param>
        /// <returns>The operation.</returns>
        /// <exception cref="ArgumentException"><paramref name="id"/> is null or empty.</exception>
        public static Operation Operation(
            string id,
            OperationType type,
            OperationStatus status,
            DateTimeOffset? submitted = null,
            DateTimeOffset? started = null,
            DateTimeOffset? finished = null,
            int? progress = null,
            OperationParameters? parameters = null,
            OperationDetails? details = null)
        {
            if (string.IsNullOrEmpty(id))
            {
                throw new ArgumentException("An operation needs an ID.", nameof(id));
            }

            return new Operation
            {
                Id = id,
                Type = type,
                Status = status,
                Submitted = submitted,
                Started = started,
                Finished = finished,
                Progress = progress,
                Parameters = parameters,
                Details = details,
            };
        }

        /// <summary>
        /// The result of <c>ClonePoolAndWaitAsync</c> or <c>CloneTrainingAndWaitAsync</c>. Without
        /// <paramref name="operation"/>, a finished <see cref="OperationType.PoolClone"/> naming both IDs.
        /// </summary>
        /// <param name="sourceId">The pool or training pool that was cloned.</param>
        /// <param name="newId">The clone's ID.</param>
        /// <param name="operation">The finished clone operation; built when null.</param>
        /// <returns>The clone result.</returns>
        /// <exception cref="ArgumentException">An ID is null or empty.</exception>
        public static TolokaCloneResult TolokaCloneResult(string sourceId, string newId, Operation? operation = null)
        {
            if (string.IsNullOrEmpty(sourceId))
            {
                throw new ArgumentException("A clone needs the source's ID.", nameof(sourceId));
            }

            if (string.IsNullOrEmpty(newId))
            {
                throw new ArgumentException("A clone needs the new ID.", nameof(newId));
            }

            operation ??= Operation(
                Guid.NewGuid().ToString(),
                OperationType.PoolClone,
                OperationStatus.Success,
                progress: 100,
                parameters: new OperationParameters { PoolId = sourceId },
                details: new OperationDetails { PoolId = newId });
            return new TolokaCloneResult(newId, sourceId, operation);
        }

        /// <summary>
        /// The answer a <see cref="TolokaApiException"/> reports. Without <paramref name="body"/>, the body is
        /// Toloka's error JSON built from the code, message, request ID and payload, as Toloka sends it.
        /// </summary>
        /// <param name="statusCode">The HTTP status.</param>
        /// <param name="errorCode">Toloka's error code, such as <c>CONFLICT_STATE</c>; null for a body without one.</param>
        /// <param name="errorMessage">Toloka's description of the error.</param>
        /// <param name="requestId">Toloka's request ID.</param>
        /// <param name="payload">Further details: a <see cref="JObject"/>, or any object Newtonsoft.Json can turn into one.</param>
        /// <param name="operationId">The spec's operationId of the call, such as <c>archivePool</c>.</param>
        /// <param name="attempts">How many times the request was sent.</param>
        /// <param name="retryAfter">The <c>Retry-After</c> delay, also set as a header.</param>
        /// <param name="receivedAt">When the answer arrived; the system clock's now when null and <paramref name="retryAfter"/> is set.</param>
        /// <param name="location">The <c>Location</c> of a redirect, also set as a header.</param>
        /// <param name="body">The raw body, if it should differ from Toloka's error JSON.</param>
        /// <param name="headers">Further response headers.</param>
        /// <returns>The details.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not 100-999, or <paramref name="attempts"/> is less than 1.</exception>
        public static TolokaErrorDetails TolokaErrorDetails(
            int statusCode,
            string? errorCode = null,
            string? errorMessage = null,
            string? requestId = null,
            object? payload = null,
            string? operationId = null,
            int attempts = 1,
            TimeSpan? retryAfter = null,
            DateTimeOffset? receivedAt = null,
            string? location = null,
            string? body = null,
            IReadOnlyDictionary<string, IEnumerable<string>>? headers = null)
        {
            if (statusCode < 100 || statusCode > 999)
            {
                throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "An HTTP status is 100-999.");
            }

            if (attempts < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(attempts), attempts, "A request is sent at least once.");
            }

            var payloadToken = payload is null ? null : payload as JToken ?? JToken.FromObject(payload);
            ApiError? error = null;
            if (!string.IsNullOrEmpty(errorCode))
            {
                error = new ApiError { Code = errorCode!, Message = errorMessage, RequestId = requestId, Payload = payloadToken };
                body ??= ErrorJson(errorCode!, errorMessage, requestId, payloadToken);
            }

            var arrived = receivedAt ?? (retryAfter is null ? default : TimeProvider.System.GetUtcNow());
            return TolokaFailures.Details(statusCode, body, AnswerHeaders(headers, retryAfter, location), error, operationId, attempts, retryAfter, arrived, location: location);
        }

        /// <summary>Toloka's error body, as Toloka sends it.</summary>
        private static string ErrorJson(string code, string? message, string? requestId, JToken? payload)
        {
            var json = new JObject { ["code"] = code };
            if (message is not null)
            {
                json["message"] = message;
            }

            if (requestId is not null)
            {
                json["request_id"] = requestId;
            }

            if (payload is not null)
            {
                json["payload"] = payload;
            }

            return json.ToString(Newtonsoft.Json.Formatting.None);
        }

        /// <summary><paramref name="headers"/> with the <c>Retry-After</c> and <c>Location</c> the answer is said to carry.</summary>
        private static Dictionary<string, IEnumerable<string>> AnswerHeaders(IReadOnlyDictionary<string, IEnumerable<string>>? headers, TimeSpan? retryAfter, string? location)
        {
            var all = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in headers ?? TolokaFailures.NoHeaders)
            {
                all[header.Key] = header.Value;
            }

            if (retryAfter is { } delay)
            {
                all["Retry-After"] = new[] { Math.Ceiling(delay.TotalSeconds).ToString(CultureInfo.InvariantCulture) };
            }

            if (location is not null)
            {
                all["Location"] = new[] { location };
            }

            return all;
        }

        /// <summary>
        /// What the client hands <see cref="TolokaClientOptions.RateLimiterFactory"/> for one operation, to test a
        /// limiter factory (or to hand a shared limiter other limits than the spec's).
        /// </summary>
        /// <param name="operationId">The spec's operationId, such as <c>clonePool</c>.</param>
        /// <param name="requestsPerMinute">The per-minute limit; 0 for none.</param>
        /// <param name="requestsPerDay">The per-day quota; 0 for none.</param>
        /// <param name="environment">The environment; <see cref="TolokaEnvironment.Production"/> when null.</param>
        /// <param name="accountKey">The account's key (see <see cref="Generated.TolokaRateLimit.AccountKey"/>).</param>
        /// <returns>The limit.</returns>
        /// <exception cref="ArgumentException"><paramref name="operationId"/> is null or empty.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A limit is negative.</exception>
        public static TolokaRateLimit TolokaRateLimit(string operationId, int requestsPerMinute, int requestsPerDay = 0, TolokaEnvironment? environment = null, string accountKey = "")
        {
            if (string.IsNullOrEmpty(operationId))
            {
                throw new ArgumentException("A rate limit belongs to an operation.", nameof(operationId));
            }

            if (requestsPerMinute < 0 || requestsPerDay < 0)
            {
                throw new ArgumentOutOfRangeException(requestsPerMinute < 0 ? nameof(requestsPerMinute) : nameof(requestsPerDay), "A limit is zero (none) or more.");
            }

            return new TolokaRateLimit(operationId, requestsPerMinute, requestsPerDay, environment ?? TolokaEnvironment.Production, accountKey ?? string.Empty);
        }
    }
}

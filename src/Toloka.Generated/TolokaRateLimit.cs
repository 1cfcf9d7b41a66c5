namespace Toloka.Generated
{
    /// <summary>
    /// What the spec says about one operation's rate limits (<c>x-toloka-rate-limit-per-minute</c> and
    /// <c>x-toloka-rate-limit-per-day</c>) and whose account they count, handed to <see cref="TolokaClientOptions.RateLimiterFactory"/> so it can build or look up the
    /// limiter that paces that operation.
    /// </summary>
    public sealed class TolokaRateLimit
    {
        internal TolokaRateLimit(string operationId, int requestsPerMinute, TolokaEnvironment environment)
            : this(operationId, requestsPerMinute, 0, environment, string.Empty)
        {
        }

        internal TolokaRateLimit(string operationId, int requestsPerMinute, int requestsPerDay, TolokaEnvironment environment, string accountKey)
        {
            OperationId = operationId;
            RequestsPerMinute = requestsPerMinute;
            RequestsPerDay = requestsPerDay;
            Environment = environment;
            AccountKey = accountKey;
        }

        /// <summary>The spec's operationId, such as <c>clonePool</c>.</summary>
        public string OperationId { get; }

        /// <summary>Toloka's limit for the operation, in requests a minute per account.</summary>
        public int RequestsPerMinute { get; }

        /// <summary>Toloka's quota for the operation, in requests a day per account; 0 when it has none.</summary>
        public int RequestsPerDay { get; }

        /// <summary>
        /// Tells accounts apart without revealing the credential: a keyed hash of it (HMAC-SHA256, 16 hex
        /// digits), the same in every process and version of this client that uses the same credential, so a store shared by processes can key
        /// its counts by account. Empty when the pacer was built without a credential.
        /// </summary>
        public string AccountKey { get; }

        /// <summary>The environment the client sends to (limits are counted per environment and account).</summary>
        public TolokaEnvironment Environment { get; }

        /// <summary>Names the operation and its limit.</summary>
        /// <returns>For example <c>clonePool: 20/min</c> or <c>clonePool: 20/min, 100/day</c>.</returns>
        public override string ToString() => OperationId + ": " + RequestsPerMinute + "/min" + (RequestsPerDay > 0 ? ", " + RequestsPerDay + "/day" : string.Empty);
    }
}

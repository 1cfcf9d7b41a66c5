namespace Toloka.Generated
{
    /// <summary>
    /// What the spec says about one operation's rate limit (<c>x-toloka-rate-limit-per-minute</c>),
    /// handed to <see cref="TolokaClientOptions.RateLimiterFactory"/> so it can build or look up the
    /// limiter that paces that operation.
    /// </summary>
    public sealed class TolokaRateLimit
    {
        internal TolokaRateLimit(string operationId, int requestsPerMinute, TolokaEnvironment environment)
        {
            OperationId = operationId;
            RequestsPerMinute = requestsPerMinute;
            Environment = environment;
        }

        /// <summary>The spec's operationId, such as <c>clonePool</c>.</summary>
        public string OperationId { get; }

        /// <summary>Toloka's limit for the operation, in requests a minute per account.</summary>
        public int RequestsPerMinute { get; }

        /// <summary>The environment the client sends to (limits are counted per environment and account).</summary>
        public TolokaEnvironment Environment { get; }

        /// <summary>Names the operation and its limit.</summary>
        /// <returns>For example <c>clonePool: 20/min</c>.</returns>
        public override string ToString() => OperationId + ": " + RequestsPerMinute + "/min";
    }
}

using System;

namespace Toloka.Generated.Redis
{
    /// <summary>
    /// Redis, where the account's shared pacing and quotas are counted, could not be reached or did not
    /// answer within <see cref="TolokaRedisPacingOptions.Timeout"/>; the request was not sent to Toloka.
    /// The client does not retry it: call again once Redis is back (or without Redis pacing).
    /// </summary>
    public sealed class TolokaRedisUnavailableException : TolokaException
    {
        internal TolokaRedisUnavailableException(string operationId, string endpoint, string reason, Exception? innerException)
            : base("Shared pacing for " + operationId + " failed: Redis at " + endpoint + " " + reason + ". The request was not sent.", innerException)
        {
            OperationId = operationId;
            Endpoint = endpoint;
        }

        /// <summary>The spec's operationId of the call that was not sent, such as <c>clonePool</c>.</summary>
        public string OperationId { get; }

        /// <summary>The Redis configuration string, its password masked.</summary>
        public string Endpoint { get; }
    }
}

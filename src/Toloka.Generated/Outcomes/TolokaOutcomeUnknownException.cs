using System;

namespace Toloka.Generated
{
    /// <summary>
    /// The answer to a request that is not safe to repeat was lost, and asking Toloka what became of it
    /// failed too: the operation may or may not exist. Do not send the request again blindly; look for
    /// the operation (<see cref="OperationType"/> on <see cref="SourceId"/>, submitted around <see cref="SentAt"/>) first.
    /// </summary>
    public sealed class TolokaOutcomeUnknownException : TolokaException
    {
        internal TolokaOutcomeUnknownException(TolokaLostRequest request, int lookups, string reason, Exception? innerException)
            : base(TolokaFailures.OutcomeUnknownMessage(request, reason), innerException)
        {
            Request = request;
            Lookups = lookups;
        }

        /// <summary>The lost request: the operation type, the source id and when it went out.</summary>
        public TolokaLostRequest Request { get; }

        /// <summary>The type of the operation the request would have started, such as <c>POOL.CLONE</c>.</summary>
        public OperationType OperationType => Request.OperationType;

        /// <summary>The source id, such as the pool that was to be cloned.</summary>
        public string SourceId => Request.SourceId;

        /// <summary>When the request went out, on the client's clock.</summary>
        public DateTimeOffset SentAt => Request.SentAt;

        /// <summary>How many searches of <c>GET /operations</c> were tried, the failed one included.</summary>
        public int Lookups { get; }
    }
}

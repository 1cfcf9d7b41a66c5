using System.Net.Http;

namespace Toloka.Generated
{
    /// <summary>
    /// One attempt of a call, passed explicitly from stage to stage: the request it sends, the
    /// operation it belongs to, its number (1 for the first), when it started (after its pacing wait:
    /// the network timeout counts from there) and the call's telemetry (null when nobody listens).
    /// A value, so an attempt costs no allocation of its own.
    /// </summary>
    internal readonly struct TolokaAttempt
    {
        internal TolokaAttempt(HttpRequestMessage request, bool ownsRequest, TolokaRequestDescription description, int number, TolokaCallTelemetry? call, long startedAt = 0)
        {
            Request = request;
            OwnsRequest = ownsRequest;
            Description = description;
            Number = number;
            Call = call;
            StartedAt = startedAt;
        }

        internal HttpRequestMessage Request { get; }

        /// <summary>True for a retry's copy, which the attempt disposes; the first attempt sends the generated code's own request.</summary>
        internal bool OwnsRequest { get; }

        internal TolokaRequestDescription Description { get; }

        internal int Number { get; }

        internal TolokaCallTelemetry? Call { get; }

        /// <summary>A <see cref="TolokaElapsed.Mark"/> taken when the attempt's pacing wait ended.</summary>
        internal long StartedAt { get; }

        internal string OperationId => Description.OperationId;

        internal TolokaAttempt StartingAt(long startedAt) => new TolokaAttempt(Request, OwnsRequest, Description, Number, Call, startedAt);

        /// <summary>Releases a retry's copy of the request; the generated code disposes its own.</summary>
        internal void Release()
        {
            if (OwnsRequest)
            {
                Request.Dispose();
            }
        }
    }
}

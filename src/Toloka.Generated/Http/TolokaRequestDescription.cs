using System.Net.Http;

namespace Toloka.Generated
{
    /// <summary>
    /// What the spec says about one operation, emitted by the generator as one static field per
    /// operation (build/templates/Client.Class.Operation.liquid), so nothing rediscovers it at run time:
    /// its operationId, its HTTP method, whether repeating it is harmless, Toloka's rate limits for it,
    /// whether it sends an empty body (it has none of its own), and how to find what it started when
    /// its answer is lost.
    /// </summary>
    internal sealed class TolokaRequestDescription
    {
        internal TolokaRequestDescription(
            string operationId,
            HttpMethod method,
            bool retrySafe,
            int requestsPerMinute,
            int requestsPerDay,
            bool sendsEmptyBody,
            string? lostAnswerOperation = null,
            string? lostAnswerParameter = null,
            int answerStatus = 200)
        {
            LostAnswerOperation = lostAnswerOperation;
            LostAnswerParameter = lostAnswerParameter;
            AnswerStatus = answerStatus;
            OperationId = operationId;
            Method = method;
            RetrySafe = retrySafe;
            RequestsPerMinute = requestsPerMinute;
            RequestsPerDay = requestsPerDay;
            SendsEmptyBody = sendsEmptyBody;
        }

        /// <summary>The spec's operationId, such as <c>clonePool</c>.</summary>
        internal string OperationId { get; }

        internal HttpMethod Method { get; }

        /// <summary>From <c>x-toloka-retry-safe</c>; without it, GET and HEAD are safe and every other method is not.</summary>
        internal bool RetrySafe { get; }

        /// <summary>From <c>x-toloka-rate-limit-per-minute</c>; 0 when the spec names none.</summary>
        internal int RequestsPerMinute { get; }

        /// <summary>From <c>x-toloka-rate-limit-per-day</c>; 0 when the spec names none.</summary>
        internal int RequestsPerDay { get; }

        /// <summary>
        /// True when the operation has no body of its own: each attempt then sends an empty one, because
        /// SocketsHttpHandler silently resends a body-less request on a new connection (up to three more
        /// times) when a connection closes before the answer starts, and a call must reach Toloka at most
        /// <see cref="TolokaRetryOptions.MaxAttempts"/> times.
        /// </summary>
        internal bool SendsEmptyBody { get; }

        /// <summary>
        /// From <c>x-toloka-lost-answer-operation</c>: the type of the operation a call starts (such as
        /// <c>POOL.CLONE</c>), so that when its answer is lost the client can find that operation in
        /// <c>GET /operations</c> (<see cref="TolokaLostAnswers"/>); null when the spec names none.
        /// </summary>
        internal string? LostAnswerOperation { get; }

        /// <summary>
        /// From <c>x-toloka-lost-answer-parameter</c>: the path parameter naming the source (such as
        /// <c>pool_id</c>), which the operation lists under the same name in its <c>parameters</c>.
        /// </summary>
        internal string? LostAnswerParameter { get; }

        /// <summary>The first 2xx with a body the spec declares for the operation: the status a recovered answer carries.</summary>
        internal int AnswerStatus { get; }

        public override string ToString() => OperationId;
    }
}

using System;
using System.Globalization;

namespace Toloka.Generated
{
    /// <summary>
    /// A request that is not safe to repeat, whose answer never came: the operation it would have started
    /// (its type and the parameter naming its source, such as <c>POOL.CLONE</c> with
    /// <c>parameters.pool_id</c>) and when it went out. <see cref="TolokaOutcomeResolver"/> asks Toloka what became of it.
    /// </summary>
    public sealed class TolokaLostRequest
    {
        /// <summary>Describes a lost request.</summary>
        /// <param name="operationType">The type of the operation the request would have started, such as <see cref="Toloka.Generated.OperationType.PoolClone"/>.</param>
        /// <param name="parameterName">The operation's parameter that names the source, as Toloka spells it under <c>parameters</c>: <c>pool_id</c> or <c>training_id</c> (a <c>parameters.</c> prefix is accepted).</param>
        /// <param name="sourceId">The source's id, such as the pool that was cloned.</param>
        /// <param name="sentAt">When the request went out (at the latest), on the client's clock.</param>
        /// <exception cref="ArgumentException"><paramref name="parameterName"/> or <paramref name="sourceId"/> is blank, or <paramref name="operationType"/> is empty.</exception>
        public TolokaLostRequest(OperationType operationType, string parameterName, string sourceId, DateTimeOffset sentAt)
        {
            if (string.IsNullOrWhiteSpace(operationType.ToString()))
            {
                throw new ArgumentException("Name the operation type the request would have started.", nameof(operationType));
            }

            if (string.IsNullOrWhiteSpace(parameterName))
            {
                throw new ArgumentException("Name the operation parameter that holds the source id, such as pool_id.", nameof(parameterName));
            }

            if (string.IsNullOrWhiteSpace(sourceId))
            {
                throw new ArgumentException("The source id must not be blank.", nameof(sourceId));
            }

            OperationType = operationType;
            ParameterName = parameterName.StartsWith("parameters.", StringComparison.Ordinal) ? parameterName.Substring("parameters.".Length) : parameterName;
            SourceId = sourceId;
            SentAt = sentAt;
        }

        /// <summary>The type of the operation the request would have started.</summary>
        public OperationType OperationType { get; }

        /// <summary>The operation parameter naming the source, such as <c>pool_id</c>.</summary>
        public string ParameterName { get; }

        /// <summary>The source's id.</summary>
        public string SourceId { get; }

        /// <summary>When the request went out, on the client's clock.</summary>
        public DateTimeOffset SentAt { get; }

        /// <summary>A lost <c>POST /pools/{id}/clone</c>: a <c>POOL.CLONE</c> with <c>parameters.pool_id</c>.</summary>
        /// <param name="poolId">The pool that was to be cloned.</param>
        /// <param name="sentAt">When the request went out.</param>
        /// <returns>The lost request.</returns>
        /// <exception cref="ArgumentException"><paramref name="poolId"/> is blank.</exception>
        public static TolokaLostRequest PoolClone(string poolId, DateTimeOffset sentAt) => new(OperationType.PoolClone, "pool_id", poolId, sentAt);

        /// <summary>A lost <c>POST /trainings/{id}/clone</c>: a <c>TRAINING.CLONE</c> with <c>parameters.training_id</c>.</summary>
        /// <param name="trainingId">The training pool that was to be cloned.</param>
        /// <param name="sentAt">When the request went out.</param>
        /// <returns>The lost request.</returns>
        /// <exception cref="ArgumentException"><paramref name="trainingId"/> is blank.</exception>
        public static TolokaLostRequest TrainingClone(string trainingId, DateTimeOffset sentAt) => new(OperationType.TrainingClone, "training_id", trainingId, sentAt);

        /// <summary>
        /// True when a call that failed with <paramref name="failure"/> may have been acted on although its answer
        /// never came: the request may have been written before the connection failed or the attempt timed out
        /// (<see cref="TolokaTransportException.MayHaveBeenSent"/>), or a gateway answered 502 or 504 for it. Such a
        /// request, when it is not safe to repeat, is a lost request: look for its operation before sending it again.
        /// </summary>
        /// <param name="failure">What the call threw.</param>
        /// <returns>Whether its answer may have been lost.</returns>
        public static bool AnswerMayBeLost(Exception failure) =>
            failure is TolokaTransportException { MayHaveBeenSent: true }
            || failure is TolokaServerException { StatusCode: 502 or 504 };

        /// <summary>Says which operation and source, for logs.</summary>
        /// <returns>For example <c>POOL.CLONE of pool_id 123 sent at 2026-12-05T16:00:00.000Z</c>.</returns>
        public override string ToString() =>
            TolokaOutcomeResolver.WireName(OperationType) + " of " + ParameterName + " " + SourceId + " sent at "
            + SentAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}

using System;

namespace Toloka.Generated
{
    /// <summary>
    /// An operation the client waited for ended with status <c>FAIL</c>. <see cref="Operation"/> is
    /// its final state; its <c>Details</c> say why, as Toloka reported it.
    /// </summary>
    public sealed class TolokaOperationFailedException : TolokaException
    {
        internal TolokaOperationFailedException(Operation operation)
            : base(TolokaFailures.OperationFailedMessage(operation), null)
        {
            Operation = operation;
        }

        /// <summary>The operation in its final, failed state.</summary>
        public Operation Operation { get; }
    }

    /// <summary>
    /// An operation did not finish within the polling timeout. Distinct from
    /// <see cref="OperationCanceledException"/>, which means the caller cancelled. The operation may
    /// still finish later; <see cref="LastKnown"/> is its state at the last poll.
    /// </summary>
    public sealed class TolokaOperationTimeoutException : TolokaException
    {
        internal TolokaOperationTimeoutException(Operation lastKnown, TimeSpan waited)
            : base(TolokaFailures.OperationTimeoutMessage(lastKnown, waited), null)
        {
            LastKnown = lastKnown;
            Waited = waited;
        }

        /// <summary>The ID of the operation that did not finish.</summary>
        public string OperationId => LastKnown.Id;

        /// <summary>How long the client waited.</summary>
        public TimeSpan Waited { get; }

        /// <summary>The operation as the last poll saw it.</summary>
        public Operation LastKnown { get; }
    }

    /// <summary>The outcome of cloning a pool or training pool and waiting for the clone to finish.</summary>
    public sealed class TolokaCloneResult
    {
        internal TolokaCloneResult(string newId, string sourceId, Operation operation)
        {
            NewId = newId;
            SourceId = sourceId;
            Operation = operation;
        }

        /// <summary>The ID of the new pool or training pool (the operation's <c>details.pool_id</c> or <c>details.training_id</c>).</summary>
        public string NewId { get; }

        /// <summary>The ID of the pool or training pool that was cloned.</summary>
        public string SourceId { get; }

        /// <summary>The finished clone operation.</summary>
        public Operation Operation { get; }

        /// <summary>For logs.</summary>
        /// <returns>For example <c>clone of 1 is 2</c>.</returns>
        public override string ToString() => "clone of " + SourceId + " is " + NewId;
    }
}

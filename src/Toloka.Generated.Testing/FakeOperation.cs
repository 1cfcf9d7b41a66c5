using System;

namespace Toloka.Generated.Testing
{
    /// <summary>An operation in a <see cref="FakeToloka"/>, as it stood at the fake's current time when it was read.</summary>
    public sealed class FakeOperation
    {
        internal FakeOperation(
            string id,
            FakeOperationType type,
            FakeOperationStatus status,
            DateTimeOffset submitted,
            DateTimeOffset? started,
            DateTimeOffset? finished,
            int progress,
            string sourceId,
            string? resultId,
            string? failureReason)
        {
            Id = id;
            Type = type;
            Status = status;
            Submitted = submitted;
            Started = started;
            Finished = finished;
            Progress = progress;
            SourceId = sourceId;
            ResultId = resultId;
            FailureReason = failureReason;
        }

        /// <summary>The operation's ID, a GUID string as Toloka gives them.</summary>
        public string Id { get; }

        /// <summary>What the operation does.</summary>
        public FakeOperationType Type { get; }

        /// <summary>Pending, running, success or fail.</summary>
        public FakeOperationStatus Status { get; }

        /// <summary>When the request that started it arrived, on the fake's clock.</summary>
        public DateTimeOffset Submitted { get; }

        /// <summary>When it started running; null while it is pending.</summary>
        public DateTimeOffset? Started { get; }

        /// <summary>When it succeeded or failed; null until then.</summary>
        public DateTimeOffset? Finished { get; }

        /// <summary>Percent done, 0 to 100; 100 only on success.</summary>
        public int Progress { get; }

        /// <summary>The pool or training pool it was started on (<c>parameters.pool_id</c> or <c>parameters.training_id</c>).</summary>
        public string SourceId { get; }

        /// <summary>The new pool's or training pool's ID once a clone succeeded (<c>details.pool_id</c> or <c>details.training_id</c>); otherwise null.</summary>
        public string? ResultId { get; }

        /// <summary>Why it failed (<c>details.reason</c>); null unless <see cref="Status"/> is <see cref="FakeOperationStatus.Fail"/>.</summary>
        public string? FailureReason { get; }
    }
}

using System;
using System.Collections.Generic;

namespace Toloka.Generated.Testing
{
    /// <summary>What the fake keeps per pool, training pool and operation; mutated only under the state's lock.</summary>
    internal sealed partial class FakeTolokaState
    {
        private sealed class StoredPool
        {
            internal StoredPool(string id, long sequence, FakePoolStatus status, string? trainingId, IReadOnlyDictionary<string, string> parameters, string? clonedFromId, DateTimeOffset created)
            {
                Created = created;
                if (status == FakePoolStatus.Open)
                {
                    LastStarted = created;
                }

                Id = id;
                Sequence = sequence;
                Status = status;
                TrainingId = trainingId;
                Parameters = parameters;
                ClonedFromId = clonedFromId;
            }

            internal string Id { get; }

            internal long Sequence { get; }

            internal FakePoolStatus Status { get; set; }

            internal string? TrainingId { get; }

            // Read-only once stored, so a clone may share it.
            internal IReadOnlyDictionary<string, string> Parameters { get; }

            internal string? ClonedFromId { get; }

            internal DateTimeOffset Created { get; }

            internal DateTimeOffset? LastStarted { get; set; }

            internal DateTimeOffset? LastStopped { get; set; }

            internal string? LastCloseReason { get; set; }
        }

        private sealed class StoredOperation
        {
            internal StoredOperation(
                string id,
                FakeOperationType type,
                string sourceId,
                long sequence,
                DateTimeOffset submitted,
                DateTimeOffset startsAt,
                DateTimeOffset finishesAt,
                IReadOnlyDictionary<string, string> sourceParameters,
                string? sourceTrainingId,
                string? scheduledFailure)
            {
                Id = id;
                Type = type;
                SourceId = sourceId;
                Sequence = sequence;
                Submitted = submitted;
                StartsAt = startsAt;
                FinishesAt = finishesAt;
                SourceParameters = sourceParameters;
                SourceTrainingId = sourceTrainingId;
                ScheduledFailure = scheduledFailure;
            }

            internal string Id { get; }

            internal FakeOperationType Type { get; }

            internal string SourceId { get; }

            internal long Sequence { get; }

            internal DateTimeOffset Submitted { get; }

            internal DateTimeOffset StartsAt { get; }

            internal DateTimeOffset FinishesAt { get; }

            internal IReadOnlyDictionary<string, string> SourceParameters { get; }

            internal string? SourceTrainingId { get; }

            internal string? ScheduledFailure { get; }

            // Pending until it finishes: while unfinished, Snapshot works out PENDING or RUNNING from the time.
            internal FakeOperationStatus Status { get; set; } = FakeOperationStatus.Pending;

            internal DateTimeOffset? Started { get; set; }

            internal DateTimeOffset? Finished { get; set; }

            internal int Progress { get; set; }

            internal string? ResultId { get; set; }

            internal string? FailureReason { get; set; }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// Operations: started by the lifecycle calls, moved from <c>PENDING</c> to <c>RUNNING</c> to an end by
    /// <see cref="Settle"/> against the clock, failed on request, and read as snapshots.
    /// </summary>
    internal sealed partial class FakeTolokaState
    {
        internal FakeOperation GetOperation(string id)
        {
            lock (_gate)
            {
                var now = Settle();
                if (!_operations.TryGetValue(id, out var operation))
                {
                    throw new KeyNotFoundException("No operation with ID '" + id + "'.");
                }

                return Snapshot(operation, now);
            }
        }

        internal IReadOnlyList<FakeOperation> Operations()
        {
            lock (_gate)
            {
                var now = Settle();
                return _operations.Values.OrderBy(o => o.Sequence).Select(o => Snapshot(o, now)).ToArray();
            }
        }

        internal void FailOperation(string id, string reason)
        {
            lock (_gate)
            {
                var now = Settle();
                if (!_operations.TryGetValue(id, out var operation))
                {
                    throw new KeyNotFoundException("No operation with ID '" + id + "'.");
                }

                if (operation.Status is FakeOperationStatus.Success or FakeOperationStatus.Fail)
                {
                    throw new InvalidOperationException("Operation " + id + " has already finished (" + operation.Status + ").");
                }

                Fail(operation, reason, now);
                _unfinished.Remove(operation);
            }
        }

        internal void FailNextOperation(FakeOperationType type, string reason)
        {
            lock (_gate)
            {
                if (!_scheduledFailures.TryGetValue(type, out var reasons))
                {
                    reasons = new Queue<string>();
                    _scheduledFailures[type] = reasons;
                }

                reasons.Enqueue(reason);
            }
        }

        internal FakeAnswer AnswerOperation(string operationId)
        {
            lock (_gate)
            {
                var now = Settle();
                return _operations.TryGetValue(operationId, out var operation)
                    ? FakeAnswer.Operation(200, Snapshot(operation, now))
                    : FakeAnswer.NotFound("Operation " + operationId);
            }
        }

        /// <summary>Starts an operation and returns it as accepted: <c>PENDING</c>, progress 0.</summary>
        private FakeOperation Start(FakeOperationType type, StoredPool source, DateTimeOffset now)
        {
            string? failure = null;
            if (_scheduledFailures.TryGetValue(type, out var reasons) && reasons.Count > 0)
            {
                failure = reasons.Dequeue();
            }

            var operation = new StoredOperation(
                Guid.NewGuid().ToString("D"),
                type,
                source.Id,
                ++_lastSequence,
                submitted: now,
                startsAt: now + _pendingTime,
                finishesAt: now + _pendingTime + _runningTime,
                // A clone copies the source as it is when the request arrives.
                sourceParameters: source.Parameters,
                sourceTrainingId: source.TrainingId,
                scheduledFailure: failure);
            _operations.Add(operation.Id, operation);
            _unfinished.Add(operation);
            return new FakeOperation(operation.Id, type, FakeOperationStatus.Pending, now, null, null, 0, source.Id, null, null);
        }

        /// <summary>Finishes, in the order they finish, every operation whose time has come.</summary>
        private DateTimeOffset Settle()
        {
            var now = _time.GetUtcNow();
            if (_unfinished.Count == 0)
            {
                return now;
            }

            var due = _unfinished.Where(o => o.FinishesAt <= now).OrderBy(o => o.FinishesAt).ThenBy(o => o.Sequence).ToArray();
            foreach (var operation in due)
            {
                if (operation.ScheduledFailure is { } reason)
                {
                    Fail(operation, reason, operation.FinishesAt);
                }
                else
                {
                    Succeed(operation);
                }

                _unfinished.Remove(operation);
            }

            return now;
        }

        private void Succeed(StoredOperation operation)
        {
            switch (operation.Type)
            {
                case FakeOperationType.PoolClone:
                    operation.ResultId = Store(_pools, FakePoolStatus.Closed, operation.SourceTrainingId, operation.SourceParameters, operation.SourceId).Id;
                    break;
                case FakeOperationType.TrainingClone:
                    operation.ResultId = Store(_trainings, FakePoolStatus.Closed, trainingId: null, operation.SourceParameters, operation.SourceId).Id;
                    break;
                case FakeOperationType.PoolArchive:
                case FakeOperationType.PoolOpen:
                case FakeOperationType.PoolClose:
                    Apply(_pools[operation.SourceId], operation.Type, operation.FinishesAt);
                    break;
                default:
                    Apply(_trainings[operation.SourceId], operation.Type, operation.FinishesAt);
                    break;
            }

            if (operation.Type is FakeOperationType.PoolClose or FakeOperationType.TrainingClose)
            {
                var closed = operation.Type == FakeOperationType.PoolClose ? _pools[operation.SourceId] : _trainings[operation.SourceId];
                closed.LastCloseReason = CloseReason(operation);
            }

            operation.Status = FakeOperationStatus.Success;
            operation.Started = operation.StartsAt;
            operation.Finished = operation.FinishesAt;
            operation.Progress = 100;
        }

        private void Fail(StoredOperation operation, string reason, DateTimeOffset at)
        {
            // A failed operation keeps the progress it had reached, short of 100, which means done.
            operation.Progress = Math.Min(99, RunningProgress(operation, at));
            operation.Status = FakeOperationStatus.Fail;
            operation.Started = at >= operation.StartsAt ? operation.StartsAt : at;
            operation.Finished = at;
            operation.FailureReason = reason;
        }

        private static void Apply(StoredPool subject, FakeOperationType type, DateTimeOffset at)
        {
            switch (type)
            {
                case FakeOperationType.PoolOpen:
                case FakeOperationType.TrainingOpen:
                    subject.Status = FakePoolStatus.Open;
                    subject.LastStarted = at;
                    break;
                case FakeOperationType.PoolClose:
                case FakeOperationType.TrainingClose:
                    subject.Status = FakePoolStatus.Closed;
                    subject.LastStopped = at;
                    subject.LastCloseReason = "MANUAL";
                    break;
                default:
                    subject.Status = FakePoolStatus.Archived;
                    break;
            }
        }

        private FakeOperation Snapshot(StoredOperation operation, DateTimeOffset now)
        {
            var status = operation.Status;
            var started = operation.Started;
            var progress = operation.Progress;
            if (status is FakeOperationStatus.Pending or FakeOperationStatus.Running)
            {
                var running = now >= operation.StartsAt;
                status = running ? FakeOperationStatus.Running : FakeOperationStatus.Pending;
                started = running ? operation.StartsAt : null;
                progress = running ? Math.Min(99, RunningProgress(operation, now)) : 0;
            }

            return new FakeOperation(
                operation.Id,
                operation.Type,
                status,
                operation.Submitted,
                started,
                operation.Finished,
                progress,
                operation.SourceId,
                operation.ResultId,
                operation.FailureReason);
        }

        private int RunningProgress(StoredOperation operation, DateTimeOffset now)
        {
            if (now < operation.StartsAt)
            {
                return 0;
            }

            if (_runningTime <= TimeSpan.Zero || now >= operation.FinishesAt)
            {
                return 100;
            }

            return (int)(100 * (now - operation.StartsAt).Ticks / _runningTime.Ticks);
        }
    }
}

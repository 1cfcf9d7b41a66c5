using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// Pools, training pools and operations, behind one lock. Operations are not driven by timers: each
    /// call first settles every operation against the clock's current time (so advancing a
    /// <c>FakeTimeProvider</c> moves them on, and what a test reads never depends on thread timing).
    /// </summary>
    internal sealed partial class FakeTolokaState
    {
        private readonly object _gate = new();
        private readonly TimeProvider _time;
        private readonly TimeSpan _pendingTime;
        private readonly TimeSpan _runningTime;
        private readonly TimeSpan _listingDelay;
        private readonly Dictionary<string, StoredPool> _pools = new(StringComparer.Ordinal);
        private readonly Dictionary<string, StoredPool> _trainings = new(StringComparer.Ordinal);
        private readonly Dictionary<string, StoredOperation> _operations = new(StringComparer.Ordinal);
        private readonly List<StoredOperation> _unfinished = new();
        private readonly Dictionary<FakeOperationType, Queue<string>> _scheduledFailures = new();

        // Pools and training pools share one ID sequence, so a client that sends a pool's ID to a
        // training endpoint gets DOES_NOT_EXIST instead of silently hitting another object.
        private long _lastId = 100000;
        private long _lastSequence;

        internal FakeTolokaState(TimeProvider time, TimeSpan pendingTime, TimeSpan runningTime, TimeSpan listingDelay)
        {
            _listingDelay = listingDelay;
            _time = time;
            _pendingTime = pendingTime;
            _runningTime = runningTime;
        }

        internal string AddPool(FakePoolStatus status, string? trainingId, IReadOnlyDictionary<string, string>? parameters)
        {
            lock (_gate)
            {
                Settle();
                if (trainingId is not null && !_trainings.ContainsKey(trainingId))
                {
                    throw new ArgumentException("No training pool with ID '" + trainingId + "': add it with AddTraining first.", nameof(trainingId));
                }

                return Store(_pools, status, trainingId, Copy(parameters), clonedFromId: null).Id;
            }
        }

        internal string AddTraining(FakePoolStatus status, IReadOnlyDictionary<string, string>? parameters)
        {
            lock (_gate)
            {
                Settle();
                return Store(_trainings, status, trainingId: null, Copy(parameters), clonedFromId: null).Id;
            }
        }

        internal FakePool GetPool(string id)
        {
            lock (_gate)
            {
                Settle();
                return ToPool(Find(_pools, id, "pool"));
            }
        }

        internal FakeTraining GetTraining(string id)
        {
            lock (_gate)
            {
                Settle();
                return ToTraining(Find(_trainings, id, "training pool"));
            }
        }

        internal IReadOnlyList<FakePool> Pools()
        {
            lock (_gate)
            {
                Settle();
                return _pools.Values.OrderBy(p => p.Sequence).Select(ToPool).ToArray();
            }
        }

        internal IReadOnlyList<FakeTraining> Trainings()
        {
            lock (_gate)
            {
                Settle();
                return _trainings.Values.OrderBy(p => p.Sequence).Select(ToTraining).ToArray();
            }
        }

        internal void SetPoolStatus(string id, FakePoolStatus status) => SetStatus(_pools, id, "pool", status);

        internal void SetTrainingStatus(string id, FakePoolStatus status) => SetStatus(_trainings, id, "training pool", status);

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

        private void SetStatus(Dictionary<string, StoredPool> store, string id, string what, FakePoolStatus status)
        {
            lock (_gate)
            {
                Settle();
                var pool = Find(store, id, what);
                if (pool.Status == FakePoolStatus.Archived)
                {
                    throw new InvalidOperationException("The " + what + " " + id + " is archived; Toloka cannot reopen or close it.");
                }

                if (InFlight(id) is { } running)
                {
                    throw new InvalidOperationException("The " + what + " " + id + " is being changed by operation " + running.Id + "; let it finish first.");
                }

                if (pool.Status != status)
                {
                    Apply(pool, status == FakePoolStatus.Open ? FakeOperationType.PoolOpen : status == FakePoolStatus.Closed ? FakeOperationType.PoolClose : FakeOperationType.PoolArchive, _time.GetUtcNow());
                    pool.Status = status;
                }
            }
        }

        private StoredPool Store(Dictionary<string, StoredPool> store, FakePoolStatus status, string? trainingId, IReadOnlyDictionary<string, string> parameters, string? clonedFromId)
        {
            var id = (++_lastId).ToString(CultureInfo.InvariantCulture);
            var pool = new StoredPool(id, ++_lastSequence, status, trainingId, parameters, clonedFromId, _time.GetUtcNow());
            store.Add(id, pool);
            return pool;
        }

        private static StoredPool Find(Dictionary<string, StoredPool> store, string id, string what)
        {
            if (id is null)
            {
                throw new ArgumentNullException(nameof(id));
            }

            return store.TryGetValue(id, out var pool)
                ? pool
                : throw new KeyNotFoundException("No " + what + " with ID '" + id + "'.");
        }

        private static ReadOnlyDictionary<string, string> Copy(IReadOnlyDictionary<string, string>? parameters) =>
            new ReadOnlyDictionary<string, string>(
                parameters is null ? new Dictionary<string, string>() : parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

        private static FakePool ToPool(StoredPool pool) => new(pool.Id, pool.Status, pool.TrainingId, pool.Parameters, pool.ClonedFromId);

        private static FakeTraining ToTraining(StoredPool training) => new(training.Id, training.Status, training.Parameters, training.ClonedFromId);
    }
}

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
    internal sealed class FakeTolokaState
    {
        private readonly object _gate = new();
        private readonly TimeProvider _time;
        private readonly TimeSpan _pendingTime;
        private readonly TimeSpan _runningTime;
        private readonly Dictionary<string, StoredPool> _pools = new(StringComparer.Ordinal);
        private readonly Dictionary<string, StoredPool> _trainings = new(StringComparer.Ordinal);
        private readonly Dictionary<string, StoredOperation> _operations = new(StringComparer.Ordinal);
        private readonly List<StoredOperation> _unfinished = new();
        private readonly Dictionary<FakeOperationType, Queue<string>> _scheduledFailures = new();

        // Pools and training pools share one ID sequence, so a client that sends a pool's ID to a
        // training endpoint gets DOES_NOT_EXIST instead of silently hitting another object.
        private long _lastId = 100000;
        private long _lastSequence;

        internal FakeTolokaState(TimeProvider time, TimeSpan pendingTime, TimeSpan runningTime)
        {
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

        internal void SetPoolStatus(string id, FakePoolStatus status) => SetStatus(_pools, id, "pool", FakeOperationType.PoolArchive, status);

        internal void SetTrainingStatus(string id, FakePoolStatus status) => SetStatus(_trainings, id, "training pool", FakeOperationType.TrainingArchive, status);

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

        internal FakeAnswer ClonePool(string poolId) => Clone(_pools, poolId, "Pool", FakeOperationType.PoolClone);

        internal FakeAnswer CloneTraining(string trainingId) => Clone(_trainings, trainingId, "Training pool", FakeOperationType.TrainingClone);

        internal FakeAnswer ArchivePool(string poolId)
        {
            lock (_gate)
            {
                var now = Settle();
                if (!_pools.TryGetValue(poolId, out var pool))
                {
                    return FakeAnswer.NotFound("Pool " + poolId);
                }

                if (pool.Status == FakePoolStatus.Archived)
                {
                    return FakeAnswer.NoContent();
                }

                if (InFlightArchive(FakeOperationType.PoolArchive, poolId) is { } running)
                {
                    // Archiving is safe to repeat: a retry while the first request runs gets the same operation.
                    return FakeAnswer.Operation(202, Snapshot(running, now));
                }

                if (pool.Status != FakePoolStatus.Closed)
                {
                    return FakeAnswer.Error(409, "CONFLICT_STATE", "Pool must be closed before it is archived");
                }

                return FakeAnswer.Operation(202, Start(FakeOperationType.PoolArchive, pool, now));
            }
        }

        internal FakeAnswer ArchiveTraining(string trainingId)
        {
            lock (_gate)
            {
                var now = Settle();
                if (!_trainings.TryGetValue(trainingId, out var training))
                {
                    return FakeAnswer.NotFound("Training pool " + trainingId);
                }

                if (training.Status == FakePoolStatus.Archived)
                {
                    return FakeAnswer.NoContent();
                }

                if (InFlightArchive(FakeOperationType.TrainingArchive, trainingId) is { } running)
                {
                    return FakeAnswer.Operation(202, Snapshot(running, now));
                }

                if (training.Status != FakePoolStatus.Closed)
                {
                    return FakeAnswer.Error(409, "CONFLICT_STATE", "Training pool must be closed before it is archived");
                }

                var unarchived = _pools.Values
                    .Where(p => p.TrainingId == trainingId && p.Status != FakePoolStatus.Archived)
                    .OrderBy(p => p.Sequence)
                    .Select(p => p.Id)
                    .ToArray();
                if (unarchived.Length > 0)
                {
                    return FakeAnswer.Error(
                        409,
                        "CONFLICT_STATE",
                        "Every pool linked to training pool " + trainingId + " must be archived first; not archived: " + string.Join(", ", unarchived));
                }

                return FakeAnswer.Operation(202, Start(FakeOperationType.TrainingArchive, training, now));
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

        private FakeAnswer Clone(Dictionary<string, StoredPool> store, string id, string what, FakeOperationType type)
        {
            lock (_gate)
            {
                var now = Settle();
                if (!store.TryGetValue(id, out var source))
                {
                    return FakeAnswer.NotFound(what + " " + id);
                }

                return FakeAnswer.Operation(202, Start(type, source, now));
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

        private StoredOperation? InFlightArchive(FakeOperationType type, string sourceId) =>
            _unfinished.FirstOrDefault(o => o.Type == type && o.SourceId == sourceId);

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
                    _pools[operation.SourceId].Status = FakePoolStatus.Archived;
                    break;
                case FakeOperationType.TrainingArchive:
                    _trainings[operation.SourceId].Status = FakePoolStatus.Archived;
                    break;
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

        private void SetStatus(Dictionary<string, StoredPool> store, string id, string what, FakeOperationType archiveType, FakePoolStatus status)
        {
            lock (_gate)
            {
                Settle();
                var pool = Find(store, id, what);
                if (pool.Status == FakePoolStatus.Archived)
                {
                    throw new InvalidOperationException("The " + what + " " + id + " is archived; Toloka cannot reopen or close it.");
                }

                if (InFlightArchive(archiveType, id) is not null)
                {
                    throw new InvalidOperationException("The " + what + " " + id + " is being archived; let the operation finish first.");
                }

                pool.Status = status;
            }
        }

        private StoredPool Store(Dictionary<string, StoredPool> store, FakePoolStatus status, string? trainingId, IReadOnlyDictionary<string, string> parameters, string? clonedFromId)
        {
            var id = (++_lastId).ToString(CultureInfo.InvariantCulture);
            var pool = new StoredPool(id, ++_lastSequence, status, trainingId, parameters, clonedFromId);
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

        private sealed class StoredPool
        {
            internal StoredPool(string id, long sequence, FakePoolStatus status, string? trainingId, IReadOnlyDictionary<string, string> parameters, string? clonedFromId)
            {
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

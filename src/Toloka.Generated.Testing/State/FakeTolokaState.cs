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

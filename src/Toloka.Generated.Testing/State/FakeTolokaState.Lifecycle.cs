using System.Collections.Generic;
using System.Linq;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// Clone, open, close and archive: Toloka's state machine for pools and training pools. A clone is
    /// closed; only a closed object is archived; opening what is open, closing what is closed and
    /// archiving what is archived answer 204; an archived or locked object cannot be opened or closed.
    /// </summary>
    internal sealed partial class FakeTolokaState
    {
        internal FakeAnswer ClonePool(string poolId) => Clone(_pools, poolId, "Pool", FakeOperationType.PoolClone);

        internal FakeAnswer CloneTraining(string trainingId) => Clone(_trainings, trainingId, "Training pool", FakeOperationType.TrainingClone);

        internal FakeAnswer OpenPool(string poolId) => Switch(_pools, poolId, "Pool", FakeOperationType.PoolOpen, FakePoolStatus.Open);

        internal FakeAnswer ClosePool(string poolId) => Switch(_pools, poolId, "Pool", FakeOperationType.PoolClose, FakePoolStatus.Closed);

        internal FakeAnswer OpenTraining(string trainingId) => Switch(_trainings, trainingId, "Training pool", FakeOperationType.TrainingOpen, FakePoolStatus.Open);

        internal FakeAnswer CloseTraining(string trainingId) => Switch(_trainings, trainingId, "Training pool", FakeOperationType.TrainingClose, FakePoolStatus.Closed);

        internal FakeAnswer ArchivePool(string poolId) =>
            Switch(_pools, poolId, "Pool", FakeOperationType.PoolArchive, FakePoolStatus.Archived);

        internal FakeAnswer ArchiveTraining(string trainingId) =>
            Switch(_trainings, trainingId, "Training pool", FakeOperationType.TrainingArchive, FakePoolStatus.Archived);

        internal FakeAnswer AnswerPool(string poolId)
        {
            lock (_gate)
            {
                Settle();
                return _pools.TryGetValue(poolId, out var pool)
                    ? FakeAnswer.Json(200, FakeTolokaJson.Pool(pool.Id, pool.Status, pool.TrainingId, pool.Parameters, pool.Created, pool.LastStarted, pool.LastStopped, pool.LastCloseReason, isTraining: false))
                    : FakeAnswer.NotFound("Pool " + poolId);
            }
        }

        internal FakeAnswer AnswerTraining(string trainingId)
        {
            lock (_gate)
            {
                Settle();
                return _trainings.TryGetValue(trainingId, out var training)
                    ? FakeAnswer.Json(200, FakeTolokaJson.Pool(training.Id, training.Status, null, training.Parameters, training.Created, training.LastStarted, training.LastStopped, training.LastCloseReason, isTraining: true))
                    : FakeAnswer.NotFound("Training pool " + trainingId);
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

        /// <summary>Opens, closes or archives: 204 when already there, the running operation when repeated, 409 when the state forbids it.</summary>
        private FakeAnswer Switch(Dictionary<string, StoredPool> store, string id, string what, FakeOperationType type, FakePoolStatus target)
        {
            lock (_gate)
            {
                var now = Settle();
                if (!store.TryGetValue(id, out var subject))
                {
                    return FakeAnswer.NotFound(what + " " + id);
                }

                if (subject.Status == target)
                {
                    return FakeAnswer.NoContent();
                }

                var running = InFlight(id);
                if (running is not null && running.Type == type)
                {
                    // Open, close and archive are safe to repeat: a retry while the first request runs gets the same operation.
                    return FakeAnswer.Operation(202, Snapshot(running, now));
                }

                if (running is not null)
                {
                    return FakeAnswer.Error(409, "CONFLICT_STATE", what + " " + id + " is being changed by operation " + running.Id);
                }

                if (Forbidden(subject, what, type, target) is { } refusal)
                {
                    return FakeAnswer.Error(409, "CONFLICT_STATE", refusal);
                }

                return FakeAnswer.Operation(202, Start(type, subject, now));
            }
        }

        /// <summary>Why the object's state forbids the switch, as Toloka's 409 says it; null when it may go ahead.</summary>
        private string? Forbidden(StoredPool subject, string what, FakeOperationType type, FakePoolStatus target)
        {
            var id = subject.Id;
            switch (subject.Status)
            {
                case FakePoolStatus.Archived:
                    return what + " " + id + " is archived";
                case FakePoolStatus.Locked:
                    return what + " " + id + " is locked";
                case FakePoolStatus.Open when target == FakePoolStatus.Archived:
                    return what + " must be closed before it is archived";
            }

            if (type != FakeOperationType.TrainingArchive)
            {
                return null;
            }

            var unarchived = _pools.Values
                .Where(p => p.TrainingId == id && p.Status != FakePoolStatus.Archived)
                .OrderBy(p => p.Sequence)
                .Select(p => p.Id)
                .ToArray();
            return unarchived.Length > 0
                ? "Every pool linked to training pool " + id + " must be archived first; not archived: " + string.Join(", ", unarchived)
                : null;
        }

        /// <summary>The unfinished open, close or archive operation on an object, if any (clones do not change their source).</summary>
        private StoredOperation? InFlight(string sourceId) =>
            _unfinished.FirstOrDefault(o => o.SourceId == sourceId && o.Type is not (FakeOperationType.PoolClone or FakeOperationType.TrainingClone));
    }
}

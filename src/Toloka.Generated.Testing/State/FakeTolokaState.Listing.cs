using System;
using System.Collections.Generic;
using System.Linq;

namespace Toloka.Generated.Testing
{
    /// <summary><c>GET /pools</c>, <c>GET /trainings</c>, close for update and the operation log.</summary>
    internal sealed partial class FakeTolokaState
    {
        // Close operations started by close-for-update: the object's last_close_reason becomes FOR_UPDATE.
        private readonly HashSet<string> _closingForUpdate = new(StringComparer.Ordinal);

        internal FakeAnswer ClosePoolForUpdate(string poolId) => CloseForUpdate(_pools, poolId, "Pool", FakeOperationType.PoolClose);

        internal FakeAnswer CloseTrainingForUpdate(string trainingId) => CloseForUpdate(_trainings, trainingId, "Training pool", FakeOperationType.TrainingClose);

        internal FakeAnswer FindPools(FakePoolQuery query, bool training)
        {
            lock (_gate)
            {
                Settle();
                var store = training ? _trainings : _pools;
                var matching = store.Values
                    .Where(p => query.Matches(p.Id, p.Status, ProjectOf(p), p.Created, p.LastStarted))
                    .ToList();
                matching.Sort((a, b) =>
                {
                    foreach (var (key, descending) in query.Sort)
                    {
                        var comparison = key switch
                        {
                            "created" => a.Created.CompareTo(b.Created),
                            "last_started" => Nullable.Compare(a.LastStarted, b.LastStarted),
                            _ => FakePoolQuery.CompareIds(a.Id, b.Id),
                        };
                        if (comparison != 0)
                        {
                            return descending ? -comparison : comparison;
                        }
                    }

                    return FakePoolQuery.CompareIds(a.Id, b.Id);
                });
                var page = matching.Take(query.Limit).Select(p => new FakeTolokaJson.PoolView(p.Id, p.Status, training ? null : p.TrainingId, p.Parameters, p.Created, p.LastStarted, p.LastStopped, p.LastCloseReason, training)).ToList();
                return FakeAnswer.Json(200, FakeTolokaJson.PoolPage(page, matching.Count > query.Limit));
            }
        }

        internal FakeAnswer AnswerOperationLog(string operationId)
        {
            lock (_gate)
            {
                Settle();
                if (!_operations.TryGetValue(operationId, out var operation))
                {
                    return FakeAnswer.NotFound("Operation " + operationId);
                }

                // A clone that succeeded created one object; every other operation logs nothing item by item.
                var created = operation.ResultId is { } resultId && operation.Status == FakeOperationStatus.Success
                    ? new[] { (operation.Type == FakeOperationType.PoolClone ? "POOL_CREATE" : "TRAINING_CREATE", operation.Type == FakeOperationType.PoolClone ? "pool_id" : "training_id", operation.SourceId, resultId) }
                    : Array.Empty<(string, string, string, string)>();
                return FakeAnswer.Json(200, FakeTolokaJson.OperationLog(created));
            }
        }

        private static string? ProjectOf(StoredPool pool) => pool.Parameters.TryGetValue("project_id", out var project) ? project : null;

        private FakeAnswer CloseForUpdate(Dictionary<string, StoredPool> store, string id, string what, FakeOperationType type)
        {
            lock (_gate)
            {
                var answer = Switch(store, id, what, type, FakePoolStatus.Closed);
                if (answer.StatusCode == 202 && InFlight(id) is { } started && started.Type == type)
                {
                    _closingForUpdate.Add(started.Id);
                }

                return answer;
            }
        }

        /// <summary>Called when a close operation succeeds: says why the object was closed.</summary>
        private string CloseReason(StoredOperation operation) => _closingForUpdate.Remove(operation.Id) ? "FOR_UPDATE" : "MANUAL";
    }
}

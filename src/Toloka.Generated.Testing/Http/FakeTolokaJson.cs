using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Text.Json;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// Writes Toloka's bodies by hand with <see cref="Utf8JsonWriter"/>, not with the client's generated
    /// models: the fake is a second, independent reading of the spec, so it can catch the client's bugs.
    /// </summary>
    internal static partial class FakeTolokaJson
    {
        internal static byte[] Operation(FakeOperation operation) => Write(writer => WriteOperation(writer, operation));

        internal static byte[] OperationPage(IReadOnlyList<FakeOperation> operations, bool hasMore) =>
            Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("items");
                foreach (var operation in operations)
                {
                    WriteOperation(writer, operation);
                }

                writer.WriteEndArray();
                writer.WriteBoolean("has_more", hasMore);
                writer.WriteEndObject();
            });

        /// <summary>
        /// A pool or training pool as <c>GET /pools/{id}</c> or <c>GET /trainings/{id}</c> answers: its
        /// state, and each seeded parameter the spec does not type otherwise written as text.
        /// </summary>
        internal static byte[] Pool(
            string id,
            FakePoolStatus status,
            string? trainingId,
            IReadOnlyDictionary<string, string> parameters,
            DateTimeOffset created,
            DateTimeOffset? lastStarted,
            DateTimeOffset? lastStopped,
            string? lastCloseReason,
            bool isTraining) =>
            Write(writer => WritePool(writer, new PoolView(id, status, trainingId, parameters, created, lastStarted, lastStopped, lastCloseReason, isTraining)));

        /// <summary>One page of <c>GET /pools</c> or <c>GET /trainings</c>: <c>{items, has_more}</c>.</summary>
        internal static byte[] PoolPage(IReadOnlyList<PoolView> pools, bool hasMore) =>
            Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("items");
                foreach (var pool in pools)
                {
                    WritePool(writer, pool);
                }

                writer.WriteEndArray();
                writer.WriteBoolean("has_more", hasMore);
                writer.WriteEndObject();
            });

        /// <summary><c>GET /operations/{id}/log</c>: one item per object the operation created.</summary>
        internal static byte[] OperationLog(IReadOnlyList<(string Type, string IdField, string SourceId, string NewId)> created) =>
            Write(writer =>
            {
                writer.WriteStartArray();
                foreach (var item in created)
                {
                    writer.WriteStartObject();
                    writer.WriteString("type", item.Type);
                    writer.WriteBoolean("success", true);
                    writer.WriteStartObject("input");
                    writer.WriteString(item.IdField, item.SourceId);
                    writer.WriteEndObject();
                    writer.WriteStartObject("output");
                    writer.WriteString(item.IdField, item.NewId);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            });

        private static void WritePool(Utf8JsonWriter writer, PoolView pool)
        {
            writer.WriteStartObject();
            writer.WriteString("id", pool.Id);
            foreach (var parameter in pool.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!TypedFields.Contains(parameter.Key))
                {
                    writer.WriteString(parameter.Key, parameter.Value);
                }
            }

            writer.WriteString("status", PoolStatusName(pool.Status));
            writer.WriteString("created", Timestamp(pool.Created));
            if (pool.LastStarted is { } started)
            {
                writer.WriteString("last_started", Timestamp(started));
            }

            if (pool.LastStopped is { } stopped)
            {
                writer.WriteString("last_stopped", Timestamp(stopped));
            }

            if (pool.LastCloseReason is not null)
            {
                writer.WriteString("last_close_reason", pool.LastCloseReason);
            }

            if (!pool.IsTraining)
            {
                writer.WriteString("type", "REGULAR");
            }

            if (pool.TrainingId is not null)
            {
                writer.WriteStartObject("quality_control");
                writer.WriteStartObject("training_requirement");
                writer.WriteString("training_pool_id", pool.TrainingId);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        /// <summary>What a pool or training pool body holds.</summary>
        internal sealed record PoolView(
            string Id,
            FakePoolStatus Status,
            string? TrainingId,
            IReadOnlyDictionary<string, string> Parameters,
            DateTimeOffset Created,
            DateTimeOffset? LastStarted,
            DateTimeOffset? LastStopped,
            string? LastCloseReason,
            bool IsTraining);

        // Fields the fake writes itself, or whose type in the spec is not text: a seeded parameter by
        // one of these names is not echoed, so every body stays valid against the spec.
        private static readonly HashSet<string> TypedFields = new(StringComparer.Ordinal)
        {
            "id", "status", "created", "last_started", "last_stopped", "last_close_reason", "type", "owner", "metadata",
            "quality_control", "will_expire", "may_contain_adult_content", "reward_per_assignment",
            "assignment_max_duration_seconds", "auto_accept_solutions", "mix_tasks_in_creation_order",
            "shuffle_tasks_in_task_suite", "training_tasks_in_task_suite_count", "task_suites_required_to_pass",
            "retry_training_after_days", "inherited_instructions",
        };

        private static void WriteOperation(Utf8JsonWriter writer, FakeOperation operation)
        {
            var idName = operation.Type is FakeOperationType.PoolClone or FakeOperationType.PoolArchive or FakeOperationType.PoolOpen or FakeOperationType.PoolClose
            ? "pool_id"
            : "training_id";
            writer.WriteStartObject();
            writer.WriteString("id", operation.Id);
            writer.WriteString("type", TypeName(operation.Type));
            writer.WriteString("status", StatusName(operation.Status));
            writer.WriteString("submitted", Timestamp(operation.Submitted));

            // Toloka leaves out what has not happened yet rather than writing null.
            if (operation.Started is { } started)
            {
                writer.WriteString("started", Timestamp(started));
            }

            if (operation.Finished is { } finished)
            {
                writer.WriteString("finished", Timestamp(finished));
            }

            writer.WriteNumber("progress", operation.Progress);
            writer.WriteStartObject("parameters");
            writer.WriteString(idName, operation.SourceId);
            writer.WriteEndObject();

            if (operation.Status == FakeOperationStatus.Success)
            {
                writer.WriteStartObject("details");
                if (operation.ResultId is { } resultId)
                {
                    writer.WriteString(idName, resultId);
                }

                writer.WriteEndObject();
            }
            else if (operation.Status == FakeOperationStatus.Fail)
            {
                writer.WriteStartObject("details");
                writer.WriteString("reason", operation.FailureReason);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        /// <summary>Toloka's error body: <c>{code, message, request_id, payload}</c>, payload null when there is none.</summary>
        internal static byte[] Error(string code, string message, Action<Utf8JsonWriter>? payload) =>
            Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("code", code);
                writer.WriteString("message", message);
                writer.WriteString("request_id", Guid.NewGuid().ToString("D"));
                if (payload is null)
                {
                    writer.WriteNull("payload");
                }
                else
                {
                    writer.WriteStartObject("payload");
                    payload(writer);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            });

        private static byte[] Write(Action<Utf8JsonWriter> write)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                write(writer);
            }

            return stream.ToArray();
        }
    }
}

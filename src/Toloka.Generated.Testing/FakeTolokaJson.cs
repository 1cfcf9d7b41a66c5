using System;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// Writes Toloka's bodies by hand with <see cref="Utf8JsonWriter"/>, not with the client's generated
    /// models: the fake is a second, independent reading of the spec, so it can catch the client's bugs.
    /// </summary>
    internal static class FakeTolokaJson
    {
        /// <summary>Toloka's timestamp: UTC, milliseconds, no offset (<c>2016-04-07T16:06:15.902</c>).</summary>
        internal static string Timestamp(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);

        internal static string TypeName(FakeOperationType type) => type switch
        {
            FakeOperationType.PoolClone => "POOL.CLONE",
            FakeOperationType.PoolArchive => "POOL.ARCHIVE",
            FakeOperationType.TrainingClone => "TRAINING.CLONE",
            FakeOperationType.TrainingArchive => "TRAINING.ARCHIVE",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };

        internal static string StatusName(FakeOperationStatus status) => status switch
        {
            FakeOperationStatus.Pending => "PENDING",
            FakeOperationStatus.Running => "RUNNING",
            FakeOperationStatus.Success => "SUCCESS",
            FakeOperationStatus.Fail => "FAIL",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
        };

        internal static byte[] Operation(FakeOperation operation)
        {
            var idName = operation.Type is FakeOperationType.PoolClone or FakeOperationType.PoolArchive ? "pool_id" : "training_id";
            return Write(writer =>
            {
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
            });
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

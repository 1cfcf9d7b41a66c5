using System;
using System.Globalization;

namespace Toloka.Generated.Testing
{
    // Toloka's words on the wire: timestamps, operation types and statuses, pool statuses, both ways.
    internal static partial class FakeTolokaJson
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
            FakeOperationType.PoolOpen => "POOL.OPEN",
            FakeOperationType.PoolClose => "POOL.CLOSE",
            FakeOperationType.TrainingOpen => "TRAINING.OPEN",
            FakeOperationType.TrainingClose => "TRAINING.CLOSE",
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

        internal static FakeOperationType? ParseType(string name)
        {
            foreach (var type in Enum.GetValues<FakeOperationType>())
            {
                if (TypeName(type) == name)
                {
                    return type;
                }
            }

            return null;
        }

        internal static FakeOperationStatus? ParseStatus(string name)
        {
            foreach (var status in Enum.GetValues<FakeOperationStatus>())
            {
                if (StatusName(status) == name)
                {
                    return status;
                }
            }

            return null;
        }

        internal static string PoolStatusName(FakePoolStatus status) => status switch
        {
            FakePoolStatus.Open => "OPEN",
            FakePoolStatus.Closed => "CLOSED",
            FakePoolStatus.Archived => "ARCHIVED",
            FakePoolStatus.Locked => "LOCKED",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
        };
    }
}

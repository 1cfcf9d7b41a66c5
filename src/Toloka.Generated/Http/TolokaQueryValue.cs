using System;
using System.Globalization;

namespace Toloka.Generated
{
    /// <summary>How query values are written for Toloka; the generated methods call it for every date-time query parameter.</summary>
    internal static class TolokaQueryValue
    {
        /// <summary>
        /// The instant in UTC, as Toloka writes timestamps (<c>2021-02-26T10:13:32.921</c>): Toloka reads a
        /// query timestamp without an offset as UTC, so the caller's offset is applied here, not dropped.
        /// </summary>
        internal static string Timestamp(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);

        /// <summary>A <see cref="DateTime"/> is taken as UTC unless it says it is local time.</summary>
        internal static string Timestamp(DateTime value) =>
            Timestamp(value.Kind == DateTimeKind.Local ? new DateTimeOffset(value) : new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)));
    }
}

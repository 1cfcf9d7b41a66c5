using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.AspNetCore.Http;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// The filters, sort and limit of <c>GET /operations</c>, read from the query string as Toloka
    /// reads them; a value it would refuse is a <c>400 VALIDATION_ERROR</c> naming the parameter.
    /// </summary>
    internal sealed class FakeOperationQuery
    {
        internal const int DefaultLimit = 50;
        internal const int MaxLimit = 300;

        private static readonly string[] SortKeys = { "id", "submitted", "finished" };

        private FakeOperationQuery()
        {
        }

        internal string? TypeName { get; private set; }

        internal FakeOperationStatus? Status { get; private set; }

        internal string? IdLt { get; private set; }

        internal string? IdLte { get; private set; }

        internal string? IdGt { get; private set; }

        internal string? IdGte { get; private set; }

        internal Dictionary<string, DateTimeOffset> Times { get; } = new(StringComparer.Ordinal);

        internal IReadOnlyList<(string Key, bool Descending)> Sort { get; private set; } = new[] { ("id", false) };

        internal int Limit { get; private set; } = DefaultLimit;

        /// <summary>Reads the query; on a bad value returns null and the 400 answer to send.</summary>
        internal static FakeOperationQuery? Parse(IQueryCollection query, out FakeAnswer? error)
        {
            error = null;
            var result = new FakeOperationQuery();
            foreach (var pair in query)
            {
                if (pair.Value.Count != 1)
                {
                    error = Invalid(pair.Key, "Give the parameter once");
                    return null;
                }

                var value = pair.Value[0] ?? string.Empty;
                switch (pair.Key)
                {
                    case "type":
                        // Toloka has more types than the fake starts (TASK.BATCH_CREATE, ...): any type name
                        // is a filter, and one the fake never starts matches nothing.
                        if (value.Length == 0)
                        {
                            error = Invalid(pair.Key, "Must not be empty");
                            return null;
                        }

                        result.TypeName = value;
                        break;
                    case "status":
                        var status = FakeTolokaJson.ParseStatus(value);
                        if (status is null)
                        {
                            error = Invalid(pair.Key, "Unknown operation status");
                            return null;
                        }

                        result.Status = status;
                        break;
                    case "id_lt":
                    case "id_lte":
                    case "id_gt":
                    case "id_gte":
                        if (value.Length == 0)
                        {
                            error = Invalid(pair.Key, "Must not be empty");
                            return null;
                        }

                        result.SetId(pair.Key, value);
                        break;
                    case "submitted_lt":
                    case "submitted_lte":
                    case "submitted_gt":
                    case "submitted_gte":
                    case "finished_lt":
                    case "finished_lte":
                    case "finished_gt":
                    case "finished_gte":
                        if (!TryParseTime(value, out var time))
                        {
                            error = Invalid(pair.Key, "Must be a date and time such as 2021-02-26T10:13:32.921");
                            return null;
                        }

                        result.Times[pair.Key] = time;
                        break;
                    case "sort":
                        var keys = new List<(string, bool)>();
                        foreach (var part in value.Split(','))
                        {
                            var descending = part.StartsWith("-", StringComparison.Ordinal);
                            var key = descending ? part.Substring(1) : part;
                            if (!SortKeys.Contains(key, StringComparer.Ordinal))
                            {
                                error = Invalid(pair.Key, "Sort by id, submitted or finished, with '-' for descending order");
                                return null;
                            }

                            keys.Add((key, descending));
                        }

                        result.Sort = keys;
                        break;
                    case "limit":
                        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1 || limit > MaxLimit)
                        {
                            error = Invalid(pair.Key, "Must be a whole number from 1 to " + MaxLimit);
                            return null;
                        }

                        result.Limit = limit;
                        break;

                    // Toloka ignores query parameters it does not know.
                }
            }

            return result;
        }

        /// <summary>Whether an operation submitted at <paramref name="submitted"/> is in listings by <paramref name="now"/>: Toloka lists operations with a delay.</summary>
        internal static bool IsListed(DateTimeOffset submitted, TimeSpan listingDelay, DateTimeOffset now) => submitted + listingDelay <= now;

        /// <summary>Whether an operation passes every filter.</summary>
        internal bool Matches(FakeOperation operation)
        {
            if ((TypeName is { } type && FakeTolokaJson.TypeName(operation.Type) != type) || (Status is { } status && operation.Status != status))
            {
                return false;
            }

            if ((IdLt is not null && string.CompareOrdinal(operation.Id, IdLt) >= 0)
                || (IdLte is not null && string.CompareOrdinal(operation.Id, IdLte) > 0)
                || (IdGt is not null && string.CompareOrdinal(operation.Id, IdGt) <= 0)
                || (IdGte is not null && string.CompareOrdinal(operation.Id, IdGte) < 0))
            {
                return false;
            }

            foreach (var filter in Times)
            {
                var field = filter.Key.StartsWith("submitted", StringComparison.Ordinal) ? operation.Submitted : operation.Finished;
                if (field is not { } at)
                {
                    return false;
                }

                var comparison = Truncate(at).CompareTo(filter.Value);
                var passes = filter.Key.Substring(filter.Key.LastIndexOf('_') + 1) switch
                {
                    "lt" => comparison < 0,
                    "lte" => comparison <= 0,
                    "gt" => comparison > 0,
                    _ => comparison >= 0,
                };
                if (!passes)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Orders operations by the sort keys, then by ID so pages never overlap.</summary>
        internal IEnumerable<FakeOperation> Order(IEnumerable<FakeOperation> operations)
        {
            var list = operations.ToList();
            list.Sort((a, b) =>
            {
                foreach (var (key, descending) in Sort)
                {
                    var comparison = key switch
                    {
                        "submitted" => a.Submitted.CompareTo(b.Submitted),
                        "finished" => Nullable.Compare(a.Finished, b.Finished),
                        _ => string.CompareOrdinal(a.Id, b.Id),
                    };
                    if (comparison != 0)
                    {
                        return descending ? -comparison : comparison;
                    }
                }

                return string.CompareOrdinal(a.Id, b.Id);
            });
            return list;
        }

        /// <summary>Toloka's timestamps carry milliseconds, so filters compare at that precision.</summary>
        private static DateTimeOffset Truncate(DateTimeOffset value) =>
            new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

        private static bool TryParseTime(string value, out DateTimeOffset time) => FakeTimestamp.TryParse(value, out time);

        internal static FakeAnswer Invalid(string parameter, string message) =>
            FakeAnswer.Error(400, "VALIDATION_ERROR", "Validation failed", payload: writer =>
            {
                writer.WriteStartObject(parameter);
                writer.WriteString("code", "VALUE_INVALID");
                writer.WriteString("message", message);
                writer.WriteEndObject();
            });

        private void SetId(string key, string value)
        {
            switch (key)
            {
                case "id_lt": IdLt = value; break;
                case "id_lte": IdLte = value; break;
                case "id_gt": IdGt = value; break;
                default: IdGte = value; break;
            }
        }
    }
}

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
        internal static FakeOperationQuery? Parse(IQueryCollection query, out FakeAnswer? error) =>
            FakeListingQuery.Parse(query, new FakeOperationQuery(), (result, key, value) => result.Read(key, value), out error);

        /// <summary>Keeps one parameter; returns what is wrong with its value, or null. Toloka ignores parameters it does not know.</summary>
        private string? Read(string key, string value)
        {
            switch (key)
            {
                case "type":
                    // Toloka has more types than the fake starts (TASK.BATCH_CREATE, ...): any type name
                    // is a filter, and one the fake never starts matches nothing.
                    TypeName = value;
                    return value.Length == 0 ? FakeListingQuery.EmptyProblem : null;
                case "status":
                    Status = FakeTolokaJson.ParseStatus(value);
                    return Status is null ? "Unknown operation status" : null;
                case "id_lt":
                case "id_lte":
                case "id_gt":
                case "id_gte":
                    SetId(key, value);
                    return value.Length == 0 ? FakeListingQuery.EmptyProblem : null;
                case "submitted_lt":
                case "submitted_lte":
                case "submitted_gt":
                case "submitted_gte":
                case "finished_lt":
                case "finished_lte":
                case "finished_gt":
                case "finished_gte":
                    return FakeListingQuery.ReadTime(Times, key, value);
                case "sort":
                    var sort = FakeListingQuery.ReadSort(value, SortKeys);
                    Sort = sort ?? Sort;
                    return sort is null ? "Sort by id, submitted or finished, with '-' for descending order" : null;
                case "limit":
                    var limit = FakeListingQuery.ReadLimit(value, MaxLimit);
                    Limit = limit ?? Limit;
                    return limit is null ? FakeListingQuery.LimitProblem(MaxLimit) : null;
                default:
                    return null;
            }
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

                if (!FakeListingQuery.PassesTime(filter.Key, at, filter.Value))
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

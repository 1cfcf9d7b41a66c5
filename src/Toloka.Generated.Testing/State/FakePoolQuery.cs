using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.AspNetCore.Http;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// The filters, sort and limit of <c>GET /pools</c> and <c>GET /trainings</c>, read from the query string
    /// as Toloka reads them; a value it would refuse is a <c>400 VALIDATION_ERROR</c> naming the parameter.
    /// </summary>
    internal sealed class FakePoolQuery
    {
        internal const int DefaultLimit = 20;
        internal const int MaxLimit = 300;

        private static readonly string[] SortKeys = { "id", "created", "last_started" };

        private FakePoolQuery()
        {
        }

        internal FakePoolStatus? Status { get; private set; }

        internal string? ProjectId { get; private set; }

        internal Dictionary<string, string> Ids { get; } = new(StringComparer.Ordinal);

        internal Dictionary<string, DateTimeOffset> Times { get; } = new(StringComparer.Ordinal);

        internal IReadOnlyList<(string Key, bool Descending)> Sort { get; private set; } = new[] { ("id", false) };

        internal int Limit { get; private set; } = DefaultLimit;

        /// <summary>Reads the query; on a bad value returns null and the 400 answer to send.</summary>
        internal static FakePoolQuery? Parse(IQueryCollection query, out FakeAnswer? error) =>
            FakeListingQuery.Parse(query, new FakePoolQuery(), (result, key, value) => result.Read(key, value), out error);

        /// <summary>Keeps one parameter; returns what is wrong with its value, or null. Toloka ignores parameters it does not know.</summary>
        private string? Read(string key, string value)
        {
            switch (key)
            {
                case "status":
                    Status = Enum.GetValues<FakePoolStatus>().Cast<FakePoolStatus?>().FirstOrDefault(s => FakeTolokaJson.PoolStatusName(s!.Value) == value);
                    return Status is null ? "Must be OPEN, CLOSED, ARCHIVED or LOCKED" : null;
                case "project_id":
                    ProjectId = value;
                    return value.Length == 0 ? FakeListingQuery.EmptyProblem : null;
                case "id_lt":
                case "id_lte":
                case "id_gt":
                case "id_gte":
                    Ids[key] = value;
                    return value.Length == 0 ? FakeListingQuery.EmptyProblem : null;
                case "created_lt":
                case "created_lte":
                case "created_gt":
                case "created_gte":
                case "last_started_lt":
                case "last_started_lte":
                case "last_started_gt":
                case "last_started_gte":
                    return FakeListingQuery.ReadTime(Times, key, value);
                case "sort":
                    var sort = FakeListingQuery.ReadSort(value, SortKeys);
                    Sort = sort ?? Sort;
                    return sort is null ? "Sort by id, created or last_started, with '-' for descending order" : null;
                case "limit":
                    var limit = FakeListingQuery.ReadLimit(value, MaxLimit);
                    Limit = limit ?? Limit;
                    return limit is null ? FakeListingQuery.LimitProblem(MaxLimit) : null;
                default:
                    return null;
            }
        }

        /// <summary>Toloka's pool IDs are numbers: compared as numbers when both are, as text otherwise.</summary>
        internal static int CompareIds(string a, string b) =>
            long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var x) && long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
                ? x.CompareTo(y)
                : string.CompareOrdinal(a, b);

        internal bool Matches(string id, FakePoolStatus status, string? projectId, DateTimeOffset created, DateTimeOffset? lastStarted)
        {
            if ((Status is { } wanted && status != wanted) || (ProjectId is not null && projectId != ProjectId))
            {
                return false;
            }

            foreach (var filter in Ids)
            {
                if (!FakeListingQuery.Passes(filter.Key, CompareIds(id, filter.Value)))
                {
                    return false;
                }
            }

            foreach (var filter in Times)
            {
                var field = filter.Key.StartsWith("created", StringComparison.Ordinal) ? created : lastStarted;
                if (field is not { } at || !FakeListingQuery.PassesTime(filter.Key, at, filter.Value))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

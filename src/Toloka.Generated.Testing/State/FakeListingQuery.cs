using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.AspNetCore.Http;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// What <c>GET /operations</c>, <c>GET /pools</c> and <c>GET /trainings</c> read alike: each parameter
    /// once, a sort of known keys with <c>-</c> for descending order, a limit, a timestamp, and Toloka's
    /// <c>400 VALIDATION_ERROR</c> naming the parameter whose value it refuses.
    /// </summary>
    internal static class FakeListingQuery
    {
        internal const string TimeProblem = "Must be a date and time such as 2021-02-26T10:13:32.921";

        internal const string EmptyProblem = "Must not be empty";

        /// <summary>
        /// Hands each parameter to <paramref name="read"/>, which keeps its value and returns what is wrong
        /// with it, or null; on the first problem returns null and the 400 answer to send.
        /// </summary>
        internal static T? Parse<T>(IQueryCollection query, T result, Func<T, string, string, string?> read, out FakeAnswer? error)
            where T : class
        {
            error = null;
            foreach (var pair in query)
            {
                var problem = pair.Value.Count != 1 ? "Give the parameter once" : read(result, pair.Key, pair.Value[0] ?? string.Empty);
                if (problem is not null)
                {
                    error = Invalid(pair.Key, problem);
                    return null;
                }
            }

            return result;
        }

        /// <summary>A comma-separated sort of <paramref name="keys"/>; null when a key is not one of them.</summary>
        internal static IReadOnlyList<(string Key, bool Descending)>? ReadSort(string value, string[] keys)
        {
            var sort = new List<(string, bool)>();
            foreach (var part in value.Split(','))
            {
                var descending = part.StartsWith('-');
                var key = descending ? part.Substring(1) : part;
                if (!keys.Contains(key, StringComparer.Ordinal))
                {
                    return null;
                }

                sort.Add((key, descending));
            }

            return sort;
        }

        /// <summary>A timestamp filter (<c>created_gte</c>, <c>finished_lt</c>, ...) stored under its key; the problem when the value is no timestamp.</summary>
        internal static string? ReadTime(IDictionary<string, DateTimeOffset> times, string key, string value)
        {
            if (!FakeTimestamp.TryParse(value, out var time))
            {
                return TimeProblem;
            }

            times[key] = time;
            return null;
        }

        /// <summary>Whether a comparison of a field with a filter's bound passes the filter's suffix (<c>_lt</c>, <c>_lte</c>, <c>_gt</c>, <c>_gte</c>).</summary>
        internal static bool Passes(string key, int comparison) => key.Substring(key.LastIndexOf('_') + 1) switch
        {
            "lt" => comparison < 0,
            "lte" => comparison <= 0,
            "gt" => comparison > 0,
            _ => comparison >= 0,
        };

        /// <summary>Whether a timestamp passes a time filter, compared to the millisecond as Toloka writes them.</summary>
        internal static bool PassesTime(string key, DateTimeOffset at, DateTimeOffset bound) =>
            Passes(key, new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero).CompareTo(bound));

        /// <summary>A limit from 1 to <paramref name="max"/>; null when the value is not one.</summary>
        internal static int? ReadLimit(string value, int max) =>
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= max ? limit : null;

        internal static string LimitProblem(int max) => "Must be a whole number from 1 to " + max;

        internal static FakeAnswer Invalid(string parameter, string message) =>
            FakeAnswer.Error(400, "VALIDATION_ERROR", "Validation failed", payload: writer =>
            {
                writer.WriteStartObject(parameter);
                writer.WriteString("code", "VALUE_INVALID");
                writer.WriteString("message", message);
                writer.WriteEndObject();
            });
    }
}

using System;
using System.Collections;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Toloka.Generated
{
    /// <summary>
    /// Reads which quota a <c>429</c> says ran out (its body's <c>payload.interval</c>, as Toloka-Kit reads
    /// it) and how long such a quota takes to reset, for <see cref="TolokaRetryPolicy"/> and the messages.
    /// </summary>
    internal static class TolokaQuota
    {
        /// <summary>The interval named by <paramref name="payload"/> (a JSON object or a dictionary); null when it names none Toloka documents.</summary>
        internal static TolokaQuotaInterval? IntervalOf(object? payload)
        {
            object? value = payload switch
            {
                JObject json => json.TryGetValue("interval", StringComparison.Ordinal, out var token) && token.Type == JTokenType.String ? token.Value<string>() : null,
                IDictionary dictionary => dictionary.Contains("interval") ? dictionary["interval"] : null,
                _ => null,
            };

            switch ((value as string)?.Trim().ToUpperInvariant())
            {
                case "MIN":
                case "MINUTE":
                    return TolokaQuotaInterval.Minute;
                case "HOUR":
                    return TolokaQuotaInterval.Hour;
                case "DAY":
                    return TolokaQuotaInterval.Day;
                default:
                    return null;
            }
        }

        /// <summary>The longest a quota of <paramref name="interval"/> takes to free a call.</summary>
        internal static TimeSpan Length(TolokaQuotaInterval interval) => interval switch
        {
            TolokaQuotaInterval.Hour => TimeSpan.FromHours(1),
            TolokaQuotaInterval.Day => TimeSpan.FromDays(1),
            _ => TimeSpan.FromMinutes(1),
        };

        /// <summary>
        /// The wait a rate-limited answer asks for: its <c>Retry-After</c>; else, for an hourly or daily quota,
        /// the quota's length (no backoff can outwait it); else null (a per-minute quota: the usual backoff).
        /// </summary>
        internal static TimeSpan? WaitFor(TolokaApiException answer)
        {
            if (answer.RetryAfter is { } retryAfter)
            {
                return retryAfter;
            }

            return answer is TolokaRateLimitedException { QuotaInterval: { } interval } && interval != TolokaQuotaInterval.Minute
                ? Length(interval)
                : null;
        }

        /// <summary>The words a message uses for <paramref name="interval"/>.</summary>
        internal static string Describe(TolokaQuotaInterval interval) => interval switch
        {
            TolokaQuotaInterval.Hour => "hourly",
            TolokaQuotaInterval.Day => "daily",
            _ => "per-minute",
        };

        internal static string Time(DateTimeOffset at) =>
            at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
    }
}

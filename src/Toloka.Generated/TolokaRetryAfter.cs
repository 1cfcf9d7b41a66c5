using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace Toloka.Generated
{
    /// <summary>Reads a <c>Retry-After</c> header in either of its forms: delay-seconds or an HTTP date.</summary>
    internal static class TolokaRetryAfter
    {
        /// <returns>The delay from <paramref name="now"/>, never negative; null when the header is absent or unreadable.</returns>
        internal static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now)
        {
            if (!response.Headers.TryGetValues("Retry-After", out var values))
            {
                return null;
            }

            var text = values.FirstOrDefault()?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
            {
                // A day is far beyond any real Toloka limit window; a larger value is treated as a day.
                return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(1).TotalSeconds));
            }

            if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
            {
                var delay = date - now;
                return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
            }

            return null;
        }
    }
}

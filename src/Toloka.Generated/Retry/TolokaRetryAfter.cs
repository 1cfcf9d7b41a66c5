using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace Toloka.Generated
{
    /// <summary>
    /// Reads a <c>Retry-After</c> header strictly (RFC 9110: delay-seconds or an HTTP date). Anything
    /// else (NaN, Infinity, a sign, an exponent, text) is ignored rather than trusted, and a value
    /// further away than <see cref="Ceiling"/> is read as <see cref="Ceiling"/>, so no answer can
    /// make the client compute a delay that a timer or <see cref="TimeSpan"/> refuses.
    /// </summary>
    internal static class TolokaRetryAfter
    {
        /// <summary>Far beyond any real Toloka limit window (daily limits reset within a day).</summary>
        internal static readonly TimeSpan Ceiling = TimeSpan.FromDays(1);

        private static readonly string[] DateFormats =
        {
            "r",                                // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
            "dddd, dd-MMM-yy HH:mm:ss 'GMT'",   // obsolete RFC 850
            "ddd MMM d HH:mm:ss yyyy",          // obsolete asctime
        };

        /// <returns>The delay from <paramref name="now"/>, between zero and <see cref="Ceiling"/>; null when the header is absent or malformed.</returns>
        internal static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now)
        {
            if (!response.Headers.TryGetValues("Retry-After", out var values))
            {
                return null;
            }

            return Parse(values.FirstOrDefault(), now);
        }

        internal static TimeSpan? Parse(string? header, DateTimeOffset now)
        {
            var text = header?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (IsDelaySeconds(text!))
            {
                // Digits only, so the value is finite and not negative; a run of digits too long for a
                // double reads as +Infinity, which the ceiling absorbs.
                var seconds = double.Parse(text!, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                return seconds >= Ceiling.TotalSeconds ? Ceiling : TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date))
            {
                if (date <= now)
                {
                    return TimeSpan.Zero;
                }

                // Compare before subtracting: far-future dates stay well inside TimeSpan, but the ceiling is what counts.
                return date - now >= Ceiling ? Ceiling : date - now;
            }

            return null;
        }

        /// <returns>The delay clamped to <paramref name="limit"/> (never negative).</returns>
        internal static TimeSpan Clamp(TimeSpan delay, TimeSpan limit) =>
            delay < TimeSpan.Zero ? TimeSpan.Zero : delay > limit ? limit : delay;

        private static bool IsDelaySeconds(string text)
        {
            var dots = 0;
            var digits = 0;
            foreach (var character in text)
            {
                if (character >= '0' && character <= '9')
                {
                    digits++;
                }
                else if (character == '.' && dots == 0 && digits > 0)
                {
                    dots++;
                }
                else
                {
                    return false;
                }
            }

            return digits > 0 && text[text.Length - 1] != '.';
        }
    }
}

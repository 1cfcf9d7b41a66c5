using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// A date-time query filter as the spec allows it: Toloka's form without an offset (UTC), or an RFC 3339
    /// date-time with <c>Z</c> or any offset from <c>-23:59</c> to <c>+23:59</c>; <c>T</c>/<c>Z</c> in either case.
    /// Anything else (no time, a month 13, an offset without a colon) is refused.
    /// </summary>
    internal static class FakeTimestamp
    {
        private static readonly Regex Form = new(
            "^(?<local>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt](?<time>[0-9]{2}:[0-9]{2}:[0-9]{2})(?<fraction>[.][0-9]+)?(?<offset>[Zz]|[+-][0-9]{2}:[0-9]{2})?$",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));

        internal static bool TryParse(string value, out DateTimeOffset time)
        {
            time = default;
            var match = Form.Match(value);
            if (!match.Success)
            {
                return false;
            }

            if (!DateTime.TryParseExact(
                match.Groups["local"].Value + "T" + match.Groups["time"].Value,
                "yyyy-MM-dd'T'HH:mm:ss",
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var local))
            {
                return false;
            }

            if (!TryReadOffset(match.Groups["offset"].Value, out var offset))
            {
                return false;
            }

            // RFC 3339 allows offsets past DateTimeOffset's +-14:00, so the instant is computed in UTC by hand.
            var utcTicks = local.Ticks + FractionTicks(match.Groups["fraction"].Value) - offset.Ticks;
            if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            {
                return false;
            }

            time = new DateTimeOffset(utcTicks, TimeSpan.Zero);
            return true;
        }

        /// <summary>The ticks of a fraction of a second such as <c>.921</c>; 0 for none.</summary>
        private static long FractionTicks(string fraction)
        {
            if (fraction.Length <= 1)
            {
                return 0;
            }

            // Up to seven digits are ticks; further digits are below what a timestamp can hold.
            var digits = fraction.Substring(1);
            digits = digits.Length > 7 ? digits.Substring(0, 7) : digits.PadRight(7, '0');
            return long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        /// <summary>An offset such as <c>+03:00</c>, zero for <c>Z</c> or none; false past <c>23:59</c>.</summary>
        private static bool TryReadOffset(string text, out TimeSpan offset)
        {
            offset = TimeSpan.Zero;
            if (text.Length != 6)
            {
                return true;
            }

            var hours = int.Parse(text.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            var minutes = int.Parse(text.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            if (hours > 23 || minutes > 59)
            {
                return false;
            }

            offset = text[0] == '-' ? -new TimeSpan(hours, minutes, 0) : new TimeSpan(hours, minutes, 0);
            return true;
        }
    }
}

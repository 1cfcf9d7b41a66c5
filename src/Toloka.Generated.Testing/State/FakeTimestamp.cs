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

            var fraction = match.Groups["fraction"].Value;
            var ticks = 0L;
            if (fraction.Length > 1)
            {
                // Up to seven digits are ticks; further digits are below what a timestamp can hold.
                var digits = fraction.Substring(1);
                digits = digits.Length > 7 ? digits.Substring(0, 7) : digits.PadRight(7, '0');
                ticks = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
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

            var offset = TimeSpan.Zero;
            var offsetText = match.Groups["offset"].Value;
            if (offsetText.Length == 6)
            {
                var hours = int.Parse(offsetText.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture);
                var minutes = int.Parse(offsetText.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture);
                if (hours > 23 || minutes > 59)
                {
                    return false;
                }

                offset = new TimeSpan(hours, minutes, 0);
                if (offsetText[0] == '-')
                {
                    offset = -offset;
                }
            }

            // RFC 3339 allows offsets past DateTimeOffset's +-14:00, so the instant is computed in UTC by hand.
            var utcTicks = local.Ticks + ticks - offset.Ticks;
            if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            {
                return false;
            }

            time = new DateTimeOffset(utcTicks, TimeSpan.Zero);
            return true;
        }
    }
}

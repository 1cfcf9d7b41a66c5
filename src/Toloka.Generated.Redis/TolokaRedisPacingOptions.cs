using System;

namespace Toloka.Generated.Redis
{
    /// <summary>Where the shared counts live and how long a call may wait for Redis.</summary>
    public sealed class TolokaRedisPacingOptions
    {
        /// <summary>
        /// A StackExchange.Redis configuration string, such as <c>127.0.0.1:6379</c> or
        /// <c>redis.internal:6380,password=...,ssl=true</c>. Required. Its password never appears in
        /// messages (see <see cref="TolokaRedisPacing.Mask"/>).
        /// </summary>
        public string Configuration { get; set; } = string.Empty;

        /// <summary>
        /// The name the counts are kept under, for example the account's name; null (the default) keys
        /// them by <see cref="TolokaRateLimit.AccountKey"/>, a keyed hash of the credential, so every process
        /// with the same credential shares them. Give the same name to processes that use different API
        /// keys of one account (Toloka counts per account). Letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.
        /// </summary>
        public string? Account { get; set; }

        /// <summary>The first part of every key this package writes; <c>toloka</c> by default.</summary>
        public string KeyPrefix { get; set; } = "toloka";

        /// <summary>
        /// How long connecting and each Redis call may take before the call fails with
        /// <see cref="TolokaRedisUnavailableException"/> (nothing is sent to Toloka then); 5 seconds by default.
        /// </summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>
        /// Added to each window (a minute, a day): a call is counted in Redis when its permit is granted
        /// but reaches Toloka later (a cold process's first request can take more than a second on a busy
        /// machine), so a window as long as Toloka's would let the 21st call of a minute arrive inside the
        /// minute Toloka counts. 3 seconds by default (a minute's 20 clones then take 63 s), zero to a minute.
        /// </summary>
        public TimeSpan WindowMargin { get; set; } = TimeSpan.FromSeconds(3);

        /// <summary>The clock waits and timeouts run on; <see cref="TimeProvider.System"/> by default.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <exception cref="ArgumentException">A setting is missing or malformed.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A time is out of range.</exception>
        internal void Validate()
        {
            if (string.IsNullOrWhiteSpace(Configuration))
            {
                throw new ArgumentException("TolokaRedisPacingOptions.Configuration is required: a StackExchange.Redis configuration string such as 127.0.0.1:6379.", nameof(Configuration));
            }

            try
            {
                StackExchange.Redis.ConfigurationOptions.Parse(Configuration);
            }
            catch (ArgumentException error)
            {
                throw new ArgumentException("TolokaRedisPacingOptions.Configuration is not a StackExchange.Redis configuration string: " + TolokaRedisPacing.Mask(error.Message), nameof(Configuration));
            }

            if (Account is not null && !IsName(Account))
            {
                throw new ArgumentException("TolokaRedisPacingOptions.Account must be 1 to 100 letters, digits, '-', '_' or '.'.", nameof(Account));
            }

            if (!IsName(KeyPrefix ?? string.Empty))
            {
                throw new ArgumentException("TolokaRedisPacingOptions.KeyPrefix must be 1 to 100 letters, digits, '-', '_' or '.'.", nameof(KeyPrefix));
            }

            if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10))
            {
                throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "TolokaRedisPacingOptions.Timeout must be positive and at most 10 minutes.");
            }

            if (WindowMargin < TimeSpan.Zero || WindowMargin > TimeSpan.FromMinutes(1))
            {
                throw new ArgumentOutOfRangeException(nameof(WindowMargin), WindowMargin, "TolokaRedisPacingOptions.WindowMargin must be between zero and a minute.");
            }

            if (TimeProvider is null)
            {
                throw new ArgumentException("TolokaRedisPacingOptions.TimeProvider must not be null.", nameof(TimeProvider));
            }
        }

        private static bool IsName(string value)
        {
            if (value.Length == 0 || value.Length > 100)
            {
                return false;
            }

            foreach (var c in value)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_' || c == '.'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

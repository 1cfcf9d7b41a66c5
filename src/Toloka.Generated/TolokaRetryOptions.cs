using System;

namespace Toloka.Generated
{
    /// <summary>
    /// How the client repeats a request that failed in a way worth repeating. 429 and 503 are
    /// repeated for every operation, after what <c>Retry-After</c> says or else an exponential
    /// backoff with jitter. Dropped connections, timeouts and other 5xx answers are repeated only
    /// for operations the spec marks <c>x-toloka-retry-safe: true</c> (archive, get operation),
    /// never for clone, where a repeat could create a second pool.
    /// </summary>
    public sealed class TolokaRetryOptions
    {
        /// <summary>How many times one call may send its request in all, the first time included; 4 by default, at least 1. 1 turns retries off.</summary>
        public int MaxAttempts { get; set; } = 4;

        /// <summary>The first backoff delay when the server gives no <c>Retry-After</c>; 1 second by default, from zero to <see cref="TolokaClientOptions.MaxTimerDelay"/>. Each further delay doubles it.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest backoff delay the client chooses itself; 30 seconds by default, from <see cref="BaseDelay"/> to <see cref="TolokaClientOptions.MaxTimerDelay"/>. A server's <c>Retry-After</c> may be longer, within <see cref="TotalBudget"/>.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// The most time one call may spend, waits between attempts included; 60 seconds by default.
        /// When the next wait would end past it (a daily limit's <c>Retry-After</c>, say), the client
        /// gives up at once and throws the last answer. From zero to <see cref="TolokaClientOptions.MaxTimerDelay"/>.
        /// </summary>
        public TimeSpan TotalBudget { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Whether backoff delays are randomised (between half and all of the computed delay) so many clients do not retry in step; true by default.</summary>
        public bool UseJitter { get; set; } = true;

        /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; <c>ParamName</c> is <paramref name="prefix"/> and the setting, such as <c>Retry.MaxAttempts</c>.</exception>
        internal void Validate(string prefix)
        {
            if (MaxAttempts < 1)
            {
                throw new ArgumentOutOfRangeException(prefix + "." + nameof(MaxAttempts), MaxAttempts, "TolokaRetryOptions.MaxAttempts must be at least 1 (1 turns retries off).");
            }

            TolokaClientOptions.CheckDelay(BaseDelay, prefix + "." + nameof(BaseDelay), "TolokaRetryOptions.BaseDelay", allowZero: true);
            TolokaClientOptions.CheckDelay(MaxDelay, prefix + "." + nameof(MaxDelay), "TolokaRetryOptions.MaxDelay", allowZero: true);
            TolokaClientOptions.CheckDelay(TotalBudget, prefix + "." + nameof(TotalBudget), "TolokaRetryOptions.TotalBudget", allowZero: true);
            if (MaxDelay < BaseDelay)
            {
                throw new ArgumentOutOfRangeException(prefix + "." + nameof(MaxDelay), MaxDelay, "TolokaRetryOptions.MaxDelay must be at least BaseDelay (" + BaseDelay + ").");
            }
        }
    }
}

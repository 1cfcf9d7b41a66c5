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
        /// <summary>How many times one call may send its request in all, the first time included; 4 by default. 1 turns retries off.</summary>
        public int MaxAttempts { get; set; } = 4;

        /// <summary>The first backoff delay when the server gives no <c>Retry-After</c>; 1 second by default. Each further delay doubles it.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest backoff delay the client chooses itself; 30 seconds by default. A server's <c>Retry-After</c> may be longer, within <see cref="TotalBudget"/>.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// The most time one call may spend, waits between attempts included; 60 seconds by default.
        /// When the next wait would end past it (a daily limit's <c>Retry-After</c>, say), the client
        /// gives up at once and throws the last answer.
        /// </summary>
        public TimeSpan TotalBudget { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Whether backoff delays are randomised (between half and all of the computed delay) so many clients do not retry in step; true by default.</summary>
        public bool UseJitter { get; set; } = true;

        internal void Validate()
        {
            if (MaxAttempts < 1)
            {
                throw new ArgumentException("TolokaRetryOptions.MaxAttempts must be at least 1.", "options");
            }

            if (BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero || TotalBudget < TimeSpan.Zero)
            {
                throw new ArgumentException("TolokaRetryOptions delays and budget must not be negative.", "options");
            }
        }
    }
}

using System;

namespace Toloka.Generated
{
    /// <summary>
    /// Every setting of a <see cref="TolokaClient"/> in one place: environment, network timeout,
    /// retries, pacing, polling and the clock. The client copies them when it is built, so later
    /// changes to this object do not affect a client already built.
    /// </summary>
    public sealed class TolokaClientOptions
    {
        /// <summary>Where requests go; <see cref="TolokaEnvironment.Production"/> by default.</summary>
        public TolokaEnvironment Environment { get; set; } = TolokaEnvironment.Production;

        /// <summary>
        /// How long one attempt may wait for Toloka's answer before it counts as a transport failure;
        /// 100 seconds by default. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> turns it off.
        /// </summary>
        public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>The clock used for timeouts and for <c>Retry-After</c> dates; <see cref="TimeProvider.System"/> by default. Tests pass a fake one.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>When and how failed requests are repeated (429/503 always; dropped connections and 5xx only for operations the spec marks safe).</summary>
        public TolokaRetryOptions Retry { get; set; } = new TolokaRetryOptions();

        /// <summary>How operations are polled while waiting for them to finish.</summary>
        public TolokaPollingOptions Polling { get; set; } = new TolokaPollingOptions();

        /// <summary>
        /// When true, requests of an operation for which the spec declares a per-minute limit
        /// (<c>x-toloka-rate-limit-per-minute</c>, 20 for pool clone) are spaced evenly so a bulk loop
        /// stays under it instead of provoking 429s. Off by default.
        /// </summary>
        public bool PaceRequests { get; set; }

        /// <summary>
        /// Builds the <see cref="System.Threading.RateLimiting.RateLimiter"/> that paces one
        /// rate-limited operation, from what the spec says of it; called once per operation and
        /// client. Return the same limiter from several clients (or one backed by a store every
        /// process of the account reaches) to make them keep one pace; return null to leave an
        /// operation unpaced. When set, pacing is on whatever <see cref="PaceRequests"/> says; when
        /// null, <see cref="PaceRequests"/> uses a <see cref="TolokaPacingRateLimiter"/> shared by the
        /// process's clients of the same account.
        /// </summary>
        public Func<TolokaRateLimit, System.Threading.RateLimiting.RateLimiter?>? RateLimiterFactory { get; set; }

        /// <summary>A validated copy, so a client is not changed by later edits to the options it was built with.</summary>
        internal TolokaClientOptions Snapshot()
        {
            Validate();
            return new TolokaClientOptions
            {
                Environment = Environment,
                NetworkTimeout = NetworkTimeout,
                TimeProvider = TimeProvider,
                PaceRequests = PaceRequests,
                RateLimiterFactory = RateLimiterFactory,
                Retry = new TolokaRetryOptions
                {
                    MaxAttempts = Retry.MaxAttempts,
                    BaseDelay = Retry.BaseDelay,
                    MaxDelay = Retry.MaxDelay,
                    TotalBudget = Retry.TotalBudget,
                    UseJitter = Retry.UseJitter,
                },
                Polling = new TolokaPollingOptions
                {
                    InitialInterval = Polling.InitialInterval,
                    MaxInterval = Polling.MaxInterval,
                    BackoffFactor = Polling.BackoffFactor,
                    Timeout = Polling.Timeout,
                },
            };
        }

        internal void Validate()
        {
            if (Retry is null || Polling is null)
            {
                throw new ArgumentException("TolokaClientOptions.Retry and Polling must not be null.", "options");
            }

            Retry.Validate();
            Polling.Validate("options");
            if (Environment is null)
            {
                throw new ArgumentException("TolokaClientOptions.Environment must not be null.", "options");
            }

            if (TimeProvider is null)
            {
                throw new ArgumentException("TolokaClientOptions.TimeProvider must not be null.", "options");
            }

            if (NetworkTimeout <= TimeSpan.Zero && NetworkTimeout != System.Threading.Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentException("TolokaClientOptions.NetworkTimeout must be positive or Timeout.InfiniteTimeSpan.", "options");
            }
        }
    }
}

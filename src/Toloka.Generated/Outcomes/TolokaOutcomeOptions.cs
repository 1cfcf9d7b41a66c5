using System;

namespace Toloka.Generated
{
    /// <summary>How <see cref="TolokaOutcomeResolver"/> looks for the operation a lost request would have started.</summary>
    public sealed class TolokaOutcomeOptions
    {
        /// <summary>
        /// How long, from the start of the search, an operation that is not listed yet is waited for before
        /// the request counts as not acted on; 60 seconds by default (Toloka lists operations with a delay,
        /// and Toloka-Kit allows a minute for it). Must be at least zero; the list is always searched once.
        /// </summary>
        public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>How long to wait between searches while the operation is not listed; 2 seconds by default. Must be positive.</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>
        /// How far before the request's send time operations are searched, for a difference between the
        /// client's and Toloka's clocks; 30 seconds by default. Must be at least zero.
        /// </summary>
        public TimeSpan ClockSkewMargin { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The most operations one search reads (of the type, submitted in the window) before it gives up as unknown; 10 000 by default.</summary>
        public int MaxOperationsSearched { get; set; } = 10_000;

        internal TolokaOutcomeOptions Validated()
        {
            TolokaClientOptions.CheckDelay(SettleTime, nameof(SettleTime), "TolokaOutcomeOptions.SettleTime", allowZero: true);
            TolokaClientOptions.CheckDelay(PollInterval, nameof(PollInterval), "TolokaOutcomeOptions.PollInterval", allowZero: false);
            TolokaClientOptions.CheckDelay(ClockSkewMargin, nameof(ClockSkewMargin), "TolokaOutcomeOptions.ClockSkewMargin", allowZero: true);
            if (MaxOperationsSearched < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxOperationsSearched), MaxOperationsSearched, "TolokaOutcomeOptions.MaxOperationsSearched must be at least 1.");
            }

            return new TolokaOutcomeOptions
            {
                SettleTime = SettleTime,
                PollInterval = PollInterval,
                ClockSkewMargin = ClockSkewMargin,
                MaxOperationsSearched = MaxOperationsSearched,
            };
        }
    }
}

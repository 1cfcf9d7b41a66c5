using System;

namespace Toloka.Generated
{
    /// <summary>
    /// How <see cref="ITolokaClient.WaitForCompletionAsync(string, IProgress{Operation}, TolokaPollingOptions, System.Threading.CancellationToken)"/>
    /// polls an operation: it starts at <see cref="InitialInterval"/>, multiplies the interval by
    /// <see cref="BackoffFactor"/> after each poll up to <see cref="MaxInterval"/>, waits longer when
    /// the server sends <c>Retry-After</c>, and gives up after <see cref="Timeout"/>.
    /// </summary>
    public sealed class TolokaPollingOptions
    {
        /// <summary>The wait before the first poll; 1 second by default, from zero to <see cref="TolokaClientOptions.MaxTimerDelay"/>.</summary>
        public TimeSpan InitialInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest wait between two polls; 60 seconds by default, from <see cref="InitialInterval"/> to <see cref="TolokaClientOptions.MaxTimerDelay"/>, so an operation is seen finished at most this long after it ends.</summary>
        public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>The largest <see cref="BackoffFactor"/> allowed.</summary>
        public const double MaxBackoffFactor = 100;

        /// <summary>What each wait is multiplied by for the next one; 2 by default, from 1 to <see cref="MaxBackoffFactor"/>. 1 polls at a fixed interval.</summary>
        public double BackoffFactor { get; set; } = 2;

        /// <summary>How long to wait in all before <see cref="TolokaOperationTimeoutException"/>; 30 minutes by default. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits for ever.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; <c>ParamName</c> is <paramref name="prefix"/> and the setting, such as <c>polling.BackoffFactor</c>.</exception>
        internal void Validate(string prefix)
        {
            TolokaClientOptions.CheckDelay(InitialInterval, prefix + "." + nameof(InitialInterval), "TolokaPollingOptions.InitialInterval", allowZero: true);
            TolokaClientOptions.CheckDelay(MaxInterval, prefix + "." + nameof(MaxInterval), "TolokaPollingOptions.MaxInterval", allowZero: true);
            if (MaxInterval < InitialInterval)
            {
                throw new ArgumentOutOfRangeException(prefix + "." + nameof(MaxInterval), MaxInterval, "TolokaPollingOptions.MaxInterval must be at least InitialInterval (" + InitialInterval + ").");
            }

            if (double.IsNaN(BackoffFactor) || double.IsInfinity(BackoffFactor) || BackoffFactor < 1 || BackoffFactor > MaxBackoffFactor)
            {
                throw new ArgumentOutOfRangeException(prefix + "." + nameof(BackoffFactor), BackoffFactor, "TolokaPollingOptions.BackoffFactor must be a number from 1 to " + MaxBackoffFactor + ".");
            }

            if (Timeout != System.Threading.Timeout.InfiniteTimeSpan && Timeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(prefix + "." + nameof(Timeout), Timeout, "TolokaPollingOptions.Timeout must be positive or Timeout.InfiniteTimeSpan.");
            }
        }
    }
}

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
        /// <summary>The wait before the first poll; 1 second by default.</summary>
        public TimeSpan InitialInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest wait between two polls; 60 seconds by default, so an operation is seen finished at most this long after it ends.</summary>
        public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>What each wait is multiplied by for the next one; 2 by default. 1 polls at a fixed interval.</summary>
        public double BackoffFactor { get; set; } = 2;

        /// <summary>How long to wait in all before <see cref="TolokaOperationTimeoutException"/>; 30 minutes by default. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits for ever.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

        internal void Validate(string parameterName)
        {
            if (InitialInterval < TimeSpan.Zero || MaxInterval < InitialInterval)
            {
                throw new ArgumentException("TolokaPollingOptions needs 0 <= InitialInterval <= MaxInterval.", parameterName);
            }

            if (double.IsNaN(BackoffFactor) || BackoffFactor < 1)
            {
                throw new ArgumentException("TolokaPollingOptions.BackoffFactor must be at least 1.", parameterName);
            }

            if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentException("TolokaPollingOptions.Timeout must be positive or Timeout.InfiniteTimeSpan.", parameterName);
            }
        }
    }
}

using System;

namespace Toloka.Generated
{
    /// <summary>
    /// Every setting of a <see cref="TolokaClient"/> in one place: environment, network timeout and
    /// the clock. The client reads them once, when it is built.
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

        internal void Validate()
        {
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

using System;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>Waits on the client's <see cref="TimeProvider"/>, so tests can run waits in simulated time.</summary>
    internal static class TolokaClock
    {
        internal static Task Delay(TimeProvider timeProvider, TimeSpan delay, CancellationToken cancellationToken)
        {
            if (delay <= TimeSpan.Zero)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return Task.CompletedTask;
            }

#if NET8_0_OR_GREATER
            return Task.Delay(delay, timeProvider, cancellationToken);
#else
            return timeProvider.Delay(delay, cancellationToken);
#endif
        }
    }
}

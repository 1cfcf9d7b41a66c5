using System;

namespace Toloka.Generated
{
    /// <summary>
    /// Start marks and elapsed time on the client's <see cref="TimeProvider"/>, for the retry budget and
    /// the attempt timeout. On the system clock a mark is the millisecond tick count: reading the
    /// high-resolution timestamp costs tens of nanoseconds on a virtual machine, a measurable share
    /// of a whole call, and neither limit needs better than a few milliseconds. A simulated clock's
    /// own timestamps are used as they are, so tests see exact time.
    /// </summary>
    internal static class TolokaElapsed
    {
        internal static long Mark(TimeProvider time)
        {
#if NET5_0_OR_GREATER
            if (ReferenceEquals(time, TimeProvider.System))
            {
                return Environment.TickCount64;
            }
#endif
            return time.GetTimestamp();
        }

        internal static TimeSpan Since(TimeProvider time, long mark)
        {
#if NET5_0_OR_GREATER
            if (ReferenceEquals(time, TimeProvider.System))
            {
                return TimeSpan.FromMilliseconds(Environment.TickCount64 - mark);
            }
#endif
            return time.GetElapsedTime(mark);
        }
    }
}

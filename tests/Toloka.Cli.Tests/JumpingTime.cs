using System;
using System.Threading;

namespace Toloka.Cli.Tests
{
    /// <summary>
    /// Simulated time that jumps: a wait shorter than 90 s moves the clock on by that much and ends at
    /// once, so a run that paces itself for minutes takes milliseconds. Longer timers (the client's
    /// 100 s network timeout) never fire.
    /// </summary>
    internal sealed class JumpingTime : TimeProvider
    {
        private long _ticks = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero).UtcTicks;

        public DateTimeOffset Start { get; } = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime >= TimeSpan.Zero && dueTime < TimeSpan.FromSeconds(90))
            {
                Interlocked.Add(ref _ticks, dueTime.Ticks);
                ThreadPool.QueueUserWorkItem(_ => callback(state));
            }

            return new Inert();
        }

        private sealed class Inert : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public System.Threading.Tasks.ValueTask DisposeAsync() => default;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Toloka.Generated.Benchmarks
{
    /// <summary>
    /// Simulated time that moves only when the code under measure is waiting: it knows every armed
    /// timer and jumps straight to the earliest one. Unlike stepping a FakeTimeProvider by a fixed
    /// amount, the result does not depend on how quickly the machine runs continuations, so the
    /// figures are exact. Use it with an infinite NetworkTimeout: a timeout timer armed during an
    /// in-flight call would otherwise be jumped to.
    /// </summary>
    public sealed class JumpingClock : TimeProvider
    {
        private readonly FakeTimeProvider _inner;
        private readonly object _gate = new();
        private readonly List<ArmedTimer> _armed = new();

        public JumpingClock(DateTimeOffset start) => _inner = new FakeTimeProvider(start);

        public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

        public override long GetTimestamp() => _inner.GetTimestamp();

        public override long TimestampFrequency => _inner.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ArmedTimer(this);
            timer.Inner = _inner.CreateTimer(
                s =>
                {
                    timer.Fired();
                    callback(s);
                },
                state,
                dueTime,
                period);
            timer.Arm(dueTime, period);
            return timer;
        }

        /// <summary>Runs <paramref name="task"/> to its end, jumping to each timer it waits on; at most <paramref name="limit"/> of simulated time.</summary>
        public async Task RunAsync(Task task, TimeSpan limit)
        {
            var end = GetUtcNow() + limit;
            var idle = Stopwatch.StartNew();
            while (!task.IsCompleted)
            {
                DateTimeOffset? next = null;
                lock (_gate)
                {
                    foreach (var armed in _armed)
                    {
                        next = next is null || armed.Due < next ? armed.Due : next;
                    }
                }

                if (next is { } due && due <= end)
                {
                    var step = due - GetUtcNow();
                    _inner.Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
                    idle.Restart();
                    continue;
                }

                if (next is { } && next > end || idle.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException("The measured work did not finish within " + limit + " of simulated time.");
                }

                // Nothing armed: the work is running, not waiting. Let it.
                await Task.Delay(1).ConfigureAwait(false);
            }

            await task.ConfigureAwait(false);
        }

        private sealed class ArmedTimer(JumpingClock clock) : ITimer
        {
            private TimeSpan _period = Timeout.InfiniteTimeSpan;

            public ITimer Inner { get; set; } = null!;

            public DateTimeOffset Due { get; private set; }

            public void Arm(TimeSpan dueTime, TimeSpan period)
            {
                lock (clock._gate)
                {
                    clock._armed.Remove(this);
                    _period = period;
                    if (dueTime != Timeout.InfiniteTimeSpan)
                    {
                        Due = clock.GetUtcNow() + dueTime;
                        clock._armed.Add(this);
                    }
                }
            }

            public void Fired()
            {
                lock (clock._gate)
                {
                    clock._armed.Remove(this);
                    if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
                    {
                        Due = clock.GetUtcNow() + _period;
                        clock._armed.Add(this);
                    }
                }
            }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                Arm(dueTime, period);
                return Inner.Change(dueTime, period);
            }

            public void Dispose()
            {
                lock (clock._gate)
                {
                    clock._armed.Remove(this);
                }

                Inner.Dispose();
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Toloka.Generated.TestSupport
{
    /// <summary>
    /// Simulated time that jumps to the next armed timer: a <see cref="FakeTimeProvider"/> whose timers
    /// are tracked, so a driver can move the clock straight to the earliest one. Retries, Retry-After
    /// waits, polls and network timeouts then take no wall-clock time, and a call that would wait
    /// forever shows up as "no timer left" or as simulated time past a limit instead of a hung test.
    /// Three ways to drive it: <see cref="Run{T}"/> jumps whenever the call under test is idle (nothing
    /// changed for a moment; the resilience suites and the fuzz harness); <see cref="RunAsync"/> jumps
    /// as soon as a timer is armed (the benchmarks: use it with an infinite NetworkTimeout, or a timeout
    /// armed during an in-flight call is jumped to); <see cref="JumpingOnArm"/> needs no driver at all,
    /// for code that runs as a whole program (the CLI).
    /// </summary>
    internal sealed class JumpingClock : TimeProvider
    {
        /// <summary>Where a clock made without a start begins: the same instant as <see cref="SimulatedTime.Start"/>.</summary>
        public static readonly DateTimeOffset Start = SimulatedTime.Start;

        /// <summary>How a <see cref="TimeoutException"/> from <see cref="Run{T}"/> starts when the clock, not the call, is stuck.</summary>
        public const string Wedged = "clock wedged:";

        private readonly FakeTimeProvider _fake;
        private readonly DateTimeOffset _start;
        private readonly TimeSpan _jumpOnArmBelow;
        private readonly object _gate = new();
        private readonly HashSet<TrackedTimer> _armed = new();
        private static int _timerCallbackFailures;
        private long _activity;
        private int _busy;

        /// <summary>A clock at <see cref="Start"/>.</summary>
        public JumpingClock()
            : this(Start)
        {
        }

        /// <summary>A clock at <paramref name="start"/>.</summary>
        public JumpingClock(DateTimeOffset start)
            : this(start, TimeSpan.Zero)
        {
        }

        private JumpingClock(DateTimeOffset start, TimeSpan jumpOnArmBelow)
        {
            _start = start;
            _fake = new FakeTimeProvider(start);
            _jumpOnArmBelow = jumpOnArmBelow;
        }

        /// <summary>
        /// A clock that moves without a driver: a timer due in less than <paramref name="horizon"/> moves
        /// the clock on by its due time when it is armed and fires once, at once, on the thread pool, so
        /// a run that paces itself for minutes takes milliseconds. Longer timers (a client's 100 s network
        /// timeout) never fire, and nothing is tracked for <see cref="Run{T}"/> or <see cref="RunAsync"/>.
        /// </summary>
        public static JumpingClock JumpingOnArm(DateTimeOffset start, TimeSpan horizon) => new(start, horizon);

        /// <summary>How many timer callbacks of the code under test threw, over all clocks.</summary>
        public static int TimerCallbackFailures => Volatile.Read(ref _timerCallbackFailures);

        public static string? LastTimerCallbackFailure { get; private set; }

        public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

        public override long GetTimestamp() => _fake.GetTimestamp();

        public override long TimestampFrequency => _fake.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

        /// <summary>Simulated time since the clock's start.</summary>
        public TimeSpan Elapsed => _fake.GetUtcNow() - _start;

        /// <summary>Marks that the code under test did something, so the clock does not move under it.</summary>
        public void Touch() => Interlocked.Increment(ref _activity);

        /// <summary>
        /// Marks the start of work that must not see time jump (the scripted server is producing an answer),
        /// so a thread that was merely descheduled is not mistaken for one waiting on a timer.
        /// </summary>
        public void BeginWork()
        {
            Interlocked.Increment(ref _busy);
            Touch();
        }

        /// <summary>Ends what <see cref="BeginWork"/> started.</summary>
        public void EndWork()
        {
            Interlocked.Decrement(ref _busy);
            Touch();
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (_jumpOnArmBelow > TimeSpan.Zero)
            {
                if (dueTime >= TimeSpan.Zero && dueTime < _jumpOnArmBelow)
                {
                    _fake.Advance(dueTime);
                    ThreadPool.QueueUserWorkItem(_ => callback(state));
                }

                return new InertTimer();
            }

            var timer = new TrackedTimer(this);
            timer.Arm(dueTime, period);
            timer.Inner = _fake.CreateTimer(
                s =>
                {
                    timer.Fired();
                    callback(s);
                },
                state,
                dueTime,
                period);
            return timer;
        }

        /// <summary>
        /// Starts <paramref name="call"/> and drives simulated time until it ends. Throws
        /// <see cref="TimeoutException"/> when the call is still running after <paramref name="limit"/> of
        /// simulated time, or sits idle with no timer armed for 3 real seconds, or runs 20 real seconds (it could only hang).
        /// </summary>
        public T Run<T>(Func<Task<T>> call, TimeSpan limit)
        {
            var task = Task.Run(call);
            var end = _start + limit;
            var idleSince = Stopwatch.StartNew();
            var spin = new SpinWait();
            var real = Stopwatch.StartNew();
            Stopwatch? pastDue = null;
            while (!task.IsCompleted)
            {
                if (NextDue() is { } due && due < _fake.GetUtcNow())
                {
                    // A timer the code armed is past due and FakeTimeProvider did not fire it: the
                    // simulated clock is stuck, not the call (an armed timer is a bounded wait).
                    pastDue ??= Stopwatch.StartNew();
                    if (pastDue.Elapsed > TimeSpan.FromSeconds(1))
                    {
                        throw new TimeoutException(Wedged + " timer due at +" + (due - _start) + " not fired at +" + Elapsed + ".");
                    }
                }
                else
                {
                    pastDue = null;
                }

                if (real.Elapsed > TimeSpan.FromSeconds(20))
                {

                    throw new TimeoutException("The call was still running after 20 s of real time (" + Elapsed + " simulated, next timer " + NextDue() + ").");
                }

                if (!WaitQuiet(task))
                {
                    idleSince.Restart();
                    continue;
                }

                var next = NextDue();
                if (next is null)
                {
                    // Far longer than any case needs (milliseconds), short enough to fail a hang fast.
                    if (idleSince.Elapsed > TimeSpan.FromSeconds(3))
                    {
                        throw new TimeoutException("The call sat idle for 3 s with no timer armed: it would hang.");
                    }

                    spin.SpinOnce();
                    continue;
                }

                if (next.Value > end)
                {
                    throw new TimeoutException("The call was still running after " + limit + " of simulated time (next timer at +" + (next.Value - _start) + ").");
                }

                var step = next.Value - _fake.GetUtcNow();
                try
                {
                    // A timer due now is fired by the smallest step: Advance(TimeSpan.Zero) wakes nothing.
                    _fake.Advance(step > TimeSpan.Zero ? step : TimeSpan.FromTicks(1));
                }
                catch (Exception exception)
                {
                    // A timer callback threw. On the system clock that exception would be unhandled on a
                    // pool thread; here it is kept for the suite to report (see TimerCallbackFailures).
                    Interlocked.Increment(ref _timerCallbackFailures);
                    LastTimerCallbackFailure = exception.GetType().Name + ": " + exception.Message;
                }
                idleSince.Restart();
            }

            return task.GetAwaiter().GetResult();
        }

        /// <summary>
        /// Runs <paramref name="task"/> to its end, jumping to each timer as soon as one is armed; at most
        /// <paramref name="limit"/> of simulated time. Unlike stepping by a fixed amount, the result does not
        /// depend on how quickly the machine runs continuations, so benchmark figures are exact.
        /// </summary>
        /// <exception cref="TimeoutException">The next timer is past the limit, or nothing was armed for 30 s of real time.</exception>
        public async Task RunAsync(Task task, TimeSpan limit)
        {
            var end = GetUtcNow() + limit;
            var idle = Stopwatch.StartNew();
            while (!task.IsCompleted)
            {
                var next = NextDue();
                if (next is { } due && due <= end)
                {
                    var step = due - GetUtcNow();
                    _fake.Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
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

        private bool WaitQuiet(Task task)
        {
            // Quiet: no timer armed or fired, no handler activity, for 100 microseconds of real time.
            var before = Interlocked.Read(ref _activity);
            var watch = Stopwatch.StartNew();
            var busyFor = Stopwatch.StartNew();
            while (Volatile.Read(ref _busy) > 0 && !task.IsCompleted && busyFor.Elapsed < TimeSpan.FromSeconds(2))
            {
                Thread.Yield();
            }

            before = Interlocked.Read(ref _activity);
            watch.Restart();
            while (watch.Elapsed < TimeSpan.FromTicks(1_000))
            {
                if (task.IsCompleted || Interlocked.Read(ref _activity) != before)
                {
                    return false;
                }

                Thread.Yield();
            }

            return !task.IsCompleted;
        }

        private DateTimeOffset? NextDue()
        {
            lock (_gate)
            {
                DateTimeOffset? next = null;
                foreach (var timer in _armed)
                {
                    if (next is null || timer.Due < next)
                    {
                        next = timer.Due;
                    }
                }

                return next;
            }
        }

        private sealed class TrackedTimer : ITimer
        {
            private readonly JumpingClock _clock;
            private TimeSpan _period = Timeout.InfiniteTimeSpan;

            public TrackedTimer(JumpingClock clock)
            {
                _clock = clock;
            }

            public ITimer? Inner { get; set; }

            public DateTimeOffset Due { get; private set; }

            public void Arm(TimeSpan dueTime, TimeSpan period)
            {
                lock (_clock._gate)
                {
                    _period = period;
                    if (dueTime == Timeout.InfiniteTimeSpan)
                    {
                        _clock._armed.Remove(this);
                    }
                    else
                    {
                        Due = _clock.GetUtcNow() + dueTime;
                        _clock._armed.Add(this);
                    }
                }

                _clock.Touch();
            }

            public void Fired()
            {
                lock (_clock._gate)
                {
                    if (_period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero)
                    {
                        _clock._armed.Remove(this);
                    }
                    else
                    {
                        Due = _clock.GetUtcNow() + _period;
                    }
                }

                _clock.Touch();
            }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                Arm(dueTime, period);
                return Inner!.Change(dueTime, period);
            }

            public void Dispose()
            {
                lock (_clock._gate)
                {
                    _clock._armed.Remove(this);
                }

                _clock.Touch();
                Inner?.Dispose();
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }

        private sealed class InertTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => default;
        }
    }
}

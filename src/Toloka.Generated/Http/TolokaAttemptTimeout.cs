using System;
using System.Threading;

namespace Toloka.Generated
{
    /// <summary>
    /// The cancellation that bounds one attempt: fires when <see cref="TolokaClientOptions.NetworkTimeout"/>
    /// has passed on the client's <see cref="TimeProvider"/>, or when the caller cancels. A pipeline
    /// keeps a few idle ones and reuses them (a source and a timer per attempt were most of what a
    /// successful call allocated), so an attempt that ends in time costs no allocation. On the system
    /// clock an idle timer is left armed rather than disarmed and re-armed for every attempt (the two
    /// timer changes cost more than the rest of the attempt's bookkeeping): when it fires it only
    /// re-arms for the current attempt's deadline, or stops if there is none. A simulated clock's
    /// timers are disarmed at once, so a test clock never sees a timer the call no longer needs.
    /// </summary>
    internal sealed class TolokaAttemptTimeout : IDisposable
    {
        private const long Idle = 0;
        private const long Active = 1;
        private const long Fired = 2;
        private const long PhaseMask = 3;

        private readonly CancellationTokenSource _source = new CancellationTokenSource();
        private readonly TimeProvider _time;
        private readonly TimeSpan _timeout;
        private readonly ITimer? _timer;
        private readonly bool _leaveArmed;

        // The attempt's number (times four) plus its phase: a timer tick acts only on the attempt it read,
        // so a late tick of one attempt can never cancel the next one that reuses this.
        private long _state;
        private long _startedAt;
        private int _armed;
        private CancellationTokenRegistration _callerLink;

        internal TolokaAttemptTimeout(TimeProvider time, TimeSpan timeout)
        {
            _time = time;
            _timeout = timeout;
            if (timeout != Timeout.InfiniteTimeSpan)
            {
                _timer = time.CreateTimer(static state => ((TolokaAttemptTimeout)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _leaveArmed = ReferenceEquals(time, TimeProvider.System);
            }
        }

        /// <summary>True when it bounds attempts on this clock with this timeout, so any client with them can use it.</summary>
        internal bool Fits(TimeProvider time, TimeSpan timeout) => ReferenceEquals(_time, time) && _timeout == timeout;

        internal CancellationToken Token => _source.Token;

        internal bool IsCancellationRequested => _source.IsCancellationRequested;

        /// <summary>Arms the timeout for a new attempt that started at <paramref name="startedAt"/> (a <see cref="TolokaElapsed.Mark"/>), linked to the caller's token.</summary>
        internal void Start(long startedAt, CancellationToken callerCancellation)
        {
            if (callerCancellation.CanBeCanceled)
            {
#if NET6_0_OR_GREATER
                _callerLink = callerCancellation.UnsafeRegister(static state => ((TolokaAttemptTimeout)state!).Cancel(), this);
#else
                _callerLink = callerCancellation.Register(static state => ((TolokaAttemptTimeout)state!).Cancel(), this);
#endif
            }

            if (_timer is null)
            {
                return;
            }

            Volatile.Write(ref _startedAt, startedAt);
            // Idle here, so no timer tick can change the state under this write; the exchange below fences it.
            var attempt = (Volatile.Read(ref _state) & ~PhaseMask) + 4;
            Volatile.Write(ref _state, attempt | Active);
            if (Interlocked.Exchange(ref _armed, 1) == 0)
            {
                _timer.Change(_timeout, Timeout.InfiniteTimeSpan);
            }
        }

        /// <summary>
        /// Ends the attempt; true when this can serve another attempt, false when it fired (or cannot
        /// be reset) and must be disposed instead.
        /// </summary>
        internal bool TryStop()
        {
            _callerLink.Dispose();
            _callerLink = default;
            if (_timer is not null)
            {
                var state = Volatile.Read(ref _state);
                if ((state & PhaseMask) != Active || Interlocked.CompareExchange(ref _state, (state & ~PhaseMask) | Idle, state) != state)
                {
                    return false;
                }

                if (!_leaveArmed && Interlocked.Exchange(ref _armed, 0) == 1)
                {
                    _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                }
            }

#if NET6_0_OR_GREATER
            return _source.TryReset();
#else
            return !_source.IsCancellationRequested;
#endif
        }

        private void OnTimer()
        {
            // A tick can arrive late, after this attempt ended and another began, or early by the
            // timer's coarser clock: only the current attempt's own deadline, reached, cancels.
            Interlocked.Exchange(ref _armed, 0);
            var state = Volatile.Read(ref _state);
            if ((state & PhaseMask) != Active)
            {
                return;
            }

            var remaining = _timeout - TolokaElapsed.Since(_time, Volatile.Read(ref _startedAt));
            if (remaining <= TimeSpan.Zero)
            {
                if (Interlocked.CompareExchange(ref _state, (state & ~PhaseMask) | Fired, state) == state)
                {
                    Cancel();
                }

                return;
            }

            if (Interlocked.Exchange(ref _armed, 1) == 0)
            {
                try
                {
                    _timer!.Change(remaining, Timeout.InfiniteTimeSpan);
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }

        private void Cancel()
        {
            // The timer or the caller can fire just as the pipeline disposes this; on a thread-pool
            // thread an exception here would end the process.
            try
            {
                _source.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public void Dispose()
        {
            _callerLink.Dispose();
            _timer?.Dispose();
            _source.Dispose();
        }
    }
}

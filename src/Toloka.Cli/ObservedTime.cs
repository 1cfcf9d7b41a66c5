using System;
using System.Threading;

namespace Toloka.Cli
{
    /// <summary>
    /// The client's clock, watched: every wait the client starts (pacing, a Retry-After, the next poll)
    /// is a timer, so the progress bar can say what the command is waiting for without reaching into
    /// the client. The listener flows with the async work of one id, so ids running side by side each
    /// hear only their own waits.
    /// </summary>
    internal sealed class ObservedTime : TimeProvider
    {
        private readonly TimeProvider _inner;
        private readonly TimeSpan _networkTimeout;
        private readonly AsyncLocal<Action<TimeSpan>?> _listener = new();

        public ObservedTime(TimeProvider inner, TimeSpan networkTimeout)
        {
            _inner = inner;
            _networkTimeout = networkTimeout;
        }

        public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

        public override long TimestampFrequency => _inner.TimestampFrequency;

        /// <summary>Sets the listener for the calling async flow (one id's work) and what it starts.</summary>
        public void Listen(Action<TimeSpan>? listener) => _listener.Value = listener;

        public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

        public override long GetTimestamp() => _inner.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            // The per-request network timeout is a timer too, but nobody waits for it to fire.
            if (dueTime >= TimeSpan.FromMilliseconds(200) && dueTime != Timeout.InfiniteTimeSpan && dueTime != _networkTimeout)
            {
                _listener.Value?.Invoke(dueTime);
            }

            return _inner.CreateTimer(callback, state, dueTime, period);
        }
    }
}

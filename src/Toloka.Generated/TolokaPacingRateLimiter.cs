using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// A <see cref="RateLimiter"/> that spaces permits evenly, one every 60 s / limit, on a
    /// <see cref="TimeProvider"/> (so it runs in simulated time in tests), and never grants more than the
    /// limit within a minute plus <see cref="WindowMargin"/>. The client's default pacing
    /// uses one per operation and account; share one instance between clients through
    /// <see cref="TolokaClientOptions.RateLimiterFactory"/> to make them keep one pace.
    /// </summary>
    /// <remarks>
    /// Why the margin: Toloka counts a request when it arrives, and a permit is granted before its request
    /// leaves. A process's first request is the slowest to arrive (a connection to open, code to compile),
    /// so with permits exactly 60 s / limit apart the permit one limit later can arrive within the same
    /// minute as Toloka saw the first and be refused with <c>429</c>. The permit that would be the
    /// (limit + 1)-th within a minute of an earlier one waits until the minute plus the margin has passed
    /// (for 20 a minute: the 21st permit at 62 s instead of 60 s, the next ones 3 s apart again).
    /// </remarks>
    public sealed class TolokaPacingRateLimiter : RateLimiter
    {
        private readonly TimeProvider _time;
        private readonly TimeSpan _spacing;
        private readonly object _gate = new object();
        private readonly TimeSpan _window;
        private DateTimeOffset _nextSlot = DateTimeOffset.MinValue;

        // The slots of the last RequestsPerMinute grants, oldest at _recentNext once the ring is full.
        private readonly long[] _recent;
        private int _recentNext;
        private bool _recentFull;
        private long _queued;
        private long _successful;
        private long _failed;
        private bool _disposed;

        /// <summary>The margin the limiter adds to a minute when no margin is given: 2 seconds.</summary>
        public static readonly TimeSpan DefaultWindowMargin = TimeSpan.FromSeconds(2);

        /// <summary>Creates a limiter for <paramref name="requestsPerMinute"/> permits a minute, with <see cref="DefaultWindowMargin"/>.</summary>
        /// <param name="requestsPerMinute">The limit; at least 1 and at most 60,000.</param>
        /// <param name="timeProvider">The clock to wait on; <see cref="TimeProvider.System"/> when null.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="requestsPerMinute"/> is below 1 or above 60,000.</exception>
        public TolokaPacingRateLimiter(int requestsPerMinute, TimeProvider? timeProvider = null)
            : this(requestsPerMinute, DefaultWindowMargin, timeProvider)
        {
        }

        /// <summary>Creates a limiter for <paramref name="requestsPerMinute"/> permits a minute plus <paramref name="windowMargin"/>.</summary>
        /// <param name="requestsPerMinute">The limit; at least 1 and at most 60,000.</param>
        /// <param name="windowMargin">How much longer than a minute the limiter keeps a permit counted; zero to one minute.</param>
        /// <param name="timeProvider">The clock to wait on; <see cref="TimeProvider.System"/> when null.</param>
        /// <exception cref="ArgumentOutOfRangeException">
        /// <paramref name="requestsPerMinute"/> is below 1 or above 60,000, or <paramref name="windowMargin"/> is negative or over a minute.
        /// </exception>
        public TolokaPacingRateLimiter(int requestsPerMinute, TimeSpan windowMargin, TimeProvider? timeProvider = null)
        {
            if (requestsPerMinute < 1 || requestsPerMinute > 60_000)
            {
                throw new ArgumentOutOfRangeException(nameof(requestsPerMinute), requestsPerMinute, "The limit must be between 1 and 60,000 requests a minute.");
            }

            if (windowMargin < TimeSpan.Zero || windowMargin > TimeSpan.FromMinutes(1))
            {
                throw new ArgumentOutOfRangeException(nameof(windowMargin), windowMargin, "The window margin must be between zero and one minute.");
            }

            _time = timeProvider ?? TimeProvider.System;
            _spacing = Spacing(requestsPerMinute);
            _window = TimeSpan.FromMinutes(1) + windowMargin;
            _recent = new long[requestsPerMinute];
            RequestsPerMinute = requestsPerMinute;
            WindowMargin = windowMargin;
        }

        /// <summary>The limit this limiter keeps.</summary>
        public int RequestsPerMinute { get; }

        /// <summary>How much longer than a minute a granted permit counts against the limit.</summary>
        public TimeSpan WindowMargin { get; }

        /// <inheritdoc />
        public override TimeSpan? IdleDuration
        {
            get
            {
                lock (_gate)
                {
                    var now = _time.GetUtcNow();
                    return _queued == 0 && now >= _nextSlot && _nextSlot != DateTimeOffset.MinValue ? now - _nextSlot : (TimeSpan?)null;
                }
            }
        }

        /// <inheritdoc />
        public override RateLimiterStatistics? GetStatistics()
        {
            lock (_gate)
            {
                return new RateLimiterStatistics
                {
                    CurrentAvailablePermits = _time.GetUtcNow() is var now && now >= EarliestSlot(now) ? 1 : 0,
                    CurrentQueuedCount = _queued,
                    TotalSuccessfulLeases = _successful,
                    TotalFailedLeases = _failed,
                };
            }
        }

        /// <inheritdoc />
        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            CheckPermitCount(permitCount);
            lock (_gate)
            {
                ThrowIfDisposed();
                var now = _time.GetUtcNow();
                var slot = EarliestSlot(now);
                if (permitCount == 0)
                {
                    return now >= slot ? TolokaPermitLease.Granted : TolokaPermitLease.Refused(slot - now);
                }

                if (now < slot)
                {
                    _failed++;
                    return TolokaPermitLease.Refused(slot - now);
                }

                Reserve(now, permitCount);
                _successful++;
                return TolokaPermitLease.Granted;
            }
        }

        /// <inheritdoc />
        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            CheckPermitCount(permitCount);
            TimeSpan wait;
            lock (_gate)
            {
                ThrowIfDisposed();
                var now = _time.GetUtcNow();
                var slot = EarliestSlot(now);

                // Reserve the slot now, so concurrent callers line up one spacing apart in call order.
                Reserve(slot, permitCount);
                wait = slot - now;
                _queued++;
            }

            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await TolokaClock.Delay(_time, wait, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                lock (_gate)
                {
                    _queued--;
                }
            }

            lock (_gate)
            {
                _successful++;
            }

            return TolokaPermitLease.Granted;
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            lock (_gate)
            {
                _disposed = true;
            }

            base.Dispose(disposing);
        }

        /// <summary>The earliest a permit can be granted: one spacing after the last, and a minute plus the margin after the grant one limit ago.</summary>
        private DateTimeOffset EarliestSlot(DateTimeOffset now)
        {
            var slot = _nextSlot > now ? _nextSlot : now;
            if (_recentFull)
            {
                var windowEnds = new DateTimeOffset(_recent[_recentNext], TimeSpan.Zero) + _window;
                if (windowEnds > slot)
                {
                    slot = windowEnds;
                }
            }

            return slot;
        }

        private void Reserve(DateTimeOffset slot, int permitCount)
        {
            _nextSlot = slot + Multiply(_spacing, permitCount);
            _recent[_recentNext] = slot.UtcTicks;
            _recentNext++;
            if (_recentNext == _recent.Length)
            {
                _recentNext = 0;
                _recentFull = true;
            }
        }

        /// <summary>The gap between two permits under a per-minute limit.</summary>
        internal static TimeSpan Spacing(int requestsPerMinute) => TimeSpan.FromTicks(TimeSpan.FromMinutes(1).Ticks / requestsPerMinute);

        private static TimeSpan Multiply(TimeSpan spacing, int permits) => TimeSpan.FromTicks(spacing.Ticks * Math.Max(permits, 1));

        private static void CheckPermitCount(int permitCount)
        {
            if (permitCount < 0 || permitCount > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "A pacing limiter hands out one permit at a time.");
            }
        }

        private void ThrowIfDisposed()
        {
#if NET7_0_OR_GREATER
            ObjectDisposedException.ThrowIf(_disposed, this);
#else
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(TolokaPacingRateLimiter));
            }
#endif
        }
    }
}

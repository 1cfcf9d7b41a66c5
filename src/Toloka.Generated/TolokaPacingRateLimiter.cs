using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// A <see cref="RateLimiter"/> that spaces permits evenly, one every 60 s / limit, on a
    /// <see cref="TimeProvider"/> (so it runs in simulated time in tests). The client's default pacing
    /// uses one per operation and account; share one instance between clients through
    /// <see cref="TolokaClientOptions.RateLimiterFactory"/> to make them keep one pace.
    /// </summary>
    public sealed class TolokaPacingRateLimiter : RateLimiter
    {
        private readonly TimeProvider _time;
        private readonly TimeSpan _spacing;
        private readonly object _gate = new object();
        private DateTimeOffset _nextSlot = DateTimeOffset.MinValue;
        private long _queued;
        private long _successful;
        private long _failed;
        private bool _disposed;

        /// <summary>Creates a limiter for <paramref name="requestsPerMinute"/> permits a minute.</summary>
        /// <param name="requestsPerMinute">The limit; at least 1 and at most 60,000.</param>
        /// <param name="timeProvider">The clock to wait on; <see cref="TimeProvider.System"/> when null.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="requestsPerMinute"/> is below 1 or above 60,000.</exception>
        public TolokaPacingRateLimiter(int requestsPerMinute, TimeProvider? timeProvider = null)
        {
            if (requestsPerMinute < 1 || requestsPerMinute > 60_000)
            {
                throw new ArgumentOutOfRangeException(nameof(requestsPerMinute), requestsPerMinute, "The limit must be between 1 and 60,000 requests a minute.");
            }

            _time = timeProvider ?? TimeProvider.System;
            _spacing = Spacing(requestsPerMinute);
            RequestsPerMinute = requestsPerMinute;
        }

        /// <summary>The limit this limiter keeps.</summary>
        public int RequestsPerMinute { get; }

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
                    CurrentAvailablePermits = _time.GetUtcNow() >= _nextSlot ? 1 : 0,
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
                if (permitCount == 0)
                {
                    return now >= _nextSlot ? TolokaPermitLease.Granted : TolokaPermitLease.Refused(_nextSlot - now);
                }

                if (now < _nextSlot)
                {
                    _failed++;
                    return TolokaPermitLease.Refused(_nextSlot - now);
                }

                _nextSlot = now + Multiply(_spacing, permitCount);
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
                var slot = _nextSlot > now ? _nextSlot : now;

                // Reserve the slot now, so concurrent callers line up one spacing apart in call order.
                _nextSlot = slot + Multiply(_spacing, permitCount);
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

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Toloka.Generated.Redis
{
    /// <summary>
    /// One operation's limits in Redis: RedisRateLimiting's sliding window for the minute and, when the
    /// spec declares one, another for the day. Refuses a call the minute's window is full for with the wait
    /// until its oldest call leaves it (the pacer waits that out and asks again); throws
    /// <see cref="TolokaQuotaExceededException"/> for a call past the day's quota, or while Toloka's own word
    /// that the quota is gone (<see cref="ITolokaQuotaListener"/>, kept under <see cref="DayClosedKey"/>) holds.
    /// </summary>
    internal sealed class TolokaRedisRateLimiter : RateLimiter, ITolokaQuotaListener
    {
        private static readonly TimeSpan MinuteWindow = TimeSpan.FromMinutes(1);
        private static readonly TimeSpan DayWindow = TimeSpan.FromDays(1);

        private readonly TolokaRedisPacing _pacing;
        private readonly TolokaRateLimit _limit;
        private readonly string _partition;
        private readonly TimeSpan _minuteWindow;
        private readonly TimeSpan _dayWindow;
        private readonly object _gate = new object();
        private RedisSlidingWindowRateLimiter<string>? _minute;
        private RedisSlidingWindowRateLimiter<string>? _day;
        private DateTimeOffset _dayClosedUntil = DateTimeOffset.MinValue;
        private long _successful;
        private long _failed;

        internal TolokaRedisRateLimiter(TolokaRedisPacing pacing, TolokaRateLimit limit, string partition)
        {
            _pacing = pacing;
            _limit = limit;
            _partition = partition;
            _minuteWindow = MinuteWindow + pacing.Options.WindowMargin;
            _dayWindow = DayWindow + pacing.Options.WindowMargin;
        }

        /// <summary>The Redis key of the minute's window (RedisRateLimiting's naming: <c>rl:sw:{partition}</c>).</summary>
        internal string MinuteKey => "rl:sw:{" + _partition + ":minute}";

        /// <summary>The Redis key of the day's window.</summary>
        internal string DayKey => "rl:sw:{" + _partition + ":day}";

        /// <summary>The Redis key holding, until it expires, when Toloka said the quota frees a call (Unix milliseconds).</summary>
        internal string DayClosedKey => "rl:closed:{" + _partition + ":day}";

        /// <inheritdoc />
        public override TimeSpan? IdleDuration => null;

        /// <summary>
        /// Toloka said the quota is gone until <paramref name="resetsAt"/>: this process refuses at once, and the
        /// word goes to Redis in the background (within the timeout; <see cref="TolokaRedisPacing"/> waits for it
        /// when disposed), so the account's other processes refuse before sending too.
        /// </summary>
        public void QuotaExhausted(DateTimeOffset resetsAt)
        {
            if (_day is null && _limit.RequestsPerDay <= 0)
            {
                return;
            }

            CloseDay(resetsAt);
            _pacing.Track(ShareClosedDayAsync(resetsAt));
        }

        /// <inheritdoc />
        public override RateLimiterStatistics? GetStatistics() => new RateLimiterStatistics
        {
            TotalSuccessfulLeases = Interlocked.Read(ref _successful),
            TotalFailedLeases = Interlocked.Read(ref _failed),
        };

        /// <inheritdoc />
        protected override RateLimitLease AttemptAcquireCore(int permitCount) =>

            // Only the asynchronous path asks Redis; a synchronous attempt never blocks on the network.
            TolokaPermitLease.Refused(TolokaPacingSpacing());

        /// <inheritdoc />
        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            var operation = _limit.OperationId;
            var time = _pacing.Options.TimeProvider;
            lock (_gate)
            {
                if (time.GetUtcNow() < _dayClosedUntil)
                {
                    throw new TolokaQuotaExceededException(operation, _limit.RequestsPerDay, _dayClosedUntil);
                }
            }

            var connection = await _pacing.ConnectAsync(operation, cancellationToken).ConfigureAwait(false);
            var database = connection.GetDatabase();
            EnsureLimiters(connection);

            if (_day is not null)
            {
                // Peek first, so a process learns the day is gone (counted here, or said by Toloka to another
                // process) without taking a minute's place.
                var full = await DayFullUntilAsync(database, cancellationToken).ConfigureAwait(false);
                if (full is { } resets)
                {
                    throw CloseDay(resets);
                }
            }

            using (var minute = await _pacing.BoundAsync(_minute!.AcquireAsync(1, cancellationToken).AsTask(), operation, "failed", cancellationToken).ConfigureAwait(false))
            {
                if (!minute.IsAcquired)
                {
                    Interlocked.Increment(ref _failed);
                    var oldest = await OldestAsync(database, MinuteKey, cancellationToken).ConfigureAwait(false);
                    var wait = oldest is { } at ? at + _minuteWindow - time.GetUtcNow() : TolokaPacingSpacing();
                    return TolokaPermitLease.Refused(Jittered(wait));
                }
            }

            if (_day is not null)
            {
                using var day = await _pacing.BoundAsync(_day.AcquireAsync(1, cancellationToken).AsTask(), operation, "failed", cancellationToken).ConfigureAwait(false);
                if (!day.IsAcquired)
                {
                    Interlocked.Increment(ref _failed);
                    var oldest = await OldestAsync(database, DayKey, cancellationToken).ConfigureAwait(false);
                    throw CloseDay((oldest ?? time.GetUtcNow()) + _dayWindow);
                }
            }

            Interlocked.Increment(ref _successful);
            return TolokaPermitLease.Granted;
        }

        private TimeSpan TolokaPacingSpacing() => TimeSpan.FromTicks(MinuteWindow.Ticks / _limit.RequestsPerMinute);

        // Up to a quarter of a spacing (at most half a second) later, so processes refused together do not all ask again at once.
        private TimeSpan Jittered(TimeSpan wait)
        {
            var spread = Math.Min(TolokaPacingSpacing().Ticks / 4, TimeSpan.FromMilliseconds(500).Ticks);
            var floor = TimeSpan.FromMilliseconds(20);
            return (wait > floor ? wait : floor) + TimeSpan.FromTicks(Random.Shared.NextInt64(0, Math.Max(spread, 1)));
        }

        private TolokaQuotaExceededException CloseDay(DateTimeOffset resets)
        {
            lock (_gate)
            {
                if (resets > _dayClosedUntil)
                {
                    _dayClosedUntil = resets;
                }
            }

            return new TolokaQuotaExceededException(_limit.OperationId, _limit.RequestsPerDay, resets);
        }

        private void EnsureLimiters(ConnectionMultiplexer connection)
        {
            lock (_gate)
            {
                _minute ??= new RedisSlidingWindowRateLimiter<string>(
                    _partition + ":minute",
                    new RedisSlidingWindowRateLimiterOptions { PermitLimit = _limit.RequestsPerMinute, Window = _minuteWindow, ConnectionMultiplexerFactory = () => connection });
                if (_limit.RequestsPerDay > 0)
                {
                    _day ??= new RedisSlidingWindowRateLimiter<string>(
                        _partition + ":day",
                        new RedisSlidingWindowRateLimiterOptions { PermitLimit = _limit.RequestsPerDay, Window = _dayWindow, ConnectionMultiplexerFactory = () => connection });
                }
            }
        }

        /// <summary>
        /// When the day's window is full, when its oldest call leaves it; when Toloka said the quota is gone, when it
        /// said it frees; null when a call fits.
        /// </summary>
        private async Task<DateTimeOffset?> DayFullUntilAsync(IDatabase database, CancellationToken cancellationToken)
        {
            // RedisRateLimiting 1.2.1 scores each call with the caller's clock in Unix seconds.
            var at = _pacing.Options.TimeProvider.GetUtcNow();
            var now = Seconds(at);
            var closing = database.StringGetAsync(DayClosedKey);
            var counting = database.SortedSetLengthAsync(DayKey, now - _dayWindow.TotalSeconds, double.PositiveInfinity, Exclude.Start);
            var closed = await _pacing.BoundAsync(closing, _limit.OperationId, "failed", cancellationToken).ConfigureAwait(false);
            var counted = await _pacing.BoundAsync(counting, _limit.OperationId, "failed", cancellationToken).ConfigureAwait(false);
            if (closed.TryParse(out long closedUntil) && DateTimeOffset.FromUnixTimeMilliseconds(closedUntil) is var until && until > at)
            {
                return until;
            }

            if (counted < _limit.RequestsPerDay)
            {
                return null;
            }

            var entries = await _pacing.BoundAsync(
                database.SortedSetRangeByScoreWithScoresAsync(DayKey, now - _dayWindow.TotalSeconds, double.PositiveInfinity, Exclude.Start, Order.Descending, skip: _limit.RequestsPerDay - 1, take: 1),
                _limit.OperationId,
                "failed",
                cancellationToken).ConfigureAwait(false);
            return entries.Length == 0 ? null : FromSeconds(entries[0].Score) + _dayWindow;
        }

        private async Task ShareClosedDayAsync(DateTimeOffset resetsAt)
        {
            var lasts = resetsAt - _pacing.Options.TimeProvider.GetUtcNow();
            if (lasts <= TimeSpan.Zero)
            {
                return;
            }

            var operation = _limit.OperationId;
            var connection = await _pacing.ConnectAsync(operation, CancellationToken.None).ConfigureAwait(false);
            await _pacing.BoundAsync(connection.GetDatabase().StringSetAsync(DayClosedKey, resetsAt.ToUnixTimeMilliseconds(), lasts), operation, "failed", CancellationToken.None).ConfigureAwait(false);
        }

        private async Task<DateTimeOffset?> OldestAsync(IDatabase database, string key, CancellationToken cancellationToken)
        {
            var oldest = await _pacing.BoundAsync(database.SortedSetRangeByRankWithScoresAsync(key, 0, 0), _limit.OperationId, "failed", cancellationToken).ConfigureAwait(false);
            return oldest.Length == 0 ? null : FromSeconds(oldest[0].Score);
        }

        private static double Seconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;

        private static DateTimeOffset FromSeconds(double seconds) =>

            // Newer RedisRateLimiting versions score in milliseconds: tell them apart by size.
            DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds > 100_000_000_000 ? seconds : seconds * 1000));
    }
}

using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// Paces the requests of each rate-limited operation through a <see cref="RateLimiter"/> per
    /// operation. By default the limiter is a <see cref="TolokaPacingRateLimiter"/> (60 s / limit
    /// apart) shared by every client in the process with the same environment, token and clock,
    /// because Toloka counts per account; a <see cref="TolokaClientOptions.RateLimiterFactory"/>
    /// replaces it, for example with one limiter every process of the account reaches.
    /// Operations with a per-day quota are also counted in a sliding 24-hour window per account in this
    /// process (whatever the limiter), and the call that would pass the quota fails with
    /// <see cref="TolokaQuotaExceededException"/> before it is sent.
    /// </summary>
    internal sealed class TolokaPacer
    {
        // Process-wide on purpose: Toloka counts per account, so every client of the process with the same
        // clock, environment and credential shares one pacer (Shared, keyed on environment and credential
        // fingerprint) and one day's count per operation (SharedDays, keyed on environment, account key and
        // operation, whatever the limiter). Each table lives as long as its TimeProvider (a
        // ConditionalWeakTable), so a test's fake clock takes its pacers with it; under TimeProvider.System
        // they last for the process.
        private static readonly ConditionalWeakTable<TimeProvider, ConcurrentDictionary<string, TolokaPacer>> Shared =
            new ConditionalWeakTable<TimeProvider, ConcurrentDictionary<string, TolokaPacer>>();

        private static readonly ConditionalWeakTable<TimeProvider, ConcurrentDictionary<string, TolokaDayQuota>> SharedDays =
            new ConditionalWeakTable<TimeProvider, ConcurrentDictionary<string, TolokaDayQuota>>();

        /// <summary>How long in all a call waits on a limiter that names its waits (or the retry budget, when longer).</summary>
        internal static readonly TimeSpan PacingWaitLimit = TimeSpan.FromMinutes(15);

        // The key of the account hash: the hash is of this client's own making, so it matches no hash of the credential kept elsewhere.
        private static readonly byte[] AccountHashKey = Encoding.UTF8.GetBytes("Toloka.Generated/pacing/account/v1");

        private readonly Func<TolokaRateLimit, RateLimiter?> _factory;
        private readonly TolokaEnvironment _environment;
        private readonly TimeProvider _time;
        private readonly TimeSpan _budget;
        private readonly TolokaToken _token;
        private readonly ConcurrentDictionary<string, TolokaDayQuota> _days;
        private readonly ConcurrentDictionary<string, Lazy<RateLimiter?>> _limiters = new ConcurrentDictionary<string, Lazy<RateLimiter?>>(StringComparer.Ordinal);
        private string? _accountKey;

        private TolokaPacer(TolokaClientOptions options, Func<TolokaRateLimit, RateLimiter?> factory, TolokaToken token)
        {
            _factory = factory;
            _environment = options.Environment;
            _time = options.TimeProvider;
            _budget = options.Retry.TotalBudget;
            _token = token;
            _days = SharedDays.GetValue(_time, _ => new ConcurrentDictionary<string, TolokaDayQuota>(StringComparer.Ordinal));
        }

        /// <summary>The account's key for shared counts: a keyed hash (HMAC-SHA256) of the credential's fingerprint, 16 hex digits.</summary>
        internal static string AccountKeyOf(TolokaToken token)
        {
            using (var hmac = new HMACSHA256(AccountHashKey))
            {
                var hash = hmac.ComputeHash(Encoding.UTF8.GetBytes(token.Fingerprint));
#if NET5_0_OR_GREATER
                return Convert.ToHexString(hash, 0, 8).ToLowerInvariant();
#else
                return BitConverter.ToString(hash, 0, 8).Replace("-", string.Empty).ToLowerInvariant();
#endif
            }
        }

        /// <summary>The pacer a client with these options uses; null when it does not pace.</summary>
        internal static TolokaPacer? For(TolokaClientOptions options, TolokaToken token)
        {
            if (options.RateLimiterFactory is { } factory)
            {
                return new TolokaPacer(options, factory, token);
            }

            if (!options.PaceRequests)
            {
                return null;
            }

            var time = options.TimeProvider;
            var pacers = Shared.GetValue(time, _ => new ConcurrentDictionary<string, TolokaPacer>(StringComparer.Ordinal));

            // Keyed by the secret itself, in this process's memory only (never printed), so a client that
            // sends no rate-limited call never hashes it: hashing loads OpenSSL, a cost at every start of the CLI.
            return pacers.GetOrAdd(
                options.Environment.BaseUri.AbsoluteUri + " " + token.Secret,
                _ => new TolokaPacer(options, limit => new TolokaPacingRateLimiter(limit.RequestsPerMinute, time), token));
        }

        /// <summary>The account's key (<see cref="AccountKeyOf"/>), hashed on the first call that needs it.</summary>
        private string AccountKey => _accountKey ??= AccountKeyOf(_token);

        /// <summary>Waits until the operation's limiter grants a permit; returns at once for an operation without a limit.</summary>
        /// <exception cref="TolokaPacingTimeoutException">The limiter kept refusing for longer than its wait limit.</exception>
        internal Task WaitTurnAsync(string operationId, int requestsPerMinute, CancellationToken cancellationToken) =>
            WaitTurnAsync(operationId, requestsPerMinute, 0, cancellationToken);

        /// <summary>
        /// Waits until the operation's limiter grants a permit and counts the call against the day's quota;
        /// returns at once for an operation without a limit.
        /// </summary>
        /// <param name="operationId">The spec's operationId.</param>
        /// <param name="requestsPerMinute">The spec's <c>x-toloka-rate-limit-per-minute</c>; 0 for none.</param>
        /// <param name="requestsPerDay">The spec's <c>x-toloka-rate-limit-per-day</c>; 0 for none.</param>
        /// <param name="cancellationToken">Ends the wait.</param>
        /// <exception cref="TolokaQuotaExceededException">The call would pass the day's quota (counted here or by the limiter); nothing was sent.</exception>
        /// <exception cref="TolokaPacingTimeoutException">
        /// The limiter kept refusing for longer than the retry budget (a limiter that names no wait) or than
        /// 15 minutes or the retry budget, the longer (a limiter that names its waits, as shared ones do).
        /// </exception>
        internal async Task WaitTurnAsync(string operationId, int requestsPerMinute, int requestsPerDay, CancellationToken cancellationToken)
        {
            if (requestsPerMinute <= 0 && requestsPerDay <= 0)
            {
                return;
            }

            var day = requestsPerDay > 0 ? DayQuota(operationId) : null;
            if (day?.Check(requestsPerDay, _time.GetUtcNow()) is { } full)
            {
                throw new TolokaQuotaExceededException(operationId, requestsPerDay, full);
            }

            var limiter = requestsPerMinute <= 0 ? null : _limiters.GetOrAdd(
                operationId,
                id => new Lazy<RateLimiter?>(
                    () => _factory(new TolokaRateLimit(id, requestsPerMinute, Math.Max(requestsPerDay, 0), _environment, AccountKey)),
                    LazyThreadSafetyMode.ExecutionAndPublication)).Value;
            if (limiter is not null)
            {
                try
                {
                    await AcquireAsync(limiter, operationId, requestsPerMinute, cancellationToken).ConfigureAwait(false);
                }
                catch (TolokaQuotaExceededException quota)
                {
                    // A shared store counted the day's quota as used up: every call of this process fails fast until it frees.
                    day?.CloseUntil(quota.ResetsAt);
                    throw;
                }
            }

            // Counted only once the permit is granted, so a cancelled or refused wait uses none of the day's quota.
            if (day?.TryCount(requestsPerDay, _time.GetUtcNow()) is { } fullNow)
            {
                throw new TolokaQuotaExceededException(operationId, requestsPerDay, fullNow);
            }
        }

        /// <summary>
        /// Toloka said the operation's quota for the day is used up (a <c>429</c> naming the day): the calls
        /// that follow, from every client of the account in this process, fail with
        /// <see cref="TolokaQuotaExceededException"/> before they are sent until <paramref name="resetsAt"/>.
        /// The operation's limiter hears it too when it is an <see cref="ITolokaQuotaListener"/> (a shared
        /// store tells the account's other processes).
        /// </summary>
        internal void NoteQuotaExhausted(string operationId, DateTimeOffset resetsAt)
        {
            DayQuota(operationId).CloseUntil(resetsAt);
            if (_limiters.TryGetValue(operationId, out var made) && made.IsValueCreated && made.Value is ITolokaQuotaListener listener)
            {
                try
                {
                    listener.QuotaExhausted(resetsAt);
                }
                catch (Exception)
                {
                    // Documented: a listener must not throw, and its failure must not replace the call's own (Toloka's 429).
                }
            }
        }

        private TolokaDayQuota DayQuota(string operationId) =>
            _days.GetOrAdd(_environment.BaseUri.AbsoluteUri + " " + AccountKey + " " + operationId, _ => new TolokaDayQuota());

        private async Task AcquireAsync(RateLimiter limiter, string operationId, int requestsPerMinute, CancellationToken cancellationToken)
        {
            var started = _time.GetTimestamp();
            var spacing = TolokaPacingRateLimiter.Spacing(requestsPerMinute);
            while (true)
            {
                using (var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false))
                {
                    if (lease.IsAcquired)
                    {
                        return;
                    }

                    // A limiter may refuse (a queue limit, a shared store whose window is full): ask again after
                    // the wait it names, or one spacing. One that names no wait gets the retry budget in all. One
                    // that names its wait (a window shared by processes frees a place a minute after it was
                    // taken, and other processes may take it first) gets PacingWaitLimit in all, so a bulk run
                    // of several processes waits its turn; a single wait longer than that is no pacing wait.
                    var named = RetryAfterOf(lease) is { } retryAfter && retryAfter > TimeSpan.Zero ? retryAfter : (TimeSpan?)null;
                    var wait = named ?? spacing;
                    var limit = named is null ? _budget : (_budget > PacingWaitLimit ? _budget : PacingWaitLimit);
                    var waited = _time.GetElapsedTime(started);
                    if (waited + wait > limit)
                    {
                        throw named is null
                            ? new TolokaPacingTimeoutException(operationId, waited)
                            : new TolokaPacingTimeoutException(operationId, waited, limit);
                    }

                    await TolokaClock.Delay(_time, wait, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>
        /// The lease's <c>RETRY_AFTER</c>: a <see cref="TimeSpan"/> as <see cref="MetadataName.RetryAfter"/> declares, or
        /// whole seconds as a number, which some limiters (RedisRateLimiting's token bucket) put there.
        /// </summary>
        internal static TimeSpan? RetryAfterOf(RateLimitLease lease)
        {
            if (!lease.TryGetMetadata(MetadataName.RetryAfter.Name, out var raw))
            {
                return null;
            }

            switch (raw)
            {
                case TimeSpan span:
                    return span;
                case int seconds:
                    return TimeSpan.FromSeconds(seconds);
                case long seconds:
                    return TimeSpan.FromSeconds(seconds);
                case double seconds when !double.IsNaN(seconds) && seconds < TimeSpan.MaxValue.TotalSeconds:
                    return TimeSpan.FromSeconds(seconds);
                default:
                    return null;
            }
        }
    }
}

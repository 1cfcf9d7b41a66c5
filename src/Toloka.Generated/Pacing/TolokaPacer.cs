using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
    /// </summary>
    internal sealed class TolokaPacer
    {
        private static readonly ConditionalWeakTable<TimeProvider, ConcurrentDictionary<string, TolokaPacer>> Shared =
            new ConditionalWeakTable<TimeProvider, ConcurrentDictionary<string, TolokaPacer>>();

        private readonly Func<TolokaRateLimit, RateLimiter?> _factory;
        private readonly TolokaEnvironment _environment;
        private readonly TimeProvider _time;
        private readonly TimeSpan _budget;
        private readonly ConcurrentDictionary<string, Lazy<RateLimiter?>> _limiters = new ConcurrentDictionary<string, Lazy<RateLimiter?>>(StringComparer.Ordinal);

        private TolokaPacer(TolokaClientOptions options, Func<TolokaRateLimit, RateLimiter?> factory)
        {
            _factory = factory;
            _environment = options.Environment;
            _time = options.TimeProvider;
            _budget = options.Retry.TotalBudget;
        }

        /// <summary>The pacer a client with these options uses; null when it does not pace.</summary>
        internal static TolokaPacer? For(TolokaClientOptions options, TolokaToken token)
        {
            if (options.RateLimiterFactory is { } factory)
            {
                return new TolokaPacer(options, factory);
            }

            if (!options.PaceRequests)
            {
                return null;
            }

            var time = options.TimeProvider;
            var pacers = Shared.GetValue(time, _ => new ConcurrentDictionary<string, TolokaPacer>(StringComparer.Ordinal));
            return pacers.GetOrAdd(
                options.Environment.BaseUri.AbsoluteUri + " " + token.Fingerprint,
                _ => new TolokaPacer(options, limit => new TolokaPacingRateLimiter(limit.RequestsPerMinute, time)));
        }

        /// <summary>Waits until the operation's limiter grants a permit; returns at once for an operation without a limit.</summary>
        /// <exception cref="TolokaPacingTimeoutException">The limiter kept refusing for longer than the retry budget.</exception>
        internal async Task WaitTurnAsync(string operationId, int requestsPerMinute, CancellationToken cancellationToken)
        {
            if (requestsPerMinute <= 0)
            {
                return;
            }

            var limiter = _limiters.GetOrAdd(
                operationId,
                id => new Lazy<RateLimiter?>(() => _factory(new TolokaRateLimit(id, requestsPerMinute, _environment)), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
            if (limiter is null)
            {
                return;
            }

            var started = _time.GetTimestamp();
            var spacing = TolokaPacingRateLimiter.Spacing(requestsPerMinute);
            while (true)
            {
                using (var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false))
                {
                    if (lease.IsAcquired)
                    {
                        TolokaCallTelemetry.PacingWaited(operationId, requestsPerMinute, _time, started);
                        return;
                    }

                    // A limiter may refuse (a queue limit, a shared store that is busy): ask again after
                    // the wait it names, or one spacing, within the retry budget so nothing waits forever.
                    var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : spacing;
                    var waited = _time.GetElapsedTime(started);
                    if (waited + wait > _budget)
                    {
                        throw new TolokaPacingTimeoutException(operationId, waited);
                    }

                    await TolokaClock.Delay(_time, wait, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}

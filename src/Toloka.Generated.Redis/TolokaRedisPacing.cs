using System;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Toloka.Generated.Redis
{
    /// <summary>
    /// Pacing and per-day quotas shared by every process of a Toloka account through one Redis: hand
    /// <see cref="CreateLimiter"/> to <see cref="TolokaClientOptions.RateLimiterFactory"/> (or call
    /// <see cref="TolokaRedisClientOptionsExtensions.UseRedisPacing"/>). Each rate-limited operation gets two
    /// sliding windows in Redis (RedisRateLimiting's <c>RedisSlidingWindowRateLimiter</c>): its per-minute limit
    /// and, when the spec declares one, its per-day quota, keyed by environment, account and operation. A call
    /// the minute's window refuses waits until its oldest call leaves the window (and a little jitter, so
    /// waiting processes take turns); a call that would pass the day's quota fails at once with
    /// <see cref="TolokaQuotaExceededException"/>. When Redis fails or hangs the call fails within
    /// <see cref="TolokaRedisPacingOptions.Timeout"/> with <see cref="TolokaRedisUnavailableException"/>,
    /// before anything is sent. One instance per process is enough; it owns its Redis connection.
    /// </summary>
    public sealed class TolokaRedisPacing : IDisposable, IAsyncDisposable
    {
        private static readonly Regex PasswordSetting = new Regex(@"(?i)(password|user)\s*=\s*[^,]*", RegexOptions.CultureInvariant);

        private readonly TolokaRedisPacingOptions _options;
        private readonly string? _password;
        private readonly object _gate = new object();
        private readonly System.Collections.Generic.List<Task> _writes = new System.Collections.Generic.List<Task>();
        private Task<ConnectionMultiplexer>? _connecting;
        private bool _disposed;

        /// <summary>Creates the pacing; it connects to Redis on first use, not here.</summary>
        /// <param name="options">Where Redis is and how long to wait for it; copied.</param>
        /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
        /// <exception cref="ArgumentException">A setting is missing or malformed.</exception>
        public TolokaRedisPacing(TolokaRedisPacingOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            options.Validate();
            _options = new TolokaRedisPacingOptions
            {
                Configuration = options.Configuration,
                Account = options.Account,
                KeyPrefix = options.KeyPrefix,
                Timeout = options.Timeout,
                WindowMargin = options.WindowMargin,
                TimeProvider = options.TimeProvider,
            };
            _password = ConfigurationOptions.Parse(options.Configuration).Password;
            Endpoint = Mask(options.Configuration);
        }

        /// <summary>The configuration string, its password masked: safe to print.</summary>
        public string Endpoint { get; }

        internal TolokaRedisPacingOptions Options => _options;

        /// <summary>Masks the password (and user) of a StackExchange.Redis configuration string, for printing.</summary>
        /// <param name="configuration">For example <c>redis:6380,password=secret,ssl=true</c>.</param>
        /// <returns>For example <c>redis:6380,password=***,ssl=true</c>.</returns>
        public static string Mask(string? configuration) =>
            configuration is null ? string.Empty : PasswordSetting.Replace(configuration, match => match.Groups[1].Value + "=***");

        /// <summary>
        /// The limiter that paces one operation for every process sharing this Redis; use as
        /// <see cref="TolokaClientOptions.RateLimiterFactory"/>.
        /// </summary>
        /// <param name="limit">What the spec says of the operation, and whose account it is.</param>
        /// <returns>The limiter; null for an operation without a per-minute limit.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="limit"/> is null.</exception>
        public RateLimiter? CreateLimiter(TolokaRateLimit limit)
        {
            ArgumentNullException.ThrowIfNull(limit);
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (limit.RequestsPerMinute <= 0)
            {
                return null;
            }

            var account = _options.Account ?? (limit.AccountKey.Length > 0 ? limit.AccountKey : "default");
            var partition = string.Join(
                ":",
                _options.KeyPrefix,
                limit.Environment.BaseUri.Authority.ToLowerInvariant(),
                account,
                limit.OperationId);
            return new TolokaRedisRateLimiter(this, limit, partition);
        }

        /// <summary>The connection, made once (and again after a failed attempt), within the timeout.</summary>
        /// <exception cref="TolokaRedisUnavailableException">Redis could not be reached in time.</exception>
        internal async Task<ConnectionMultiplexer> ConnectAsync(string operationId, CancellationToken cancellationToken)
        {
            Task<ConnectionMultiplexer> connecting;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
                {
                    _connecting = ConnectCoreAsync();
                }

                connecting = _connecting;
            }

            return await BoundAsync(connecting, operationId, "could not be reached", cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Awaits a Redis call within the timeout, turning every Redis failure into <see cref="TolokaRedisUnavailableException"/>.</summary>
        internal async Task<T> BoundAsync<T>(Task<T> call, string operationId, string what, CancellationToken cancellationToken)
        {
            try
            {
                return await call.WaitAsync(_options.Timeout, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException) when (!cancellationToken.IsCancellationRequested)
            {
                // Either our bound or StackExchange.Redis's own (RedisTimeoutException derives from TimeoutException).
                throw Unavailable(operationId, what == "could not be reached" ? "did not answer within " + Seconds(_options.Timeout) + " (connecting)" : "did not answer within " + Seconds(_options.Timeout), null);
            }
            catch (RedisException error)
            {
                throw Unavailable(operationId, what + " (" + error.GetType().Name + ": " + Scrub(error.Message) + ")", null);
            }
            catch (ObjectDisposedException) when (_disposed)
            {
                throw Unavailable(operationId, "was closed (the pacing was disposed)", null);
            }
        }

        /// <summary>
        /// A write made in the background (Toloka's word that a quota is gone): kept until it ends, so disposing
        /// waits for it (each is bounded by the timeout); its failure is only that other processes learn the
        /// quota from their own first <c>429</c>.
        /// </summary>
        internal void Track(Task write)
        {
            lock (_gate)
            {
                _writes.Add(write);
            }

            _ = write.ContinueWith(
                done =>
                {
                    _ = done.Exception;
                    lock (_gate)
                    {
                        _writes.Remove(done);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        private Task PendingWrites()
        {
            lock (_gate)
            {
                return _writes.Count == 0 ? Task.CompletedTask : Task.WhenAll(_writes.ToArray());
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            try
            {
                // Bounded: each write ends within the timeout.
                PendingWrites().Wait(_options.Timeout + _options.Timeout);
            }
            catch (AggregateException)
            {
                // A failed write is only that other processes learn the quota from their own first 429.
            }

            Task<ConnectionMultiplexer>? connecting;
            lock (_gate)
            {
                _disposed = true;
                connecting = _connecting;
            }

            if (connecting is { IsCompletedSuccessfully: true })
            {
                connecting.Result.Dispose();
            }
        }

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            try
            {
                await PendingWrites().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A failed write is only that other processes learn the quota from their own first 429.
            }

            Task<ConnectionMultiplexer>? connecting;
            lock (_gate)
            {
                _disposed = true;
                connecting = _connecting;
            }

            if (connecting is { IsCompletedSuccessfully: true })
            {
                await connecting.Result.DisposeAsync().ConfigureAwait(false);
            }
        }

        internal TolokaRedisUnavailableException Unavailable(string operationId, string reason, Exception? inner) =>
            new TolokaRedisUnavailableException(operationId, Endpoint, reason, inner);

        internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

        private string Scrub(string message)
        {
            var masked = Mask(message);
            return string.IsNullOrEmpty(_password) ? masked : masked.Replace(_password, "***", StringComparison.Ordinal);
        }

        private async Task<ConnectionMultiplexer> ConnectCoreAsync()
        {
            var configuration = ConfigurationOptions.Parse(_options.Configuration);
            var milliseconds = (int)Math.Min(int.MaxValue, _options.Timeout.TotalMilliseconds);

            // Fail fast rather than queue: a call Redis cannot count now is refused at once (and not sent),
            // instead of waiting in StackExchange.Redis's backlog while the connection comes back.
            configuration.AbortOnConnectFail = false;
            configuration.BacklogPolicy = BacklogPolicy.FailFast;
            configuration.ConnectTimeout = milliseconds;
            configuration.SyncTimeout = milliseconds;
            configuration.AsyncTimeout = milliseconds;
            configuration.ConnectRetry = 1;
            var connection = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
            if (!connection.IsConnected)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "no connection could be made");
            }

            return connection;
        }
    }
}

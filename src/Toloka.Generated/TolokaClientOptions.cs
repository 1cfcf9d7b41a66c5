using System;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace Toloka.Generated
{
    /// <summary>
    /// Every setting of a <see cref="TolokaClient"/> in one place: environment, network timeout,
    /// retries, pacing, polling, logging and the clock. The client copies them when it is built, so later
    /// changes to this object do not affect a client already built.
    /// </summary>
    public sealed class TolokaClientOptions
    {
        /// <summary>Where requests go; <see cref="TolokaEnvironment.Production"/> by default.</summary>
        public TolokaEnvironment Environment { get; set; } = TolokaEnvironment.Production;

        /// <summary>The default <see cref="MaxResponseBytes"/>: 16 MiB, far more than any Toloka answer.</summary>
        public const int DefaultMaxResponseBytes = 16 * 1024 * 1024;

        /// <summary>The largest <see cref="MaxResponseBytes"/> allowed: 512 MiB.</summary>
        public const int MaxResponseBytesLimit = 512 * 1024 * 1024;

        /// <summary>The longest delay a timer accepts (<c>uint.MaxValue - 1</c> milliseconds, about 49.7 days); longer timeouts and delays are refused when the client is built.</summary>
        public static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

        /// <summary>
        /// How long one attempt may take, from sending the request to the last byte of the answer, before it
        /// counts as a transport failure (<see cref="TolokaTransportException.TimedOut"/>); 100 seconds by default.
        /// Must be positive and at most <see cref="MaxTimerDelay"/>; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> turns it off.
        /// </summary>
        public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>
        /// The largest answer body the client reads, in bytes; <see cref="DefaultMaxResponseBytes"/> (16 MiB) by default,
        /// between 1 and <see cref="MaxResponseBytesLimit"/>. A larger answer, declared or streamed, ends the attempt
        /// without reading the rest: a 2xx as <see cref="TolokaErrorKind.InvalidResponse"/>, any other status as its usual exception without a body.
        /// </summary>
        public int MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

        /// <summary>The clock used for timeouts and for <c>Retry-After</c> dates; <see cref="TimeProvider.System"/> by default. Tests pass a fake one.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>When and how failed requests are repeated (429/503 always; dropped connections and 5xx only for operations the spec marks safe).</summary>
        public TolokaRetryOptions Retry { get; set; } = new TolokaRetryOptions();

        /// <summary>How operations are polled while waiting for them to finish.</summary>
        public TolokaPollingOptions Polling { get; set; } = new TolokaPollingOptions();

        /// <summary>
        /// How the client finds what a clone whose answer was lost started (the request may have reached Toloka,
        /// and the connection dropped, the attempt timed out, or a gateway answered 502/504): it searches
        /// <c>GET /operations</c>, waiting out Toloka's listing delay for up to <see cref="TolokaOutcomeOptions.SettleTime"/>.
        /// Applies to every operation the spec marks with <c>x-toloka-lost-answer-operation</c>.
        /// </summary>
        public TolokaOutcomeOptions LostAnswers { get; set; } = new TolokaOutcomeOptions();

        /// <summary>
        /// True (the default) to look up what a clone whose answer was lost started, as <see cref="LostAnswers"/> says,
        /// before the call gives up: found, the operation is the call's answer; not started, the request is sent again
        /// once per lost answer; the search failing ends the call with <see cref="TolokaOutcomeUnknownException"/>.
        /// False leaves such a call to end with its <see cref="TolokaTransportException"/> or 502/504, for a caller that
        /// resolves lost answers itself (as the <c>toloka</c> CLI does, with its journal).
        /// </summary>
        public bool ResolveLostAnswers { get; set; } = true;

        /// <summary>
        /// When true, requests of an operation for which the spec declares a per-minute limit
        /// (<c>x-toloka-rate-limit-per-minute</c>, 20 for pool clone) are spaced evenly so a bulk loop
        /// stays under it instead of provoking 429s. Off by default.
        /// </summary>
        public bool PaceRequests { get; set; }

        /// <summary>
        /// Builds the <see cref="System.Threading.RateLimiting.RateLimiter"/> that paces one
        /// rate-limited operation, from what the spec says of it; called once per operation and
        /// client. Return the same limiter from several clients (or one backed by a store every
        /// process of the account reaches) to make them keep one pace; return null to leave an
        /// operation unpaced. When set, pacing is on whatever <see cref="PaceRequests"/> says; when
        /// null, <see cref="PaceRequests"/> uses a <see cref="TolokaPacingRateLimiter"/> shared by the
        /// process's clients of the same account.
        /// </summary>
        public Func<TolokaRateLimit, System.Threading.RateLimiting.RateLimiter?>? RateLimiterFactory { get; set; }

        /// <summary>
        /// Where the client writes its log lines (retries, rate limits, pacing waits, polls, operation
        /// ends), under categories that start with <c>Toloka.Generated</c>; null (the default) or
        /// <c>NullLoggerFactory.Instance</c> writes none and costs nothing per call.
        /// Traces and metrics need no setting: listen to <see cref="TolokaDiagnostics.SourceName"/> and <see cref="TolokaDiagnostics.MeterName"/>.
        /// </summary>
        public ILoggerFactory? LoggerFactory { get; set; }

        /// <summary>
        /// The requester account to act for, within a shared account: sent as <c>X-Act-Under-Account-ID</c>
        /// on every request (Toloka-Kit's <c>act_under_account_id</c>). Null (the default) acts as the
        /// credential's own account. Visible ASCII without spaces, at most 128 characters.
        /// </summary>
        public string? ActUnderAccountId { get; set; }

        /// <summary>A validated copy, so a client is not changed by later edits to the options it was built with.</summary>
        internal TolokaClientOptions Snapshot()
        {
            Validate();
            return new TolokaClientOptions
            {
                Environment = Environment,
                NetworkTimeout = NetworkTimeout,
                MaxResponseBytes = MaxResponseBytes,
                TimeProvider = TimeProvider,
                PaceRequests = PaceRequests,
                RateLimiterFactory = RateLimiterFactory,
                LoggerFactory = LoggerFactory,
                ActUnderAccountId = ActUnderAccountId?.Trim(),
                Retry = new TolokaRetryOptions
                {
                    MaxAttempts = Retry.MaxAttempts,
                    BaseDelay = Retry.BaseDelay,
                    MaxDelay = Retry.MaxDelay,
                    TotalBudget = Retry.TotalBudget,
                    UseJitter = Retry.UseJitter,
                },
                LostAnswers = LostAnswers.Validated(),
                ResolveLostAnswers = ResolveLostAnswers,
                Polling = new TolokaPollingOptions
                {
                    InitialInterval = Polling.InitialInterval,
                    MaxInterval = Polling.MaxInterval,
                    BackoffFactor = Polling.BackoffFactor,
                    Timeout = Polling.Timeout,
                },
            };
        }

        /// <summary>Checks every setting; the exception's <c>ParamName</c> names the setting, such as <c>Retry.MaxAttempts</c>.</summary>
        /// <exception cref="ArgumentException">A setting is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A setting is out of its range.</exception>
        internal void Validate()
        {
            if (Environment is null)
            {
                throw new ArgumentException("TolokaClientOptions.Environment must not be null.", nameof(Environment));
            }

            if (TimeProvider is null)
            {
                throw new ArgumentException("TolokaClientOptions.TimeProvider must not be null.", nameof(TimeProvider));
            }

            if (Retry is null)
            {
                throw new ArgumentException("TolokaClientOptions.Retry must not be null.", nameof(Retry));
            }

            if (Polling is null)
            {
                throw new ArgumentException("TolokaClientOptions.Polling must not be null.", nameof(Polling));
            }

            if (LostAnswers is null)
            {
                throw new ArgumentException("TolokaClientOptions.LostAnswers must not be null.", nameof(LostAnswers));
            }

            if (NetworkTimeout != System.Threading.Timeout.InfiniteTimeSpan)
            {
                CheckDelay(NetworkTimeout, nameof(NetworkTimeout), "TolokaClientOptions.NetworkTimeout", allowZero: false);
            }

            if (MaxResponseBytes < 1 || MaxResponseBytes > MaxResponseBytesLimit)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(MaxResponseBytes),
                    MaxResponseBytes,
                    "TolokaClientOptions.MaxResponseBytes must be between 1 and " + MaxResponseBytesLimit + " (512 MiB).");
            }

            if (ActUnderAccountId is not null)
            {
                var account = ActUnderAccountId.Trim();
                if (account.Length == 0 || account.Length > 128 || account.Any(character => character < '!' || character > '~'))
                {
                    throw new ArgumentException(
                        "TolokaClientOptions.ActUnderAccountId must be a requester account ID: 1 to 128 visible ASCII characters without spaces, or null to act as the credential's own account.",
                        nameof(ActUnderAccountId));
                }
            }

            Retry.Validate(nameof(Retry));
            Polling.Validate(nameof(Polling));
        }

        /// <exception cref="ArgumentOutOfRangeException">The delay is negative (or zero when not allowed) or longer than <see cref="MaxTimerDelay"/>.</exception>
        internal static void CheckDelay(TimeSpan value, string parameterName, string displayName, bool allowZero)
        {
            if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero) || value > MaxTimerDelay)
            {
                throw new ArgumentOutOfRangeException(
                    parameterName,
                    value,
                    displayName + " must be " + (allowZero ? "zero or more" : "positive") + " and at most " + MaxTimerDelay + " (what a timer accepts).");
            }
        }
    }
}

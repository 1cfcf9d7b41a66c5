using System;

namespace Toloka.Generated
{
    /// <summary>
    /// Decides whether a failed attempt is repeated, and after how long. 429 and 503 are repeated for
    /// every operation; transport failures and other 5xx only for operations the spec marks
    /// retry-safe. The wait is the answer's <c>Retry-After</c>, else the length of the quota a 429 names
    /// (an hour, a day), else exponential backoff. This is the
    /// one place where a wait that does not fit the retry budget ends the call.
    /// </summary>
    internal sealed class TolokaRetryPolicy
    {
        private readonly TolokaRetryOptions _options;
        private readonly TimeProvider _time;
#if NET6_0_OR_GREATER
        private static Random Jitter => Random.Shared;
#else
        // Not per-call state: netstandard2.0 has no Random.Shared and Random is not thread-safe, so each
        // thread gets its own, made on its first jittered wait and kept for the thread's life.
        [ThreadStatic]
        private static Random? _jitter;

        private static Random Jitter => _jitter ??= new Random(Guid.NewGuid().GetHashCode());
#endif

        internal TolokaRetryPolicy(TolokaRetryOptions options, TimeProvider time)
        {
            _options = options;
            _time = time;
        }

        /// <summary>False when the options allow one attempt only, so a failure is the call's answer.</summary>
        internal bool MayRepeat => _options.MaxAttempts > 1;

        /// <summary>
        /// The wait before the attempt after <paramref name="failedAttempt"/>, or null when the call ends
        /// with <paramref name="failure"/>: the failure is not one to repeat, the attempts are used up,
        /// or the wait would pass <see cref="TolokaRetryOptions.TotalBudget"/> counted from
        /// <paramref name="callStartedAt"/> (then the failure's message says so).
        /// </summary>
        internal TimeSpan? NextWait(Exception failure, int failedAttempt, TolokaRequestDescription description, long callStartedAt)
        {
            TimeSpan? retryAfter;
            switch (failure)
            {
                case TolokaApiException answer when answer.StatusCode == 429 || answer.StatusCode == 503:
                    // A 429 naming an hourly or daily quota without Retry-After waits the quota's length: past any budget.
                    retryAfter = TolokaQuota.WaitFor(answer);
                    break;
                case TolokaServerException answer when description.RetrySafe:
                    retryAfter = answer.RetryAfter;
                    break;
                case TolokaTransportException when description.RetrySafe:
                    retryAfter = null;
                    break;
                default:
                    return null;
            }

            var wait = retryAfter ?? Backoff(failedAttempt);
            if (TolokaElapsed.Since(_time, callStartedAt) + wait > _options.TotalBudget)
            {
                // Said even after the last attempt: the budget, not the attempt count, would have ended the call.
                ((TolokaException)failure).NoteRetryBudget(wait, _options.TotalBudget);
                return null;
            }

            return failedAttempt < _options.MaxAttempts ? wait : null;
        }

        /// <summary>
        /// True when <paramref name="failure"/> is a 429 whose quota cannot reset within the retry budget and
        /// is no per-minute window (it names an hour or a day, or asks for a <c>Retry-After</c> longer than the
        /// pacing wait limit): the calls that follow should not be sent before it resets.
        /// </summary>
        internal bool QuotaOutlastsBudget(TolokaRateLimitedException failure) =>
            TolokaQuota.WaitFor(failure) is { } wait
            && wait > _options.TotalBudget
            && (failure.QuotaInterval is TolokaQuotaInterval.Hour or TolokaQuotaInterval.Day || wait > TolokaPacer.PacingWaitLimit);

        private TimeSpan Backoff(int failedAttempt)
        {
            var exponent = Math.Min(failedAttempt - 1, 30);
            var ticks = Math.Min(_options.BaseDelay.Ticks * Math.Pow(2, exponent), _options.MaxDelay.Ticks);
            if (_options.UseJitter)
            {
                ticks *= 0.5 + (Jitter.NextDouble() * 0.5);
            }

            return TimeSpan.FromTicks((long)ticks);
        }
    }
}

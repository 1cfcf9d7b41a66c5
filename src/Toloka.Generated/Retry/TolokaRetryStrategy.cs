using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace Toloka.Generated
{
    /// <summary>
    /// Decides, with Polly's retry strategy on the client's <see cref="TimeProvider"/>, whether and
    /// when a failed attempt is repeated. 429 and 503 are repeated for every operation; transport
    /// failures and other 5xx only for operations the spec marks retry-safe. The caller's own
    /// cancellation is never repeated. A wait that would end past the budget ends the call instead.
    /// </summary>
    internal sealed class TolokaRetryStrategy
    {
        private static readonly ResiliencePropertyKey<CallState> StateKey = new ResiliencePropertyKey<CallState>("Toloka.Generated.Retry");

        private readonly TolokaRetryOptions _options;
        private readonly TimeProvider _timeProvider;
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
#if NET6_0_OR_GREATER
        private static Random Jitter => Random.Shared;
#else
        [ThreadStatic]
        private static Random? _jitter;

        private static Random Jitter => _jitter ??= new Random(Guid.NewGuid().GetHashCode());
#endif

        internal TolokaRetryStrategy(TolokaRetryOptions options, TimeProvider timeProvider)
        {
            _options = options;
            _timeProvider = timeProvider;
            var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
            if (options.MaxAttempts > 1)
            {
                builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = options.MaxAttempts - 1,
                    ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context, args.AttemptNumber)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(args.Context.Properties.GetValue(StateKey, null!).NextDelay),
                    OnRetry = args => TolokaCallTelemetry.RetryScheduled(args.Outcome.Exception, args.AttemptNumber + 1, args.RetryDelay),
                });
            }

            _pipeline = builder.Build();
        }

        /// <summary>False when the options allow one attempt only, so a failure is the call's answer.</summary>
        internal bool MayRepeat => _options.MaxAttempts > 1;

        /// <summary>
        /// Takes over after a failed first attempt: decides, as for every later attempt, whether it is
        /// repeated and after how long, and runs attempts 2 and on. The call's budget counts from
        /// <paramref name="startedAt"/>, before the first attempt.
        /// </summary>
        internal async Task<HttpResponseMessage> RepeatAsync(
            TolokaRequestDescription description,
            long startedAt,
            Exception firstFailure,
            Func<int, CancellationToken, Task<HttpResponseMessage>> sendAttempt,
            CancellationToken cancellationToken)
        {
            var state = new CallState(description, startedAt, sendAttempt, firstFailure, cancellationToken);
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            try
            {
                context.Properties.Set(StateKey, state);
                return await _pipeline.ExecuteAsync(
                    static (ctx, callState) =>
                    {
                        callState.Attempts++;
                        if (callState.Attempts == 1)
                        {
                            // The first attempt already ran outside Polly: its outcome is handed over as it was.
                            return new ValueTask<HttpResponseMessage>(Task.FromException<HttpResponseMessage>(callState.FirstFailure));
                        }

                        return new ValueTask<HttpResponseMessage>(callState.SendAttempt(callState.Attempts, ctx.CancellationToken));
                    },
                    context,
                    state).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, int attemptNumber)
        {
            var state = context.Properties.GetValue(StateKey, null!);
            var exception = outcome.Exception;
            if (exception is null || state.CallerCancellation.IsCancellationRequested)
            {
                return false;
            }

            TimeSpan? retryAfter = null;
            switch (exception)
            {
                case TolokaApiException answer when answer.StatusCode == 429 || answer.StatusCode == 503:
                    retryAfter = answer.RetryAfter;
                    break;
                case TolokaServerException answer when state.Description.RetrySafe:
                    retryAfter = answer.RetryAfter;
                    break;
                case TolokaTransportException when state.Description.RetrySafe:
                    break;
                default:
                    return false;
            }

            var delay = retryAfter ?? Backoff(attemptNumber);
            var elapsed = TolokaElapsed.Since(_timeProvider, state.StartedAt);
            if (elapsed + delay > _options.TotalBudget)
            {
                ((TolokaException)exception).NoteRetryBudget(delay, _options.TotalBudget);
                return false;
            }

            state.NextDelay = delay;
            return true;
        }

        private TimeSpan Backoff(int attemptNumber)
        {
            var exponent = Math.Min(attemptNumber, 30);
            var ticks = Math.Min(_options.BaseDelay.Ticks * Math.Pow(2, exponent), _options.MaxDelay.Ticks);
            if (_options.UseJitter)
            {
                ticks *= 0.5 + (Jitter.NextDouble() * 0.5);
            }

            return TimeSpan.FromTicks((long)ticks);
        }

        private sealed class CallState
        {
            internal CallState(
                TolokaRequestDescription description,
                long startedAt,
                Func<int, CancellationToken, Task<HttpResponseMessage>> sendAttempt,
                Exception firstFailure,
                CancellationToken callerCancellation)
            {
                Description = description;
                StartedAt = startedAt;
                SendAttempt = sendAttempt;
                FirstFailure = firstFailure;
                CallerCancellation = callerCancellation;
            }

            internal TolokaRequestDescription Description { get; }

            internal long StartedAt { get; }

            internal Func<int, CancellationToken, Task<HttpResponseMessage>> SendAttempt { get; }

            internal Exception FirstFailure { get; }

            internal CancellationToken CallerCancellation { get; }

            internal int Attempts { get; set; }

            internal TimeSpan NextDelay { get; set; }
        }
    }
}

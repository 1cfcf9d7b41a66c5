using System;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// The one road every generated operation takes to the network (nswag.json names this type as the
    /// client's <c>httpClientType</c>; the generated client keeps it in <c>_pipeline</c>). A call runs
    /// these stages, in this order, each in a file named for it:
    /// <list type="number">
    /// <item><b>call</b> (<see cref="SendAsync"/>, this file): resolve the address, start the call's
    /// telemetry, send the first attempt, and repeat a failed one as <see cref="TolokaRetryPolicy"/>
    /// says, each repeat a fresh copy (<see cref="TolokaRequestTemplate"/>);</item>
    /// <item><b>attempt</b> (TolokaHttpPipeline.Attempt.cs): pace (TolokaHttpPipeline.Pacing.cs), stamp
    /// (token, User-Agent, empty body), lease a timeout (<see cref="TolokaAttemptTimeouts"/>), send
    /// (<see cref="TolokaTransport"/>), read (<see cref="TolokaBodyReader"/>), classify: a usable
    /// answer (<see cref="TolokaAnswer"/>) or a typed failure (<see cref="TolokaFailures"/>).</item>
    /// </list>
    /// The generated code then parses the answer (<see cref="TolokaAnswer.Read{T}"/>, <see cref="TolokaAnswerJson"/>).
    /// Everything about one attempt travels in one value, <see cref="TolokaAttempt"/>.
    /// </summary>
    internal sealed partial class TolokaHttpPipeline : IDisposable
    {
        private readonly TolokaToken _token;

        // The token as it can appear in an answer's bytes, to know when a body needs masking.
        private readonly byte[] _tokenUtf8;
        private readonly TolokaClientOptions _options;
        private readonly TolokaRetryPolicy _retry;
        private readonly TolokaPacer? _pacer;
        private readonly TolokaTelemetry _telemetry;
        private readonly TolokaAttemptTimeouts _timeouts;
        private readonly TolokaTransport _transport;
        private readonly TolokaBodyReader _bodies;

        // The environment's address as text when a generated relative URL can simply follow it; else null.
        private readonly string? _basePrefix;

        /// <summary>A pipeline that sends through the caller's <paramref name="httpClient"/>, never disposing it.</summary>
        internal TolokaHttpPipeline(HttpClient httpClient, string token, TolokaClientOptions? options)
            : this(token, options, httpClient, () => TolokaTransport.Over(httpClient))
        {
        }

        /// <summary>
        /// A pipeline that invokes <paramref name="handler"/> directly, disposing it only when
        /// <paramref name="ownsHandler"/>; null builds the client's own handler.
        /// </summary>
        internal TolokaHttpPipeline(HttpMessageHandler? handler, bool ownsHandler, string token, TolokaClientOptions? options)
            : this(token, options, null, () => TolokaTransport.Through(handler, ownsHandler))
        {
        }

        private TolokaHttpPipeline(string token, TolokaClientOptions? options, HttpClient? httpClient, Func<TolokaTransport> transport)
        {
            _token = TolokaToken.Create(token, nameof(token));
            _tokenUtf8 = System.Text.Encoding.UTF8.GetBytes(_token.Secret);
            _options = (options ?? new TolokaClientOptions()).Snapshot();
            _retry = new TolokaRetryPolicy(_options.Retry, _options.TimeProvider);
            _pacer = TolokaPacer.For(_options, _token);
            _telemetry = new TolokaTelemetry(_options, _token, httpClient);
            _timeouts = new TolokaAttemptTimeouts(_options.TimeProvider, _options.NetworkTimeout);

            // Built last, once everything it could leak on failure has been checked.
            _transport = transport();
            _bodies = new TolokaBodyReader(_transport, _options.MaxResponseBytes);
            _basePrefix = PrefixOf(_options.Environment.BaseUri);
        }

        internal TolokaEnvironment Environment => _options.Environment;

        internal TolokaClientOptions Options => _options;

        internal TolokaToken Token => _token;

        internal TolokaTelemetry Telemetry => _telemetry;

        /// <summary>
        /// A generated operation's relative URL against the environment: its text after the
        /// environment's, parsed once, when that is what resolving it would give (a base that ends its
        /// path with a slash and has no query, a URL that starts with a path segment); resolving costs a
        /// buffer more per call.
        /// </summary>
        internal Uri Resolve(string relativeUrl) =>
            _basePrefix is not null && relativeUrl.Length > 0 && relativeUrl[0] != '/' && relativeUrl[0] != '?' && relativeUrl[0] != '#' && relativeUrl[0] != '.' && relativeUrl.IndexOf(':') < 0
                ? new Uri(_basePrefix + relativeUrl, UriKind.Absolute)
                : new Uri(Environment.BaseUri, relativeUrl);

        private static string? PrefixOf(Uri baseUri) =>
            baseUri.IsAbsoluteUri && baseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) && baseUri.Query.Length == 0 && baseUri.Fragment.Length == 0
                ? baseUri.AbsoluteUri
                : null;

        /// <summary>
        /// Sends the request the generated code built and returns a usable answer: a 2xx with its body
        /// read, or a 204. The first attempt sends the request itself; a retry sends a fresh copy.
        /// </summary>
        /// <exception cref="TolokaApiException">Toloka answered with a status other than 2xx, and retries (if any) ran out.</exception>
        /// <exception cref="TolokaTransportException">No usable answer arrived, and retries (if any) ran out.</exception>
        /// <exception cref="OperationCanceledException">The caller's token was cancelled.</exception>
        /// <param name="request">The request the generated code built.</param>
        /// <param name="description">The operation's facts, as the spec gives them.</param>
        /// <param name="lostAnswerSource">
        /// For an operation whose lost answer can be found (<see cref="TolokaRequestDescription.LostAnswerOperation"/>),
        /// the source id its path names; else null.
        /// </param>
        /// <param name="cancellationToken">Cancels the call.</param>
        internal ValueTask<TolokaAnswer> SendAsync(HttpRequestMessage request, TolokaRequestDescription description, string? lostAnswerSource, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            request.RequestUri = ResolveTarget(request.RequestUri);
            var call = _telemetry.CallStarted(description, request.Method, request.RequestUri);
            var lost = lostAnswerSource is not null && description.LostAnswerOperation is not null && LostAnswers is not null ? lostAnswerSource : null;
            return call is null
                ? RunAsync(request, description, lost, null, cancellationToken)
                : RunObservedAsync(request, description, lost, call, cancellationToken);
        }

        /// <summary>
        /// Finds what a call whose answer was lost started; set by the client that owns this pipeline
        /// (it searches through the client's own operations), null for a pipeline without one.
        /// </summary>
        internal TolokaLostAnswers? LostAnswers { get; set; }

        /// <summary>The call with its report: an async frame of its own, which ends the report when the call ends.</summary>
        private async ValueTask<TolokaAnswer> RunObservedAsync(HttpRequestMessage request, TolokaRequestDescription description, string? lostAnswerSource, TolokaCallTelemetry call, CancellationToken cancellationToken)
        {
            using (call)
            {
                try
                {
                    return await RunAsync(request, description, lostAnswerSource, call, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (call.Failing(exception))
                {
                    throw;
                }
            }
        }

        /// <summary>
        /// The story of a call: the first attempt sends the generated request; only when it fails is a
        /// copy captured and the call handed to <see cref="RepeatAsync"/>. A success that completed at
        /// once never enters an async frame of the retry path. A call whose lost answer can be found
        /// (<paramref name="lostAnswerSource"/>) goes there too when its first attempt fails, even with one attempt allowed.
        /// </summary>
        private ValueTask<TolokaAnswer> RunAsync(HttpRequestMessage request, TolokaRequestDescription description, string? lostAnswerSource, TolokaCallTelemetry? call, CancellationToken cancellationToken)
        {
            if (!TolokaRequestTemplate.CanCaptureAfterSending(request))
            {
                return RunCapturedAsync(request, description, lostAnswerSource, call, cancellationToken);
            }

            // What a retry would send, taken before an HttpClient that follows redirects can rewrite it.
            var sent = (request.Method, request.RequestUri, request.Content);
            var startedAt = TolokaElapsed.Mark(_options.TimeProvider);
            var first = AttemptAsync(new TolokaAttempt(request, ownsRequest: false, description, 1, call, startedAt), cancellationToken);
            if (first.IsCompletedSuccessfully || (!_retry.MayRepeat && lostAnswerSource is null))
            {
                return first;
            }

            return AfterFirstAttemptAsync(first, request, sent, null, description, lostAnswerSource, call, startedAt, cancellationToken);
        }

        /// <summary>A body that is read once (a stream) is kept before it is sent, so a retry can send it again.</summary>
        private async ValueTask<TolokaAnswer> RunCapturedAsync(HttpRequestMessage request, TolokaRequestDescription description, string? lostAnswerSource, TolokaCallTelemetry? call, CancellationToken cancellationToken)
        {
            var sent = (request.Method, request.RequestUri, request.Content);
            var template = await TolokaRequestTemplate.CaptureAsync(request, sent).ConfigureAwait(false);
            var startedAt = TolokaElapsed.Mark(_options.TimeProvider);
            var first = AttemptAsync(new TolokaAttempt(template.Create(), ownsRequest: true, description, 1, call, startedAt), cancellationToken);
            return await AfterFirstAttemptAsync(first, request, sent, template, description, lostAnswerSource, call, startedAt, cancellationToken).ConfigureAwait(false);
        }

#if NET6_0_OR_GREATER
        [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
        private async ValueTask<TolokaAnswer> AfterFirstAttemptAsync(
            ValueTask<TolokaAnswer> first,
            HttpRequestMessage request,
            (HttpMethod Method, Uri? Target, HttpContent? Content) sent,
            TolokaRequestTemplate? template,
            TolokaRequestDescription description,
            string? lostAnswerSource,
            TolokaCallTelemetry? call,
            long startedAt,
            CancellationToken cancellationToken)
        {
            Exception failure;
            try
            {
                return await first.ConfigureAwait(false);
            }
            catch (Exception exception) when ((_retry.MayRepeat || lostAnswerSource is not null) && !cancellationToken.IsCancellationRequested)
            {
                failure = exception;
            }

            template ??= await TolokaRequestTemplate.CaptureAsync(request, sent).ConfigureAwait(false);
            return await RepeatAsync(template, failure, description, lostAnswerSource, call, startedAt, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Attempts 2 and on: after each failure <see cref="TolokaRetryPolicy.NextWait"/> decides whether
        /// the call goes on and after how long; the call's budget counts from <paramref name="startedAt"/>,
        /// before the first attempt. The caller's cancellation is never repeated. A failure that lost the
        /// answer of a call whose lost answer can be found is first looked up (<see cref="ResolveLostAnswerAsync"/>):
        /// the operation it started is the call's answer; when it started none, the request is sent again at once.
        /// </summary>
        private async ValueTask<TolokaAnswer> RepeatAsync(
            TolokaRequestTemplate template,
            Exception failure,
            TolokaRequestDescription description,
            string? lostAnswerSource,
            TolokaCallTelemetry? call,
            long startedAt,
            CancellationToken cancellationToken)
        {
            var attemptStartedAt = startedAt;
            for (var failed = 1; ; failed++)
            {
                TimeSpan? wait;
                if (lostAnswerSource is not null && TolokaLostRequest.AnswerMayBeLost(failure))
                {
                    var recovered = await ResolveLostAnswerAsync(description, lostAnswerSource, failed, call, attemptStartedAt, cancellationToken).ConfigureAwait(false);
                    if (recovered is not null)
                    {
                        return recovered;
                    }

                    wait = failed < _options.Retry.MaxAttempts ? TimeSpan.Zero : null;
                }
                else
                {
                    wait = _retry.NextWait(failure, failed, description, startedAt);
                }

                if (wait is null)
                {
                    ExceptionDispatchInfo.Capture(failure).Throw();
                }

                call?.RetryScheduled(failure, failed, wait.GetValueOrDefault());
                await TolokaClock.Delay(_options.TimeProvider, wait.GetValueOrDefault(), cancellationToken).ConfigureAwait(false);
                attemptStartedAt = TolokaElapsed.Mark(_options.TimeProvider);
                var attempt = new TolokaAttempt(template.Create(), ownsRequest: true, description, failed + 1, call, attemptStartedAt);
                try
                {
                    return await AttemptAsync(attempt, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = exception;
                }
            }
        }

        private Uri ResolveTarget(Uri? requestUri)
        {
            if (requestUri is null)
            {
                return Environment.BaseUri;
            }

            return requestUri.IsAbsoluteUri ? requestUri : new Uri(Environment.BaseUri, requestUri);
        }

        public void Dispose()
        {
            _timeouts.Dispose();
            _transport.Dispose();
        }

        public override string ToString() => "TolokaHttpPipeline (" + Environment + ")";
    }
}

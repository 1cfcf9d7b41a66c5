using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Toloka.Generated
{
    /// <summary>
    /// The one road every generated operation takes to the network (nswag.json names this type as the
    /// client's <c>httpClientType</c>). It resolves the operation's relative path against the
    /// environment, adds the <c>Authorization: OAuth</c> header to each attempt, paces and retries
    /// as the spec's per-operation extensions say, and turns every answer that is not a 2xx into a
    /// typed <see cref="TolokaApiException"/>, so each of these holds for every operation in the
    /// spec without per-operation code.
    /// </summary>
    internal sealed class TolokaHttpPipeline : IDisposable
    {
        /// <summary>Far deeper than any Toloka answer; bounds recursion on a hostile one.</summary>
        internal const int MaxJsonDepth = 64;

        /// <summary>More digits than any number in a Toloka answer needs (a 64-bit integer has 20).</summary>
        internal const int MaxNumberDigits = 400;

        private static readonly TolokaRequestDescription?[] Descriptions = new TolokaRequestDescription?[64];

        private const string AttemptKeyName = "Toloka.Generated.Attempt";

#if NET5_0_OR_GREATER
        private static readonly HttpRequestOptionsKey<int> AttemptKey = new HttpRequestOptionsKey<int>(AttemptKeyName);
#endif

        private const int PooledBodyBytes = 1024 * 1024;

        // Enough for every attempt in flight at 32 concurrent calls; beyond it a timeout is built and dropped.
        private const int IdleTimeouts = 32;

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerSettings, JsonSerializer> Serializers =
            new System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerSettings, JsonSerializer>();

        // A reference, so a reader never sees the settings of one pair with the serializer of another.
        private static Tuple<JsonSerializerSettings, JsonSerializer>? _lastSerializer;

        private static readonly IReadOnlyDictionary<string, IEnumerable<string>> NoHeaders = new Dictionary<string, IEnumerable<string>>();

        /// <summary>Invalid sequences become U+FFFD instead of throwing: the text still reaches the parser and the exception.</summary>
        internal static readonly System.Text.Encoding Utf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        /// <summary>
        /// Set by a caller that wants to know whether a successful answer asked it to wait (a poll);
        /// the pipeline fills the holder in, and the value flows back because the holder is shared.
        /// </summary>
        internal static readonly AsyncLocal<TolokaRetryAfterHint?> RetryAfterHint = new AsyncLocal<TolokaRetryAfterHint?>();

        // Exactly one of the two is set: the caller's HttpClient, or a handler invoked directly (the
        // client's own, or one passed in). A handler needs no HttpClient in front of it: HttpClient
        // links a cancellation source and arms a timer of its own for every call, which NetworkTimeout
        // already bounds, and its default headers and BaseAddress are not used by this client.
        private readonly HttpClient? _httpClient;
        private readonly HttpMessageInvoker? _handler;

        // True for the client's own SocketsHttpHandler, which ends every wait (connect, headers, body)
        // when the attempt's token fires; any other transport's waits are also bounded from outside.
        private readonly bool _transportHonoursCancellation;
        private readonly TolokaToken _token;
        private readonly byte[] _tokenUtf8;
        private readonly TolokaClientOptions _options;
        private readonly TolokaRetryStrategy _retry;
        private readonly TolokaPacer? _pacer;
        private readonly TolokaTelemetry _telemetry;
        private readonly TolokaAttemptTimeout?[] _idleTimeouts = new TolokaAttemptTimeout?[IdleTimeouts];

        [ThreadStatic]
        private static TolokaAttemptTimeout? _threadSpareTimeout;

        /// <summary>A pipeline that sends through the caller's <paramref name="httpClient"/>, never disposing it.</summary>
        internal TolokaHttpPipeline(HttpClient httpClient, string token, TolokaClientOptions? options)
            : this(token, options, httpClient)
        {
            _httpClient = httpClient;
        }

        /// <summary>
        /// A pipeline that invokes <paramref name="handler"/> directly, disposing it only when
        /// <paramref name="ownsHandler"/>; null builds the client's own handler.
        /// </summary>
        internal TolokaHttpPipeline(HttpMessageHandler? handler, bool ownsHandler, string token, TolokaClientOptions? options)
            : this(token, options, null)
        {
            _handler = handler is null ? CreateOwnHandler() : new HttpMessageInvoker(handler, ownsHandler);
#if NET5_0_OR_GREATER
            _transportHonoursCancellation = handler is null;
#else
            // HttpClientHandler on .NET Framework does not end every wait on its token.
            _transportHonoursCancellation = false;
#endif
        }

        private TolokaHttpPipeline(string token, TolokaClientOptions? options, HttpClient? httpClient)
        {
            _token = TolokaToken.Create(token, nameof(token));
            _tokenUtf8 = System.Text.Encoding.UTF8.GetBytes(_token.Secret);
            _options = (options ?? new TolokaClientOptions()).Snapshot();
            _retry = new TolokaRetryStrategy(_options.Retry, _options.TimeProvider);
            _pacer = TolokaPacer.For(_options, _token);
            _telemetry = new TolokaTelemetry(_options, _token, httpClient);
        }

        internal TolokaEnvironment Environment => _options.Environment;

        internal TolokaClientOptions Options => _options;

        internal TolokaToken Token => _token;

        internal TolokaTelemetry Telemetry => _telemetry;

        /// <summary>
        /// Says which operation a request belongs to, for retries, pacing and error messages. A request
        /// that must never be sent twice gets an empty body if it has none: SocketsHttpHandler silently
        /// resends a body-less request when a reused connection closes before the answer starts, and a
        /// clone must not reach Toloka twice.
        /// </summary>
        internal static TolokaRequestDescription Describe(HttpRequestMessage request, string operationId, bool retrySafe, int requestsPerMinute)
        {
            if (!retrySafe && request.Content is null)
            {
                var empty = new ByteArrayContent(Array.Empty<byte>());
                empty.Headers.TryAddWithoutValidation("Content-Type", "application/json");
                request.Content = empty;
            }

            // The generated code passes literals, one string instance per operation: a description is
            // kept per instance, so a call does not allocate one.
            ref var slot = ref Descriptions[System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(operationId) & (Descriptions.Length - 1)];
            var known = Volatile.Read(ref slot);
            if (known is not null && ReferenceEquals(known.OperationId, operationId) && known.RetrySafe == retrySafe && known.RequestsPerMinute == requestsPerMinute)
            {
                return known;
            }

            var description = new TolokaRequestDescription(operationId, retrySafe, requestsPerMinute);
            Volatile.Write(ref slot, description);
            return description;
        }

        /// <summary>The shared instance for the generated code's method names, so a request does not build its own.</summary>
        internal static HttpMethod Method(string name)
        {
            switch (name)
            {
                case "GET":
                    return HttpMethod.Get;
                case "POST":
                    return HttpMethod.Post;
                case "PUT":
                    return HttpMethod.Put;
                case "DELETE":
                    return HttpMethod.Delete;
                case "HEAD":
                    return HttpMethod.Head;
                default:
                    return new HttpMethod(name);
            }
        }

        /// <summary>A generated operation's relative URL against the environment.</summary>
        internal Uri Resolve(string relativeUrl) => new Uri(Environment.BaseUri, relativeUrl);

        /// <summary>
        /// Sends the request the generated code built and returns a 2xx answer with its body
        /// buffered. The first attempt sends the request itself; a retry (the strategy decides whether
        /// a failed attempt is repeated) sends a fresh copy, each after the pacer's turn.
        /// </summary>
        /// <exception cref="TolokaApiException">Toloka answered with a status other than 2xx, and retries (if any) ran out.</exception>
        /// <exception cref="TolokaTransportException">No usable answer arrived, and retries (if any) ran out.</exception>
        /// <exception cref="OperationCanceledException">The caller's token was cancelled.</exception>
        public ValueTask<HttpResponseMessage> SendAsync(HttpRequestMessage request, TolokaRequestDescription description, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            request.RequestUri = ResolveTarget(request.RequestUri);
            if (_telemetry.ObservesCalls)
            {
                return SendObservedAsync(request, description, cancellationToken);
            }

            return SendUnobservedAsync(request, description, cancellationToken);
        }

        /// <summary>
        /// The call inside an async frame of its own, so its telemetry is <see cref="TolokaCallTelemetry.Current"/>
        /// for its attempts, retries and pacing, and the caller's is restored when it ends.
        /// </summary>
        private async ValueTask<HttpResponseMessage> SendObservedAsync(HttpRequestMessage request, TolokaRequestDescription description, CancellationToken cancellationToken)
        {
            using var call = _telemetry.CallStarted(description, request.Method, request.RequestUri);
            try
            {
                return await SendUnobservedAsync(request, description, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (TolokaCallTelemetry.Failing(exception))
            {
                throw;
            }
        }

        private ValueTask<HttpResponseMessage> SendUnobservedAsync(HttpRequestMessage request, TolokaRequestDescription description, CancellationToken cancellationToken)
        {
            if (!TolokaRequestTemplate.CanCaptureAfterSending(request))
            {
                return SendCapturedAsync(request, description, cancellationToken);
            }

            // What a retry would send, taken before an HttpClient that follows redirects can rewrite it.
            var sent = (request.Method, request.RequestUri, request.Content);
            var startedAt = TolokaElapsed.Mark(_options.TimeProvider);
            var first = SendAttemptAsync(request, ownsRequest: false, description, 1, startedAt, cancellationToken);
            if (first.IsCompletedSuccessfully || !_retry.MayRepeat)
            {
                // A success that completed at once never enters an async frame of the retry path.
                return first;
            }

            return AwaitFirstAttemptAsync(first, request, sent, null, description, startedAt, cancellationToken);
        }

        private async ValueTask<HttpResponseMessage> SendCapturedAsync(HttpRequestMessage request, TolokaRequestDescription description, CancellationToken cancellationToken)
        {
            // A body that is read once (a stream) is kept before it is sent, so a retry can send it again.
            var sent = (request.Method, request.RequestUri, request.Content);
            var template = await TolokaRequestTemplate.CaptureAsync(request, sent).ConfigureAwait(false);
            var startedAt = TolokaElapsed.Mark(_options.TimeProvider);
            var first = SendAttemptAsync(template.Create(), ownsRequest: true, description, 1, startedAt, cancellationToken);
            return await AwaitFirstAttemptAsync(first, request, sent, template, description, startedAt, cancellationToken).ConfigureAwait(false);
        }

#if NET6_0_OR_GREATER
        [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
        private async ValueTask<HttpResponseMessage> AwaitFirstAttemptAsync(
            ValueTask<HttpResponseMessage> first,
            HttpRequestMessage request,
            (HttpMethod Method, Uri? Target, HttpContent? Content) sent,
            TolokaRequestTemplate? template,
            TolokaRequestDescription description,
            long startedAt,
            CancellationToken cancellationToken)
        {
            try
            {
                return await first.ConfigureAwait(false);
            }
            catch (Exception firstFailure) when (_retry.MayRepeat && !cancellationToken.IsCancellationRequested)
            {
                // Only a failed first attempt enters the retry machinery; a success never builds it.
                template ??= await TolokaRequestTemplate.CaptureAsync(request, sent).ConfigureAwait(false);
                return await RepeatAsync(template, firstFailure, description, startedAt, cancellationToken).ConfigureAwait(false);
            }
        }

        private Task<HttpResponseMessage> RepeatAsync(
            TolokaRequestTemplate template,
            Exception firstFailure,
            TolokaRequestDescription description,
            long startedAt,
            CancellationToken cancellationToken) =>
            _retry.RepeatAsync(
                description,
                startedAt,
                firstFailure,
                (attempt, token) => SendAttemptAsync(MarkAttempt(template.Create(), attempt), ownsRequest: true, description, attempt, TolokaElapsed.Mark(_options.TimeProvider), token).AsTask(),
                cancellationToken);

        private static HttpRequestMessage MarkAttempt(HttpRequestMessage request, int attempt)
        {
#if NET5_0_OR_GREATER
            request.Options.Set(AttemptKey, attempt);
#else
            request.Properties[AttemptKeyName] = attempt;
#endif
            return request;
        }

        /// <summary>Which attempt sent the request: 1 unless a retry marked its copy.</summary>
        private static int AttemptOf(HttpRequestMessage? request)
        {
#if NET5_0_OR_GREATER
            return request is not null && request.Options.TryGetValue(AttemptKey, out var attempt) ? attempt : 1;
#else
            return request is not null && request.Properties.TryGetValue(AttemptKeyName, out var attempt) && attempt is int number ? number : 1;
#endif
        }

        private ValueTask<HttpResponseMessage> SendAttemptAsync(
            HttpRequestMessage request,
            bool ownsRequest,
            TolokaRequestDescription description,
            int attempt,
            long startedAt,
            CancellationToken cancellationToken)
        {
            if (_pacer is null || description.RequestsPerMinute <= 0)
            {
                return SendOnceAsync(request, ownsRequest, description, attempt, startedAt, cancellationToken);
            }

            return PacedAsync(request, ownsRequest, description, attempt, cancellationToken);
        }

#if NET6_0_OR_GREATER
        [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
        private async ValueTask<HttpResponseMessage> PacedAsync(
            HttpRequestMessage request,
            bool ownsRequest,
            TolokaRequestDescription description,
            int attempt,
            CancellationToken cancellationToken)
        {
            try
            {
                await _pacer!.WaitTurnAsync(description.OperationId, description.RequestsPerMinute, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                if (ownsRequest)
                {
                    request.Dispose();
                }

                throw;
            }

            // The network timeout counts from the end of the pacing wait, not from the call's start.
            return await SendOnceAsync(request, ownsRequest, description, attempt, TolokaElapsed.Mark(_options.TimeProvider), cancellationToken).ConfigureAwait(false);
        }

#if NET6_0_OR_GREATER
        [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
        private async ValueTask<HttpResponseMessage> SendOnceAsync(
            HttpRequestMessage request,
            bool ownsRequest,
            TolokaRequestDescription description,
            int attempt,
            long startedAt,
            CancellationToken cancellationToken)
        {
            try
            {
                request.Headers.TryAddWithoutValidation("Authorization", _token.HeaderValue);
                if (_options.ActUnderAccountId is { } account)
                {
                    request.Headers.TryAddWithoutValidation("X-Act-Under-Account-ID", account);
                }

                request.Headers.TryAddWithoutValidation("User-Agent", _telemetry.UserAgent);
                var sentUri = request.RequestUri;
                var sentMethod = request.Method;

                // One timer bounds the whole attempt, headers and body alike: a body that trickles, stops
                // short of its Content-Length or never ends its chunks cannot hold the call past it.
                var attemptCancellation = TakeTimeout(startedAt, cancellationToken);
                HttpResponseMessage? response = null;
                TolokaAnswerContent? answer = null;
                var tooLarge = false;
                var noContent = false;
                string? followedTo = null;
                try
                {
                    var sending = _httpClient is { } httpClient
                        ? httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptCancellation.Token)
                        : _handler!.SendAsync(request, attemptCancellation.Token);

                    // HttpClient refuses a handler's null answer the same way.
                    response = await Bounded(sending, attemptCancellation.Token).ConfigureAwait(false)
                        ?? throw new InvalidOperationException("The HTTP handler returned no response message for " + description.OperationId + ".");

                    if (response.RequestMessage is { } answered
                        && (answered.RequestUri != sentUri || answered.Method != sentMethod))
                    {
                        // The HttpClient passed in followed a redirect: the answer is another address's.
                        followedTo = answered.RequestUri?.ToString() ?? string.Empty;
                    }
                    else if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
                    {
                        // 204 has no body by definition: nothing to read, no content headers to look at,
                        // and the network content stays (the generated code returns null without it).
                        noContent = true;
                    }
                    else if ((int)response.StatusCode >= 200)
                    {
                        // 1xx has no body; a 101's "body" is the raw connection, never to be read.
                        answer = await ReadBodyAsync(response.Content, description.OperationId, attempt, attemptCancellation.Token).ConfigureAwait(false);
                        tooLarge = answer is null;
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    response?.Dispose();
                    ReturnTimeout(attemptCancellation);
                    throw;
                }
                catch (Exception exception) when (cancellationToken.IsCancellationRequested && IsTransportFailure(exception))
                {
                    // The caller cancelled and the handler reported it as a broken connection: it is still the caller's cancellation.
                    response?.Dispose();
                    ReturnTimeout(attemptCancellation);
                    throw new OperationCanceledException("The call to " + description.OperationId + " was cancelled.", _token.Scrub(exception), cancellationToken);
                }
                catch (Exception exception) when (attemptCancellation.IsCancellationRequested || IsTransportFailure(exception))
                {
                    response?.Dispose();
                    var timedOut = attemptCancellation.IsCancellationRequested || exception is OperationCanceledException || exception is TimeoutException;
                    ReturnTimeout(attemptCancellation);
                    var message = timedOut
                        ? TolokaTransportException.DescribeTimeout(description.OperationId, attempt, _options.NetworkTimeout, attemptCancellation.IsCancellationRequested || _httpClient is null || _httpClient.Timeout == Timeout.InfiniteTimeSpan ? null : _httpClient.Timeout)
                        : TolokaTransportException.DescribeConnectionFailure(description.OperationId, attempt, _token.Redact(exception.Message));
                    throw new TolokaTransportException(message, description.OperationId, attempt, timedOut, _token.Scrub(exception));
                }
                catch
                {
                    ReturnTimeout(attemptCancellation);
                    throw;
                }

                ReturnTimeout(attemptCancellation);
                var status = (int)response.StatusCode;
                if (followedTo is null && (noContent || (status >= 200 && status <= 299 && answer is not null)))
                {
                    TolokaCallTelemetry.Current?.AttemptSucceeded(status, attempt, answer);
                    if (RetryAfterHint.Value is { } hint)
                    {
                        // A successful answer may only slow polling down, never stall it: clamp to the retry budget.
                        hint.RetryAfter = TolokaRetryAfter.Read(response, _options.TimeProvider.GetUtcNow()) is { } asked
                            ? TolokaRetryAfter.Clamp(asked, _options.Retry.TotalBudget)
                            : null;
                    }

                    if (answer is not null)
                    {
                        var network = response.Content;
                        response.Content = answer;
                        network?.Dispose();
                    }

                    return response;
                }

                using (response)
                {
                    throw ReadFailure(response, answer, tooLarge, followedTo, description, attempt);
                }
            }
            finally
            {
                if (ownsRequest)
                {
                    request.Dispose();
                }
            }
        }

        private static bool IsTransportFailure(Exception exception) =>
            exception is HttpRequestException
            || exception is IOException
            || exception is System.Net.Sockets.SocketException
            || exception is OperationCanceledException
            || exception is TimeoutException;

        private TolokaAttemptTimeout TakeTimeout(long startedAt, CancellationToken callerCancellation)
        {
            // The thread's spare first (no interlocked operation; it serves any client with the same clock
            // and timeout, so short-lived clients from a DI container reuse it too), then this pipeline's.
            var timeout = _threadSpareTimeout;
            if (timeout is not null && timeout.Fits(_options.TimeProvider, _options.NetworkTimeout))
            {
                _threadSpareTimeout = null;
            }
            else
            {
                timeout = null;
                for (var i = 0; i < _idleTimeouts.Length && timeout is null; i++)
                {
                    timeout = Interlocked.Exchange(ref _idleTimeouts[i], null);
                }

                timeout ??= new TolokaAttemptTimeout(_options.TimeProvider, _options.NetworkTimeout);
            }

            timeout.Start(startedAt, callerCancellation);
            return timeout;
        }

        private void ReturnTimeout(TolokaAttemptTimeout timeout)
        {
            if (timeout.TryStop())
            {
                var spare = _threadSpareTimeout;
                if (spare is null || !spare.Fits(_options.TimeProvider, _options.NetworkTimeout))
                {
                    // A spare for another clock or timeout gives way: nothing else refers to it.
                    _threadSpareTimeout = timeout;
                    spare?.Dispose();
                    return;
                }

                for (var i = 0; i < _idleTimeouts.Length; i++)
                {
                    if (Interlocked.CompareExchange(ref _idleTimeouts[i], timeout, null) is null)
                    {
                        return;
                    }
                }
            }

            timeout.Dispose();
        }

        /// <summary>
        /// Reads the body as bytes, at most <see cref="TolokaClientOptions.MaxResponseBytes"/> of them, under
        /// the attempt's cancellation, and notes whether its bytes could hold the token. Null when the
        /// body is larger than the cap.
        /// </summary>
#if NET6_0_OR_GREATER
        [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
        private async ValueTask<TolokaAnswerContent?> ReadBodyAsync(HttpContent? content, string operationId, int attempt, CancellationToken cancellationToken)
        {
            if (content is null)
            {
                return Answer(Array.Empty<byte>(), 0, null, operationId, attempt);
            }

            var limit = _options.MaxResponseBytes;

            // An in-memory body is read within the cap like any other, but without asking its length:
            // computing it stores a Content-Length header, which costs more than the read.
            var declared = content is ByteArrayContent ? null : content.Headers.ContentLength;
            if (declared > limit)
            {
                return null;
            }

            if (declared == 0)
            {
                return Answer(Array.Empty<byte>(), 0, content, operationId, attempt);
            }

#if NET5_0_OR_GREATER
            var reading = content.ReadAsStreamAsync(cancellationToken);
#else
            var reading = content.ReadAsStreamAsync();
#endif
            using var stream = await Bounded(reading, cancellationToken).ConfigureAwait(false);

            // A declared length sizes the buffer exactly, plus one byte so a body that keeps going shows
            // at once; an unknown one is read into pooled buffers (up to PooledBodyBytes, past which the
            // pool's power-of-two sizes would cost more memory than they save) and copied out at its size.
            var unknownLength = declared is null;
            var pooled = unknownLength;
            var buffer = pooled ? RentBuffer(4096) : new byte[(int)Math.Min(declared!.Value + 1, (long)limit + 1)];
            try
            {
                var length = 0;
                while (true)
                {
                    var capacity = (int)Math.Min(buffer.Length, (long)limit + 1);
                    if (length == capacity)
                    {
                        if (length > limit)
                        {
                            return null;
                        }

                        var size = (int)Math.Min((long)capacity * 2, (long)limit + 1);
                        var largerPooled = size <= PooledBodyBytes;
                        var larger = largerPooled ? RentBuffer(size) : new byte[size];
                        Buffer.BlockCopy(buffer, 0, larger, 0, length);
                        if (pooled)
                        {
                            ReturnBuffer(buffer);
                        }

                        buffer = larger;
                        pooled = largerPooled;
                        capacity = (int)Math.Min(buffer.Length, (long)limit + 1);
                    }

#if NET5_0_OR_GREATER
                    var pending = stream.ReadAsync(buffer.AsMemory(length, capacity - length), cancellationToken);
                    var read = pending.IsCompleted ? pending.Result
                        : _transportHonoursCancellation ? await pending.ConfigureAwait(false)
                        : await WithCancellation(pending.AsTask(), cancellationToken).ConfigureAwait(false);
#else
                    var read = await Bounded(stream.ReadAsync(buffer, length, capacity - length, cancellationToken), cancellationToken).ConfigureAwait(false);
#endif
                    if (read <= 0)
                    {
                        break;
                    }

                    length += read;
                }

                if (length > limit)
                {
                    return null;
                }

                if (pooled)
                {
                    var exact = new byte[length];
                    Buffer.BlockCopy(buffer, 0, exact, 0, length);
                    return Answer(exact, length, content, operationId, attempt);
                }

                return Answer(buffer, length, content, operationId, attempt);
            }
            finally
            {
                if (pooled)
                {
                    ReturnBuffer(buffer);
                }
            }
        }

        private static byte[] RentBuffer(int length)
        {
#if NET5_0_OR_GREATER
            return System.Buffers.ArrayPool<byte>.Shared.Rent(length);
#else
            return new byte[length];
#endif
        }

        private static void ReturnBuffer(byte[] buffer)
        {
#if NET5_0_OR_GREATER
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
#else
            _ = buffer;
#endif
        }

        private TolokaAnswerContent Answer(byte[] buffer, int length, HttpContent? network, string operationId, int attempt)
        {
            var start = length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
            return new TolokaAnswerContent(buffer, start, length - start, MayHoldToken(buffer, start, length - start, _tokenUtf8), operationId, attempt, network, _token);
        }

        /// <summary>
        /// False when the bytes hold neither the token's UTF-8 nor a backslash: JSON can spell a
        /// character only as itself or as an escape, so then no decoded string holds the token.
        /// </summary>
        private static bool MayHoldToken(byte[] buffer, int start, int length, byte[] tokenUtf8)
        {
#if NET8_0_OR_GREATER
            var bytes = new ReadOnlySpan<byte>(buffer, start, length);
            return bytes.IndexOf((byte)'\\') >= 0 || bytes.IndexOf(tokenUtf8) >= 0;
#else
            _ = buffer;
            _ = start;
            _ = length;
            _ = tokenUtf8;
            return true;
#endif
        }

        /// <summary>
        /// <paramref name="task"/> itself when the transport is the client's own (it ends its waits on the
        /// token, and a wrapper would cost a promise and a registration per wait), otherwise
        /// <see cref="WithCancellation{T}(Task{T}, CancellationToken)"/>.
        /// </summary>
        private Task<T> Bounded<T>(Task<T> task, CancellationToken cancellationToken) =>
            _transportHonoursCancellation ? task : WithCancellation(task, cancellationToken);

        /// <summary>
        /// Ends the wait when <paramref name="cancellationToken"/> fires even if the handler or stream
        /// ignores it, so no component below the client can hold a call past its timeout.
        /// </summary>
        private static Task<T> WithCancellation<T>(Task<T> task, CancellationToken cancellationToken)
        {
            if (task.IsCompleted || !cancellationToken.CanBeCanceled)
            {
                return task;
            }

            return WaitAsync(task, cancellationToken);

            static async Task<T> WaitAsync(Task<T> task, CancellationToken cancellationToken)
            {
#if NET6_0_OR_GREATER
                try
                {
                    return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!task.IsCompleted)
                {
                    // The abandoned task ends when the response is disposed; observe its fault so it is not reported as unobserved.
                    _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    throw new OperationCanceledException(cancellationToken);
                }
#else
                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
                {
                    if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                    {
                        // The abandoned task ends when the response is disposed; observe its fault so it is not reported as unobserved.
                        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                        throw new OperationCanceledException(cancellationToken);
                    }
                }

                return await task.ConfigureAwait(false);
#endif
            }
        }

        private IReadOnlyDictionary<string, IEnumerable<string>> RedactedHeaders(HttpResponseMessage response) =>
            _token.Redact(TolokaErrorDetails.CopyHeaders(response));

        private TolokaApiException ReadFailure(HttpResponseMessage response, TolokaAnswerContent? body, bool tooLarge, string? followedTo, TolokaRequestDescription description, int attempt)
        {
            var text = body?.Text;
            var status = (int)response.StatusCode;
            var receivedAt = _options.TimeProvider.GetUtcNow();
            var headers = RedactedHeaders(response);
            string? location = null;
            TolokaErrorKind? kind = null;
            if (followedTo is not null)
            {
                location = _token.Redact(followedTo);
                kind = TolokaErrorKind.Redirect;
            }
            else if (status >= 300 && status <= 399)
            {
                location = headers.TryGetValue("Location", out var values) ? values.FirstOrDefault() : null;
            }
            else if (status >= 200 && status <= 299)
            {
                kind = TolokaErrorKind.InvalidResponse;
            }

            var details = new TolokaErrorDetails(
                status,
                text,
                headers,
                TryReadError(text, _token),
                description.OperationId,
                attempt,
                TolokaRetryAfter.Read(response, receivedAt),
                receivedAt,
                kind,
                location);
            var message = TolokaApiException.DescribeFailure(details);
            if (followedTo is not null)
            {
                message = "The HTTP client followed a redirect during " + description.OperationId + " and the answer (HTTP "
                    + status.ToString(CultureInfo.InvariantCulture) + ") came from " + Shorten(location) + "; Toloka.Generated never accepts a redirected answer.";
            }
            else if (status >= 300 && status <= 399)
            {
                message = message.TrimEnd('.') + ", a redirect to " + (location is null ? "no Location" : Shorten(location)) + "; the client does not follow redirects.";
            }
            else if (status < 200)
            {
                message = message.TrimEnd('.') + ", an informational status, as its final answer.";
            }

            if (tooLarge)
            {
                message = message.TrimEnd('.') + "; the body is larger than MaxResponseBytes ("
                    + _options.MaxResponseBytes.ToString(CultureInfo.InvariantCulture) + " bytes) and was not read.";
            }

            return TolokaApiException.FromAnswer(details, message);
        }

        private static string Shorten(string? text)
        {
            const int MaxShown = 300;
            text ??= string.Empty;
            return text.Length <= MaxShown ? text : text.Remove(MaxShown) + "...";
        }

        private static ApiError? TryReadError(string? body, TolokaToken token)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }

            try
            {
                var error = ParseMasked<ApiError>(body!, TolokaClient.ErrorSerializerSettings, token);
                return error is { Code: { Length: > 0 } } ? error : null;
            }
            catch (Exception exception) when (!(exception is OutOfMemoryException))
            {
                // Not Toloka's error body (a proxy's HTML page, say, or wrong JSON types): the raw body is still kept.
                return null;
            }
        }

        /// <summary>
        /// The exception for an operation Toloka returned whose ID cannot be polled (empty, blank,
        /// <c>.</c>, <c>..</c>, not well-formed UTF-16): <see cref="TolokaErrorKind.InvalidResponse"/>
        /// of the call that returned it, raised before a request with that ID could be built.
        /// </summary>
        internal static TolokaApiException UnpollableOperation(string operationId, string? badId, TolokaToken token)
        {
            var details = new TolokaErrorDetails(200, null, NoHeaders, error: null, operationId: operationId, attempts: 1, kind: TolokaErrorKind.InvalidResponse);
            var shown = badId is null ? "no ID" : "the ID \"" + Shorten(token.Redact(badId)) + "\"";
            return new TolokaApiException(details, "Toloka answered " + operationId + " with an operation that has " + shown + ", which cannot be polled.", null);
        }

        /// <summary>
        /// The exception for a 2xx the client cannot use: typed <see cref="TolokaErrorKind.InvalidResponse"/>,
        /// with the operation, the attempt, the (already masked) body and headers, and a cause whose
        /// messages cannot carry the token. The generated code calls it for every such case.
        /// </summary>
        internal TolokaApiException InvalidAnswer(HttpResponseMessage response, string operationId, string problem, Exception? cause) =>
            InvalidAnswer(response, operationId, problem, cause, _token);

        private static TolokaApiException InvalidAnswer(HttpResponseMessage response, string operationId, string problem, Exception? cause, TolokaToken token)
        {
            // A 204 keeps its network content (nothing was read): the attempt is on the request a retry sent.
            var answer = response.Content as TolokaAnswerContent;
            var status = (int)response.StatusCode;
            var details = new TolokaErrorDetails(
                status,
                answer is null ? (response.StatusCode == System.Net.HttpStatusCode.NoContent ? string.Empty : null) : answer.Text,
                answer is null ? token.Redact(TolokaErrorDetails.CopyHeaders(response)) : answer.RedactedHeaders(response),
                error: null,
                operationId: answer?.OperationId ?? operationId,
                attempts: answer?.Attempt ?? AttemptOf(response.RequestMessage),
                kind: TolokaErrorKind.InvalidResponse);
            var message = "Toloka answered HTTP " + status.ToString(CultureInfo.InvariantCulture) + " to " + details.OperationId + " with " + problem + ".";
            if (cause is not null)
            {
                // A converter's message can quote a value from the body: keep the message readable.
                message += " " + Shorten(token.Redact(cause.Message));
            }

            return new TolokaApiException(details, message, token.Scrub(cause));
        }

        /// <summary>
        /// Parses a 2xx body the pipeline buffered. Any failure, whatever the JSON (wrong types, huge
        /// numbers, nesting past <see cref="MaxJsonDepth"/>, trailing data), is an <see cref="TolokaErrorKind.InvalidResponse"/>
        /// of <paramref name="operationId"/>.
        /// </summary>
        internal static T? ReadObject<T>(HttpResponseMessage response, string operationId, JsonSerializerSettings settings)
        {
            if (!(response.Content is TolokaAnswerContent answer) || answer.Bytes.Count == 0)
            {
                return default;
            }

            try
            {
                return TryParseDirect<T>(answer, settings, out var result) ? result : ParseMasked<T>(answer.Text, settings, answer.Token);
            }
            catch (System.Reflection.TargetInvocationException invocation) when (invocation.InnerException is JsonException refused)
            {
                // A generated model's [OnDeserialized] check (a required property missing or null) is
                // called through reflection: report its own exception, not the reflection wrapper.
                throw InvalidAnswer(response, operationId, "a body that is not a valid " + typeof(T).Name, refused, answer.Token);
            }
            catch (Exception exception) when (!(exception is OutOfMemoryException))
            {
                throw InvalidAnswer(response, operationId, "a body that is not a valid " + typeof(T).Name, exception, answer.Token);
            }
        }

        /// <summary>
        /// The common case without a tree: a body that starts an object or array, holds no token and
        /// no escape (so nothing needs masking) and no overlong number is bound straight from its bytes,
        /// with the same depth cap and the same refusal of trailing data. False leaves it to <see cref="ParseMasked"/>.
        /// </summary>
        private static bool TryParseDirect<T>(TolokaAnswerContent answer, JsonSerializerSettings settings, out T? result)
        {
            result = default;
#if NET8_0_OR_GREATER
            var bytes = answer.Bytes.AsSpan();
            var first = bytes.IndexOfAnyExcept(" \t\r\n"u8);
            if (answer.MayHoldToken || first < 0 || (bytes[first] != (byte)'{' && bytes[first] != (byte)'[') || HasLongNumberRun(bytes))
            {
                return false;
            }

            var chars = System.Buffers.ArrayPool<char>.Shared.Rent(Utf8.GetMaxCharCount(bytes.Length));
            try
            {
                var count = Utf8.GetChars(bytes, chars);
                using var reader = new JsonTextReader(new TolokaCharsReader(chars, count))
                {
                    MaxDepth = MaxJsonDepth,
                    DateParseHandling = DateParseHandling.None,
                    FloatParseHandling = settings.FloatParseHandling,
                    ArrayPool = TolokaCharPool.Instance,
                };
                result = SerializerFor(settings).Deserialize<T>(reader);
                while (reader.Read())
                {
                    if (reader.TokenType != JsonToken.Comment)
                    {
                        throw new JsonReaderException("The answer has more text after its JSON value.");
                    }
                }

                return true;
            }
            finally
            {
                System.Buffers.ArrayPool<char>.Shared.Return(chars);
            }
#else
            _ = answer;
            _ = settings;
            return false;
#endif
        }

#if NET8_0_OR_GREATER
        /// <summary>
        /// True when some run of digits is longer than <see cref="MaxNumberDigits"/> anywhere, strings
        /// included: a cheap, vectorised look that lets <see cref="CheckNumbers"/> decide only then.
        /// </summary>
        private static bool HasLongNumberRun(ReadOnlySpan<byte> bytes)
        {
            while (bytes.Length > MaxNumberDigits)
            {
                var digit = bytes.IndexOfAnyInRange((byte)'0', (byte)'9');
                if (digit < 0 || bytes.Length - digit <= MaxNumberDigits)
                {
                    return false;
                }

                bytes = bytes.Slice(digit);
                var end = bytes.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
                if (end < 0 || end > MaxNumberDigits)
                {
                    return true;
                }

                bytes = bytes.Slice(end);
            }

            return false;
        }
#endif

        /// <summary>
        /// Parses JSON text into a tree first (bounded depth, no trailing data), masks the token in every
        /// string and property name as decoded (so a JSON-escaped echo is caught too), then binds the model.
        /// </summary>
        private static T? ParseMasked<T>(string text, JsonSerializerSettings settings, TolokaToken? token)
        {
            CheckNumbers(text);
            using var reader = new JsonTextReader(new StringReader(text))
            {
                MaxDepth = MaxJsonDepth,
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = settings.FloatParseHandling,
            };
            var root = JToken.ReadFrom(reader);
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw new JsonReaderException("The answer has more text after its JSON value.");
                }
            }

            if (token is not null)
            {
                token.Redact(root);
            }

            if (root.Type == JTokenType.Null)
            {
                return default;
            }

            return root.ToObject<T>(SerializerFor(settings));
        }

        /// <summary>
        /// One serializer per settings object (the generated client keeps one settings object per
        /// class), so a successful answer does not copy the settings into a new serializer each time.
        /// </summary>
        internal static JsonSerializer SerializerFor(JsonSerializerSettings settings)
        {
            // The client's one settings object answers nearly every call: skip the table for it.
            if (Volatile.Read(ref _lastSerializer) is { } last && ReferenceEquals(last.Item1, settings))
            {
                return last.Item2;
            }

            var serializer = Serializers.GetValue(settings, static key =>
            {
                var created = JsonSerializer.Create(key);
                created.MaxDepth = MaxJsonDepth;
                return created;
            });
            Volatile.Write(ref _lastSerializer, Tuple.Create(settings, serializer));
            return serializer;
        }

        /// <summary>
        /// Refuses a number written with more digits than any real value needs before the JSON reader
        /// sees it: reading a megabyte of digits as a BigInteger costs quadratic time.
        /// </summary>
        private static void CheckNumbers(string text)
        {
            var inString = false;
            var run = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var character = text[i];
                if (inString)
                {
                    if (character == '\\')
                    {
                        i++;
                    }
                    else if (character == '"')
                    {
                        inString = false;
                    }

                    continue;
                }

                if (character == '"')
                {
                    inString = true;
                    run = 0;
                }
                else if (character >= '0' && character <= '9')
                {
                    if (++run > MaxNumberDigits)
                    {
                        throw new JsonReaderException("A number in the answer has more than " + MaxNumberDigits + " digits.");
                    }
                }
                else
                {
                    run = 0;
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

        private static HttpMessageInvoker CreateOwnHandler()
        {
            // Never follow redirects: a 301/302 would turn a clone POST into a GET elsewhere and hand back
            // that address's body as the clone's answer. NetworkTimeout bounds attempts.
#if NET5_0_OR_GREATER
            // Recycle pooled connections so a long-lived client follows DNS changes.
            return new HttpMessageInvoker(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false }, disposeHandler: true);
#else
            return new HttpMessageInvoker(new HttpClientHandler { AllowAutoRedirect = false }, disposeHandler: true);
#endif
        }

        public void Dispose()
        {
            for (var i = 0; i < _idleTimeouts.Length; i++)
            {
                Interlocked.Exchange(ref _idleTimeouts[i], null)?.Dispose();
            }

            // Disposes the handler only when it is the client's own (or was handed over); a caller's HttpClient is left alone.
            _handler?.Dispose();
        }

        public override string ToString() => "TolokaHttpPipeline (" + Environment + ")";
    }

    /// <summary>The <c>Retry-After</c> of the last successful answer, for a poll loop.</summary>
    internal sealed class TolokaRetryAfterHint
    {
        internal TimeSpan? RetryAfter { get; set; }
    }

    /// <summary>Which operation a request belongs to, as the spec says.</summary>
    internal sealed class TolokaRequestDescription
    {
        internal TolokaRequestDescription(string operationId, bool retrySafe, int requestsPerMinute)
        {
            OperationId = operationId;
            RetrySafe = retrySafe;
            RequestsPerMinute = requestsPerMinute;
        }

        internal string OperationId { get; }

        internal bool RetrySafe { get; }

        internal int RequestsPerMinute { get; }
    }
}

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
        private const string DescriptionKey = "Toloka.Generated.RequestDescription";

        /// <summary>Far deeper than any Toloka answer; bounds recursion on a hostile one.</summary>
        internal const int MaxJsonDepth = 64;

        /// <summary>More digits than any number in a Toloka answer needs (a 64-bit integer has 20).</summary>
        internal const int MaxNumberDigits = 400;

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerSettings, JsonSerializer> Serializers =
            new System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerSettings, JsonSerializer>();

        private static readonly IReadOnlyDictionary<string, IEnumerable<string>> NoHeaders = new Dictionary<string, IEnumerable<string>>();

        // Invalid sequences become U+FFFD instead of throwing: the text still reaches the parser and the exception.
        private static readonly System.Text.Encoding Utf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        /// <summary>
        /// Set by a caller that wants to know whether a successful answer asked it to wait (a poll);
        /// the pipeline fills the holder in, and the value flows back because the holder is shared.
        /// </summary>
        internal static readonly AsyncLocal<TolokaRetryAfterHint?> RetryAfterHint = new AsyncLocal<TolokaRetryAfterHint?>();

        private readonly HttpClient _httpClient;
        private readonly bool _ownsHttpClient;
        private readonly TolokaToken _token;
        private readonly TolokaClientOptions _options;
        private readonly TolokaRetryStrategy _retry;
        private readonly TolokaPacer? _pacer;
        private readonly TolokaTelemetry _telemetry; // telemetry

        internal TolokaHttpPipeline(HttpClient? httpClient, string token, TolokaClientOptions? options)
        {
            _token = TolokaToken.Create(token, nameof(token));
            _options = (options ?? new TolokaClientOptions()).Snapshot();
            _retry = new TolokaRetryStrategy(_options.Retry, _options.TimeProvider);
            _pacer = TolokaPacer.For(_options, _token);
            _ownsHttpClient = httpClient is null;
            _httpClient = httpClient ?? CreateOwnHttpClient();
            _telemetry = new TolokaTelemetry(_options, _token, _httpClient); // telemetry
        }

        internal TolokaEnvironment Environment => _options.Environment;

        internal TolokaClientOptions Options => _options;

        internal TolokaToken Token => _token;

        internal TolokaTelemetry Telemetry => _telemetry; // telemetry

        /// <summary>Records which operation a request belongs to, for retries, pacing and error messages.</summary>
        internal static void Describe(HttpRequestMessage request, string operationId, bool retrySafe, int requestsPerMinute)
        {
            var description = new TolokaRequestDescription(operationId, retrySafe, requestsPerMinute);
#if NET5_0_OR_GREATER
            request.Options.Set(new HttpRequestOptionsKey<TolokaRequestDescription>(DescriptionKey), description);
#else
            request.Properties[DescriptionKey] = description;
#endif
        }

        internal static TolokaRequestDescription? ReadDescription(HttpRequestMessage request)
        {
#if NET5_0_OR_GREATER
            return request.Options.TryGetValue(new HttpRequestOptionsKey<TolokaRequestDescription>(DescriptionKey), out var description) ? description : null;
#else
            return request.Properties.TryGetValue(DescriptionKey, out var value) ? value as TolokaRequestDescription : null;
#endif
        }

        /// <summary>
        /// Sends the request the generated code built and returns a 2xx answer with its body
        /// buffered. Each attempt sends a fresh copy of the request, after the pacer's turn; the retry
        /// strategy decides whether a failed attempt is repeated.
        /// </summary>
        /// <exception cref="TolokaApiException">Toloka answered with a status other than 2xx, and retries (if any) ran out.</exception>
        /// <exception cref="TolokaTransportException">No usable answer arrived, and retries (if any) ran out.</exception>
        /// <exception cref="OperationCanceledException">The caller's token was cancelled.</exception>
        public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completionOption, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var description = ReadDescription(request) ?? new TolokaRequestDescription("unknown", retrySafe: false, requestsPerMinute: 0);
            using var call = _telemetry.CallStarted(description, request.Method, request.RequestUri); // telemetry
            var template = await TolokaRequestTemplate.CaptureAsync(request, ResolveTarget(request.RequestUri), description.RetrySafe).ConfigureAwait(false);
            return await _retry.ExecuteAsync(
                description,
                (attempt, token) => SendAttemptAsync(template, description, attempt, token),
                cancellationToken).ConfigureAwait(false);
        }

        private async Task<HttpResponseMessage> SendAttemptAsync(
            TolokaRequestTemplate template,
            TolokaRequestDescription description,
            int attempt,
            CancellationToken cancellationToken)
        {
            if (_pacer is not null)
            {
                await _pacer.WaitTurnAsync(description.OperationId, description.RequestsPerMinute, cancellationToken).ConfigureAwait(false);
            }

            using var request = template.Create();
            request.Headers.TryAddWithoutValidation("Authorization", _token.HeaderValue);
            request.Headers.TryAddWithoutValidation("User-Agent", _telemetry.UserAgent); // telemetry
            var sentUri = request.RequestUri;
            var sentMethod = request.Method;

            // One timer bounds the whole attempt, headers and body alike: a body that trickles, stops
            // short of its Content-Length or never ends its chunks cannot hold the call past it.
            using var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var timeoutTimer = StartTimeout(attemptCancellation);
            HttpResponseMessage? response = null;
            TolokaBody body = default;
            string? followedTo = null;
            try
            {
                response = await WithCancellation(
                    _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptCancellation.Token),
                    attemptCancellation.Token).ConfigureAwait(false);

                if (response.RequestMessage is { } answered
                    && (answered.RequestUri != sentUri || answered.Method != sentMethod))
                {
                    // The HttpClient passed in followed a redirect: the answer is another address's.
                    followedTo = answered.RequestUri?.ToString() ?? string.Empty;
                }
                else if ((int)response.StatusCode >= 200)
                {
                    // 1xx has no body; a 101's "body" is the raw connection, never to be read.
                    body = await ReadBodyAsync(response.Content, attemptCancellation.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                response?.Dispose();
                throw;
            }
            catch (Exception exception) when (cancellationToken.IsCancellationRequested && IsTransportFailure(exception))
            {
                // The caller cancelled and the handler reported it as a broken connection: it is still the caller's cancellation.
                response?.Dispose();
                throw new OperationCanceledException("The call to " + description.OperationId + " was cancelled.", _token.Scrub(exception), cancellationToken);
            }
            catch (Exception exception) when (attemptCancellation.IsCancellationRequested || IsTransportFailure(exception))
            {
                response?.Dispose();
                var timedOut = attemptCancellation.IsCancellationRequested || exception is OperationCanceledException || exception is TimeoutException;
                var message = timedOut
                    ? TolokaTransportException.DescribeTimeout(description.OperationId, attempt, _options.NetworkTimeout, attemptCancellation.IsCancellationRequested || _httpClient.Timeout == Timeout.InfiniteTimeSpan ? null : _httpClient.Timeout)
                    : TolokaTransportException.DescribeConnectionFailure(description.OperationId, attempt, _token.Redact(exception.Message));
                throw new TolokaTransportException(message, description.OperationId, attempt, timedOut, _token.Scrub(exception));
            }

            var status = (int)response.StatusCode;
            if (followedTo is null && status >= 200 && status <= 299 && !body.TooLarge)
            {
                if (RetryAfterHint.Value is { } hint)
                {
                    // A successful answer may only slow polling down, never stall it: clamp to the retry budget.
                    hint.RetryAfter = TolokaRetryAfter.Read(response, _options.TimeProvider.GetUtcNow()) is { } asked
                        ? TolokaRetryAfter.Clamp(asked, _options.Retry.TotalBudget)
                        : null;
                }

                TolokaCallTelemetry.Current?.AttemptSucceeded(status, attempt, body.Text); // telemetry
                var network = response.Content;
                response.Content = new TolokaAnswerContent(body.Text ?? string.Empty, description.OperationId, attempt, RedactedHeaders(response), _token);
                network?.Dispose();
                return response;
            }

            using (response)
            {
                throw ReadFailure(response, body, followedTo, description, attempt);
            }
        }

        private static bool IsTransportFailure(Exception exception) =>
            exception is HttpRequestException
            || exception is IOException
            || exception is System.Net.Sockets.SocketException
            || exception is OperationCanceledException
            || exception is TimeoutException;

        private ITimer? StartTimeout(CancellationTokenSource attemptCancellation)
        {
            if (_options.NetworkTimeout == Timeout.InfiniteTimeSpan)
            {
                return null;
            }

            return _options.TimeProvider.CreateTimer(
                static state =>
                {
                    // The timer can fire just as the attempt ends and disposes its source; on a
                    // thread-pool thread an exception here would end the process.
                    try
                    {
                        ((CancellationTokenSource)state!).Cancel();
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                },
                attemptCancellation,
                _options.NetworkTimeout,
                Timeout.InfiniteTimeSpan);
        }

        /// <summary>
        /// Reads the body as bytes, at most <see cref="TolokaClientOptions.MaxResponseBytes"/> of them, under
        /// the attempt's cancellation; decodes UTF-8 (Toloka's only encoding) whatever the charset says,
        /// and masks the token before anything else sees the text.
        /// </summary>
        private async Task<TolokaBody> ReadBodyAsync(HttpContent? content, CancellationToken cancellationToken)
        {
            if (content is null)
            {
                return default;
            }

            var limit = _options.MaxResponseBytes;
            var declared = content.Headers.ContentLength;
            if (declared > limit)
            {
                return new TolokaBody(null, tooLarge: true);
            }

#if NET5_0_OR_GREATER
            var reading = content.ReadAsStreamAsync(cancellationToken);
#else
            var reading = content.ReadAsStreamAsync();
#endif
            using var stream = await WithCancellation(reading, cancellationToken).ConfigureAwait(false);
            var buffer = new byte[(int)Math.Min(Math.Max(declared ?? 0, 4096), (long)limit + 1)];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        return new TolokaBody(null, tooLarge: true);
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)limit + 1));
                }

                var read = await WithCancellation(stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken), cancellationToken).ConfigureAwait(false);
                if (read <= 0)
                {
                    break;
                }

                length += read;
            }

            if (length > limit)
            {
                return new TolokaBody(null, tooLarge: true);
            }

            var start = length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
            return new TolokaBody(_token.Redact(Utf8.GetString(buffer, start, length - start)), tooLarge: false);
        }

        /// <summary>
        /// Ends the wait when <paramref name="cancellationToken"/> fires even if the handler or stream
        /// ignores it, so no component below the client can hold a call past its timeout.
        /// </summary>
        private static async Task<T> WithCancellation<T>(Task<T> task, CancellationToken cancellationToken)
        {
            if (task.IsCompleted || !cancellationToken.CanBeCanceled)
            {
                return await task.ConfigureAwait(false);
            }

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
        }

        private IReadOnlyDictionary<string, IEnumerable<string>> RedactedHeaders(HttpResponseMessage response) =>
            _token.Redact(TolokaErrorDetails.CopyHeaders(response));

        private TolokaApiException ReadFailure(HttpResponseMessage response, TolokaBody body, string? followedTo, TolokaRequestDescription description, int attempt)
        {
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
                body.Text,
                headers,
                TryReadError(body.Text, _token),
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

            if (body.TooLarge)
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
        internal static TolokaApiException InvalidAnswer(HttpResponseMessage response, string operationId, string problem, Exception? cause)
        {
            var answer = response.Content as TolokaAnswerContent;
            var status = (int)response.StatusCode;
            var details = new TolokaErrorDetails(
                status,
                answer?.Text,
                answer?.RedactedHeaders ?? NoHeaders,
                error: null,
                operationId: answer?.OperationId ?? operationId,
                attempts: answer?.Attempt ?? 1,
                kind: TolokaErrorKind.InvalidResponse);
            var message = "Toloka answered HTTP " + status.ToString(CultureInfo.InvariantCulture) + " to " + details.OperationId + " with " + problem + ".";
            if (cause is not null && answer is not null)
            {
                // A converter's message can quote a value from the body: keep the message readable.
                message += " " + Shorten(answer.Token.Redact(cause.Message));
            }

            return new TolokaApiException(details, message, answer is null ? null : answer.Token.Scrub(cause));
        }

        /// <summary>
        /// Parses a 2xx body the pipeline buffered. Any failure, whatever the JSON (wrong types, huge
        /// numbers, nesting past <see cref="MaxJsonDepth"/>, trailing data), is an <see cref="TolokaErrorKind.InvalidResponse"/>.
        /// </summary>
        internal static T? ReadObject<T>(HttpResponseMessage response, JsonSerializerSettings settings, out string text)
        {
            var answer = response.Content as TolokaAnswerContent;
            text = answer?.Text ?? string.Empty;
            if (text.Length == 0)
            {
                return default;
            }

            try
            {
                return ParseMasked<T>(text, settings, answer?.Token);
            }
            catch (Exception exception) when (!(exception is OutOfMemoryException))
            {
                throw InvalidAnswer(response, "unknown", "a body that is not a valid " + typeof(T).Name, exception);
            }
        }

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
        internal static JsonSerializer SerializerFor(JsonSerializerSettings settings) =>
            Serializers.GetValue(settings, static key =>
            {
                var serializer = JsonSerializer.Create(key);
                serializer.MaxDepth = MaxJsonDepth;
                return serializer;
            });

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

        private static HttpClient CreateOwnHttpClient()
        {
            // Never follow redirects: a 301/302 would turn a clone POST into a GET elsewhere and hand back
            // that address's body as the clone's answer. NetworkTimeout, not HttpClient.Timeout, bounds attempts.
#if NET5_0_OR_GREATER
            // Recycle pooled connections so a long-lived client follows DNS changes.
            var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
#else
            var handler = new HttpClientHandler { AllowAutoRedirect = false };
#endif
            return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        }

        public void Dispose()
        {
            if (_ownsHttpClient)
            {
                _httpClient.Dispose();
            }
        }

        public override string ToString() => "TolokaHttpPipeline (" + Environment + ")";
    }

    /// <summary>A body read within the size cap, or the fact that it was larger.</summary>
    internal readonly struct TolokaBody
    {
        internal TolokaBody(string? text, bool tooLarge)
        {
            Text = text;
            TooLarge = tooLarge;
        }

        internal string? Text { get; }

        internal bool TooLarge { get; }
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

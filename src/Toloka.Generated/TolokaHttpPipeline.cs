using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;

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

        internal TolokaHttpPipeline(HttpClient? httpClient, string token, TolokaClientOptions? options)
        {
            _token = TolokaToken.Create(token, nameof(token));
            _options = (options ?? new TolokaClientOptions()).Snapshot();
            _retry = new TolokaRetryStrategy(_options.Retry, _options.TimeProvider);
            _pacer = TolokaPacer.For(_options, _token);
            _ownsHttpClient = httpClient is null;
            _httpClient = httpClient ?? CreateOwnHttpClient();
        }

        internal TolokaEnvironment Environment => _options.Environment;

        internal TolokaClientOptions Options => _options;

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
            var template = await TolokaRequestTemplate.CaptureAsync(request, ResolveTarget(request.RequestUri)).ConfigureAwait(false);
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

            using var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var timeoutTimer = StartTimeout(attemptCancellation);
            HttpResponseMessage? response = null;
            try
            {
                response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptCancellation.Token).ConfigureAwait(false);

                // Buffer the (small) body here, so a dropped connection or a cut-short body is a
                // transport failure of this attempt rather than an error deep inside deserialization.
                if (response.Content is not null)
                {
                    await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                response?.Dispose();
                throw;
            }
            catch (Exception exception) when (exception is OperationCanceledException || exception is HttpRequestException || exception is IOException)
            {
                response?.Dispose();
                var timedOut = exception is OperationCanceledException;
                var message = timedOut
                    ? "Toloka did not answer " + description.OperationId + " within " + _options.NetworkTimeout + " (attempt " + attempt + ")."
                    : "The connection to Toloka failed during " + description.OperationId + " (attempt " + attempt + "): " + _token.Redact(exception.Message);
                throw new TolokaTransportException(message, description.OperationId, attempt, timedOut, exception);
            }

            if (response.IsSuccessStatusCode)
            {
                if (RetryAfterHint.Value is { } hint)
                {
                    hint.RetryAfter = TolokaRetryAfter.Read(response, _options.TimeProvider.GetUtcNow());
                }

                return response;
            }

            using (response)
            {
                throw await ReadFailureAsync(response, description, attempt).ConfigureAwait(false);
            }
        }

        private ITimer? StartTimeout(CancellationTokenSource attemptCancellation)
        {
            if (_options.NetworkTimeout == Timeout.InfiniteTimeSpan)
            {
                return null;
            }

            return _options.TimeProvider.CreateTimer(
                static state => ((CancellationTokenSource)state!).Cancel(),
                attemptCancellation,
                _options.NetworkTimeout,
                Timeout.InfiniteTimeSpan);
        }

        private async Task<TolokaApiException> ReadFailureAsync(HttpResponseMessage response, TolokaRequestDescription description, int attempt)
        {
            string? body = null;
            if (response.Content is not null)
            {
                body = _token.Redact(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
            }

            var receivedAt = _options.TimeProvider.GetUtcNow();
            var details = new TolokaErrorDetails(
                (int)response.StatusCode,
                body,
                _token.Redact(TolokaErrorDetails.CopyHeaders(response)),
                TryReadError(body),
                description.OperationId,
                attempt,
                TolokaRetryAfter.Read(response, receivedAt),
                receivedAt);
            return TolokaApiException.FromAnswer(details);
        }

        private static ApiError? TryReadError(string? body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }

            try
            {
                var error = JsonConvert.DeserializeObject<ApiError>(body!, TolokaClient.ErrorSerializerSettings);
                return error is { Code: { Length: > 0 } } ? error : null;
            }
            catch (JsonException)
            {
                // Not Toloka's error body (a proxy's HTML page, say): the raw body is still kept.
                return null;
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
#if NET5_0_OR_GREATER
            // Recycle pooled connections so a long-lived client follows DNS changes.
            var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
#else
            return new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
#endif
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

using System;
using System.Net.Http;
using Newtonsoft.Json;

namespace Toloka.Generated
{
    /// <summary>
    /// The Toloka API client. Its operation methods (<see cref="ClonePoolAsync"/>,
    /// <see cref="ArchiveTrainingAsync"/>, ...) are generated from <c>openapi/toloka.yaml</c>; this part
    /// builds it with a credential and options. Every method sends <c>Authorization: ApiKey &lt;key&gt;</c>
    /// (or <c>OAuth &lt;token&gt;</c> for an OAuth token), the schemes the spec declares,
    /// throws a <see cref="TolokaApiException"/> subclass for a non-success answer and a
    /// <see cref="TolokaTransportException"/> when no answer arrives.
    /// </summary>
    public partial class TolokaClient : IDisposable
    {
        /// <summary>
        /// Creates a client with an HTTP handler of its own (pooled connections recycled every 5 minutes,
        /// redirects never followed), which <see cref="Dispose"/> releases.
        /// </summary>
        /// <param name="token">The API key from your Toloka profile (or an OAuth token), read as <see cref="TolokaCredential.Parse(string)"/> reads it.</param>
        /// <param name="options">Environment and other settings; production and defaults when null.</param>
        /// <exception cref="ArgumentException">The credential is missing or cannot be a real one (see <see cref="TolokaCredential.Parse(string)"/>), or the options are not valid.</exception>
        public TolokaClient(string token, TolokaClientOptions? options = null)
            : this(new TolokaHttpPipeline(null, ownsHandler: true, token, options))
        {
        }

        /// <summary>
        /// Creates a client that sends through <paramref name="httpClient"/> (for example one from
        /// <c>IHttpClientFactory</c>). The client never disposes it, never changes its default headers,
        /// and ignores its <c>BaseAddress</c>: the options' environment decides where requests go.
        /// </summary>
        /// <param name="httpClient">The HTTP client to send through.</param>
        /// <param name="token">The API key from your Toloka profile (or an OAuth token), read as <see cref="TolokaCredential.Parse(string)"/> reads it.</param>
        /// <param name="options">Environment and other settings; production and defaults when null.</param>
        /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> is null.</exception>
        /// <exception cref="ArgumentException">The credential is missing or cannot be a real one (see <see cref="TolokaCredential.Parse(string)"/>), or the options are not valid.</exception>
        public TolokaClient(HttpClient httpClient, string token, TolokaClientOptions? options = null)
            : this(new TolokaHttpPipeline(httpClient ?? throw new ArgumentNullException(nameof(httpClient)), token, options))
        {
        }

        /// <summary>
        /// Creates a client that invokes <paramref name="handler"/> directly, with no <see cref="HttpClient"/>
        /// in front of it: for a handler of your own (a proxy, client certificates, an in-memory fake,
        /// a <see cref="DelegatingHandler"/> chain). This is the cheapest way to send: HttpClient links a
        /// cancellation source and arms a timer for every call, which the client's
        /// <see cref="TolokaClientOptions.NetworkTimeout"/> already covers. The client never disposes the
        /// handler; a redirect the handler follows is refused as with any other transport.
        /// </summary>
        /// <param name="handler">The handler that sends the requests.</param>
        /// <param name="token">The API key from your Toloka profile (or an OAuth token), read as <see cref="TolokaCredential.Parse(string)"/> reads it.</param>
        /// <param name="options">Environment and other settings; production and defaults when null.</param>
        /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
        /// <exception cref="ArgumentException">The credential is missing or cannot be a real one (see <see cref="TolokaCredential.Parse(string)"/>), or the options are not valid.</exception>
        public TolokaClient(HttpMessageHandler handler, string token, TolokaClientOptions? options = null)
            : this(new TolokaHttpPipeline(handler ?? throw new ArgumentNullException(nameof(handler)), ownsHandler: false, token, options))
        {
        }

        /// <summary>Creates a client with an HTTP handler of its own, as <see cref="TolokaClient(string, TolokaClientOptions?)"/> does, authenticated with <paramref name="credential"/>.</summary>
        /// <param name="credential">The API key or OAuth token, such as <c>TolokaCredential.ApiKey(key)</c>.</param>
        /// <param name="options">Environment and other settings; production and defaults when null.</param>
        /// <exception cref="ArgumentNullException"><paramref name="credential"/> is null.</exception>
        /// <exception cref="ArgumentException">The options are not valid.</exception>
        public TolokaClient(TolokaCredential credential, TolokaClientOptions? options = null)
            : this(new TolokaHttpPipeline(null, ownsHandler: true, HeaderOf(credential), options))
        {
        }

        /// <summary>Creates a client that sends through <paramref name="httpClient"/>, as <see cref="TolokaClient(HttpClient, string, TolokaClientOptions?)"/> does, authenticated with <paramref name="credential"/>.</summary>
        /// <param name="httpClient">The HTTP client to send through.</param>
        /// <param name="credential">The API key or OAuth token, such as <c>TolokaCredential.ApiKey(key)</c>.</param>
        /// <param name="options">Environment and other settings; production and defaults when null.</param>
        /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="credential"/> is null.</exception>
        /// <exception cref="ArgumentException">The options are not valid.</exception>
        public TolokaClient(HttpClient httpClient, TolokaCredential credential, TolokaClientOptions? options = null)
            : this(new TolokaHttpPipeline(httpClient ?? throw new ArgumentNullException(nameof(httpClient)), HeaderOf(credential), options))
        {
        }

        /// <summary>Creates a client that invokes <paramref name="handler"/> directly, as <see cref="TolokaClient(HttpMessageHandler, string, TolokaClientOptions?)"/> does, authenticated with <paramref name="credential"/>.</summary>
        /// <param name="handler">The handler that sends the requests.</param>
        /// <param name="credential">The API key or OAuth token, such as <c>TolokaCredential.ApiKey(key)</c>.</param>
        /// <param name="options">Environment and other settings; production and defaults when null.</param>
        /// <exception cref="ArgumentNullException"><paramref name="handler"/> or <paramref name="credential"/> is null.</exception>
        /// <exception cref="ArgumentException">The options are not valid.</exception>
        public TolokaClient(HttpMessageHandler handler, TolokaCredential credential, TolokaClientOptions? options = null)
            : this(new TolokaHttpPipeline(handler ?? throw new ArgumentNullException(nameof(handler)), ownsHandler: false, HeaderOf(credential), options))
        {
        }

        // The pipeline reads the credential back from its header form (the prefix wins), so both kinds of
        // constructor reach it through one path.
        private static string HeaderOf(TolokaCredential credential) =>
            (credential ?? throw new ArgumentNullException(nameof(credential))).HeaderValue;

        private TolokaClient(TolokaHttpPipeline pipeline)
        {
            _pipeline = pipeline;
            _instanceSettings = _settings.Value;

            // A clone whose answer was lost is looked up through this client's own operations.
            _pipeline.LostAnswers = pipeline.Options.ResolveLostAnswers ? new TolokaLostAnswers(this, pipeline.Options, _instanceSettings) : null;
        }

        /// <summary>Where this client sends its requests.</summary>
        public TolokaEnvironment Environment => _pipeline.Environment;

        internal static JsonSerializerSettings ErrorSerializerSettings => _settings.Value;

        /// <summary>Releases the HTTP handler the client created itself; an <see cref="HttpClient"/> or handler passed in is left alone.</summary>
        public void Dispose()
        {
            _pipeline.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Names the client and its environment; never the token.</summary>
        /// <returns>For example <c>TolokaClient (Sandbox (https://sandbox.toloka.dev/api/v1/))</c>.</returns>
        public override string ToString() => "TolokaClient (" + Environment + ")";

        static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings)
        {
            // Timestamps arrive as text without an offset; the converter reads them as UTC on any machine.
            settings.DateParseHandling = DateParseHandling.None;
            settings.DateTimeZoneHandling = DateTimeZoneHandling.Utc;
            settings.MetadataPropertyHandling = MetadataPropertyHandling.Ignore;
            settings.TypeNameHandling = TypeNameHandling.None;
            settings.MissingMemberHandling = MissingMemberHandling.Ignore;
            settings.Converters.Add(new TolokaTimestampConverter());
        }
    }
}

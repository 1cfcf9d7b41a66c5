using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Toloka.Generated.Testing.Tests.Support
{
    /// <summary>
    /// A fake Toloka on simulated time, with a TolokaClient and a raw HttpClient that both send through
    /// <see cref="SpecCheckingHandler"/>, so every answer a test receives has been checked against the spec.
    /// </summary>
    internal sealed class FakeTolokaHarness : IAsyncDisposable
    {
        public static readonly DateTimeOffset Start = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

        private FakeTolokaHarness(FakeTimeProvider time, FakeToloka fake, SpecCheckingHandler checker)
        {
            Time = time;
            Fake = fake;
            Checker = checker;
            Http = new HttpClient(checker, disposeHandler: false) { BaseAddress = fake.BaseUri };
            Client = CreateClient(fake.Token);
        }

        public FakeTimeProvider Time { get; }

        public FakeToloka Fake { get; }

        public SpecCheckingHandler Checker { get; }

        /// <summary>A raw HttpClient whose BaseAddress is the fake's base URL; it sends no Authorization by itself.</summary>
        public HttpClient Http { get; }

        /// <summary>A TolokaClient with the fake's token and options.</summary>
        public TolokaClient Client { get; }

        public static async Task<FakeTolokaHarness> StartAsync(Action<FakeTolokaOptions>? configure = null)
        {
            var time = new FakeTimeProvider(Start);
            var options = new FakeTolokaOptions
            {
                TimeProvider = time,
                OperationPendingTime = TimeSpan.FromSeconds(1),
                OperationRunningTime = TimeSpan.FromSeconds(4),
            };
            configure?.Invoke(options);
            var spec = await TolokaSpec.InstanceAsync();
            var fake = await FakeToloka.StartAsync(options);
            return new FakeTolokaHarness(time, fake, new SpecCheckingHandler(spec, fake.BaseUri));
        }

        // One attempt per call: these tests read how the fake answers each request. The client's
        // retries (which would wait out a Retry-After on this clock, which only the test moves) are
        // pinned in simulated time by the client's own RetryTests.
        public TolokaClient CreateClient(string token)
        {
            var options = Fake.CreateClientOptions();
            options.Retry.MaxAttempts = 1;

            // And a lost answer stays lost: these tests read the raw failure (LostAnswerTests resolve it).
            options.ResolveLostAnswers = false;
            return new(new HttpClient(Checker, disposeHandler: false), token, options);
        }

        public void Advance(TimeSpan by) => Time.Advance(by);

        public void Advance(double seconds) => Time.Advance(TimeSpan.FromSeconds(seconds));

        /// <summary>The fake's own credential under its own scheme (<c>ApiKey &lt;key&gt;</c> for the default one).</summary>
        public string Authorization => (TolokaCredential.Parse(Fake.Token).Scheme == TolokaCredentialScheme.ApiKey ? "ApiKey " : "OAuth ") + Fake.Token;

        /// <summary>Sends a request with the fake's own credential (<see cref="Authorization"/>).</summary>
        public Task<RawAnswer> PostAsync(string path) => SendAsync(HttpMethod.Post, path, Authorization);

        /// <summary>Sends a request with the fake's own credential (<see cref="Authorization"/>).</summary>
        public Task<RawAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, Authorization);

        /// <summary>Posts to the same path <paramref name="times"/> times in a row and returns the statuses.</summary>
        public async Task<int[]> PostRepeatedlyAsync(string path, int times)
        {
            var statuses = new int[times];
            for (var i = 0; i < times; i++)
            {
                statuses[i] = (await PostAsync(path)).Status;
            }

            return statuses;
        }

        /// <summary>Sends a request with exactly this Authorization header value, or none when null.</summary>
        public async Task<RawAnswer> SendAsync(HttpMethod method, string path, string? authorization)
        {
            using var request = new HttpRequestMessage(method, path);
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return new RawAnswer((int)response.StatusCode, body, response.Headers, response.Content.Headers.ContentType);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            Http.Dispose();
            await Fake.DisposeAsync();
            Checker.Dispose();
        }
    }

    /// <summary>An answer read by the raw HttpClient.</summary>
    internal sealed class RawAnswer
    {
        public RawAnswer(int status, string body, HttpResponseHeaders headers, MediaTypeHeaderValue? contentType)
        {
            Status = status;
            Body = body;
            Headers = headers;
            ContentType = contentType;
        }

        public int Status { get; }

        public string Body { get; }

        public HttpResponseHeaders Headers { get; }

        public MediaTypeHeaderValue? ContentType { get; }

        /// <summary>The body's root element; throws when the body is not JSON.</summary>
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string String(string property) => Json.GetProperty(property).GetString()!;

        public string? RetryAfter => Headers.TryGetValues("Retry-After", out var values) ? string.Join(",", values) : null;

        public override string ToString() => Status + " " + Body;
    }
}

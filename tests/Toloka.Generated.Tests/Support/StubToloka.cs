using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Moq;
using Moq.Protected;

namespace Toloka.Generated.Tests.Support
{
    /// <summary>A Moq-backed HttpMessageHandler that records each request and answers from a script.</summary>
    internal sealed class StubToloka
    {
        private readonly ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage>> _script = new();
        private readonly TimeProvider _time;
        private Func<HttpRequestMessage, HttpResponseMessage>? _otherwise;

        public StubToloka(TimeProvider? time = null)
        {
            _time = time ?? TimeProvider.System;
            Handler = new Mock<HttpMessageHandler>(MockBehavior.Strict);
            Handler.Protected()
                .Setup<Task<HttpResponseMessage>>("SendAsync", ItExpr.IsAny<HttpRequestMessage>(), ItExpr.IsAny<CancellationToken>())
                .Returns<HttpRequestMessage, CancellationToken>(async (request, cancellationToken) =>
                {
                    var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
                    Requests.Add(new CapturedRequest(
                        request.Method,
                        request.RequestUri!,
                        request.Headers.TryGetValues("Authorization", out var auth) ? auth.ToArray() : Array.Empty<string>(),
                        body,
                        _time.GetUtcNow()));
                    if (!_script.TryDequeue(out var answer) && (answer = _otherwise) is null)
                    {
                        throw new InvalidOperationException("The stub has no answer left for " + request.Method + " " + request.RequestUri);
                    }

                    return answer(request);
                });
        }

        public Mock<HttpMessageHandler> Handler { get; }

        public List<CapturedRequest> Requests { get; } = new();

        public CapturedRequest SingleRequest => Requests.Single();

        public StubToloka Answer(HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers)
        {
            _script.Enqueue(_ => Response(status, json, headers));
            return this;
        }

        /// <summary>A stub that accepts every request with the seed's clone-pool operation, as pacing tests need.</summary>
        public static StubToloka AcceptingClones(TimeProvider time) =>
            new StubToloka(time).Otherwise(_ => Json(HttpStatusCode.Accepted, Samples.ClonePoolOperation));

        /// <summary>Answers every request the script does not cover.</summary>
        public StubToloka Otherwise(Func<HttpRequestMessage, HttpResponseMessage> answer)
        {
            _otherwise = answer;
            return this;
        }

        public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
            new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        /// <summary>An answer with an optional JSON body and response headers, as a script step gives it.</summary>
        public static HttpResponseMessage Response(HttpStatusCode status, string? json, params (string Name, string Value)[] headers)
        {
            var response = json is null ? new HttpResponseMessage(status) : Json(status, json);
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        }

        public StubToloka Fail(Exception exception)
        {
            _script.Enqueue(_ => throw exception);
            return this;
        }

        public HttpClient CreateHttpClient() => new(Handler.Object);

        /// <summary>
        /// A client of the stub. A clone whose answer the stub loses stays lost unless
        /// <paramref name="resolveLostAnswers"/>: most stub scripts answer only the call under test, not the
        /// GET /operations search a lost answer starts (LostAnswerTests script both).
        /// </summary>
        public TolokaClient CreateClient(string token = Samples.Token, TolokaClientOptions? options = null, bool resolveLostAnswers = false)
        {
            options ??= new TolokaClientOptions();
            options.ResolveLostAnswers = resolveLostAnswers;
            return new(Handler.Object, token, options);
        }
    }

    internal sealed record CapturedRequest(HttpMethod Method, Uri Uri, IReadOnlyList<string> Authorization, string? Body, DateTimeOffset At);
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>
    /// The two ways a caller hands the client a transport, a handler invoked directly and an
    /// <see cref="HttpClient"/>, behave the same: headers, 204, typed errors, retries, redirects the
    /// transport followed, a handler that ignores cancellation, a handler that answers nothing, and
    /// neither is disposed by the client.
    /// </summary>
    [TestFixture(Transport.Handler)]
    [TestFixture(Transport.HttpClient)]
    public class TransportTests
    {
        public enum Transport
        {
            Handler,
            HttpClient,
        }

        private readonly Transport _transport;

        public TransportTests(Transport transport) => _transport = transport;

        [Test]
        public async Task A_call_carries_the_token_the_agent_and_the_spec_Accept_header()
        {
            var handler = new Recording(_ => StubToloka.Json(HttpStatusCode.Accepted, Samples.ClonePoolOperation));
            using var client = Create(handler);

            var operation = await client.ClonePoolAsync("1");

            Assert.That(operation.Id, Is.EqualTo("7ea08f99-5e24-47b4-b61f-c177a868d801"));
            var request = handler.Requests.Single();
            Assert.That(request.Headers.GetValues("Authorization"), Is.EqualTo(new[] { "OAuth " + Samples.Token }));
            Assert.That(request.Headers.UserAgent.ToString(), Is.EqualTo(TolokaUserAgent.Ours));
            Assert.That(request.Headers.Accept.ToString(), Is.EqualTo("application/json"));
            Assert.That(request.RequestUri, Is.EqualTo(new Uri("https://toloka.dev/api/v1/pools/1/clone")));
        }

        [Test]
        public async Task A_204_is_null_and_a_404_is_typed()
        {
            var answers = new Queue<HttpStatusCode>(new[] { HttpStatusCode.NoContent, HttpStatusCode.NotFound });
            var handler = new Recording(_ => answers.Dequeue() is var status && status == HttpStatusCode.NoContent
                ? new HttpResponseMessage(status)
                : StubToloka.Json(status, "{\"code\":\"DOES_NOT_EXIST\",\"message\":\"no pool\",\"request_id\":\"r-1\"}"));
            using var client = Create(handler);

            Assert.That(await client.ArchivePoolAsync("21"), Is.Null);
            var missing = Assert.ThrowsAsync<TolokaNotFoundException>(() => client.GetPoolAsync("22"));
            Assert.That(missing!.RequestId, Is.EqualTo("r-1"));
        }

        [Test]
        public async Task A_broken_connection_is_retried_for_a_retry_safe_call()
        {
            var calls = 0;
            var handler = new Recording(_ => ++calls == 1
                ? throw new HttpRequestException("connection reset")
                : StubToloka.Json(HttpStatusCode.OK, Samples.RunningOperation));
            using var client = Create(handler, new TolokaClientOptions { Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) } });

            var operation = await client.GetOperationAsync("op-1");

            Assert.That(operation.Status, Is.EqualTo(OperationStatus.Running));
            Assert.That(handler.Requests, Has.Count.EqualTo(2));
            Assert.That(handler.Requests[0], Is.Not.SameAs(handler.Requests[1]), "each attempt sends a fresh request");
        }

        [Test]
        public void An_answer_the_transport_fetched_from_elsewhere_is_a_redirect_never_a_success()
        {
            var handler = new Recording(request =>
            {
                // What a redirect-following handler does: the same message, sent on to another address.
                request.RequestUri = new Uri("https://elsewhere.example.com/pools/1/clone");
                return StubToloka.Json(HttpStatusCode.OK, Samples.ClonePoolOperation);
            });
            using var client = Create(handler);

            var redirect = Assert.ThrowsAsync<TolokaRedirectException>(() => client.ClonePoolAsync("1"));

            Assert.That(redirect!.Location, Is.EqualTo("https://elsewhere.example.com/pools/1/clone"));
            Assert.That(handler.Requests, Has.Count.EqualTo(1), "never repeated");
        }

        [Test]
        public void A_handler_that_ignores_cancellation_still_ends_at_the_network_timeout()
        {
            using var never = new ManualResetEventSlim();
            var handler = new Recording(_ =>
            {
                never.Wait(TimeSpan.FromSeconds(10));
                return new HttpResponseMessage(HttpStatusCode.OK);
            }, synchronously: false);
            using var client = Create(handler, new TolokaClientOptions { NetworkTimeout = TimeSpan.FromMilliseconds(200), Retry = { MaxAttempts = 1 } });

            var started = System.Diagnostics.Stopwatch.StartNew();
            var timeout = Assert.ThrowsAsync<TolokaTransportException>(() => client.GetOperationAsync("op-1"));

            Assert.That(timeout!.TimedOut, Is.True);
            Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
            never.Set();
        }

        [Test]
        public void A_handler_that_answers_nothing_is_an_InvalidOperationException()
        {
            var handler = new Recording(_ => null!);
            using var client = Create(handler);

            Assert.ThrowsAsync<InvalidOperationException>(() => client.GetOperationAsync("op-1"));
        }

        [Test]
        public async Task Disposing_the_client_leaves_the_transport_usable()
        {
            var handler = new Recording(_ => StubToloka.Json(HttpStatusCode.OK, Samples.RunningOperation));
            using var http = new HttpClient(handler, disposeHandler: false);
            var client = _transport == Transport.Handler
                ? new TolokaClient(handler, Samples.Token)
                : new TolokaClient(http, Samples.Token);
            await client.GetOperationAsync("op-1");

            client.Dispose();

            using var again = new TolokaClient(handler, Samples.Token);
            await again.GetOperationAsync("op-1");
            using var direct = await http.GetAsync("https://toloka.dev/api/v1/operations/op-1");
            Assert.That(direct.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(handler.Disposed, Is.False);
        }

        private TolokaClient Create(Recording handler, TolokaClientOptions? options = null) =>
            _transport == Transport.Handler
                ? new TolokaClient(handler, Samples.Token, options)
                : new TolokaClient(new HttpClient(handler), Samples.Token, options);

        /// <summary>A handler that records what it was sent and answers through a function.</summary>
        private sealed class Recording : HttpMessageHandler
        {
            private readonly Func<HttpRequestMessage, HttpResponseMessage> _answer;
            private readonly bool _synchronously;

            internal Recording(Func<HttpRequestMessage, HttpResponseMessage> answer, bool synchronously = true)
            {
                _answer = answer;
                _synchronously = synchronously;
            }

            internal List<HttpRequestMessage> Requests { get; } = new();

            internal bool Disposed { get; private set; }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                lock (Requests)
                {
                    Requests.Add(request);
                }

                if (!_synchronously)
                {
                    // Ignores the token on purpose: only the client's own wait can end the attempt.
                    return Task.Run(() => Answer(request), CancellationToken.None);
                }

                try
                {
                    return Task.FromResult(Answer(request));
                }
                catch (Exception exception)
                {
                    return Task.FromException<HttpResponseMessage>(exception);
                }
            }

            protected override void Dispose(bool disposing)
            {
                Disposed = true;
                base.Dispose(disposing);
            }

            private HttpResponseMessage Answer(HttpRequestMessage request)
            {
                var response = _answer(request);
                if (response is not null)
                {
                    response.RequestMessage = request;
                }

                return response!;
            }
        }
    }
}

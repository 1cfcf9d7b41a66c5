using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>Issue 8, rules 2 and 5: the status decides the subclass; redirects are never followed nor accepted.</summary>
    public class StatusTests
    {
        private static TolokaClientOptions NoRetries() => new() { Retry = { MaxAttempts = 1 } };

        [TestCase(400, typeof(TolokaValidationException), TolokaErrorKind.Validation)]
        [TestCase(422, typeof(TolokaValidationException), TolokaErrorKind.Validation)]
        [TestCase(401, typeof(TolokaAuthenticationException), TolokaErrorKind.Authentication)]
        [TestCase(403, typeof(TolokaAccessDeniedException), TolokaErrorKind.AccessDenied)]
        [TestCase(404, typeof(TolokaNotFoundException), TolokaErrorKind.NotFound)]
        [TestCase(409, typeof(TolokaConflictException), TolokaErrorKind.Conflict)]
        [TestCase(429, typeof(TolokaRateLimitedException), TolokaErrorKind.RateLimited)]
        [TestCase(500, typeof(TolokaServerException), TolokaErrorKind.ServerError)]
        [TestCase(502, typeof(TolokaServerException), TolokaErrorKind.ServerError)]
        [TestCase(599, typeof(TolokaServerException), TolokaErrorKind.ServerError)]
        [TestCase(300, typeof(TolokaRedirectException), TolokaErrorKind.Redirect)]
        [TestCase(304, typeof(TolokaRedirectException), TolokaErrorKind.Redirect)]
        [TestCase(399, typeof(TolokaRedirectException), TolokaErrorKind.Redirect)]
        [TestCase(405, typeof(TolokaApiException), TolokaErrorKind.Other)]
        [TestCase(418, typeof(TolokaApiException), TolokaErrorKind.Other)]
        [TestCase(600, typeof(TolokaApiException), TolokaErrorKind.Other)]
        public void The_status_decides_the_subclass_whatever_code_the_body_claims(int status, Type expected, TolokaErrorKind kind)
        {
            // TEAPOT is no Toloka code, so only the status can decide.
            var stub = new StubToloka().Answer((HttpStatusCode)status, Samples.Error("TEAPOT", "odd"));
            using var client = stub.CreateClient(options: NoRetries());

            var exception = Assert.CatchAsync<TolokaApiException>(() => client.ArchivePoolAsync("5"));

            Assert.That(exception, Is.TypeOf(expected));
            Assert.That(exception!.Kind, Is.EqualTo(kind));
            Assert.That(exception.ErrorCode, Is.EqualTo("TEAPOT"));
            Assert.That(exception.OperationId, Is.EqualTo("archivePool"));
        }

        [Test]
        public void A_401_whose_body_says_ACCESS_DENIED_is_still_an_authentication_failure()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.Unauthorized, Samples.Error("ACCESS_DENIED", "Bad token"));
            using var client = stub.CreateClient(options: NoRetries());

            var exception = Assert.ThrowsAsync<TolokaAuthenticationException>(() => client.ClonePoolAsync("5"));

            Assert.That(exception!.ErrorCode, Is.EqualTo("ACCESS_DENIED"));
        }

        [Test]
        public void For_a_status_http_gives_no_meaning_the_toloka_code_decides()
        {
            var stub = new StubToloka().Answer((HttpStatusCode)418, Samples.Error("CONFLICT_STATE", "Pool is open"));
            using var client = stub.CreateClient(options: NoRetries());

            Assert.ThrowsAsync<TolokaConflictException>(() => client.ArchivePoolAsync("5"));
        }

        [TestCase(301)]
        [TestCase(302)]
        [TestCase(303)]
        [TestCase(307)]
        [TestCase(308)]
        public void A_redirect_is_a_typed_error_naming_the_location_and_clone_is_sent_once(int status)
        {
            var stub = new StubToloka().Otherwise(_ =>
            {
                var answer = new HttpResponseMessage((HttpStatusCode)status);
                answer.Headers.Location = new Uri("http://127.0.0.1:9/elsewhere");
                return answer;
            });
            using var client = stub.CreateClient();

            var exception = Assert.ThrowsAsync<TolokaRedirectException>(() => client.ClonePoolAsync("5"));

            Assert.That(exception!.Location, Is.EqualTo("http://127.0.0.1:9/elsewhere"));
            Assert.That(exception.Message, Does.Contain("http://127.0.0.1:9/elsewhere"));
            Assert.That(exception.Kind, Is.EqualTo(TolokaErrorKind.Redirect));
            Assert.That(stub.Requests, Has.Count.EqualTo(1));
        }

        [Test]
        public void An_answer_a_callers_http_client_followed_a_redirect_to_is_an_error_not_a_success()
        {
            using var http = new HttpClient(new FollowingHandler());
            using var client = new TolokaClient(http, Samples.Token, NoRetries());

            var exception = Assert.ThrowsAsync<TolokaRedirectException>(() => client.ClonePoolAsync("5"));

            Assert.That(exception!.Location, Is.EqualTo("http://127.0.0.1:9/elsewhere"));
            Assert.That(exception.StatusCode, Is.EqualTo(200));
        }

        [Test]
        public async Task The_clients_own_http_client_does_not_follow_a_redirect()
        {
            await using var server = await LoopbackServer.StartAsync(context =>
            {
                if (context.Request.Path.Value!.Contains("clone", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = 302;
                    context.Response.Headers.Location = "/api/v1/operations/stolen";
                    return Task.CompletedTask;
                }

                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync(Samples.ClonePoolOperation);
            });
            using var client = new TolokaClient(Samples.Token, server.Options());

            var exception = Assert.ThrowsAsync<TolokaRedirectException>(() => client.ClonePoolAsync("5"));

            Assert.That(exception!.Location, Is.EqualTo("/api/v1/operations/stolen"));
            Assert.That(server.Requests, Has.Count.EqualTo(1));
        }

        /// <summary>Answers as an HttpClient that followed a redirect does: the answer's request has another address.</summary>
        private sealed class FollowingHandler : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                request.RequestUri = new Uri("http://127.0.0.1:9/elsewhere");
                request.Method = HttpMethod.Get;
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
                {
                    RequestMessage = request,
                    Content = new StringContent(Samples.ClonePoolOperation),
                });
            }
        }
    }
}

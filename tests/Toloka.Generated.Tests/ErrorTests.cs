using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    public class ErrorTests
    {
        // These tests pin how one answer is reported; RetryTests pins which answers are repeated.
        private static TolokaClientOptions NoRetries() => new() { Retry = { MaxAttempts = 1 } };

        private static readonly object[] ErrorCases =
        {
            new object[] { 400, "VALIDATION_ERROR", typeof(TolokaValidationException), TolokaErrorKind.Validation },
            new object[] { 401, "AUTHENTICATION_ERROR", typeof(TolokaAuthenticationException), TolokaErrorKind.Authentication },
            new object[] { 403, "ACCESS_DENIED", typeof(TolokaAccessDeniedException), TolokaErrorKind.AccessDenied },
            new object[] { 404, "DOES_NOT_EXIST", typeof(TolokaNotFoundException), TolokaErrorKind.NotFound },
            new object[] { 409, "CONFLICT_STATE", typeof(TolokaConflictException), TolokaErrorKind.Conflict },
            new object[] { 429, "TOO_MANY_REQUESTS", typeof(TolokaRateLimitedException), TolokaErrorKind.RateLimited },
            new object[] { 500, "INTERNAL_ERROR", typeof(TolokaServerException), TolokaErrorKind.ServerError },
            new object[] { 503, "REMOTE_SERVICE_UNAVAILABLE", typeof(TolokaServerException), TolokaErrorKind.ServerError },
        };

        [TestCaseSource(nameof(ErrorCases))]
        public void Error_answer_throws_the_typed_exception_with_every_field(int status, string code, Type expectedType, TolokaErrorKind kind)
        {
            var body = Samples.Error(code, "Something about pool 5", "req-42", "{\"pool_id\":{\"code\":\"VALUE_INVALID\"}}");
            var stub = new StubToloka().Answer((HttpStatusCode)status, body);
            using var client = stub.CreateClient(options: NoRetries());

            var exception = Assert.CatchAsync<TolokaApiException>(() => client.ArchivePoolAsync("5"));

            Assert.That(exception, Is.TypeOf(expectedType));
            Assert.That(exception!.StatusCode, Is.EqualTo(status));
            Assert.That(exception.Kind, Is.EqualTo(kind));
            Assert.That(exception.ErrorCode, Is.EqualTo(code));
            Assert.That(exception.ErrorMessage, Is.EqualTo("Something about pool 5"));
            Assert.That(exception.RequestId, Is.EqualTo("req-42"));
            Assert.That(((JObject)exception.Payload!)["pool_id"]!["code"]!.ToString(), Is.EqualTo("VALUE_INVALID"));
            Assert.That(exception.Response, Is.EqualTo(body));
            Assert.That(exception.OperationId, Is.EqualTo("archivePool"));
            Assert.That(exception.Message, Does.Contain(code).And.Contain("req-42").And.Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(exception, Is.InstanceOf<TolokaException>());
        }

        [Test]
        public void Error_without_a_toloka_body_is_classified_by_status_and_keeps_the_raw_body()
        {
            var html = "<html><body>404 from a proxy</body></html>";
            var stub = new StubToloka().Answer(HttpStatusCode.NotFound, html);
            using var client = stub.CreateClient(options: NoRetries());

            var exception = Assert.ThrowsAsync<TolokaNotFoundException>(() => client.GetOperationAsync("op"));

            Assert.That(exception!.ErrorCode, Is.Null);
            Assert.That(exception.Response, Is.EqualTo(html));
            Assert.That(exception.Kind, Is.EqualTo(TolokaErrorKind.NotFound));
        }

        // Issue 8 turned this round: the status decides where HTTP gives it a meaning, the code stays on ErrorCode.
        [Test]
        public void Status_wins_over_the_toloka_code_when_they_disagree()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.BadRequest, Samples.Error("CONFLICT_STATE", "Pool is open"));
            using var client = stub.CreateClient(options: NoRetries());

            var exception = Assert.ThrowsAsync<TolokaValidationException>(() => client.ArchivePoolAsync("5"));

            Assert.That(exception!.ErrorCode, Is.EqualTo("CONFLICT_STATE"));
            Assert.That(exception.Kind, Is.EqualTo(TolokaErrorKind.Validation));
        }

        [Test]
        public void Unknown_error_code_is_a_plain_TolokaApiException_with_the_code()
        {
            var stub = new StubToloka().Answer((HttpStatusCode)418, Samples.Error("TEAPOT", "short and stout"));
            using var client = stub.CreateClient(options: NoRetries());

            var exception = Assert.ThrowsAsync<TolokaApiException>(() => client.ClonePoolAsync("5"));

            Assert.That(exception!.Kind, Is.EqualTo(TolokaErrorKind.Other));
            Assert.That(exception.ErrorCode, Is.EqualTo("TEAPOT"));
        }

        [Test]
        public void Rate_limited_answer_says_when_the_limit_resets()
        {
            var stub = new StubToloka().Answer((HttpStatusCode)429, Samples.Error("TOO_MANY_REQUESTS", "Too many requests"), ("Retry-After", "30"));
            using var client = stub.CreateClient(options: NoRetries());

            var exception = Assert.ThrowsAsync<TolokaRateLimitedException>(() => client.ClonePoolAsync("5"));

            Assert.That(exception!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(exception.ResetsAt, Is.Not.Null);
        }

        [Test]
        public void Token_echoed_by_the_server_never_reaches_the_exception()
        {
            var echo = Samples.Error("AUTHENTICATION_ERROR", "Token " + Samples.Token + " is not valid", "req-" + Samples.Token);
            var stub = new StubToloka().Answer(HttpStatusCode.Unauthorized, echo, ("X-Echo", "OAuth " + Samples.Token));
            using var client = stub.CreateClient(options: NoRetries());

            var exception = Assert.ThrowsAsync<TolokaAuthenticationException>(() => client.ClonePoolAsync("5"));

            Assert.That(exception!.Message, Does.Not.Contain(Samples.Token));
            Assert.That(exception.ToString(), Does.Not.Contain(Samples.Token));
            Assert.That(exception.Response, Does.Not.Contain(Samples.Token));
            Assert.That(exception.ErrorMessage, Does.Not.Contain(Samples.Token));
            Assert.That(exception.RequestId, Does.Not.Contain(Samples.Token));
            Assert.That(exception.Headers.SelectMany(h => h.Value), Has.None.Contains(Samples.Token));
        }

        [Test]
        public void Success_status_with_a_body_that_is_not_json_is_a_typed_invalid_response()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, "<html>not json</html>");
            using var client = stub.CreateClient(options: NoRetries());

            var exception = Assert.ThrowsAsync<TolokaApiException>(() => client.ClonePoolAsync("5"));

            Assert.That(exception!.Kind, Is.EqualTo(TolokaErrorKind.InvalidResponse));
            Assert.That(exception.StatusCode, Is.EqualTo(200));
        }

        [Test]
        public void Success_status_with_an_empty_body_is_a_typed_invalid_response()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, "");
            using var client = stub.CreateClient(options: NoRetries());

            var exception = Assert.ThrowsAsync<TolokaApiException>(() => client.ClonePoolAsync("5"));

            Assert.That(exception!.Kind, Is.EqualTo(TolokaErrorKind.InvalidResponse));
        }

        [Test]
        public void Connection_failure_is_a_transport_exception_naming_the_operation()
        {
            var stub = new StubToloka().Fail(new HttpRequestException("Connection refused (127.0.0.1:1)"));
            using var client = stub.CreateClient(options: NoRetries());

            var exception = Assert.ThrowsAsync<TolokaTransportException>(() => client.ClonePoolAsync("5"));

            Assert.That(exception!.OperationId, Is.EqualTo("clonePool"));
            Assert.That(exception.Attempts, Is.EqualTo(1));
            Assert.That(exception.InnerException, Is.TypeOf<HttpRequestException>());
        }

        [Test]
        public async Task Error_over_real_http_is_parsed_from_the_wire()
        {
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.StatusCode = 409;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(Samples.Error("CONFLICT_STATE", "Pool must be closed", "req-wire"));
            });
            using var client = new TolokaClient(Samples.Token, server.Options());

            var exception = Assert.ThrowsAsync<TolokaConflictException>(() => client.ArchivePoolAsync("77"));

            Assert.That(exception!.RequestId, Is.EqualTo("req-wire"));
            Assert.That(exception.ErrorMessage, Is.EqualTo("Pool must be closed"));
        }

        private static readonly DateTimeOffset Arrived = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

        private static readonly object[] MessageCases =
        {
            new object[]
            {
                TolokaModelFactory.TolokaErrorDetails(400, "VALIDATION_ERROR", "Bad request."),
                "Toloka answered HTTP 400 VALIDATION_ERROR: Bad request.",
            },
            new object[]
            {
                TolokaModelFactory.TolokaErrorDetails(400, "VALIDATION_ERROR", "Bad request.", requestId: "r1"),
                "Toloka answered HTTP 400 VALIDATION_ERROR: Bad request. (request_id r1).",
            },
            new object[]
            {
                TolokaModelFactory.TolokaErrorDetails(429, "TOO_MANY_REQUESTS", "Too many requests.", payload: new JObject { ["interval"] = "HOUR" }, receivedAt: Arrived),
                "Toloka answered HTTP 429 TOO_MANY_REQUESTS: Too many requests; the hourly quota ran out and frees a call by 2026-03-02 11:00:00 UTC.",
            },
            new object[]
            {
                TolokaModelFactory.TolokaErrorDetails(429, "TOO_MANY_REQUESTS", "Slow down.", payload: new JObject { ["interval"] = "DAY" }, retryAfter: TimeSpan.FromSeconds(30), receivedAt: Arrived),
                "Toloka answered HTTP 429 TOO_MANY_REQUESTS: Slow down. Retry after 30 s; the daily quota ran out and frees a call by 2026-03-02 10:00:30 UTC.",
            },
            new object[]
            {
                TolokaModelFactory.TolokaErrorDetails(302, location: "https://elsewhere.example/"),
                "Toloka answered HTTP 302, a redirect to https://elsewhere.example/; the client does not follow redirects.",
            },
        };

        [TestCaseSource(nameof(MessageCases))]
        public void The_message_quotes_Toloka_and_closes_the_sentence_once(TolokaErrorDetails details, string expected)
        {
            Assert.That(TolokaModelFactory.TolokaApiException(details).Message, Is.EqualTo(expected));
        }
    }
}

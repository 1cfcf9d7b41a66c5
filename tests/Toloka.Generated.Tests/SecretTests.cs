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
    /// <summary>Issue 8, rule 6: a server that echoes the token cannot get it into anything the client builds or keeps.</summary>
    public class SecretTests
    {
        private static TolokaClientOptions NoRetries() => new() { Retry = { MaxAttempts = 1 } };

        private static HttpResponseMessage Echo(HttpStatusCode status, string body, string contentType = "application/json")
        {
            var answer = new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, contentType) };
            answer.Headers.TryAddWithoutValidation("X-Echo", "OAuth " + Samples.Token);
            answer.Headers.TryAddWithoutValidation("X-" + Samples.Token, "name");
            answer.Headers.TryAddWithoutValidation("Location", "https://evil.example/?t=" + Samples.Token);
            return answer;
        }

        private static IEnumerable<string> EveryString(Exception exception)
        {
            yield return exception.ToString();
            for (var current = exception; current is not null; current = current.InnerException)
            {
                yield return current.Message;
            }

            if (exception is TolokaApiException api)
            {
                yield return api.Response ?? string.Empty;
                yield return api.ErrorMessage ?? string.Empty;
                yield return api.RequestId ?? string.Empty;
                yield return api.Payload?.ToString() ?? string.Empty;
                foreach (var header in api.Headers)
                {
                    yield return header.Key;
                    foreach (var value in header.Value)
                    {
                        yield return value;
                    }
                }
            }

            if (exception is TolokaRedirectException redirect)
            {
                yield return redirect.Location ?? string.Empty;
            }
        }

        private static IEnumerable<TestCaseData> EchoingAnswers()
        {
            var token = Samples.Token;
            yield return new TestCaseData(201, "{\"echo\":\"" + token + "\"}").SetName("An undeclared 2xx");
            yield return new TestCaseData(200, "<html>OAuth " + token + "</html>").SetName("An HTML 200");
            yield return new TestCaseData(200, "{\"id\":\"op\",\"type\":\"POOL.CLONE\",\"status\":\"RUNNING\",\"submitted\":\"" + token + "\"}").SetName("A parse failure quoting the token");
            yield return new TestCaseData(200, "{\"id\":\"" + token).SetName("A truncated body quoting the token");
            yield return new TestCaseData(200, "").SetName("An empty 200 with echoing headers");
            yield return new TestCaseData(302, "moved " + token).SetName("A redirect");
            yield return new TestCaseData(102, "").SetName("An informational status");
            yield return new TestCaseData(401, Samples.Error("AUTHENTICATION_ERROR", "Token " + token, "req-" + token, "{\"t\":\"" + token + "\"}")).SetName("A 401 echoing everywhere");
            yield return new TestCaseData(503, "<h1>" + token + "</h1>").SetName("A 503 page");
        }

        [TestCaseSource(nameof(EchoingAnswers))]
        public void An_echoed_token_appears_nowhere_in_the_exception(int status, string body)
        {
            var stub = new StubToloka().Otherwise(_ => Echo((HttpStatusCode)status, body));
            using var client = stub.CreateClient(options: NoRetries());

            var exception = Assert.CatchAsync<TolokaException>(() => client.GetOperationAsync("op"));

            Assert.That(EveryString(exception!).Where(text => text.Contains(Samples.Token, StringComparison.Ordinal)), Is.Empty);
            Assert.That(stub.SingleRequest.Authorization, Is.EqualTo(new[] { "OAuth " + Samples.Token }), "the token was sent");
        }

        [Test]
        public void A_connection_failure_quoting_the_token_is_scrubbed_inner_exceptions_included()
        {
            var stub = new StubToloka().Fail(new HttpRequestException("proxy said: OAuth " + Samples.Token, new InvalidOperationException("again " + Samples.Token)));
            using var client = stub.CreateClient(options: NoRetries());

            var exception = Assert.ThrowsAsync<TolokaTransportException>(() => client.ClonePoolAsync("5"));

            Assert.That(EveryString(exception!).Where(text => text.Contains(Samples.Token, StringComparison.Ordinal)), Is.Empty);
            Assert.That(exception!.InnerException, Is.TypeOf<HttpRequestException>());
            Assert.That(exception.InnerException!.InnerException!.Message, Does.Contain("InvalidOperationException").And.Contain("***"));
        }

        [Test]
        public async Task A_failed_operation_quoting_the_token_is_reported_without_it()
        {
            var failed = "{\"id\":\"op\",\"type\":\"POOL.CLONE\",\"status\":\"FAIL\",\"details\":{\"reason\":\"token " + Samples.Token + " revoked\"}}";
            var stub = new StubToloka().Otherwise(_ => Echo(HttpStatusCode.OK, failed));
            using var client = stub.CreateClient(options: NoRetries());
            var operation = await client.GetOperationAsync("op");

            var exception = Assert.ThrowsAsync<TolokaOperationFailedException>(() => client.WaitForCompletionAsync(operation));

            Assert.That(exception!.Message, Does.Contain("revoked").And.Not.Contain(Samples.Token));
            Assert.That(exception.ToString(), Does.Not.Contain(Samples.Token));
        }

        // The token with its first letter JSON-escaped: the raw body does not contain it, the decoded value does.
        private static string Escaped => "\\u00" + ((int)Samples.Token[0]).ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + Samples.Token[1..];

        [Test]
        public async Task A_json_escaped_token_is_masked_once_decoded_in_values_and_failed_operation_messages()
        {
            var failed = "{\"id\":\"op\",\"type\":\"POOL.CLONE\",\"status\":\"FAIL\",\"details\":{\"reason\":\"" + Escaped + "\",\"" + Escaped + "\":1}}";
            var stub = new StubToloka().Otherwise(_ => StubToloka.Json(HttpStatusCode.OK, failed));
            using var client = stub.CreateClient(options: NoRetries());

            var operation = await client.GetOperationAsync("op");
            var exception = Assert.ThrowsAsync<TolokaOperationFailedException>(() => client.WaitForCompletionAsync(operation));

            Assert.That(Newtonsoft.Json.JsonConvert.SerializeObject(operation.Details), Does.Not.Contain(Samples.Token).And.Contain("***"));
            Assert.That(exception!.ToString(), Does.Not.Contain(Samples.Token));
        }

        [Test]
        public void A_json_escaped_token_in_an_error_body_is_masked_in_the_message_and_fields()
        {
            var body = "{\"code\":\"ACCESS_DENIED\",\"message\":\"" + Escaped + "\",\"request_id\":\"" + Escaped + "\"}";
            var stub = new StubToloka().Otherwise(_ => StubToloka.Json(HttpStatusCode.Forbidden, body));
            using var client = stub.CreateClient(options: NoRetries());

            var exception = Assert.ThrowsAsync<TolokaAccessDeniedException>(() => client.ArchivePoolAsync("1"));

            Assert.That(EveryString(exception!).Where(text => text.Contains(Samples.Token, StringComparison.Ordinal)), Is.Empty);
            Assert.That(exception!.ErrorMessage, Is.EqualTo("***"));
        }

        [Test]
        public async Task A_successful_answer_echoing_the_token_is_parsed_with_it_masked()
        {
            var body = "{\"id\":\"op\",\"type\":\"POOL.CLONE\",\"status\":\"RUNNING\",\"note\":\"OAuth " + Samples.Token + "\"}";
            var stub = new StubToloka().Otherwise(_ => Echo(HttpStatusCode.OK, body));
            using var client = stub.CreateClient(options: NoRetries());

            var operation = await client.GetOperationAsync("op");

            Assert.That(operation.AdditionalProperties["note"]!.ToString(), Is.EqualTo("OAuth ***"));
        }
    }
}

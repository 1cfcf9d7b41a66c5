using System.Text;
using NUnit.Framework;

namespace Toloka.Generated.ResilienceTests.Fuzz
{
    /// <summary>
    /// Every answer the fuzz suite ever broke the client with, as a plain test with the concrete answer,
    /// judged by the same property (<see cref="FuzzRun.Judge(HostileCase, string)"/>).
    /// </summary>
    [TestFixture]
    [Parallelizable(ParallelScope.All)]
    public sealed class FuzzRegressionTests
    {
        private const string CloneExample = "{\"id\":\"7ea08f99-5e24-47b4-b61f-c177a868d801\",\"type\":\"POOL.CLONE\",\"status\":\"PENDING\",\"submitted\":\"2016-04-07T16:06:15.902\",\"progress\":0,\"parameters\":{\"pool_id\":\"1\"}}";
        private const string ConflictBody = "{\"code\":\"CONFLICT_STATE\",\"message\":\"Pool must be closed before it is archived\",\"request_id\":\"1a2b3c4d-0000-4000-8000-000000000409\"}";

        [TestCase("application/json; charset=ibm037")]
        [TestCase("application/json; charset=x-unknown-42")]
        [TestCase("application/json; charset=utf-7")]
        [TestCase("application/json; charset=\"bogus\"")]
        public void Error_answer_in_a_charset_the_runtime_cannot_decode_is_a_typed_error(string contentType)
        {
            // Found: InvalidOperationException "The character set provided in ContentType is invalid", NotSupportedException for UTF-7.
            var answer = new HostileAnswer(409, contentType, System.Array.Empty<System.Collections.Generic.KeyValuePair<string, string>>(), Encoding.UTF8.GetBytes(ConflictBody), BodyShape.Whole, null);
            Assert.That(FuzzRun.Judge(new HostileCase(FuzzedCall.ClonePool, new[] { answer })), Is.Null);
        }

        [TestCase("application/json; charset=x-unknown-42")]
        [TestCase("application/json; charset=utf-7")]
        public void Success_answer_in_a_charset_the_runtime_cannot_decode_is_a_typed_error(string contentType)
        {
            var answer = new HostileAnswer(202, contentType, System.Array.Empty<System.Collections.Generic.KeyValuePair<string, string>>(), Encoding.UTF8.GetBytes(CloneExample), BodyShape.Whole, null);
            Assert.That(FuzzRun.Judge(new HostileCase(FuzzedCall.ClonePool, new[] { answer })), Is.Null);
        }

        [TestCase(502, "-Infinity")]
        [TestCase(503, "Infinity")]
        [TestCase(429, "NaN")]
        [TestCase(429, "1e308")]
        [TestCase(503, "-5")]
        [TestCase(429, "99999999999999999999999999")]
        [TestCase(503, "9223372036854775807")]
        [TestCase(429, "Fri, 31 Dec 9999 23:59:59 GMT")]
        [TestCase(503, "Mon, 01 Jan 0001 00:00:00 GMT")]
        public void Odd_retry_after_on_a_failure_is_ignored_or_clamped(int status, string retryAfter)
        {
            // Found: OverflowException "TimeSpan overflowed because the duration is too long" for -Infinity on a 502.
            var body = "{\"code\":\"INTERNAL_ERROR\",\"message\":\"x\",\"request_id\":\"r\"}";
            Assert.That(FuzzRun.Judge(new HostileCase(FuzzedCall.ClonePool, new[] { HostileAnswer.Json(status, body, ("Retry-After", retryAfter)) })), Is.Null);
            Assert.That(FuzzRun.Judge(new HostileCase(FuzzedCall.GetOperation, new[] { HostileAnswer.Json(status, body, ("Retry-After", retryAfter)) })), Is.Null);
        }

        [TestCase("NaN")]
        [TestCase("-Infinity")]
        [TestCase("1e308")]
        [TestCase("Fri, 31 Dec 9999 23:59:59 GMT")]
        public void Odd_retry_after_on_a_successful_poll_answer_does_not_break_waiting(string retryAfter)
        {
            var running = "{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":\"RUNNING\",\"submitted\":\"2016-04-07T16:06:15.902\",\"progress\":40}";
            Assert.That(FuzzRun.Judge(new HostileCase(FuzzedCall.WaitForCompletion, new[] { HostileAnswer.Json(200, running, ("Retry-After", retryAfter)) })), Is.Null);
        }

        [Test]
        public void Body_that_stalls_after_the_headers_times_out_instead_of_hanging()
        {
            // Found: the call never ended (the body was read without the attempt's timeout).
            var answer = new HostileAnswer(201, "text/plain", System.Array.Empty<System.Collections.Generic.KeyValuePair<string, string>>(), Encoding.UTF8.GetBytes("{\"id\":\"SUCCESS\",\"status\":0.5"), BodyShape.StallAfter, null);
            Assert.That(FuzzRun.Judge(new HostileCase(FuzzedCall.ClonePool, new[] { answer })), Is.Null);
            Assert.That(FuzzRun.Judge(new HostileCase(FuzzedCall.GetOperation, new[] { answer })), Is.Null);
        }

        [Test]
        public void Body_that_trickles_past_the_network_timeout_ends_the_attempt()
        {
            var answer = new HostileAnswer(202, "application/json", System.Array.Empty<System.Collections.Generic.KeyValuePair<string, string>>(), Encoding.UTF8.GetBytes(CloneExample), BodyShape.Trickle, null);
            Assert.That(FuzzRun.Judge(new HostileCase(FuzzedCall.ClonePool, new[] { answer })), Is.Null);
        }

        [TestCase(200, "text/plain")]
        [TestCase(202, "application/json")]
        [TestCase(226, "application/json")]
        public void Unreadable_success_answer_is_invalid_response_naming_the_operation(int status, string contentType)
        {
            // Found: Kind InvalidResponse with no OperationId (UTF-16 bytes labelled text/plain, a JSON array, a truncated object).
            foreach (var body in new[] { "[]", "{\"id\":\"op\",\"status\":", "<html>502</html>" })
            {
                var answer = new HostileAnswer(status, contentType, System.Array.Empty<System.Collections.Generic.KeyValuePair<string, string>>(), Encoding.UTF8.GetBytes(body), BodyShape.Whole, null);
                Assert.That(FuzzRun.Judge(new HostileCase(FuzzedCall.ArchivePool, new[] { answer })), Is.Null, body);
            }
        }

        [Test]
        public void Undeclared_204_to_get_operation_is_invalid_response_naming_the_operation()
        {
            var answer = new HostileAnswer(204, "multipart/mixed; boundary=x", System.Array.Empty<System.Collections.Generic.KeyValuePair<string, string>>(), Encoding.UTF8.GetBytes("{\"code\":-1E+308}"), BodyShape.Whole, null);
            Assert.That(FuzzRun.Judge(new HostileCase(FuzzedCall.GetOperation, new[] { answer })), Is.Null);
        }

        [TestCase(500, "CONFLICT_STATE")]
        [TestCase(401, "ACCESS_DENIED")]
        [TestCase(404, "VALIDATION_ERROR")]
        [TestCase(503, "DOES_NOT_EXIST")]
        public void Status_decides_the_subclass_whatever_the_code_says(int status, string code)
        {
            // Found: a 500 whose body said CONFLICT_STATE became TolokaConflictException.
            var body = "{\"code\":\"" + code + "\",\"message\":\"Pool is closed\",\"request_id\":\"r\"}";
            Assert.That(FuzzRun.Judge(new HostileCase(FuzzedCall.ArchivePool, new[] { HostileAnswer.Json(status, body) })), Is.Null);
        }

        [TestCase(202)]
        [TestCase(200)]
        [TestCase(400)]
        [TestCase(302)]
        public void Token_echoed_in_headers_of_any_answer_is_scrubbed(int status)
        {
            // Found: Set-Cookie, X-Request-Id, WWW-Authenticate and Location echoing "OAuth <token>" kept as-is on an unreadable 202.
            var body = "{\"code\":\"AUTHENTICATION_ERROR\",\"request_id\":\"1a2b3c4d\"}";
            var answer = HostileAnswer.Json(
                status,
                body,
                ("Set-Cookie", "session=" + HostileAnswer.Echo),
                ("X-Request-Id", HostileAnswer.Echo),
                ("WWW-Authenticate", "OAuth realm=\"" + HostileAnswer.Echo + "\""),
                ("Location", "http://127.0.0.1:9/elsewhere?t=" + HostileAnswer.Echo));
            Assert.That(FuzzRun.Judge(new HostileCase(FuzzedCall.GetOperation, new[] { answer })), Is.Null);
        }

        [Test]
        public void Token_echoed_in_the_body_of_an_unreadable_success_is_scrubbed()
        {
            var answer = HostileAnswer.Json(200, "<html><body>Hello " + HostileAnswer.Echo + "</body></html>");
            Assert.That(FuzzRun.Judge(new HostileCase(FuzzedCall.ClonePool, new[] { answer })), Is.Null);
        }

        [Test]
        public void Token_echoed_into_a_value_of_the_wrong_type_is_scrubbed_from_the_parse_error()
        {
            var answer = HostileAnswer.Json(202, "{\"id\":\"op-1\",\"status\":\"RUNNING\",\"progress\":\"" + HostileAnswer.Echo + "\"}");
            Assert.That(FuzzRun.Judge(new HostileCase(FuzzedCall.ClonePool, new[] { answer })), Is.Null);
        }

        [Test]
        public void Clone_answered_429_with_a_slow_body_is_repeated_only_because_toloka_did_not_act()
        {
            var answer = new HostileAnswer(429, "application/json; charset=utf-16BE", System.Array.Empty<System.Collections.Generic.KeyValuePair<string, string>>(), Encoding.UTF8.GetBytes("{\"code\":\"INTERNAL_"), BodyShape.Trickle, null);
            Assert.That(FuzzRun.Judge(new HostileCase(FuzzedCall.ClonePool, new[] { answer })), Is.Null);
        }

        [TestCase("\"\"")]
        [TestCase("\" \"")]
        [TestCase("null")]
        [TestCase("\"..\"")]
        public void Poll_answer_whose_operation_id_cannot_be_polled_is_a_typed_error(string id)
        {
            // Found (seed 2896584943732891979,10175085193512864715): a poll answered with "id": "" made
            // the wait loop call GetOperationAsync("") and throw ArgumentException.
            var body = "{\"id\":" + id + ",\"type\":\"TRAINING.ARCHIVE\",\"status\":\"PENDING\",\"submitted\":\"2021-02-26T10:13:32.921\",\"progress\":\"0\",\"parameters\":{\"training_id\":\"123456\"}}";
            Assert.That(FuzzRun.Judge(new HostileCase(FuzzedCall.WaitForCompletion, new[] { HostileAnswer.Json(200, body) })), Is.Null);
        }
    }
}

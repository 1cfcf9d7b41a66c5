using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>Issue 8, rule 1: whatever comes back, the call ends as a value or a documented TolokaException.</summary>
    public class HostileAnswerTests
    {
        private static TolokaClientOptions NoRetries() => new() { Retry = { MaxAttempts = 1 } };

        private static TolokaClient ClientAnswering(Func<HttpResponseMessage> answer, TolokaClientOptions? options = null) =>
            new StubToloka().Otherwise(_ => answer()).CreateClient(options: options ?? NoRetries());

        private static HttpResponseMessage Bytes(HttpStatusCode status, byte[] body, string contentType = "application/json")
        {
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return new HttpResponseMessage(status) { Content = content };
        }

        private const string Operation = "{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":\"RUNNING\",\"progress\":5}";

        [TestCase("application/json; charset=klingon")]
        [TestCase("application/json; charset=\"utf-16\"")]
        [TestCase("text/html; charset=")]
        [TestCase("application/x-whatever")]
        public async Task Any_charset_is_ignored_and_the_body_read_as_utf8(string contentType)
        {
            using var client = ClientAnswering(() => Bytes(HttpStatusCode.OK, Encoding.UTF8.GetBytes(Operation), contentType));

            var operation = await client.GetOperationAsync("op-1");

            Assert.That(operation.Status, Is.EqualTo(OperationStatus.Running));
        }

        [Test]
        public async Task Invalid_utf8_inside_a_string_reads_as_replacement_characters()
        {
            var body = Encoding.UTF8.GetBytes("{\"id\":\"op-X\",\"type\":\"POOL.CLONE\",\"status\":\"RUNNING\"}");
            body[10] = 0xFF;
            using var client = ClientAnswering(() => Bytes(HttpStatusCode.OK, body));

            var operation = await client.GetOperationAsync("op-1");

            Assert.That(operation.Id, Is.EqualTo("op-\uFFFD"));
        }

        [Test]
        public async Task A_utf8_byte_order_mark_is_skipped()
        {
            var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Operation)).ToArray();
            using var client = ClientAnswering(() => Bytes(HttpStatusCode.OK, body));

            Assert.That((await client.GetOperationAsync("op-1")).Id, Is.EqualTo("op-1"));
        }

        [TestCase("{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":7}", "7")]
        [TestCase("{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":99999999999999999999999999}", "99999999999999999999999999")]
        [TestCase("{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":-9223372036854775808}", "-9223372036854775808")]
        [TestCase("{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":\"NEVER-SEEN\"}", "NEVER-SEEN")]
        public async Task Integers_or_unknown_text_where_an_enum_string_is_expected_keep_their_text(string json, string expected)
        {
            using var client = ClientAnswering(() => StubToloka.Json(HttpStatusCode.OK, json));

            var status = (await client.GetOperationAsync("op-1")).Status;

            Assert.That(status.ToString(), Is.EqualTo(expected));
            Assert.That(status.IsKnown, Is.False);
        }

        private static IEnumerable<TestCaseData> UnreadableBodies()
        {
            yield return new TestCaseData("").SetName("Empty body");
            yield return new TestCaseData("null").SetName("JSON null");
            yield return new TestCaseData("[]").SetName("An array");
            yield return new TestCaseData("42").SetName("A number");
            yield return new TestCaseData("{\"id\":").SetName("Truncated JSON");
            yield return new TestCaseData(Operation + "{}").SetName("Trailing content");
            yield return new TestCaseData("<html>proxy</html>").SetName("HTML");
            yield return new TestCaseData("{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":1.5e308}").SetName("Float where an enum string is expected");
            yield return new TestCaseData("{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":true}").SetName("Boolean where an enum string is expected");
            yield return new TestCaseData("{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":{\"a\":[1,2]}}").SetName("Object where an enum string is expected");
            yield return new TestCaseData("{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":\"RUNNING\",\"progress\":99999999999}").SetName("Integer overflow");
            yield return new TestCaseData("{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":\"RUNNING\",\"submitted\":12}").SetName("Number where a timestamp is expected");
            yield return new TestCaseData("{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":\"RUNNING\",\"submitted\":\"yesterday\"}").SetName("Text that is no timestamp");
            yield return new TestCaseData("{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":\"RUNNING\",\"x\":" + new string('[', 100_000) + "}").SetName("Nesting far past the depth limit");
            yield return new TestCaseData("{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":\"RUNNING\",\"x\":" + new string('7', 1_000_000) + "}").SetName("A million-digit number");
        }

        [TestCaseSource(nameof(UnreadableBodies))]
        public void A_2xx_body_that_cannot_be_read_is_InvalidResponse_with_the_operation(string body)
        {
            using var client = ClientAnswering(() => StubToloka.Json(HttpStatusCode.OK, body));

            var started = DateTime.UtcNow;
            var exception = Assert.ThrowsAsync<TolokaApiException>(() => client.GetOperationAsync("op-1"));

            Assert.That(exception!.Kind, Is.EqualTo(TolokaErrorKind.InvalidResponse));
            Assert.That(exception.StatusCode, Is.EqualTo(200));
            Assert.That(exception.OperationId, Is.EqualTo("getOperation"));
            Assert.That(exception.Attempts, Is.EqualTo(1));
            Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(10)), "generous bound: no quadratic parse");
        }

        [Test]
        public void An_error_body_with_a_million_digit_payload_is_still_typed_by_status_and_quick()
        {
            var body = "{\"code\":\"CONFLICT_STATE\",\"payload\":{\"n\":" + new string('9', 1_000_000) + "}}";
            using var client = ClientAnswering(() => StubToloka.Json(HttpStatusCode.Conflict, body));

            var started = DateTime.UtcNow;
            var exception = Assert.ThrowsAsync<TolokaConflictException>(() => client.ArchivePoolAsync("1"));

            Assert.That(exception!.ErrorCode, Is.Null, "the body was not read as Toloka's error");
            Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(10)), "generous bound: no quadratic parse");
        }

        [Test]
        public void A_2xx_without_any_content_is_InvalidResponse_with_the_operation()
        {
            using var client = ClientAnswering(() => new HttpResponseMessage(HttpStatusCode.OK));

            var exception = Assert.ThrowsAsync<TolokaApiException>(() => client.ClonePoolAsync("1"));

            Assert.That(exception!.Kind, Is.EqualTo(TolokaErrorKind.InvalidResponse));
            Assert.That(exception.OperationId, Is.EqualTo("clonePool"));
        }

        [TestCase(201)]
        [TestCase(203)]
        [TestCase(206)]
        [TestCase(299)]
        public void A_2xx_the_spec_does_not_declare_is_InvalidResponse_with_the_operation(int status)
        {
            using var client = ClientAnswering(() => StubToloka.Json((HttpStatusCode)status, Operation));

            var exception = Assert.ThrowsAsync<TolokaApiException>(() => client.GetOperationAsync("op-1"));

            Assert.That(exception!.Kind, Is.EqualTo(TolokaErrorKind.InvalidResponse));
            Assert.That(exception.StatusCode, Is.EqualTo(status));
            Assert.That(exception.OperationId, Is.EqualTo("getOperation"));
            Assert.That(exception.Response, Is.EqualTo(Operation));
        }

        [TestCase(100)]
        [TestCase(101)]
        [TestCase(102)]
        [TestCase(199)]
        public void An_informational_status_as_the_final_answer_is_a_typed_error_and_its_body_is_not_read(int status)
        {
            var content = new ThrowingContent();
            using var client = ClientAnswering(() => new HttpResponseMessage((HttpStatusCode)status) { Content = content });

            var exception = Assert.ThrowsAsync<TolokaApiException>(() => client.ClonePoolAsync("1"));

            Assert.That(exception!.Kind, Is.EqualTo(TolokaErrorKind.Other));
            Assert.That(exception.StatusCode, Is.EqualTo(status));
            Assert.That(content.Read, Is.False);
        }

        [Test]
        public void A_body_that_fails_mid_read_is_a_transport_failure()
        {
            using var client = ClientAnswering(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ThrowingContent() });

            var exception = Assert.ThrowsAsync<TolokaTransportException>(() => client.GetOperationAsync("op-1"));

            Assert.That(exception!.TimedOut, Is.False);
            Assert.That(exception.OperationId, Is.EqualTo("getOperation"));
        }

        [TestCase("{\"type\":\"POOL.CLONE\",\"status\":\"RUNNING\"}", "id")]
        [TestCase("{\"id\":null,\"type\":\"POOL.CLONE\",\"status\":\"RUNNING\"}", "id")]
        [TestCase("{\"id\":\"op-1\",\"status\":\"RUNNING\"}", "type")]
        [TestCase("{\"id\":\"op-1\",\"type\":\"POOL.CLONE\"}", "status")]
        [TestCase("{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":null}", "Status")]
        [TestCase("{}", "id")]
        [TestCase("{\"type\":\"POOL.CLONE\",\"status\":\"RUN\\u004eING\"}", "id")]
        public void An_operation_without_a_required_property_or_with_it_null_is_an_invalid_response_naming_it(string body, string property)
        {
            using var client = ClientAnswering(() => Bytes(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetBytes(body)));

            var exception = Assert.ThrowsAsync<TolokaApiException>(() => client.GetOperationAsync("op-1"));

            Assert.That(exception!.Kind, Is.EqualTo(TolokaErrorKind.InvalidResponse));
            Assert.That(exception.OperationId, Is.EqualTo("getOperation"));
            Assert.That(exception.InnerException, Is.InstanceOf<Newtonsoft.Json.JsonSerializationException>());
            Assert.That(exception.InnerException!.Message, Does.Contain(property));
        }

        [Test]
        public async Task A_page_whose_items_are_present_binds_them_and_one_without_items_is_refused()
        {
            using var good = ClientAnswering(() => Bytes(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetBytes("{\"items\":[" + Operation + "],\"has_more\":false}")));
            using var bad = ClientAnswering(() => Bytes(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetBytes("{\"has_more\":false}")));

            var page = await good.FindOperationsAsync();

            Assert.That(page.Items.Select(o => o.Id), Is.EqualTo(new[] { "op-1" }));
            var exception = Assert.ThrowsAsync<TolokaApiException>(() => bad.FindOperationsAsync());
            Assert.That(exception!.Kind, Is.EqualTo(TolokaErrorKind.InvalidResponse));
            Assert.That(exception.InnerException!.Message, Does.Contain("'items' not found"));
        }

        private sealed class ThrowingContent : HttpContent
        {
            public bool Read { get; private set; }

            protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            {
                Read = true;
                throw new IOException("The connection was reset mid-body.");
            }

            protected override bool TryComputeLength(out long length)
            {
                length = 0;
                return false;
            }
        }
    }
}

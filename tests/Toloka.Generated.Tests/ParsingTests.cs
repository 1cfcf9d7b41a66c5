using System;
using System.Net;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    [Category("Parsing")]
    public class ParsingTests
    {
        [Test]
        public async Task Timestamps_without_offset_are_utc_whatever_the_machine_time_zone()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, Samples.ClonePoolOperation);
            using var client = stub.CreateClient();

            var operation = await client.ClonePoolAsync("1");

            var expected = new DateTimeOffset(2016, 4, 7, 16, 6, 15, 902, TimeSpan.Zero);
            Assert.That(operation.Submitted, Is.EqualTo(expected));
            Assert.That(operation.Submitted!.Value.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(operation.Started!.Value.UtcDateTime, Is.EqualTo(expected.UtcDateTime));
            Assert.That(operation.Finished!.Value.UtcTicks, Is.EqualTo(expected.UtcTicks));
            TestContext.Out.WriteLine("Local time zone: " + TimeZoneInfo.Local.Id + " " + TimeZoneInfo.Local.BaseUtcOffset);
        }

        [Test]
        public async Task Timestamps_with_an_offset_keep_the_instant()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, """
                {"id":"op","type":"POOL.CLONE","status":"RUNNING","submitted":"2016-04-07T19:06:15.902+03:00","started":"2016-04-07T16:06:15Z"}
                """);
            using var client = stub.CreateClient();

            var operation = await client.ClonePoolAsync("1");

            Assert.That(operation.Submitted!.Value.UtcDateTime, Is.EqualTo(new DateTime(2016, 4, 7, 16, 6, 15, 902, DateTimeKind.Utc)));
            Assert.That(operation.Started!.Value.UtcDateTime, Is.EqualTo(new DateTime(2016, 4, 7, 16, 6, 15, DateTimeKind.Utc)));
        }

        [Test]
        public async Task Unknown_status_and_type_keep_their_text()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, """
                {"id":"op","type":"PROJECT.ARCHIVE","status":"CANCELLED_BY_MOON","progress":3}
                """);
            using var client = stub.CreateClient();

            var operation = await client.GetOperationAsync("op");

            Assert.That(operation.Type.ToString(), Is.EqualTo("PROJECT.ARCHIVE"));
            Assert.That(operation.Type, Is.EqualTo(new OperationType("PROJECT.ARCHIVE")));
            Assert.That(operation.Type.IsKnown, Is.False);
            Assert.That(operation.Status.ToString(), Is.EqualTo("CANCELLED_BY_MOON"));
            Assert.That(operation.Status == "CANCELLED_BY_MOON", Is.True);
            Assert.That(operation.Progress, Is.EqualTo(3));
        }

        [Test]
        public async Task Explicit_nulls_on_optional_fields_deserialize()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, """
                {"id":"op","type":"POOL.CLONE","status":"PENDING","submitted":null,"started":null,"finished":null,
                 "progress":null,"parameters":null,"details":null}
                """);
            using var client = stub.CreateClient();

            var operation = await client.GetOperationAsync("op");

            Assert.That(operation.Status, Is.EqualTo(OperationStatus.Pending));
            Assert.That(operation.Submitted, Is.Null);
            Assert.That(operation.Progress, Is.Null);
            Assert.That(operation.Parameters, Is.Null);
            Assert.That(operation.Details, Is.Null);
        }

        [Test]
        public async Task Unknown_extra_fields_are_kept_not_rejected()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, """
                {"id":"op","type":"POOL.CLONE","status":"SUCCESS","brand_new":{"a":[1,2]},
                 "details":{"pool_id":"2","also_new":"x"}}
                """);
            using var client = stub.CreateClient();

            var operation = await client.GetOperationAsync("op");

            Assert.That(operation.AdditionalProperties.ContainsKey("brand_new"), Is.True);
            Assert.That(operation.Details!.PoolId, Is.EqualTo("2"));
            Assert.That(operation.Details.AdditionalProperties["also_new"], Is.EqualTo("x"));
        }

        [Test]
        public void Missing_required_field_is_a_typed_invalid_response()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, """{"type":"POOL.CLONE","status":"SUCCESS"}""");
            using var client = stub.CreateClient();

            var exception = Assert.ThrowsAsync<TolokaApiException>(() => client.GetOperationAsync("op"));

            Assert.That(exception!.Kind, Is.EqualTo(TolokaErrorKind.InvalidResponse));
        }

        [Test]
        public void Malformed_timestamp_is_a_typed_invalid_response()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, """{"id":"op","type":"POOL.CLONE","status":"SUCCESS","submitted":"yesterday-ish"}""");
            using var client = stub.CreateClient();

            Assert.ThrowsAsync<TolokaApiException>(() => client.GetOperationAsync("op"));
        }
    }
}

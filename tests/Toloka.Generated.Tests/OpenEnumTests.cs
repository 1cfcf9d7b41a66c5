using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Newtonsoft.Json;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>The spec's string enums are open: values Toloka adds keep their text through read, compare, print and filter.</summary>
    public class OpenEnumTests
    {
        // Types seen in real answers that the spec does not list.
        [TestCase("ANALYTICS")]
        [TestCase("PROJECT.ARCHIVE")]
        [TestCase("SOLUTION.AGGREGATE")]
        [TestCase("TASK.BATCH_CREATE")]
        [TestCase("TASK_SUITE.BATCH_CREATE")]
        [TestCase("USER_BONUS.BATCH_CREATE")]
        [TestCase("KNOWN_SOLUTIONS.GENERATE")]
        [TestCase("PSEUDO.PSEUDO")]
        public async Task An_operation_type_the_spec_does_not_list_reads_prints_and_round_trips_as_its_text(string type)
        {
            var body = "{\"id\":\"op\",\"type\":\"" + type + "\",\"status\":\"SUCCESS\",\"submitted\":\"2021-02-26T10:13:32.921\",\"details\":{}}";
            var stub = new StubToloka().Answer(HttpStatusCode.OK, body);
            using var client = stub.CreateClient(Samples.ApiKey);

            var operation = await client.GetOperationAsync("op");

            Assert.That(operation.Type.ToString(), Is.EqualTo(type));
            Assert.That($"{operation.Type}", Is.EqualTo(type));
            Assert.That(operation.Type, Is.EqualTo(new OperationType(type)));
            Assert.That(operation.Type.IsKnown, Is.False);
            Assert.That(operation.Status, Is.EqualTo(OperationStatus.Success));
            Assert.That(JsonConvert.SerializeObject(operation), Does.Contain("\"type\":\"" + type + "\""));
            Assert.That(JsonConvert.DeserializeObject<Operation>(JsonConvert.SerializeObject(operation))!.Type, Is.EqualTo(operation.Type));
        }

        [Test]
        public async Task The_operations_filters_send_any_type_and_status_text()
        {
            var stub = new StubToloka().Otherwise(_ => StubToloka.Json(HttpStatusCode.OK, "{\"items\":[],\"has_more\":false}"));
            using var client = stub.CreateClient(Samples.ApiKey);

            await client.FindOperationsAsync(type: "TASK.BATCH_CREATE", status: "CANCELLED");
            await foreach (var _ in client.GetOperationsAsync(type: new OperationType("SOLUTION.AGGREGATE"), status: OperationStatus.Fail))
            {
            }

            Assert.That(stub.Requests[0].Uri.Query, Does.Contain("type=TASK.BATCH_CREATE").And.Contain("status=CANCELLED"));
            Assert.That(stub.Requests[1].Uri.Query, Does.Contain("type=SOLUTION.AGGREGATE").And.Contain("status=FAIL"));
        }

        [Test]
        public void Known_values_stay_as_convenient_as_an_enum()
        {
            Assert.That(OperationType.PoolClone.ToString(), Is.EqualTo("POOL.CLONE"));
            Assert.That(OperationType.PoolClone == "pool.clone", Is.True, "text compares ignoring case");
            Assert.That(OperationType.PoolClone.IsKnown, Is.True);
            Assert.That(OperationType.KnownValues, Does.Contain(OperationType.TrainingArchive));
            Assert.That(PoolStatus.KnownValues.Select(s => s.ToString()), Is.EqualTo(new[] { "OPEN", "CLOSED", "ARCHIVED", "LOCKED" }));
            Assert.That(default(OperationStatus).ToString(), Is.Empty);
            Assert.Throws<ArgumentNullException>(() => _ = new OperationType(null!));
        }
    }
}

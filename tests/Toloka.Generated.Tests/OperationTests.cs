using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>Each of the five operations: the request that goes out and the value that comes back.</summary>
    public class OperationTests
    {
        [Test]
        public async Task Clone_pool_posts_to_the_pool_and_returns_the_operation_with_the_new_pool_id()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.Accepted, Samples.ClonePoolOperation);
            using var client = stub.CreateClient();

            var operation = await client.ClonePoolAsync("1");

            Assert.That(stub.SingleRequest.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(stub.SingleRequest.Uri.AbsoluteUri, Is.EqualTo("https://toloka.dev/api/v1/pools/1/clone"));
            Assert.That(stub.SingleRequest.Authorization, Is.EqualTo(new[] { "OAuth " + Samples.Token }));
            Assert.That(operation.Id, Is.EqualTo("7ea08f99-5e24-47b4-b61f-c177a868d801"));
            Assert.That(operation.Type, Is.EqualTo(OperationType.PoolClone));
            Assert.That(operation.Status, Is.EqualTo(OperationStatus.Success));
            Assert.That(operation.Progress, Is.EqualTo(100));
            Assert.That(operation.Parameters!.PoolId, Is.EqualTo("1"));
            Assert.That(operation.Details!.PoolId, Is.EqualTo("2"));
        }

        [Test]
        public async Task Clone_training_posts_to_the_training_and_returns_the_new_training_id()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, Samples.CloneTrainingOperation);
            using var client = stub.CreateClient();

            var operation = await client.CloneTrainingAsync("123456");

            Assert.That(stub.SingleRequest.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(stub.SingleRequest.Uri.AbsoluteUri, Is.EqualTo("https://toloka.dev/api/v1/trainings/123456/clone"));
            Assert.That(stub.SingleRequest.Authorization, Is.EqualTo(new[] { "OAuth " + Samples.Token }));
            Assert.That(operation.Type, Is.EqualTo(OperationType.TrainingClone));
            Assert.That(operation.Details!.TrainingId, Is.EqualTo("123457"));
        }

        [Test]
        public async Task Archive_training_returns_the_operation()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, Samples.ArchiveTrainingOperation);
            using var client = stub.CreateClient();

            var operation = await client.ArchiveTrainingAsync("123456");

            Assert.That(stub.SingleRequest.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(stub.SingleRequest.Uri.AbsoluteUri, Is.EqualTo("https://toloka.dev/api/v1/trainings/123456/archive"));
            Assert.That(stub.SingleRequest.Authorization, Is.EqualTo(new[] { "OAuth " + Samples.Token }));
            Assert.That(operation, Is.Not.Null);
            Assert.That(operation!.Type, Is.EqualTo(OperationType.TrainingArchive));
            Assert.That(operation.Parameters!.TrainingId, Is.EqualTo("123456"));
        }

        [Test]
        public async Task Archive_pool_returns_the_operation_while_it_runs()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.Accepted, Samples.ArchivePoolOperation);
            using var client = stub.CreateClient();

            var operation = await client.ArchivePoolAsync("21");

            Assert.That(stub.SingleRequest.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(stub.SingleRequest.Uri.AbsoluteUri, Is.EqualTo("https://toloka.dev/api/v1/pools/21/archive"));
            Assert.That(operation!.Status, Is.EqualTo(OperationStatus.Running));
            Assert.That(operation.Progress, Is.EqualTo(50));
            Assert.That(operation.Finished, Is.Null);
        }

        [Test]
        public async Task Archive_of_archived_training_returns_null()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.NoContent);
            using var client = stub.CreateClient();

            var operation = await client.ArchiveTrainingAsync("123456");

            Assert.That(operation, Is.Null);
            Assert.That(stub.SingleRequest.Uri.AbsolutePath, Is.EqualTo("/api/v1/trainings/123456/archive"));
        }

        [Test]
        public async Task Archive_of_archived_pool_returns_null()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.NoContent);
            using var client = stub.CreateClient();

            Assert.That(await client.ArchivePoolAsync("21"), Is.Null);
        }

        [Test]
        public async Task Archive_answered_204_with_a_stray_body_still_returns_null()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.NoContent, "{}");
            using var client = stub.CreateClient();

            Assert.That(await client.ArchivePoolAsync("21"), Is.Null);
        }

        [Test]
        public async Task Get_operation_reads_the_operation_by_id()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, Samples.ArchivePoolOperation);
            using var client = stub.CreateClient();

            var operation = await client.GetOperationAsync("95029e60-eace-4a3e-96b9-c72c5e727219");

            Assert.That(stub.SingleRequest.Method, Is.EqualTo(HttpMethod.Get));
            Assert.That(stub.SingleRequest.Uri.AbsoluteUri, Is.EqualTo("https://toloka.dev/api/v1/operations/95029e60-eace-4a3e-96b9-c72c5e727219"));
            Assert.That(stub.SingleRequest.Authorization, Is.EqualTo(new[] { "OAuth " + Samples.Token }));
            Assert.That(operation.Id, Is.EqualTo("95029e60-eace-4a3e-96b9-c72c5e727219"));
        }

        [Test]
        public async Task Every_request_carries_exactly_one_authorization_header()
        {
            var stub = new StubToloka();
            for (var i = 0; i < 5; i++)
            {
                stub.Answer(HttpStatusCode.OK, Samples.ClonePoolOperation);
            }

            using var client = stub.CreateClient();
            await client.ClonePoolAsync("1");
            await client.CloneTrainingAsync("2");
            await client.ArchivePoolAsync("3");
            await client.ArchiveTrainingAsync("4");
            await client.GetOperationAsync("5");

            Assert.That(stub.Requests, Has.Count.EqualTo(5));
            Assert.That(stub.Requests.Select(r => r.Authorization), Has.All.EqualTo(new[] { "OAuth " + Samples.Token }));
        }

        [Test]
        public async Task Over_real_http_the_token_arrives_in_the_authorization_header_and_204_is_null()
        {
            await using var server = await LoopbackServer.StartAsync(context =>
            {
                context.Response.StatusCode = 204;
                return Task.CompletedTask;
            });
            using var client = new TolokaClient(Samples.Token, server.Options());

            var operation = await client.ArchiveTrainingAsync("123456");

            Assert.That(operation, Is.Null);
            Assert.That(server.Requests.Single().Authorization, Is.EqualTo("OAuth " + Samples.Token));
            Assert.That(server.Requests.Single().RawTarget, Is.EqualTo("/api/v1/trainings/123456/archive"));
        }
    }
}

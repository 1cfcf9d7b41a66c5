using System;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    public class InputTests
    {
        private static readonly Func<ITolokaClient, string, Task>[] EveryOperation =
        {
            (client, id) => client.ClonePoolAsync(id),
            (client, id) => client.CloneTrainingAsync(id),
            (client, id) => client.ArchivePoolAsync(id),
            (client, id) => client.ArchiveTrainingAsync(id),
            (client, id) => client.GetOperationAsync(id),
        };

        private static readonly string?[] BadIds = { null, "", " ", "\t", ".", ".." };

        [Test]
        public void Null_empty_blank_and_dot_ids_are_ArgumentExceptions_before_any_request(
            [ValueSource(nameof(EveryOperation))] Func<ITolokaClient, string, Task> call,
            [ValueSource(nameof(BadIds))] string? id)
        {
            var stub = new StubToloka();
            using var client = stub.CreateClient();

            var exception = Assert.CatchAsync<ArgumentException>(() => call(client, id!));

            Assert.That(exception!.ParamName, Is.AnyOf("poolId", "trainingId", "operationId"));
            Assert.That(stub.Requests, Is.Empty);
        }

        [TestCase("a/b", "a%2Fb")]
        [TestCase("../admin", "..%2Fadmin")]
        [TestCase("1?x=2#f", "1%3Fx%3D2%23f")]
        [TestCase("пул 1", "%D0%BF%D1%83%D0%BB%201")]
        [TestCase("a%2Fb", "a%252Fb")]
        public async Task Ids_are_escaped_as_one_path_segment_on_the_wire(string id, string expectedSegment)
        {
            await using var server = await LoopbackServer.StartAsync(context =>
            {
                context.Response.StatusCode = 204;
                return Task.CompletedTask;
            });
            using var client = new TolokaClient(Samples.Token, server.Options());

            await client.ArchivePoolAsync(id);

            Assert.That(server.Requests.Single().RawTarget, Is.EqualTo("/api/v1/pools/" + expectedSegment + "/archive"));
        }

        [Test]
        public void Id_longer_than_any_toloka_id_is_refused()
        {
            var stub = new StubToloka();
            using var client = stub.CreateClient();

            Assert.ThrowsAsync<ArgumentException>(() => client.ClonePoolAsync(new string('1', 5000)));
            Assert.That(stub.Requests, Is.Empty);
        }

        [Test]
        public void Every_public_async_method_takes_a_defaulted_cancellation_token_last()
        {
            var methods = typeof(ITolokaClient).GetMethods()
                .Concat(typeof(TolokaClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType))
                .ToList();

            Assert.That(methods, Is.Not.Empty);
            foreach (var method in methods)
            {
                var last = method.GetParameters().LastOrDefault();
                Assert.That(last?.ParameterType, Is.EqualTo(typeof(CancellationToken)), method.Name);
                Assert.That(last!.HasDefaultValue, Is.True, method.Name);
            }
        }

        [Test]
        public void Cancelled_token_stops_the_call_with_OperationCanceledException()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, Samples.ClonePoolOperation);
            using var client = stub.CreateClient();
            using var cancellation = new CancellationTokenSource();
            cancellation.Cancel();

            Assert.CatchAsync<OperationCanceledException>(() => client.ClonePoolAsync("1", cancellation.Token));
        }
    }
}

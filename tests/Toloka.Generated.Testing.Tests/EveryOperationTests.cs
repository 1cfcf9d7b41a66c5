using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Testing.Tests.Support;

namespace Toloka.Generated.Testing.Tests
{
    /// <summary>
    /// Every operation of the spec, driven through the client against the fake with arguments built from
    /// the spec alone (no C# per endpoint): IDs that name nothing are 404, seeded IDs a declared success,
    /// and every answer passes the spec check on the way.
    /// </summary>
    public class EveryOperationTests
    {
        public static IEnumerable<string> OperationIds() => TolokaSpec.Current.Operations.Select(operation => operation.Id);

        [TestCaseSource(nameof(OperationIds))]
        public async Task Each_operation_answers_404_for_ids_that_name_nothing_and_a_declared_success_for_seeded_ones(string operationId)
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var spec = await TolokaSpec.InstanceAsync();
            var operation = spec.Operation(operationId).Definition;
            var method = SpecCall.Method(operationId) ?? throw new AssertionException("ITolokaClient has no " + SpecCall.MethodName(operationId));
            var hasPathId = operation.ActualParameters.Any(parameter => parameter.ActualParameter.Kind == NSwag.OpenApiParameterKind.Path);
            var modelled = Enum.TryParse<FakeTolokaEndpoint>(SpecCall.MethodName(operationId)[..^"Async".Length], out _);

            // The spec's own examples (pool "1", training "123456", ...) name nothing in a fresh fake.
            var unknown = await StatusOf(() => SpecCall.InvokeAsync(h.Client, method, SpecCall.Arguments(operation, method)));
            if (!modelled)
            {
                Assert.That(unknown, Is.EqualTo(404), "the fake answers DOES_NOT_EXIST for a path it does not model");
                Assert.Pass("The fake does not model " + operationId + " yet; it answers 404 DOES_NOT_EXIST.");
            }

            Assert.That(unknown, hasPathId ? Is.EqualTo(404) : Is.InRange(200, 299));

            var anyOperation = await SeedOperationAsync(h);
            var seeded = SpecCall.Arguments(operation, method, name => name switch
            {
                "pool_id" => h.Fake.AddPool(FakePoolStatus.Closed),
                "training_id" => h.Fake.AddTraining(FakePoolStatus.Closed),
                "operation_id" => anyOperation,
                _ => null,
            });
            h.Checker.Checked.Clear();

            Assert.That(await StatusOf(() => SpecCall.InvokeAsync(h.Client, method, seeded)), Is.InRange(200, 299));
            Assert.That(h.Checker.Checked.Single(), Does.StartWith(operationId + " 2"), "answered, and the answer passed the spec check");
        }

        // Any operation in the fake, for operations that read one: a clone of a seeded pool.
        private static async Task<string> SeedOperationAsync(FakeTolokaHarness h)
        {
            await h.PostAsync("pools/" + h.Fake.AddPool(FakePoolStatus.Open) + "/clone");
            var operations = h.Fake.Operations;
            return operations[operations.Count - 1].Id;
        }

        private static async Task<int> StatusOf(Func<Task<object?>> call)
        {
            try
            {
                await call();
                return 200;
            }
            catch (TolokaApiException exception)
            {
                return exception.StatusCode;
            }
            catch (SpecViolationException exception) when (exception.Message.Contains("-> 404", StringComparison.Ordinal))
            {
                // A path the fake does not model, of an operation that declares no 404.
                return 404;
            }
        }
    }
}

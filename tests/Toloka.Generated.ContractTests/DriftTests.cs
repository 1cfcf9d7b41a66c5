using System;
using System.Linq;
using System.Reflection;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using Toloka.Generated.ContractTests.Support;

namespace Toloka.Generated.ContractTests
{
    /// <summary>
    /// Keeps the spec, the client and the contract tests in step: every operationId in the spec has
    /// a method on ITolokaClient and a Prism test marked [ExercisesOperation] that drives it.
    /// </summary>
    public class DriftTests
    {
        [Test]
        public void Every_spec_operation_has_a_client_method_named_after_it()
        {
            var missing = TolokaSpec.Current.Operations
                .Select(operation => operation.Id + " -> ITolokaClient." + MethodName(operation.Id))
                .Where(expected => typeof(ITolokaClient).GetMethod(expected.Split('.')[1], BindingFlags.Public | BindingFlags.Instance) is null)
                .ToList();

            Assert.That(TolokaSpec.Current.Operations, Is.Not.Empty);
            Assert.That(missing, Is.Empty, "Operations in openapi/toloka.yaml without a client method.");
        }

        [Test]
        public void Every_spec_operation_is_exercised_by_a_contract_test()
        {
            var exercised = ExercisedOperations();

            var missing = TolokaSpec.Current.Operations.Select(operation => operation.Id).Except(exercised).ToList();

            Assert.That(
                missing,
                Is.Empty,
                "Operations in openapi/toloka.yaml that no test marked [ExercisesOperation(\"...\")] drives through the client against Prism.");
        }

        [Test]
        public void Every_exercised_operation_is_in_the_spec()
        {
            var known = TolokaSpec.Current.Operations.Select(operation => operation.Id);

            Assert.That(ExercisedOperations().Except(known), Is.Empty, "[ExercisesOperation] names an operationId the spec does not have.");
        }

        [Test]
        public void Only_tests_carry_the_exercises_mark()
        {
            var notTests = MarkedMethods().Where(method => !method.GetCustomAttributes().Any(attribute => attribute is ITestBuilder or ISimpleTestBuilder))
                .Select(method => method.DeclaringType!.Name + "." + method.Name);

            Assert.That(notTests, Is.Empty, "[ExercisesOperation] on a method NUnit does not run proves nothing.");
        }

        private static string[] ExercisedOperations() =>
            MarkedMethods().SelectMany(method => method.GetCustomAttributes<ExercisesOperationAttribute>())
                .Select(attribute => attribute.OperationId)
                .Distinct()
                .ToArray();

        private static MethodInfo[] MarkedMethods() =>
            typeof(DriftTests).Assembly.GetTypes()
                .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
                .Where(method => method.IsDefined(typeof(ExercisesOperationAttribute)))
                .ToArray();

        private static string MethodName(string operationId) =>
            string.Concat(operationId.Split(new[] { '_', '-', '.', ' ' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(word => char.ToUpperInvariant(word[0]) + word[1..])) + "Async";
    }
}

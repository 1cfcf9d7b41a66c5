using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NJsonSchema;
using NSwag;
using NUnit.Framework;
using Toloka.Generated.ContractTests.Support;

namespace Toloka.Generated.ContractTests
{
    /// <summary>
    /// What can still drift once the tests enumerate the spec themselves: an operation the generic
    /// tests cannot reach (no client method, or arguments that cannot be built from the spec, or a
    /// declared answer left out), and a client method that no spec operation backs (or a flow the
    /// spec promises that the templates did not generate).
    /// </summary>
    public class DriftTests
    {
        // Hand-written members of ITolokaClient that apply to every operation, not to one endpoint.
        private static readonly string[] HandWritten = { "WaitForCompletionAsync" };

        [Test]
        public void Every_spec_operation_has_a_client_method_named_after_it()
        {
            var missing = TolokaSpec.Current.Operations
                .Where(operation => SpecCall.Method(operation.Id) is null)
                .Select(operation => operation.Id + " -> ITolokaClient." + SpecCall.MethodName(operation.Id))
                .ToList();

            Assert.That(TolokaSpec.Current.Operations, Is.Not.Empty);
            Assert.That(missing, Is.Empty, "Operations in openapi/toloka.yaml without a client method.");
        }

        [Test]
        public void The_generic_tests_reach_every_declared_answer_of_every_operation()
        {
            var reached = PrismMockTests.DeclaredAnswers().Select(data => data.Arguments[0] + " " + data.Arguments[1]).ToHashSet();
            var declared = TolokaSpec.Current.Operations.SelectMany(operation => operation.Definition.Responses.Keys.Select(status => operation.Id + " " + status));

            Assert.That(declared.Except(reached), Is.Empty, "declared answers the Prism tests do not drive");
        }

        [Test]
        public void Arguments_for_every_operation_can_be_built_from_the_spec_alone()
        {
            var problems = new List<string>();
            foreach (var operation in TolokaSpec.Current.Operations)
            {
                var method = SpecCall.Method(operation.Id);
                try
                {
                    var arguments = method is null ? Array.Empty<object?>() : SpecCall.Arguments(operation.Definition, method);
                    if (method is not null && arguments.Length != method.GetParameters().Length)
                    {
                        problems.Add(operation.Id + ": " + arguments.Length + " arguments for " + method.GetParameters().Length + " parameters");
                    }
                }
                catch (InvalidOperationException exception)
                {
                    problems.Add(exception.Message);
                }
            }

            Assert.That(problems, Is.Empty, "Give these parameters an example or a schema the generic tests can fill.");
        }

        [Test]
        public void Every_client_method_is_backed_by_a_spec_operation_and_every_promised_flow_exists()
        {
            var expected = TolokaSpec.Current.Operations.SelectMany(ExpectedMethods).Concat(HandWritten).ToHashSet();
            var actual = typeof(ITolokaClient).GetMethods(BindingFlags.Public | BindingFlags.Instance).Select(method => method.Name).ToHashSet();

            Assert.That(actual.Except(expected), Is.Empty, "ITolokaClient methods no spec operation backs");
            Assert.That(expected.Except(actual), Is.Empty, "methods the spec promises (operations, ...AndWaitAsync, pagers) that ITolokaClient lacks");
        }

        [Test]
        public void Each_flow_extension_names_something_real()
        {
            var problems = new List<string>();
            foreach (var operation in TolokaSpec.Current.Operations)
            {
                if (Extension(operation, "x-toloka-new-id-field") is { } field
                    && (!AnswersOperation(operation) || !TolokaSpec.Current.Schema("OperationDetails").ActualProperties.ContainsKey(field)))
                {
                    problems.Add(operation.Id + ": x-toloka-new-id-field " + field + " needs an Operation answer whose details list " + field);
                }

                if (Extension(operation, "x-toloka-pager") is { } pager && PagedItem(operation) is null)
                {
                    problems.Add(operation.Id + ": x-toloka-pager " + pager + " on an operation that cannot be paged (items, has_more, sort, id_gt)");
                }
            }

            Assert.That(problems, Is.Empty);
        }

        /// <summary>The methods build/templates generate for one operation, by the rules in build/templates/Client.Flows.liquid.</summary>
        private static IEnumerable<string> ExpectedMethods(SpecOperation operation)
        {
            var name = SpecCall.MethodName(operation.Id);
            yield return name;
            if (AnswersOperation(operation) && !string.Equals(Extension(operation, "x-toloka-wait"), "false", StringComparison.OrdinalIgnoreCase))
            {
                yield return name[..^"Async".Length] + "AndWaitAsync";
            }

            if (PagedItem(operation) is not null)
            {
                var pager = Extension(operation, "x-toloka-pager");
                yield return pager is null ? name[..^"Async".Length] + "AllAsync" : char.ToUpperInvariant(pager[0]) + pager[1..] + "Async";
            }
        }

        private static IEnumerable<JsonSchema> SuccessSchemas(SpecOperation operation) =>
            operation.Definition.ActualResponses
                .Where(response => response.Key.StartsWith('2'))
                .Select(response => response.Value.ActualResponse.Schema?.ActualSchema)
                .OfType<JsonSchema>();

        private static bool AnswersOperation(SpecOperation operation) =>
            SuccessSchemas(operation).Any(schema => ReferenceEquals(schema, TolokaSpec.Current.Schema("Operation")));

        private static JsonSchema? PagedItem(SpecOperation operation)
        {
            var query = operation.Definition.ActualParameters.Where(parameter => parameter.ActualParameter.Kind == OpenApiParameterKind.Query).Select(parameter => parameter.ActualParameter.Name).ToList();
            if (!query.Contains("sort") || !query.Contains("id_gt"))
            {
                return null;
            }

            foreach (var schema in SuccessSchemas(operation))
            {
                if (schema.ActualProperties.TryGetValue("items", out var items) && schema.ActualProperties.ContainsKey("has_more")
                    && items.ActualSchema.Item?.ActualSchema is { } item && item.ActualProperties.ContainsKey("id")
                    && TolokaSpec.Current.Document.Components.Schemas.Values.Any(named => ReferenceEquals(named, item)))
                {
                    return item;
                }
            }

            return null;
        }

        private static string? Extension(SpecOperation operation, string name) =>
            operation.Definition.ExtensionData is { } data && data.TryGetValue(name, out var value) && value is not null ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}

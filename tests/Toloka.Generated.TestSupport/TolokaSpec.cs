using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using NSwag;

namespace Toloka.Generated.TestSupport
{
    /// <summary>
    /// openapi/toloka.yaml as the tests read it: its operations, every example in it, and a check of one
    /// answer against the spec's response for that operation and status (the fake is written without
    /// the spec in hand, so that check is what keeps the two from drifting apart).
    /// </summary>
    internal sealed class TolokaSpec
    {
        private static readonly Lazy<TolokaSpec> LazyCurrent =
            new(() => ParseAsync(File.ReadAllText(Repository.Spec)).GetAwaiter().GetResult());

        private TolokaSpec(JObject yaml, OpenApiDocument document)
        {
            Yaml = yaml;
            Document = document;
            Operations = document.Operations
                .Select(operation => new SpecOperation(this, operation.Operation.OperationId, operation.Method, operation.Path, operation.Operation))
                .ToList();
        }

        /// <summary>The spec in the repository.</summary>
        public static TolokaSpec Current => LazyCurrent.Value;

        /// <summary>The spec in the repository, for callers that await it.</summary>
        public static Task<TolokaSpec> InstanceAsync() => Task.FromResult(Current);

        /// <summary>The YAML as JSON, untouched by NSwag.</summary>
        public JObject Yaml { get; }

        public OpenApiDocument Document { get; }

        public IReadOnlyList<SpecOperation> Operations { get; }

        public static async Task<TolokaSpec> ParseAsync(string yaml)
        {
            var json = (JObject)YamlToJson.Parse(yaml);
            var document = await OpenApiDocument.FromJsonAsync(json.ToString());
            return new TolokaSpec(json, document);
        }

        /// <summary>Spec text with one edit, for tests that need a broken spec; the text to replace must occur exactly once.</summary>
        public static string ReplaceOnce(string yaml, string oldText, string newText)
        {
            var index = yaml.IndexOf(oldText, StringComparison.Ordinal);
            if (index < 0 || yaml.IndexOf(oldText, index + 1, StringComparison.Ordinal) >= 0)
            {
                throw new ArgumentException("The spec must contain this text exactly once: " + oldText, nameof(oldText));
            }

            return yaml[..index] + newText + yaml[(index + oldText.Length)..];
        }

        public SpecOperation Operation(string operationId) =>
            Operations.SingleOrDefault(operation => operation.Id == operationId)
            ?? throw new ArgumentException("The spec has no operation " + operationId + ".", nameof(operationId));

        public JsonSchema Schema(string name) => Document.Components.Schemas[name];

        /// <summary>Every answer the spec declares: "operationId status" pairs such as <c>clonePool 202</c>.</summary>
        public IReadOnlyCollection<string> DeclaredAnswers =>
            Document.Paths.Values
                .SelectMany(item => item.Values)
                .SelectMany(operation => operation.Responses.Keys.Select(status => operation.OperationId + " " + status))
                .ToArray();

        /// <summary>What is wrong with a body as the spec's ApiError, the body of every error answer.</summary>
        public IReadOnlyList<string> CheckApiError(string body) =>
            Document.Components.Schemas["ApiError"].Validate(body, SchemaType.OpenApi3).Select(error => error.ToString()).ToArray();

        /// <summary>The spec's operationId for a request, or null when the spec has no such path and method.</summary>
        public string? FindOperationId(string method, string apiPath) => Find(method, apiPath)?.OperationId;

        /// <summary>
        /// What is wrong with an answer, by the spec: an operation the spec lacks, a status it does not
        /// declare, a body where none is declared (or none where one is), a media type other than JSON,
        /// a body the response schema rejects, an error code other than the one the spec's example gives
        /// for that status, and a 429 without Retry-After.
        /// </summary>
        /// <param name="method">The request's method.</param>
        /// <param name="apiPath">The request's path below the base path, such as <c>/pools/1/clone</c>.</param>
        /// <returns>The violations; empty when the answer matches.</returns>
        public IReadOnlyList<string> Check(string method, string apiPath, int status, string? mediaType, string body, bool hasRetryAfter)
        {
            var problems = new List<string>();
            var operation = Find(method, apiPath);
            if (operation is null)
            {
                problems.Add("the spec has no operation " + method + " " + apiPath);
                return problems;
            }

            var statusText = status.ToString(CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(statusText, out var declared))
            {
                problems.Add(operation.OperationId + " does not declare status " + statusText);
                return problems;
            }

            var response = declared.ActualResponse;
            if (response.Content.Count == 0)
            {
                if (body.Length > 0)
                {
                    problems.Add(operation.OperationId + " " + statusText + " declares no body but got: " + body);
                }

                return problems;
            }

            if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(operation.OperationId + " " + statusText + " must be application/json, was " + (mediaType ?? "(none)"));
            }

            var content = response.Content["application/json"];
            try
            {
                foreach (var error in content.Schema.ActualSchema.Validate(body, SchemaType.OpenApi3))
                {
                    problems.Add(operation.OperationId + " " + statusText + ": " + error);
                }
            }
            catch (JsonException exception)
            {
                problems.Add(operation.OperationId + " " + statusText + " body is not JSON (" + exception.Message + "): " + body);
                return problems;
            }

            if (content.Example is JObject example && example["code"] is JValue expectedCode && problems.Count == 0)
            {
                var actualCode = JObject.Parse(body)["code"]?.ToString();
                if (actualCode != expectedCode.ToString(CultureInfo.InvariantCulture))
                {
                    problems.Add(operation.OperationId + " " + statusText + " must carry code " + expectedCode + ", was " + actualCode);
                }
            }

            if (status == 429 && response.Headers.ContainsKey("Retry-After") && !hasRetryAfter)
            {
                problems.Add(operation.OperationId + " 429 must say Retry-After");
            }

            return problems;
        }

        /// <summary>
        /// Every place in the spec that holds an example (<c>example</c> or <c>examples</c>), with the
        /// schema it must satisfy, found by walking the OpenAPI model: parameters, request and response
        /// bodies, headers and schemas, in paths and in components. A $ref is followed once, at its
        /// target, so a shared response's example is validated once.
        /// </summary>
        public IReadOnlyList<ExampleSite> Examples()
        {
            var sites = new ExampleSites(Yaml);
            foreach (var (path, item) in Document.Paths)
            {
                var pathPointer = "/paths/" + Escape(path);
                AddParameters(sites, pathPointer, item.Parameters);
                foreach (var (method, operation) in item)
                {
                    var operationPointer = pathPointer + "/" + method;
                    AddParameters(sites, operationPointer, operation.Parameters);
                    if (operation.RequestBody is { Reference: null } body)
                    {
                        AddContent(sites, operationPointer + "/requestBody", body.Content);
                    }

                    foreach (var (status, response) in operation.Responses)
                    {
                        if (response.Reference is null)
                        {
                            AddResponse(sites, operationPointer + "/responses/" + Escape(status), response);
                        }
                    }
                }
            }

            var components = Document.Components;
            foreach (var (name, parameter) in components.Parameters)
            {
                AddParameter(sites, "/components/parameters/" + Escape(name), parameter);
            }

            foreach (var (name, header) in components.Headers)
            {
                AddParameter(sites, "/components/headers/" + Escape(name), header);
            }

            foreach (var (name, response) in components.Responses)
            {
                AddResponse(sites, "/components/responses/" + Escape(name), response);
            }

            foreach (var (name, body) in components.RequestBodies)
            {
                AddContent(sites, "/components/requestBodies/" + Escape(name), body.Content);
            }

            foreach (var (name, schema) in components.Schemas)
            {
                AddSchema(sites, "/components/schemas/" + Escape(name), schema);
            }

            return sites.Found;
        }

        /// <summary>The value at a JSON pointer in the YAML, following a $ref the pointer passes through; null when absent.</summary>
        public JToken? At(string pointer) => At(Yaml, pointer);

        internal static JToken? At(JObject root, string pointer)
        {
            JToken? current = root;
            foreach (var raw in pointer.Split('/').Skip(1))
            {
                current = Follow(root, current);
                var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                current = current switch
                {
                    JObject map => map[segment],
                    JArray list when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < list.Count => list[index],
                    _ => null,
                };
                if (current is null)
                {
                    return null;
                }
            }

            return current;
        }

        internal static JToken? Follow(JObject root, JToken? token) =>
            token is JObject map && (string?)map["$ref"] is { } reference && reference.StartsWith("#/", StringComparison.Ordinal)
                ? At(root, reference[1..])
                : token;

        /// <summary>
        /// Where the YAML itself has an <c>example</c> or <c>examples</c> key, as JSON pointers: the
        /// list <see cref="Examples"/> must cover, found without the OpenAPI model. Property names
        /// under <c>properties</c> and <c>x-</c> extensions are not keywords and are skipped.
        /// </summary>
        public IReadOnlyList<string> ExampleKeysInYaml()
        {
            var pointers = new List<string>();
            CollectExampleKeys(Yaml, "", isPropertyMap: false, pointers);
            return pointers;
        }

        private static void CollectExampleKeys(JToken token, string pointer, bool isPropertyMap, List<string> pointers)
        {
            switch (token)
            {
                case JObject map:
                    foreach (var property in map.Properties())
                    {
                        var childPointer = pointer + "/" + Escape(property.Name);
                        if (!isPropertyMap && property.Name.StartsWith("x-", StringComparison.Ordinal))
                        {
                            continue;
                        }

                        if (!isPropertyMap && property.Name is "example" or "examples")
                        {
                            pointers.Add(childPointer);
                            continue;
                        }

                        CollectExampleKeys(property.Value, childPointer, !isPropertyMap && property.Name == "properties", pointers);
                    }

                    break;
                case JArray list:
                    for (var index = 0; index < list.Count; index++)
                    {
                        CollectExampleKeys(list[index], pointer + "/" + index.ToString(CultureInfo.InvariantCulture), isPropertyMap: false, pointers);
                    }

                    break;
            }
        }

        private static void AddParameters(ExampleSites sites, string pointer, IEnumerable<OpenApiParameter> parameters)
        {
            var index = 0;
            foreach (var parameter in parameters)
            {
                if (parameter.Reference is null)
                {
                    AddParameter(sites, pointer + "/parameters/" + index.ToString(CultureInfo.InvariantCulture), parameter);
                }

                index++;
            }
        }

        // Headers are parameters in NSwag's model, with the same example, examples and schema.
        private static void AddParameter(ExampleSites sites, string pointer, OpenApiParameter parameter)
        {
            sites.Add(pointer, parameter.Schema ?? parameter);
            if (parameter.Schema is { } inline)
            {
                AddSchema(sites, pointer + "/schema", inline);
            }
        }

        private static void AddResponse(ExampleSites sites, string pointer, OpenApiResponse response)
        {
            AddContent(sites, pointer, response.Content);
            foreach (var (name, header) in response.Headers)
            {
                if (header.Reference is null)
                {
                    AddParameter(sites, pointer + "/headers/" + Escape(name), header);
                }
            }
        }

        private static void AddContent(ExampleSites sites, string pointer, IDictionary<string, OpenApiMediaType> content)
        {
            foreach (var (mediaType, media) in content)
            {
                var mediaPointer = pointer + "/content/" + Escape(mediaType);
                sites.Add(mediaPointer, media.Schema ?? new JsonSchema());
                if (media.Schema is not null)
                {
                    AddSchema(sites, mediaPointer + "/schema", media.Schema);
                }
            }
        }

        private static void AddSchema(ExampleSites sites, string pointer, JsonSchema schema)
        {
            if (schema.Reference is not null)
            {
                return;
            }

            sites.Add(pointer, schema);
            foreach (var (name, property) in schema.Properties)
            {
                AddSchema(sites, pointer + "/properties/" + Escape(name), property);
            }

            AddSchemas(sites, pointer + "/allOf/", schema.AllOf);
            AddSchemas(sites, pointer + "/anyOf/", schema.AnyOf);
            AddSchemas(sites, pointer + "/oneOf/", schema.OneOf);
            if (schema.Item is { } item)
            {
                AddSchema(sites, pointer + "/items", item);
            }

            if (schema.AdditionalPropertiesSchema is { } additional)
            {
                AddSchema(sites, pointer + "/additionalProperties", additional);
            }

            if (schema.Not is { } not)
            {
                AddSchema(sites, pointer + "/not", not);
            }
        }

        private static void AddSchemas(ExampleSites sites, string prefix, IEnumerable<JsonSchema> schemas)
        {
            var index = 0;
            foreach (var schema in schemas)
            {
                AddSchema(sites, prefix + index.ToString(CultureInfo.InvariantCulture), schema);
                index++;
            }
        }

        private OpenApiOperation? Find(string method, string apiPath)
        {
            var segments = apiPath.Trim('/').Split('/');
            foreach (var (template, item) in Document.Paths)
            {
                var parts = template.Trim('/').Split('/');
                var matches = parts.Length == segments.Length
                    && parts.Zip(segments).All(pair => pair.First.StartsWith('{') ? pair.Second.Length > 0 : pair.First == pair.Second);
                if (matches && item.TryGetValue(method.ToLowerInvariant(), out var operation))
                {
                    return operation;
                }
            }

            return null;
        }

        private static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

        /// <summary>
        /// Collects the examples at the places the walk visits. The values come from the YAML, not
        /// from NSwag's model, whose JSON reading turns timestamp-like strings into dates.
        /// </summary>
        private sealed class ExampleSites
        {
            private readonly JObject _yaml;

            public ExampleSites(JObject yaml)
            {
                _yaml = yaml;
            }

            public List<ExampleSite> Found { get; } = new();

            public void Add(string pointer, JsonSchema schema)
            {
                var owner = At(_yaml, pointer) as JObject
                    ?? throw new InvalidOperationException("The walk reached " + pointer + ", which the YAML does not have.");
                if (owner.TryGetValue("example", out var example))
                {
                    Found.Add(new ExampleSite(pointer + "/example", schema.ActualSchema, new[] { new NamedExample("example", example) }));
                }

                if (owner["examples"] is JObject examples)
                {
                    Found.Add(new ExampleSite(
                        pointer + "/examples",
                        schema.ActualSchema,
                        examples.Properties()
                            .Select(entry => new NamedExample(entry.Name, Follow(_yaml, entry.Value)?["value"] ?? JValue.CreateNull()))
                            .ToList()));
                }
            }
        }
    }

    /// <summary>One operation of the spec: its ID and the answers it declares.</summary>
    internal sealed class SpecOperation
    {
        private readonly TolokaSpec _spec;

        public SpecOperation(TolokaSpec spec, string id, string method, string path, OpenApiOperation operation)
        {
            _spec = spec;
            Id = id;
            Method = method;
            Path = path;
            Definition = operation;
        }

        public string Id { get; }

        public string Method { get; }

        public string Path { get; }

        public OpenApiOperation Definition { get; }

        public IEnumerable<int> StatusCodes => Definition.Responses.Keys
            .Where(key => int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(key => int.Parse(key, CultureInfo.InvariantCulture))
            .OrderBy(status => status);

        public IEnumerable<int> SuccessCodes => StatusCodes.Where(status => status is >= 200 and < 300);

        public IEnumerable<int> ErrorCodes => StatusCodes.Where(status => status >= 400);

        public OpenApiResponse Response(int status) =>
            Definition.Responses[status.ToString(CultureInfo.InvariantCulture)].ActualResponse;

        /// <summary>The JSON example of the answer with this status, or null when it has no body.</summary>
        public JToken? BodyExample(int status) => _spec.At(ResponsePointer(status) + "/content/application~1json/example");

        /// <summary>The example of a header the answer with this status declares, or null.</summary>
        public string? HeaderExample(int status, string header) =>
            (string?)_spec.At(ResponsePointer(status) + "/headers/" + header.Replace("~", "~0", StringComparison.Ordinal) + "/example");

        private string ResponsePointer(int status) =>
            "/paths/" + Path.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal) + "/" + Method + "/responses/" + status.ToString(CultureInfo.InvariantCulture);

        public override string ToString() => Id;
    }

    /// <summary>An <c>example</c> or <c>examples</c> in the spec and the schema its values must satisfy.</summary>
    internal sealed record ExampleSite(string Pointer, JsonSchema Schema, IReadOnlyList<NamedExample> Values)
    {
        /// <summary>Validates every value, as OpenAPI 3.0 reads the schema (nullable included).</summary>
        public IEnumerable<string> Problems() =>
            Values.SelectMany(value => Schema.Validate(value.Value.DeepClone(), SchemaType.OpenApi3, new JsonSchemaValidatorSettings())
                .Select(error => Pointer + (Values.Count > 1 ? "/" + value.Name : "") + ": " + Describe(error)));

        public override string ToString() => Pointer;

        internal static string Describe(ValidationError error) => error switch
        {
            ChildSchemaValidationError child => error.Kind + " at " + error.Path + " (" +
                string.Join("; ", child.Errors.SelectMany(branch => branch.Value).Select(Describe)) + ")",
            _ => error.Kind + " at " + error.Path,
        };
    }

    internal sealed record NamedExample(string Name, JToken Value);
}

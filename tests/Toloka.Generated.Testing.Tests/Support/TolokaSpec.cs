using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NSwag;

namespace Toloka.Generated.Testing.Tests.Support
{
    /// <summary>
    /// openapi/toloka.yaml (copied next to the tests), read with NSwag, and a check of one answer against
    /// the spec's response for that operation and status. The fake is written without the spec in
    /// hand, so this is what keeps the two from drifting apart.
    /// </summary>
    internal sealed class TolokaSpec
    {
        private static readonly Lazy<Task<TolokaSpec>> Loaded = new(LoadAsync);
        private readonly OpenApiDocument _document;

        private TolokaSpec(OpenApiDocument document)
        {
            _document = document;
        }

        public static Task<TolokaSpec> InstanceAsync() => Loaded.Value;

        /// <summary>Every operation of the spec by its operationId.</summary>
        public IReadOnlyDictionary<string, OpenApiOperation> Operations =>
            _document.Operations.ToDictionary(operation => operation.Operation.OperationId, operation => operation.Operation);

        /// <summary>Every answer the spec declares: "operationId status" pairs such as <c>clonePool 202</c>.</summary>
        public IReadOnlyCollection<string> DeclaredAnswers =>
            _document.Paths.Values
                .SelectMany(item => item.Values)
                .SelectMany(operation => operation.Responses.Keys.Select(status => operation.OperationId + " " + status))
                .ToArray();

        /// <summary>What is wrong with a body as the spec's ApiError, the body of every error answer.</summary>
        public IReadOnlyList<string> CheckApiError(string body) =>
            _document.Components.Schemas["ApiError"].Validate(body, SchemaType.OpenApi3).Select(error => error.ToString()).ToArray();

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

        private OpenApiOperation? Find(string method, string apiPath)
        {
            var segments = apiPath.Trim('/').Split('/');
            foreach (var (template, item) in _document.Paths)
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

        private static async Task<TolokaSpec> LoadAsync()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "openapi", "toloka.yaml");
            return new TolokaSpec(await OpenApiYamlDocument.FromFileAsync(path));
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NSwag;

namespace Toloka.Generated.ResilienceTests.Support
{
    /// <summary>
    /// The example bodies of openapi/toloka.yaml (copied next to the tests), per operation and status:
    /// the fuzz suite starts from what Toloka really sends and mutates it.
    /// </summary>
    internal static class SpecExamples
    {
        private static readonly Lazy<IReadOnlyList<SpecExample>> Loaded = new(Load);

        public static IReadOnlyList<SpecExample> All => Loaded.Value;

        /// <summary>The examples of one operation (by operationId), success and error answers alike.</summary>
        public static IReadOnlyList<SpecExample> Of(string operationId) => All.Where(e => e.OperationId == operationId).ToArray();

        private static List<SpecExample> Load()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "openapi", "toloka.yaml");
            var document = OpenApiYamlDocument.FromFileAsync(path).GetAwaiter().GetResult();
            var examples = new List<SpecExample>();
            foreach (var operation in document.Paths.Values.SelectMany(item => item.Values))
            {
                foreach (var (status, response) in operation.Responses)
                {
                    var actual = response.ActualResponse;
                    foreach (var media in actual.Content.Values)
                    {
                        if (media.Example is not null)
                        {
                            examples.Add(new SpecExample(operation.OperationId, int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), ToJson(media.Example)));
                        }

                        foreach (var example in media.Examples?.Values ?? Enumerable.Empty<OpenApiExample>())
                        {
                            if (example.Value is not null)
                            {
                                examples.Add(new SpecExample(operation.OperationId, int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), ToJson(example.Value)));
                            }
                        }
                    }
                }
            }

            if (examples.Count == 0)
            {
                throw new InvalidOperationException("openapi/toloka.yaml has no examples to fuzz from.");
            }

            return examples;
        }

        private static string ToJson(object example) => example is JToken token
            ? token.ToString(Formatting.None)
            : JsonConvert.SerializeObject(example, Formatting.None);
    }

    internal sealed record SpecExample(string OperationId, int Status, string Json);
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NSwag;

namespace Toloka.Generated.TestSupport
{
    /// <summary>
    /// Calls the client method of any spec operation by reflection, with arguments built from the spec
    /// alone: a parameter's example when it has one, else a value its schema accepts (the first enum
    /// value, the minimum, "1" for text); optional parameters without an example keep their default.
    /// This is what lets the contract tests and the fake's tests drive every operation with no C# per
    /// endpoint.
    /// </summary>
    internal static class SpecCall
    {
        /// <summary>The client method NSwag generates for an operationId: <c>clonePool</c> is <c>ClonePoolAsync</c>.</summary>
        public static string MethodName(string operationId) =>
            string.Concat(operationId.Split(new[] { '_', '-', '.', ' ' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(word => char.ToUpperInvariant(word[0]) + word[1..])) + "Async";

        public static MethodInfo? Method(string operationId) =>
            typeof(ITolokaClient).GetMethod(MethodName(operationId), BindingFlags.Public | BindingFlags.Instance);

        /// <summary>
        /// The arguments for the operation's client method, in order. <paramref name="pathValue"/> may
        /// supply a path parameter's value by its spec name (null keeps the spec's).
        /// </summary>
        /// <exception cref="InvalidOperationException">A parameter of the method matches nothing in the spec, or no value can be built for it.</exception>
        public static object?[] Arguments(OpenApiOperation operation, MethodInfo method, Func<string, string?>? pathValue = null)
        {
            var specParameters = operation.ActualParameters.Select(parameter => parameter.ActualParameter).ToList();
            return method.GetParameters().Select(parameter =>
            {
                if (parameter.ParameterType == typeof(CancellationToken))
                {
                    return (object?)CancellationToken.None;
                }

                var spec = specParameters.SingleOrDefault(candidate => Normalize(candidate.OriginalName ?? candidate.Name) == Normalize(parameter.Name!) || Normalize(candidate.Name) == Normalize(parameter.Name!))
                    ?? throw new InvalidOperationException(method.Name + "(" + parameter.Name + "): no parameter of " + operation.OperationId + " in the spec matches it.");
                if (spec.Kind == OpenApiParameterKind.Path && pathValue?.Invoke(spec.Name) is { } given)
                {
                    return given;
                }

                var example = spec.Example ?? spec.Schema?.ActualSchema.Example;
                if (example is null && !spec.IsRequired && parameter.HasDefaultValue)
                {
                    return parameter.DefaultValue;
                }

                return Convert(example is null ? FromSchema(spec.Schema?.ActualSchema ?? spec.ActualSchema) : JToken.FromObject(example), parameter.ParameterType, operation.OperationId + "." + spec.Name);
            }).ToArray();
        }

        /// <summary>Calls the method and returns what its task returned (null for a 204), or throws what the call threw.</summary>
        public static async Task<object?> InvokeAsync(ITolokaClient client, MethodInfo method, object?[] arguments)
        {
            var task = (Task)method.Invoke(client, arguments)!;
            await task;
            return task.GetType().GetProperty(nameof(Task<object>.Result))?.GetValue(task);
        }

        private static string Normalize(string name) => name.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

        private static JToken FromSchema(JsonSchema schema)
        {
            if (schema.Enumeration.Count > 0)
            {
                return JToken.FromObject(schema.Enumeration.First()!);
            }

            if (schema.Type.HasFlag(JsonObjectType.Integer) || schema.Type.HasFlag(JsonObjectType.Number))
            {
                return new JValue(schema.Minimum ?? 1m);
            }

            if (schema.Type.HasFlag(JsonObjectType.Boolean))
            {
                return new JValue(true);
            }

            if (schema.Format is "date-time" or "date")
            {
                return new JValue("2021-02-26T10:13:32.921Z");
            }

            return new JValue("1");
        }

        private static object? Convert(JToken value, Type type, string what)
        {
            var target = Nullable.GetUnderlyingType(type) ?? type;
            if (target == typeof(string))
            {
                return value.Type == JTokenType.Date ? ((DateTime)value).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) : value.ToString();
            }

            if (target.IsEnum)
            {
                var text = value.ToString();
                var field = target.GetFields(BindingFlags.Public | BindingFlags.Static)
                    .FirstOrDefault(candidate => (candidate.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? candidate.Name) == text)
                    ?? throw new InvalidOperationException(what + ": " + text + " is not a value of " + target.Name + ".");
                return field.GetValue(null);
            }

            if (target == typeof(DateTimeOffset))
            {
                return value.Type == JTokenType.Date
                    ? new DateTimeOffset(DateTime.SpecifyKind((DateTime)value, DateTimeKind.Utc))
                    : DateTimeOffset.Parse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            }

            try
            {
                return value.ToObject(target);
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or Newtonsoft.Json.JsonException)
            {
                throw new InvalidOperationException(what + ": cannot build a " + target.Name + " from " + value + ".", exception);
            }
        }
    }

    /// <summary>Compares a client result with the spec's example of the answer, field by field, timestamps as instants.</summary>
    internal static class JsonMatch
    {
        public static IReadOnlyList<string> Problems(JToken? expected, JToken? actual, string path = "$")
        {
            var problems = new List<string>();
            Compare(expected, actual, path, problems);
            return problems;
        }

        private static void Compare(JToken? expected, JToken? actual, string path, List<string> problems)
        {
            var expectedNull = expected is null || expected.Type == JTokenType.Null;
            var actualNull = actual is null || actual.Type == JTokenType.Null;
            if (expectedNull || actualNull)
            {
                if (expectedNull != actualNull)
                {
                    problems.Add(path + ": expected " + Show(expected) + ", got " + Show(actual));
                }

                return;
            }

            switch (expected!.Type)
            {
                case JTokenType.Object when actual is JObject actualObject:
                    foreach (var property in ((JObject)expected).Properties())
                    {
                        Compare(property.Value, actualObject[property.Name], path + "." + property.Name, problems);
                    }

                    return;
                case JTokenType.Array when actual is JArray actualArray:
                    var expectedArray = (JArray)expected;
                    if (expectedArray.Count != actualArray.Count)
                    {
                        problems.Add(path + ": expected " + expectedArray.Count + " items, got " + actualArray.Count);
                        return;
                    }

                    for (var i = 0; i < expectedArray.Count; i++)
                    {
                        Compare(expectedArray[i], actualArray[i], path + "[" + i + "]", problems);
                    }

                    return;
                case JTokenType.Integer or JTokenType.Float when actual!.Type is JTokenType.Integer or JTokenType.Float:
                    if ((decimal)expected != (decimal)actual)
                    {
                        problems.Add(path + ": expected " + Show(expected) + ", got " + Show(actual));
                    }

                    return;
            }

            if (Instant(expected) is { } expectedAt && Instant(actual) is { } actualAt)
            {
                if (expectedAt != actualAt)
                {
                    problems.Add(path + ": expected " + Show(expected) + ", got " + Show(actual));
                }

                return;
            }

            if (!JToken.DeepEquals(expected, actual) && expected.ToString() != actual!.ToString())
            {
                problems.Add(path + ": expected " + Show(expected) + ", got " + Show(actual));
            }
        }

        // Toloka's timestamps carry no offset and mean UTC; the client reads them as DateTimeOffset.
        private static DateTimeOffset? Instant(JToken? value) => value?.Type switch
        {
            JTokenType.Date => ((JValue)value).Value switch
            {
                DateTimeOffset offset => offset,
                DateTime time => new DateTimeOffset(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc)),
                _ => null,
            },
            JTokenType.String when ((string)value!).Length >= 19 && ((string)value!)[10] == 'T'
                && DateTimeOffset.TryParse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
            _ => null,
        };

        private static string Show(JToken? value) => value is null ? "nothing" : value.ToString(Newtonsoft.Json.Formatting.None);
    }
}

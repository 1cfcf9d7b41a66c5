using System;

namespace Toloka.Generated.Testing
{
    /// <summary>What the fake sends back for one request: a status, a JSON body or none, and maybe <c>Retry-After</c>.</summary>
    internal sealed class FakeAnswer
    {
        private FakeAnswer(int statusCode, byte[]? body, string? retryAfter)
        {
            StatusCode = statusCode;
            Body = body;
            RetryAfter = retryAfter;
        }

        internal int StatusCode { get; }

        internal byte[]? Body { get; }

        internal string? RetryAfter { get; }

        internal static FakeAnswer Operation(int statusCode, FakeOperation operation) =>
            new(statusCode, FakeTolokaJson.Operation(operation), retryAfter: null);

        internal static FakeAnswer Json(int statusCode, byte[] body) => new(statusCode, body, retryAfter: null);

        internal static FakeAnswer NoContent() => new(204, body: null, retryAfter: null);

        internal static FakeAnswer Error(int statusCode, string code, string message, string? retryAfter = null, Action<System.Text.Json.Utf8JsonWriter>? payload = null) =>
            new(statusCode, FakeTolokaJson.Error(code, message, payload), retryAfter);

        internal static FakeAnswer NotFound(string what) => Error(404, "DOES_NOT_EXIST", what + " not found");

    }
}

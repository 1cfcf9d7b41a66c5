using System;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// One request a <see cref="FakeToloka"/> received, from <see cref="FakeToloka.Requests"/>. It never
    /// holds the token: only whether it was valid.
    /// </summary>
    public sealed class FakeTolokaRequest
    {
        internal FakeTolokaRequest(string method, string path, FakeTolokaEndpoint? endpoint, bool isAuthenticated, DateTimeOffset receivedAt, int? statusCode, FakeFault? fault)
        {
            Method = method;
            Path = path;
            Endpoint = endpoint;
            IsAuthenticated = isAuthenticated;
            ReceivedAt = receivedAt;
            StatusCode = statusCode;
            Fault = fault;
        }

        /// <summary>The HTTP method, such as <c>POST</c>.</summary>
        public string Method { get; }

        /// <summary>The request target as it arrived on the wire, percent-encoding kept, such as <c>/api/v1/pools/1/clone</c>.</summary>
        public string Path { get; }

        /// <summary>The API call the path matched; null when it matched none (answered <c>404</c>).</summary>
        public FakeTolokaEndpoint? Endpoint { get; }

        /// <summary>True when the request carried <c>Authorization: ApiKey &lt;key&gt;</c> or <c>OAuth &lt;token&gt;</c> with a credential the fake accepts, under its own scheme.</summary>
        public bool IsAuthenticated { get; }

        /// <summary>When it arrived, on the fake's clock.</summary>
        public DateTimeOffset ReceivedAt { get; }

        /// <summary>The status the fake answered; null while it is being handled or when the connection was dropped before an answer.</summary>
        public int? StatusCode { get; }

        /// <summary>The injected fault that answered it; null when it was answered normally.</summary>
        public FakeFault? Fault { get; }

        /// <summary>Describes the request, for test output; never includes the token.</summary>
        /// <returns>For example <c>POST /api/v1/pools/1/clone -> 202</c>.</returns>
        public override string ToString() =>
            Method + " " + Path + " -> " + (StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer")
            + (IsAuthenticated ? string.Empty : " (not authenticated)")
            + (Fault is null ? string.Empty : " [" + Fault + "]");
    }
}

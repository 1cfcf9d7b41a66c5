using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated.Testing.Tests.Support
{
    /// <summary>
    /// Sits between an HttpClient (raw or inside TolokaClient) and the fake, and checks every answer
    /// against the spec before the caller sees it; a violation fails the request with
    /// <see cref="SpecViolationException"/>, and so the test. Answers that never arrive whole (a
    /// dropped connection, a cut-short body) fail as they would anyway.
    /// </summary>
    internal sealed class SpecCheckingHandler : DelegatingHandler
    {
        private readonly TolokaSpec _spec;
        private readonly string _basePath;

        public SpecCheckingHandler(TolokaSpec spec, Uri baseUri)
            : base(new SocketsHttpHandler())
        {
            _spec = spec;
            _basePath = baseUri.AbsolutePath.TrimEnd('/');
        }

        /// <summary>"operationId status" for every answer checked, such as <c>clonePool 202</c>.</summary>
        public ConcurrentQueue<string> Checked { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);

            var path = request.RequestUri!.AbsolutePath;
            var apiPath = path.StartsWith(_basePath, StringComparison.Ordinal) ? path.Substring(_basePath.Length) : path;
            var status = (int)response.StatusCode;
            var operationId = _spec.FindOperationId(request.Method.Method, apiPath);
            if (operationId is null)
            {
                // Outside the spec (a probe of an unknown path): the fake must still send Toloka's error body.
                return response;
            }

            IReadOnlyList<string> problems = _spec.Check(
                request.Method.Method,
                apiPath,
                status,
                response.Content.Headers.ContentType?.MediaType,
                body,
                response.Headers.RetryAfter is not null);
            if (problems.Count > 0)
            {
                response.Dispose();
                throw new SpecViolationException(request.Method + " " + path + " -> " + status + ": " + string.Join("; ", problems));
            }

            Checked.Enqueue(operationId + " " + status);
            return response;
        }
    }

    internal sealed class SpecViolationException : Exception
    {
        public SpecViolationException(string message)
            : base("The fake's answer breaks openapi/toloka.yaml: " + message)
        {
        }
    }
}

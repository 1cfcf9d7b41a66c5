using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated.Benchmarks
{
    /// <summary>The bodies every benchmark answers with: the seed's clone-pool response and the spec's operation example.</summary>
    public static class Payloads
    {
        public const string Token = "AQAD-benchmark-token";

        public static readonly Uri BaseUri = new("https://toloka.example/api/v1/");

        // The seed bodies live once, in the tests' Samples; the benchmarks answer with their bytes.
        public static readonly byte[] ClonePool = Encoding.UTF8.GetBytes(Samples.ClonePoolOperation);

        public static readonly byte[] RunningOperation = Encoding.UTF8.GetBytes(Samples.RunningOperation);
    }

    /// <summary>
    /// Answers in memory as Toloka would: a clone with the seed body (200), an archive with 204, an
    /// operation read with the spec's example. No network, so what is measured is the client.
    /// </summary>
    public sealed class InMemoryToloka : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            HttpResponseMessage response;
            if (path.EndsWith("/archive", StringComparison.Ordinal))
            {
                response = new HttpResponseMessage(HttpStatusCode.NoContent) { Content = new ByteArrayContent(Array.Empty<byte>()) };
            }
            else
            {
                var body = path.EndsWith("/clone", StringComparison.Ordinal) ? Payloads.ClonePool : Payloads.RunningOperation;
                var content = new ByteArrayContent(body);
                content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
                response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
            }

            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated.ContractTests.Support
{
    /// <summary>
    /// Sits inside the HttpClient given to TolokaClient: asks Prism for the answer with one of the
    /// spec's status codes (<c>Prefer: code=204</c>) and records what came back on the wire, before
    /// the client reads it.
    /// </summary>
    internal sealed class PreferStatus : DelegatingHandler
    {
        private readonly int _status;

        public PreferStatus(int status)
            : base(new SocketsHttpHandler())
        {
            _status = status;
        }

        /// <summary>Every answer that came back, in order.</summary>
        public List<WireAnswer> Answers { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation("Prefer", "code=" + _status.ToString(CultureInfo.InvariantCulture));
            var response = await base.SendAsync(request, cancellationToken);
            Answers.Add(new WireAnswer(
                (int)response.StatusCode,
                response.Headers.TryGetValues(PrismMock.ViolationsHeader, out var violations) ? string.Join(", ", violations) : null));
            return response;
        }
    }

    /// <summary>A status code and Prism's violations header, if it sent one.</summary>
    internal sealed record WireAnswer(int Status, string? Violations);
}

using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// The zero-byte body every attempt of an operation without a body of its own sends
    /// (<see cref="TolokaRequestDescription.SendsEmptyBody"/>). A request with a body is one
    /// SocketsHttpHandler never resends by itself, so what reaches Toloka is what the client counts.
    /// </summary>
    internal sealed class TolokaEmptyBody : HttpContent
    {
        /// <summary>An empty body for <paramref name="method"/>: typed as JSON when the method carries a body by nature (as the previous empty body of a clone was), untyped for GET and HEAD.</summary>
        internal TolokaEmptyBody(HttpMethod method)
        {
            if (method != HttpMethod.Get && method != HttpMethod.Head)
            {
                Headers.TryAddWithoutValidation("Content-Type", "application/json");
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => Task.CompletedTask;

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return true;
        }
    }
}

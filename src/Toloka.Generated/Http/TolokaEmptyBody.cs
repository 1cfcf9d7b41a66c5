using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// The zero-byte body every attempt of an operation without a body of its own sends
    /// (<see cref="TolokaRequestDescription.SendsEmptyBody"/>): <c>Content-Length: 0</c> and no
    /// <c>Content-Type</c>, as Toloka-Kit's body-less POSTs go out. A request with a body is one
    /// SocketsHttpHandler never resends by itself, so what reaches Toloka is what the client counts.
    /// </summary>
    /// <remarks>
    /// One instance serves every request of the process: it holds nothing but its length, computed
    /// before it is shared (so handlers only ever read its headers), and disposing a request leaves it
    /// usable. A body per request cost 120 bytes a call, a tenth of an archive call's allocations.
    /// </remarks>
    internal sealed class TolokaEmptyBody : HttpContent
    {
        internal static readonly TolokaEmptyBody Instance = Create();

        private TolokaEmptyBody()
        {
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => Task.CompletedTask;

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return true;
        }

#pragma warning disable CA2215 // Left undisposed on purpose: the request that carried it is disposed, the shared body is not.
        protected override void Dispose(bool disposing)
        {
        }
#pragma warning restore CA2215

        private static TolokaEmptyBody Create()
        {
            var body = new TolokaEmptyBody();

            // Stores Content-Length: 0 now, so no handler's first read writes to headers other requests share.
            _ = body.Headers.ContentLength;
            return body;
        }
    }
}

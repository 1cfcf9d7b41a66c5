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
    /// One per request (56 bytes with an in-memory handler), not one shared by the process: a body's
    /// headers and read state are mutable, and a caller's handler may write to them (a logging or
    /// signing handler adding a content header, one buffering the body), which on a shared instance
    /// would reach every other request, from several threads at once.
    /// </remarks>
    internal sealed class TolokaEmptyBody : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => Task.CompletedTask;

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return true;
        }
    }
}

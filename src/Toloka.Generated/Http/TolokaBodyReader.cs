using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// Reads an answer's body as bytes, at most <see cref="TolokaClientOptions.MaxResponseBytes"/> of
    /// them, under the attempt's timeout: a body that trickles, stops short of its Content-Length or
    /// never ends its chunks cannot hold the call past it. The bytes go into pooled pieces
    /// (<see cref="TolokaBody"/>) and stay there: a declared length sizes the first piece (plus one
    /// byte, so a body that keeps going shows at once), an unknown one starts small and doubles, and
    /// past <see cref="TolokaBody.PieceBytes"/> the body goes on in pieces of that size, never copied
    /// into one array. A body costs the pool, not the caller's allocations.
    /// </summary>
    internal sealed class TolokaBodyReader
    {
        private readonly TolokaTransport _transport;
        private readonly int _limit;

        internal TolokaBodyReader(TolokaTransport transport, int maxResponseBytes)
        {
            _transport = transport;
            _limit = maxResponseBytes;
        }

        /// <returns>The body (the caller disposes it); null when it is larger than the cap (what was read is dropped).</returns>
#if NET6_0_OR_GREATER
        [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
        internal async ValueTask<TolokaBody?> ReadAsync(HttpContent? content, CancellationToken attemptToken)
        {
            if (content is null)
            {
                return TolokaBody.Empty;
            }

            // An in-memory body is read within the cap like any other, but without asking its length:
            // computing it stores a Content-Length header, which costs more than the read.
            var declared = content is ByteArrayContent ? null : content.Headers.ContentLength;
            if (declared > _limit)
            {
                return null;
            }

            if (declared == 0)
            {
                return TolokaBody.Empty;
            }

            using var stream = await _transport.OpenBodyAsync(content, attemptToken).ConfigureAwait(false);
            var body = TolokaBody.Rent(declared is { } length ? (int)Math.Min(length + 1, TolokaBody.PieceBytes) : 4096);
            var complete = false;
            try
            {
                while (body.Read <= _limit)
                {
                    var room = body.Room();
                    var read = await _transport.ReadAsync(stream, room.Array!, room.Offset, (int)Math.Min(room.Count, (long)_limit + 1 - body.Read), attemptToken).ConfigureAwait(false);
                    if (read <= 0)
                    {
                        complete = true;
                        return body.Complete();
                    }

                    body.Advance(read);
                }

                return null;
            }
            finally
            {
                if (!complete)
                {
                    body.Dispose();
                }
            }
        }
    }
}

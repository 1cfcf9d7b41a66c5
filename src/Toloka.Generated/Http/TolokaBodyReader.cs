using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// Reads an answer's body as bytes, at most <see cref="TolokaClientOptions.MaxResponseBytes"/> of
    /// them, under the attempt's timeout: a body that trickles, stops short of its Content-Length or
    /// never ends its chunks cannot hold the call past it. A declared length sizes the buffer exactly
    /// (plus one byte, so a body that keeps going shows at once); an unknown one is read into pooled
    /// buffers and copied out at its size.
    /// </summary>
    internal sealed class TolokaBodyReader
    {
        // Past this the pool's power-of-two sizes would cost more memory than they save.
        private const int PooledBodyBytes = 1024 * 1024;

        private static readonly ArraySegment<byte> Empty = new ArraySegment<byte>(Array.Empty<byte>());

        private readonly TolokaTransport _transport;
        private readonly int _limit;

        internal TolokaBodyReader(TolokaTransport transport, int maxResponseBytes)
        {
            _transport = transport;
            _limit = maxResponseBytes;
        }

        /// <returns>The body's bytes; null when it is larger than the cap (what was read is dropped).</returns>
#if NET6_0_OR_GREATER
        [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
        internal async ValueTask<ArraySegment<byte>?> ReadAsync(HttpContent? content, CancellationToken attemptToken)
        {
            if (content is null)
            {
                return Empty;
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
                return Empty;
            }

            using var stream = await _transport.OpenBodyAsync(content, attemptToken).ConfigureAwait(false);
            var pooled = declared is null;
            var buffer = pooled ? Rent(4096) : new byte[(int)Math.Min(declared!.Value + 1, (long)_limit + 1)];
            try
            {
                var length = 0;
                while (true)
                {
                    var capacity = Capacity(buffer);
                    if (length == capacity)
                    {
                        if (length > _limit)
                        {
                            return null;
                        }

                        buffer = Grow(buffer, length, ref pooled);
                        capacity = Capacity(buffer);
                    }

                    var read = await _transport.ReadAsync(stream, buffer, length, capacity - length, attemptToken).ConfigureAwait(false);
                    if (read <= 0)
                    {
                        break;
                    }

                    length += read;
                }

                if (length > _limit)
                {
                    return null;
                }

                if (!pooled)
                {
                    return new ArraySegment<byte>(buffer, 0, length);
                }

                var exact = new byte[length];
                Buffer.BlockCopy(buffer, 0, exact, 0, length);
                return new ArraySegment<byte>(exact);
            }
            finally
            {
                if (pooled)
                {
                    Return(buffer);
                }
            }
        }

        private int Capacity(byte[] buffer) => (int)Math.Min(buffer.Length, (long)_limit + 1);

        /// <summary>A buffer twice the size (within the cap) holding the <paramref name="length"/> bytes read so far.</summary>
        private byte[] Grow(byte[] buffer, int length, ref bool pooled)
        {
            var size = (int)Math.Min((long)buffer.Length * 2, (long)_limit + 1);
            var largerPooled = size <= PooledBodyBytes;
            var larger = largerPooled ? Rent(size) : new byte[size];
            Buffer.BlockCopy(buffer, 0, larger, 0, length);
            if (pooled)
            {
                Return(buffer);
            }

            pooled = largerPooled;
            return larger;
        }

        private static byte[] Rent(int length)
        {
#if NET5_0_OR_GREATER
            return System.Buffers.ArrayPool<byte>.Shared.Rent(length);
#else
            return new byte[length];
#endif
        }

        private static void Return(byte[] buffer)
        {
#if NET5_0_OR_GREATER
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
#else
            _ = buffer;
#endif
        }
    }
}

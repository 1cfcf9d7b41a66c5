using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// Reads an answer's body as bytes, at most <see cref="TolokaClientOptions.MaxResponseBytes"/> of
    /// them, under the attempt's timeout: a body that trickles, stops short of its Content-Length or
    /// never ends its chunks cannot hold the call past it. A declared length sizes the buffer exactly
    /// (plus one byte, so a body that keeps going shows at once). An unknown one is read into pooled
    /// buffers, doubling up to <see cref="PooledBodyBytes"/> and then in pooled pieces of that size,
    /// and copied out once at its size, so a large body costs about its own size in allocations.
    /// </summary>
    internal sealed class TolokaBodyReader
    {
        // The largest buffer the shared pool keeps; past it the body goes on in pieces of this size.
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
            List<(byte[] Piece, bool Pooled)>? earlier = null;
            var before = 0;
            var length = 0;
            try
            {
                while (true)
                {
                    if ((long)before + length > _limit)
                    {
                        return null;
                    }

                    if (length == buffer.Length)
                    {
                        MakeRoom(ref buffer, ref pooled, ref length, ref before, ref earlier);
                    }

                    var room = (int)Math.Min(buffer.Length - length, (long)_limit + 1 - before - length);
                    var read = await _transport.ReadAsync(stream, buffer, length, room, attemptToken).ConfigureAwait(false);
                    if (read <= 0)
                    {
                        break;
                    }

                    length += read;
                }

                if (earlier is null && !pooled)
                {
                    return new ArraySegment<byte>(buffer, 0, length);
                }

                return new ArraySegment<byte>(Join(earlier, buffer, length));
            }
            finally
            {
                Release(buffer, pooled, earlier);
            }
        }

        /// <summary>
        /// Room for more of a full <paramref name="buffer"/>: a buffer twice its size while that stays
        /// pooled, else a new pooled piece, the full one kept in <paramref name="earlier"/>.
        /// </summary>
        private static void MakeRoom(ref byte[] buffer, ref bool pooled, ref int length, ref int before, ref List<(byte[] Piece, bool Pooled)>? earlier)
        {
            if (buffer.Length < PooledBodyBytes)
            {
                buffer = Grow(buffer, length, ref pooled);
                return;
            }

            (earlier ??= new List<(byte[], bool)>()).Add((buffer, pooled));
            before += length;
            buffer = Rent(PooledBodyBytes);
            pooled = true;
            length = 0;
        }

        private static void Release(byte[] buffer, bool pooled, List<(byte[] Piece, bool Pooled)>? earlier)
        {
            if (pooled)
            {
                Return(buffer);
            }

            if (earlier is not null)
            {
                foreach (var (piece, piecePooled) in earlier)
                {
                    if (piecePooled)
                    {
                        Return(piece);
                    }
                }
            }
        }

        /// <summary>The body's bytes in one array of its size: the earlier pieces, then the last one's <paramref name="length"/> bytes.</summary>
        private static byte[] Join(List<(byte[] Piece, bool Pooled)>? earlier, byte[] last, int length)
        {
            var total = length;
            if (earlier is not null)
            {
                foreach (var (piece, _) in earlier)
                {
                    total += piece.Length;
                }
            }

            var exact = new byte[total];
            var at = 0;
            if (earlier is not null)
            {
                foreach (var (piece, _) in earlier)
                {
                    Buffer.BlockCopy(piece, 0, exact, at, piece.Length);
                    at += piece.Length;
                }
            }

            Buffer.BlockCopy(last, 0, exact, at, length);
            return exact;
        }

        /// <summary>A pooled buffer twice the size (at most <see cref="PooledBodyBytes"/>) holding the <paramref name="length"/> bytes read so far.</summary>
        private static byte[] Grow(byte[] buffer, int length, ref bool pooled)
        {
            var larger = Rent(Math.Min(buffer.Length * 2, PooledBodyBytes));
            Buffer.BlockCopy(buffer, 0, larger, 0, length);
            if (pooled)
            {
                Return(buffer);
            }

            pooled = true;
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

using System;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// Kestrel refuses a request whose path decodes to a NUL (<c>%00</c>) before the fake sees it, with a bare
    /// 400 and no body; Toloka answers a declared <c>400 VALIDATION_ERROR</c> with its error body. So the
    /// connection's bytes are read through this filter, which spells <c>%00</c> as <c>%C0%80</c> (an overlong
    /// NUL, never valid UTF-8, which Kestrel keeps as it is) for the pipeline to refuse as Toloka does. The
    /// fake ignores request bodies, so rewriting them too changes nothing. A <c>%00</c> split across two
    /// reads of the socket is not rewritten (a request line arrives in one read in practice).
    /// </summary>
    internal static class FakeNulMarking
    {
        internal const string Marker = "%C0%80";

        internal static ConnectionDelegate Around(ConnectionDelegate next) => async connection =>
        {
            var original = connection.Transport;
            connection.Transport = new MarkedPipe(original);
            try
            {
                await next(connection).ConfigureAwait(false);
            }
            finally
            {
                connection.Transport = original;
            }
        };

        private sealed class MarkedPipe : IDuplexPipe
        {
            internal MarkedPipe(IDuplexPipe inner)
            {
                Input = PipeReader.Create(new MarkingStream(inner.Input.AsStream()));
                Output = inner.Output;
            }

            public PipeReader Input { get; }

            public PipeWriter Output { get; }
        }

        private sealed class MarkingStream : Stream
        {
            private readonly Stream _inner;
            private byte[] _pending = Array.Empty<byte>();
            private int _pendingOffset;

            internal MarkingStream(Stream inner) => _inner = inner;

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                if (_pendingOffset < _pending.Length)
                {
                    return TakePending(buffer.Span);
                }

                var chunk = new byte[Math.Max(buffer.Length, 1)];
                var read = await _inner.ReadAsync(chunk.AsMemory(0, buffer.Length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return 0;
                }

                _pending = Mark(chunk, read);
                _pendingOffset = 0;
                return TakePending(buffer.Span);
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _inner.Dispose();
                }

                base.Dispose(disposing);
            }

            private static byte[] Mark(byte[] chunk, int length)
            {
                var count = 0;
                for (var i = 0; i + 2 < length; i++)
                {
                    if (chunk[i] == '%' && chunk[i + 1] == '0' && chunk[i + 2] == '0')
                    {
                        count++;
                    }
                }

                var marked = new byte[length + (count * 3)];
                var to = 0;
                for (var i = 0; i < length; i++)
                {
                    if (i + 2 < length && chunk[i] == '%' && chunk[i + 1] == '0' && chunk[i + 2] == '0')
                    {
                        foreach (var character in Marker)
                        {
                            marked[to++] = (byte)character;
                        }

                        i += 2;
                    }
                    else
                    {
                        marked[to++] = chunk[i];
                    }
                }

                return marked;
            }

            private int TakePending(Span<byte> buffer)
            {
                var count = Math.Min(buffer.Length, _pending.Length - _pendingOffset);
                _pending.AsSpan(_pendingOffset, count).CopyTo(buffer);
                _pendingOffset += count;
                return count;
            }
        }
    }
}

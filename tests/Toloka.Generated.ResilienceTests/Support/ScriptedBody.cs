using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated.ResilienceTests.Support
{
    /// <summary>
    /// A response body that misbehaves the way a socket does: it can trickle (a chunk per simulated
    /// delay), break off with an <see cref="IOException"/> after some bytes, stall forever after some
    /// bytes, or stream far more than any cap. Like a socket, a stalled read ends when the caller's
    /// token is cancelled or the body is disposed, and not otherwise.
    /// </summary>
    internal sealed class ScriptedBody : Stream
    {
        private readonly byte[] _prefix;
        private readonly long _length;
        private readonly BodyEnd _end;
        private readonly int _chunk;
        private readonly TimeSpan _chunkDelay;
        private readonly SteppingClock? _clock;
        private readonly CancellationTokenSource _disposed = new();
        private long _position;
        private int _ended;

        public ScriptedBody(byte[] prefix, BodyEnd end, long length = -1, int chunk = int.MaxValue, TimeSpan chunkDelay = default, SteppingClock? clock = null)
        {
            _prefix = prefix;
            _end = end;
            _length = length < 0 ? prefix.Length : length;
            _chunk = chunk;
            _chunkDelay = chunkDelay;
            _clock = clock;
        }

        public long BytesRead => Interlocked.Read(ref _position);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _clock?.Touch();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
            if (_position >= _length)
            {
                Ended();
                switch (_end)
                {
                    case BodyEnd.Complete:
                        return 0;
                    case BodyEnd.Break:
                        throw new IOException("The connection was reset by the peer (scripted).");
                    default:
                        await Task.Delay(Timeout.InfiniteTimeSpan, linked.Token).ConfigureAwait(false);
                        return 0;
                }
            }

            if (_chunkDelay > TimeSpan.Zero && _position > 0)
            {
                Ended();
                await Task.Delay(_chunkDelay, (TimeProvider?)_clock ?? TimeProvider.System, linked.Token).ConfigureAwait(false);
            }

            var count = (int)Math.Min(Math.Min(buffer.Length, _chunk), _length - _position);
            for (var i = 0; i < count; i++)
            {
                var at = _position + i;
                buffer.Span[i] = at < _prefix.Length ? _prefix[at] : (byte)' ';
            }

            Interlocked.Add(ref _position, count);
            _clock?.Touch();
            return count;
        }

        public override void Flush()
        {
        }

        /// <summary>The scripted server's work on this answer is over (read to its end, stalled, waiting to trickle, or disposed): time may move.</summary>
        private void Ended()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                _clock?.EndWork();
            }
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed.IsCancellationRequested)
            {
                Ended();
                _disposed.Cancel();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>What a scripted body does after its last byte.</summary>
    internal enum BodyEnd
    {
        /// <summary>Ends normally.</summary>
        Complete,

        /// <summary>Throws an IOException, as a reset connection does.</summary>
        Break,

        /// <summary>Never ends: the read waits until cancelled or disposed.</summary>
        Stall,
    }
}

using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated.Tests.Support
{
    /// <summary>
    /// Answers every request 200 with one JSON body, declaring its length (a <see cref="MemoryStream"/>) or not
    /// (read 16 KiB at a time, as a chunked answer arrives): the answer-reading tests' in-memory Toloka.
    /// </summary>
    internal sealed class OneAnswer : HttpMessageHandler
    {
        private readonly byte[] _body;
        private readonly bool _declaredLength;

        public OneAnswer(byte[] body, bool declaredLength)
        {
            _body = body;
            _declaredLength = declaredLength;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Stream stream = _declaredLength ? new MemoryStream(_body, writable: false) : new UnknownLength(_body);
            var content = new StreamContent(stream);
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }

    /// <summary>A body whose length is not known until it ends, as a chunked answer's.</summary>
    internal sealed class UnknownLength : Stream
    {
        private readonly MemoryStream _inner;

        public UnknownLength(byte[] body) => _inner = new MemoryStream(body, writable: false);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 16 * 1024));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(_inner.Read(buffer.Span.Slice(0, Math.Min(buffer.Length, 16 * 1024))));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>
    /// Issue 8, rules 3 and 4: NetworkTimeout bounds the whole attempt, body included, and no answer is
    /// read past MaxResponseBytes. Body timing needs real sockets, so these use the wall clock with a
    /// 1 s timeout and the bound of timeout + 1 s.
    /// </summary>
    public class BoundedAnswerTests
    {
        private static readonly TimeSpan Timeout1s = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

        private static async Task AssertTimesOut(Func<System.Net.Sockets.NetworkStream, CancellationToken, Task> answer)
        {
            await using var server = new RawSocketServer(answer);
            using var client = new TolokaClient(Samples.Token, server.Options(Timeout1s));

            var clock = Stopwatch.StartNew();
            var exception = Assert.ThrowsAsync<TolokaTransportException>(() => client.ClonePoolAsync("1"));
            clock.Stop();

            Assert.That(exception!.TimedOut, Is.True);
            Assert.That(exception.OperationId, Is.EqualTo("clonePool"));
            Assert.That(clock.Elapsed, Is.LessThan(Bound));
            Assert.That(server.Requests, Is.EqualTo(1), "clone sent once");
        }

        [Test]
        public Task A_body_that_trickles_times_out()
        {
            return AssertTimesOut(async (stream, stop) =>
            {
                await stream.WriteAsync(RawSocketServer.Ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"), stop);
                for (var i = 0; i < 100; i++)
                {
                    await stream.WriteAsync(RawSocketServer.Ascii(" "), stop);
                    await Task.Delay(100, stop);
                }
            });
        }

        [Test]
        public Task A_body_shorter_than_its_content_length_times_out_while_the_socket_stays_open()
        {
            return AssertTimesOut(async (stream, stop) =>
            {
                await stream.WriteAsync(RawSocketServer.Ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"id\":"), stop);
                await Task.Delay(TimeSpan.FromSeconds(10), stop);
            });
        }

        [Test]
        public Task A_chunked_body_that_never_ends_times_out()
        {
            return AssertTimesOut(async (stream, stop) =>
            {
                await stream.WriteAsync(RawSocketServer.Ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n{\"id\":\r\n"), stop);
                await Task.Delay(TimeSpan.FromSeconds(10), stop);
            });
        }

        [Test]
        public Task Silence_after_the_request_times_out()
        {
            return AssertTimesOut((stream, stop) => Task.Delay(TimeSpan.FromSeconds(10), stop));
        }

        [Test]
        public async Task A_handler_that_ignores_cancellation_cannot_hold_the_call_past_the_timeout()
        {
            var time = SimulatedTime.NewClock();
            var never = new TaskCompletionSource<HttpResponseMessage>();
            var handler = new StuckHandler(never.Task);
            using var http = new HttpClient(handler);
            using var client = new TolokaClient(http, Samples.Token, new TolokaClientOptions { TimeProvider = time, NetworkTimeout = TimeSpan.FromSeconds(5), Retry = { MaxAttempts = 1 } });

            var call = client.GetOperationAsync("op");
            await handler.Called.WaitAsync(TimeSpan.FromSeconds(10)); // simulated time must not run ahead of the request
            time.Advance(TimeSpan.FromSeconds(5));

            // The timer has fired; the call's continuations run on the thread pool (wall-clock bound is generous).
            var exception = Assert.ThrowsAsync<TolokaTransportException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.That(exception!.TimedOut, Is.True);
            Assert.That(time.GetUtcNow() - SimulatedTime.Start, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(6)));
        }

        [Test]
        public async Task A_body_stream_that_never_ends_and_ignores_cancellation_times_out()
        {
            var time = SimulatedTime.NewClock();
            var body = new DeafStream();
            var stub = new StubToloka(time).Otherwise(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });
            using var client = stub.CreateClient(options: new TolokaClientOptions { TimeProvider = time, NetworkTimeout = TimeSpan.FromSeconds(5), Retry = { MaxAttempts = 1 } });

            var call = client.GetOperationAsync("op");
            await body.Reading.WaitAsync(TimeSpan.FromSeconds(10)); // simulated time must not run ahead of the request
            time.Advance(TimeSpan.FromSeconds(5));

            // The timer has fired; the call's continuations run on the thread pool (wall-clock bound is generous).
            var exception = Assert.ThrowsAsync<TolokaTransportException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.That(exception!.TimedOut, Is.True);
            Assert.That(time.GetUtcNow() - SimulatedTime.Start, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(6)));
        }

        /// <summary>A body stream whose reads never complete, whatever the cancellation token says.</summary>
        private sealed class DeafStream : Stream
        {
            private readonly TaskCompletionSource<int> _never = new();

            public Task Reading => _reading.Task;

            private readonly TaskCompletionSource _reading = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                _reading.TrySetResult();
                return _never.Task;
            }

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(ReadAsync(Array.Empty<byte>(), 0, 0, cancellationToken));

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }

        [Test]
        public void A_declared_body_over_the_cap_ends_the_attempt_without_reading_it()
        {
            var body = new CountingContent(declaredLength: 2048);
            var stub = new StubToloka().Otherwise(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = body });
            using var client = stub.CreateClient(options: new TolokaClientOptions { MaxResponseBytes = 1024, Retry = { MaxAttempts = 1 } });

            var exception = Assert.ThrowsAsync<TolokaApiException>(() => client.GetOperationAsync("op"));

            Assert.That(exception!.Kind, Is.EqualTo(TolokaErrorKind.InvalidResponse));
            Assert.That(exception.Message, Does.Contain("MaxResponseBytes"));
            Assert.That(exception.Response, Is.Null);
            Assert.That(body.BytesRead, Is.Zero);
        }

        [Test]
        public void A_streamed_body_over_the_cap_stops_being_read_just_past_the_cap()
        {
            var body = new CountingContent(declaredLength: null, total: 100L * 1024 * 1024);
            var stub = new StubToloka().Otherwise(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = body });
            using var client = stub.CreateClient(options: new TolokaClientOptions { MaxResponseBytes = 64 * 1024, Retry = { MaxAttempts = 1 } });

            var exception = Assert.ThrowsAsync<TolokaApiException>(() => client.GetOperationAsync("op"));

            Assert.That(exception!.Kind, Is.EqualTo(TolokaErrorKind.InvalidResponse));
            Assert.That(body.BytesRead, Is.LessThanOrEqualTo(64 * 1024 + CountingContent.ChunkSize));
        }

        [Test]
        public void An_error_status_with_a_body_over_the_cap_keeps_its_type_without_the_body()
        {
            var body = new CountingContent(declaredLength: null, total: 10L * 1024 * 1024);
            var stub = new StubToloka().Otherwise(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = body });
            using var client = stub.CreateClient(options: new TolokaClientOptions { MaxResponseBytes = 4096, Retry = { MaxAttempts = 1 } });

            var exception = Assert.ThrowsAsync<TolokaServerException>(() => client.GetOperationAsync("op"));

            Assert.That(exception!.Response, Is.Null);
            Assert.That(exception.Message, Does.Contain("MaxResponseBytes"));
        }

        [Test]
        public async Task A_huge_answer_over_a_real_socket_ends_typed_with_memory_bounded_and_the_client_still_works()
        {
            var calls = 0;
            await using var server = new RawSocketServer(async (stream, stop) =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    await stream.WriteAsync(RawSocketServer.Ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"), stop);
                    var chunk = new byte[64 * 1024];
                    Array.Fill(chunk, (byte)' ');
                    var head = RawSocketServer.Ascii(chunk.Length.ToString("X", System.Globalization.CultureInfo.InvariantCulture) + "\r\n");
                    for (var i = 0; i < 8000; i++)
                    {
                        await stream.WriteAsync(head, stop);
                        await stream.WriteAsync(chunk, stop);
                        await stream.WriteAsync(RawSocketServer.Ascii("\r\n"), stop);
                    }

                    return;
                }

                var json = RawSocketServer.Ascii(Samples.ClonePoolOperation);
                await stream.WriteAsync(RawSocketServer.Ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + json.Length + "\r\n\r\n"), stop);
                await stream.WriteAsync(json, stop);
            });
            var options = server.Options(TimeSpan.FromSeconds(30));
            options.MaxResponseBytes = 1024 * 1024;
            using var client = new TolokaClient(Samples.Token, options);
            var before = GC.GetTotalAllocatedBytes(precise: true);

            var exception = Assert.ThrowsAsync<TolokaApiException>(() => client.GetOperationAsync("op"));
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            Assert.That(exception!.Kind, Is.EqualTo(TolokaErrorKind.InvalidResponse));
            TestContext.Out.WriteLine("Allocated for a 500 MB answer with a 1 MiB cap: " + (allocated / 1024.0 / 1024.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MiB");
            Assert.That(allocated, Is.LessThan(20L * 1024 * 1024), "a 500 MB answer costs a small multiple of the 1 MiB cap");
            Assert.That((await client.GetOperationAsync("op")).Id, Is.Not.Empty);
        }

        [Test]
        public void The_callers_cancellation_stays_an_OperationCanceledException_even_when_the_handler_reports_a_broken_connection()
        {
            using var http = new HttpClient(new AbortingHandler());
            using var client = new TolokaClient(http, Samples.Token, new TolokaClientOptions { Retry = { MaxAttempts = 1 } });
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

            Assert.CatchAsync<OperationCanceledException>(() => client.ArchivePoolAsync("1", cancel.Token));
        }

        /// <summary>Throws IOException when cancelled, as a socket torn down under a request does.</summary>
        private sealed class AbortingHandler : HttpMessageHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var aborted = new TaskCompletionSource();
                using (cancellationToken.Register(() => aborted.TrySetResult()))
                {
                    await aborted.Task;
                }

                throw new IOException("The connection was aborted.");
            }
        }

        private sealed class StuckHandler : HttpMessageHandler
        {
            private readonly Task<HttpResponseMessage> _never;

            private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public StuckHandler(Task<HttpResponseMessage> never) => _never = never;

            public Task Called => _called.Task;

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                _called.TrySetResult();
                return _never;
            }
        }

        /// <summary>An endless (or long) body that counts what was read from it.</summary>
        private sealed class CountingContent : HttpContent
        {
            public const int ChunkSize = 8192;
            private readonly long? _declared;
            private readonly long _total;

            public CountingContent(long? declaredLength, long total = long.MaxValue)
            {
                _declared = declaredLength;
                _total = total;
                if (declaredLength is { } length)
                {
                    Headers.ContentLength = length;
                }
            }

            public long BytesRead => Interlocked.Read(ref _read);

            private long _read;

            protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new Endless(this));

            protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => throw new NotSupportedException();

            protected override bool TryComputeLength(out long length)
            {
                length = _declared ?? 0;
                return _declared is not null;
            }

            private sealed class Endless : Stream
            {
                private readonly CountingContent _owner;

                public Endless(CountingContent owner) => _owner = owner;

                public override bool CanRead => true;

                public override bool CanSeek => false;

                public override bool CanWrite => false;

                public override long Length => throw new NotSupportedException();

                public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

                public override int Read(byte[] buffer, int offset, int count)
                {
                    var left = _owner._total - _owner.BytesRead;
                    var n = (int)Math.Min(Math.Min(count, ChunkSize), left);
                    Array.Fill(buffer, (byte)' ', offset, n);
                    Interlocked.Add(ref _owner._read, n);
                    return n;
                }

                public override void Flush()
                {
                }

                public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

                public override void SetLength(long value) => throw new NotSupportedException();

                public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            }
        }
    }
}

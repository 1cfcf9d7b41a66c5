using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated.TestSupport
{
    /// <summary>
    /// An HTTP/1.1 server on 127.0.0.1 that writes exactly the bytes a test tells it to, so a test can
    /// send what no well-behaved server would: a reset in the middle of the headers, a body shorter
    /// than its Content-Length, a chunked body cut short, a status line that is not one, bytes as
    /// slowly as it likes. It parses requests just enough to count them and to echo their headers.
    /// A test answers either through a <see cref="RawExchange"/> (<see cref="Start"/>) or by writing
    /// to the connection's stream, which is closed after one answer (the constructor).
    /// </summary>
    internal sealed class RawSocketServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Func<RawExchange, Task> _respond;
        private readonly CancellationTokenSource _stopping = new();
        private readonly ConcurrentDictionary<Socket, byte> _sockets = new();
        private readonly Task _acceptLoop;
        private long _bytesWritten;

        private RawSocketServer(TcpListener listener, Func<RawExchange, Task> respond)
        {
            _listener = listener;
            _respond = respond;
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _acceptLoop = Task.Run(AcceptAsync);
        }

        /// <summary>Starts listening on a free 127.0.0.1 port; each connection gets one request, answered by <paramref name="answer"/> on the raw stream, then is closed.</summary>
        public RawSocketServer(Func<NetworkStream, CancellationToken, Task> answer)
            : this(Listen(0), exchange => AnswerOnStreamAsync(exchange, answer))
        {
        }

        public int Port { get; }

        public Uri BaseUri => new("http://127.0.0.1:" + Port + "/api/v1/");

        /// <summary>Every request that arrived, in order.</summary>
        public ConcurrentQueue<RawRequest> Received { get; } = new();

        /// <summary>How many requests arrived.</summary>
        public int Requests => Received.Count;

        public long BytesWritten => Interlocked.Read(ref _bytesWritten);

        public int Connections => _sockets.Count;

        public CancellationToken Stopping => _stopping.Token;

        /// <summary>Starts listening on 127.0.0.1 (on <paramref name="port"/>, or a free port when 0).</summary>
        public static RawSocketServer Start(Func<RawExchange, Task> respond, int port = 0) => new(Listen(port), respond);

        /// <summary>
        /// Client options for this server: one attempt, so a fault is seen as it is (a lost clone answer is
        /// not looked up either), and <paramref name="networkTimeout"/>.
        /// </summary>
        public TolokaClientOptions Options(TimeSpan networkTimeout) => new()
        {
            Environment = TolokaEnvironment.Custom(BaseUri),
            NetworkTimeout = networkTimeout,
            Retry = { MaxAttempts = 1 },
            ResolveLostAnswers = false,
        };

        public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

        /// <summary>A loopback port on which nothing listens (bound, then released).</summary>
        public static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        public int Count(string pathEnd) => Received.Count(r => r.Path.EndsWith(pathEnd, StringComparison.Ordinal));

        private static TcpListener Listen(int port)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return listener;
        }

        private static async Task AnswerOnStreamAsync(RawExchange exchange, Func<NetworkStream, CancellationToken, Task> answer)
        {
            try
            {
                await answer(exchange.Stream, exchange.Stopping).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The client gave up or the test ended: either way this connection is done.
            }

            exchange.Close();
        }

        internal void Wrote(int bytes) => Interlocked.Add(ref _bytesWritten, bytes);

        public async ValueTask DisposeAsync()
        {
            _stopping.Cancel();
            _listener.Stop();
            foreach (var socket in _sockets.Keys)
            {
                try
                {
                    socket.Dispose();
                }
                catch (ObjectDisposedException)
                {
                }
            }

            try
            {
                await _acceptLoop.ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
            {
            }
        }

        private async Task AcceptAsync()
        {
            while (!_stopping.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
                {
                    return;
                }

                _sockets[socket] = 0;
                _ = Task.Run(() => ServeAsync(socket));
            }
        }

        private async Task ServeAsync(Socket socket)
        {
            var stream = new NetworkStream(socket, ownsSocket: false);
            var reader = new RawRequestReader(stream);
            try
            {
                while (!_stopping.IsCancellationRequested)
                {
                    var request = await reader.ReadAsync(_stopping.Token).ConfigureAwait(false);
                    if (request is null)
                    {
                        return;
                    }

                    Received.Enqueue(request);
                    var exchange = new RawExchange(this, socket, stream, request);
                    await _respond(exchange).ConfigureAwait(false);
                    if (exchange.Ended)
                    {
                        return;
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client went away or the server is stopping: nothing to answer.
            }
            finally
            {
                _sockets.TryRemove(socket, out _);
                socket.Dispose();
            }
        }
    }

    /// <summary>One request as it arrived.</summary>
    internal sealed record RawRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers)
    {
        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>One request and the socket to answer it on, with the faults a handler can commit.</summary>
    internal sealed class RawExchange
    {
        private readonly RawSocketServer _server;
        private readonly Socket _socket;
        private readonly NetworkStream _stream;

        internal RawExchange(RawSocketServer server, Socket socket, NetworkStream stream, RawRequest request)
        {
            _server = server;
            _socket = socket;
            _stream = stream;
            Request = request;
        }

        public RawRequest Request { get; }

        /// <summary>True once the handler reset or closed the connection, so no further request is read from it.</summary>
        public bool Ended { get; private set; }

        public CancellationToken Stopping => _server.Stopping;

        /// <summary>The connection's stream, for a test that writes its answer byte by byte itself.</summary>
        public NetworkStream Stream => _stream;

        public Task WriteAsync(string text) => WriteAsync(Encoding.UTF8.GetBytes(text));

        public async Task WriteAsync(byte[] bytes)
        {
            await _stream.WriteAsync(bytes, _server.Stopping).ConfigureAwait(false);
            _server.Wrote(bytes.Length);
        }

        /// <summary>A complete answer with Content-Length; the connection stays open for the next request.</summary>
        public Task AnswerAsync(int status, string body, string contentType = "application/json", string extraHeaders = "") =>
            AnswerAsync(status, Encoding.UTF8.GetBytes(body), contentType, extraHeaders);

        public async Task AnswerAsync(int status, byte[] body, string contentType = "application/json", string extraHeaders = "")
        {
            var head = "HTTP/1.1 " + status + " " + Reason(status) + "\r\n"
                + (contentType.Length > 0 ? "Content-Type: " + contentType + "\r\n" : string.Empty)
                + "Content-Length: " + body.Length + "\r\n"
                + extraHeaders
                + "\r\n";
            await WriteAsync(Encoding.ASCII.GetBytes(head)).ConfigureAwait(false);
            await WriteAsync(body).ConfigureAwait(false);
        }

        /// <summary>Sends a TCP reset (linger 0), as a crashed peer or a firewall does.</summary>
        public void Reset()
        {
            Ended = true;
            _socket.LingerState = new LingerOption(true, 0);
            _socket.Close();
        }

        /// <summary>Closes the connection in order (FIN) after what was written.</summary>
        public void Close()
        {
            Ended = true;
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }

            _socket.Close();
        }

        /// <summary>Holds the connection open, sending nothing, until the client goes away or the server stops.</summary>
        public async Task HoldAsync()
        {
            Ended = true;
            var buffer = new byte[1024];
            try
            {
                while (await _stream.ReadAsync(buffer, _server.Stopping).ConfigureAwait(false) > 0)
                {
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
            }
        }

        /// <summary>Writes <paramref name="bytes"/> a little at a time, pausing between pieces, until done or the client goes away.</summary>
        public async Task TrickleAsync(byte[] bytes, int piece, TimeSpan pause)
        {
            for (var at = 0; at < bytes.Length; at += piece)
            {
                await WriteAsync(bytes.AsSpan(at, Math.Min(piece, bytes.Length - at)).ToArray()).ConfigureAwait(false);
                await Task.Delay(pause, _server.Stopping).ConfigureAwait(false);
            }
        }

        private static string Reason(int status) => status switch
        {
            200 => "OK",
            202 => "Accepted",
            204 => "No Content",
            301 => "Moved Permanently",
            302 => "Found",
            303 => "See Other",
            307 => "Temporary Redirect",
            308 => "Permanent Redirect",
            400 => "Bad Request",
            401 => "Unauthorized",
            429 => "Too Many Requests",
            500 => "Internal Server Error",
            503 => "Service Unavailable",
            _ => "Whatever",
        };
    }

    /// <summary>Reads HTTP/1.1 requests off a stream: the head up to the blank line, then a Content-Length body.</summary>
    internal sealed class RawRequestReader
    {
        private const int MaxHead = 64 * 1024;
        private readonly Stream _stream;
        private readonly byte[] _buffer = new byte[8192];
        private int _start;
        private int _end;

        public RawRequestReader(Stream stream)
        {
            _stream = stream;
        }

        public async Task<RawRequest?> ReadAsync(CancellationToken cancellationToken)
        {
            var head = new MemoryStream();
            var match = 0;
            while (match < 4)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = await _stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                    if (_end == 0)
                    {
                        return null;
                    }
                }

                var b = _buffer[_start++];
                head.WriteByte(b);
                match = (match, b) switch
                {
                    (0, (byte)'\r') or (2, (byte)'\r') => match + 1,
                    (1, (byte)'\n') or (3, (byte)'\n') => match + 1,
                    (_, (byte)'\r') => 1,
                    _ => 0,
                };
                if (head.Length > MaxHead)
                {
                    throw new IOException("Request head too large.");
                }
            }

            var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var first = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
                }
            }

            var length = headers.TryGetValue("Content-Length", out var text) && long.TryParse(text, out var parsed) ? parsed : 0;
            while (length > 0)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = await _stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                    if (_end == 0)
                    {
                        return null;
                    }
                }

                var take = (int)Math.Min(length, _end - _start);
                _start += take;
                length -= take;
            }

            return new RawRequest(first[0], first.Length > 1 ? first[1] : string.Empty, headers);
        }
    }
}

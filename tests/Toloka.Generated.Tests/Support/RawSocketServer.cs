using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated.Tests.Support
{
    /// <summary>
    /// A TCP server on 127.0.0.1 that reads each request's head and then lets a test write whatever bytes
    /// it likes, as slowly as it likes: the faults a real HTTP server would never produce.
    /// </summary>
    internal sealed class RawSocketServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _requests;

        public RawSocketServer(Func<NetworkStream, CancellationToken, Task> answer)
        {
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            BaseUri = new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/api/v1/");
            _loop = Task.Run(() => AcceptAsync(answer));
        }

        public Uri BaseUri { get; }

        public int Requests => Volatile.Read(ref _requests);

        public TolokaClientOptions Options(TimeSpan networkTimeout) => new()
        {
            Environment = TolokaEnvironment.Custom(BaseUri),
            NetworkTimeout = networkTimeout,
            Retry = { MaxAttempts = 1 },
        };

        public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

        private async Task AcceptAsync(Func<NetworkStream, CancellationToken, Task> answer)
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient connection;
                try
                {
                    connection = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception)
                {
                    return;
                }

                _ = Task.Run(async () =>
                {
                    using (connection)
                    {
                        try
                        {
                            var stream = connection.GetStream();
                            await ReadHeadAsync(stream, _stop.Token);
                            Interlocked.Increment(ref _requests);
                            await answer(stream, _stop.Token);
                        }
                        catch (Exception)
                        {
                            // The client gave up or the test ended: either way this connection is done.
                        }
                    }
                });
            }
        }

        private static async Task ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
        {
            var seen = new StringBuilder();
            var buffer = new byte[1];
            while (!seen.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(buffer, cancellationToken) == 0)
                {
                    throw new System.IO.IOException("The client closed the connection before the request head ended.");
                }

                seen.Append((char)buffer[0]);
            }

            var head = seen.ToString();
            var at = head.IndexOf("Content-Length: ", StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                var length = int.Parse(head.AsSpan(at + 16, head.IndexOf('\r', at) - at - 16), System.Globalization.CultureInfo.InvariantCulture);
                var body = new byte[length];
                var read = 0;
                while (read < length)
                {
                    read += await stream.ReadAsync(body.AsMemory(read), cancellationToken);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            try
            {
                await _loop;
            }
            catch (Exception)
            {
                // Stopping the listener ends the loop with an exception; nothing to report.
            }

            _stop.Dispose();
        }
    }
}

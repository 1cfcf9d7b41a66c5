using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated.Redis.Tests
{
    /// <summary>
    /// A TCP relay on 127.0.0.1 in front of a Redis-protocol server. <see cref="Freeze"/> makes it a server
    /// that hangs: connections stay open and accept what is sent, but nothing is forwarded or answered
    /// (created frozen, it is a server that accepts and never answers). Works the same in front of
    /// redis-server and Garnet.
    /// </summary>
    internal sealed class FreezableProxy : IAsyncDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly int _upstreamPort;
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly ConcurrentBag<TcpClient> _clients = new ConcurrentBag<TcpClient>();
        private readonly Task _acceptLoop;
        private volatile bool _frozen;

        internal FreezableProxy(int upstreamPort, bool frozen = false)
        {
            _upstreamPort = upstreamPort;
            _frozen = frozen;
            _listener.Start();
            _acceptLoop = AcceptAsync();
        }

        internal string Configuration => "127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>From now on nothing passes either way (connections stay open).</summary>
        internal void Freeze() => _frozen = true;

        public async ValueTask DisposeAsync()
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            _listener.Stop();
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            try
            {
                await _acceptLoop.ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }

            _stopping.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stopping.IsCancellationRequested)
            {
                var downstream = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
                _clients.Add(downstream);
                var upstream = new TcpClient();
                _clients.Add(upstream);
                if (_frozen)
                {
                    continue;
                }

                await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stopping.Token).ConfigureAwait(false);
                _ = PumpAsync(downstream.GetStream(), upstream.GetStream());
                _ = PumpAsync(upstream.GetStream(), downstream.GetStream());
            }
        }

        private async Task PumpAsync(NetworkStream from, NetworkStream to)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (!_stopping.IsCancellationRequested)
                {
                    var read = await from.ReadAsync(buffer, _stopping.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    // Frozen: swallow what arrives and answer nothing, as a hung server does.
                    if (!_frozen)
                    {
                        await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception error) when (error is OperationCanceledException or System.IO.IOException or ObjectDisposedException or SocketException)
            {
                // The connection or the proxy closed.
            }
        }
    }
}

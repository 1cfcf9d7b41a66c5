using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Toloka.Generated.Redis.Tests
{
    /// <summary>
    /// A real Redis-protocol server on a free 127.0.0.1 port, started for a test and stopped after it:
    /// <c>redis-server</c> (the Debian package; what CI installs) when it is on the PATH, otherwise an
    /// embedded Microsoft.Garnet server with Lua on. <c>TOLOKA_TEST_REDIS=garnet</c> forces Garnet,
    /// <c>TOLOKA_TEST_REDIS=redis-server</c> requires redis-server. Each start prints which one runs.
    /// </summary>
    internal sealed class RedisProtocolServer : IAsyncDisposable
    {
        private Process? _process;
        private Garnet.GarnetServer? _garnet;

        private RedisProtocolServer(int port, string kind)
        {
            Port = port;
            Kind = kind;
        }

        internal int Port { get; }

        /// <summary><c>redis-server</c> or <c>garnet</c>.</summary>
        internal string Kind { get; }

        internal string Configuration => "127.0.0.1:" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        internal static async Task<RedisProtocolServer> StartAsync()
        {
            var wanted = Environment.GetEnvironmentVariable("TOLOKA_TEST_REDIS");
            var redisServer = wanted == "garnet" ? null : FindRedisServer();
            if (wanted == "redis-server" && redisServer is null)
            {
                Assert.Fail("TOLOKA_TEST_REDIS=redis-server but no redis-server is on the PATH (apt-get install redis-server).");
            }

            var port = FreePort();
            var server = new RedisProtocolServer(port, redisServer is null ? "garnet" : "redis-server");
            if (redisServer is not null)
            {
                var start = new ProcessStartInfo(redisServer)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                foreach (var arg in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no" })
                {
                    start.ArgumentList.Add(arg);
                }

                server._process = Process.Start(start)!;
                server._process.OutputDataReceived += (_, _) => { };
                server._process.ErrorDataReceived += (_, _) => { };
                server._process.BeginOutputReadLine();
                server._process.BeginErrorReadLine();
            }
            else
            {
                server._garnet = new Garnet.GarnetServer(new[]
                {
                    "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "--lua", "--memory", "64m", "--index", "1m",
                });
                server._garnet.Start();
            }

            await server.WaitUntilAnsweringAsync().ConfigureAwait(false);
            TestContext.Progress.WriteLine("Redis-protocol server for this test: " + server.Kind + " at " + server.Configuration);
            return server;
        }

        /// <summary>Stops the server now, as a crash would (redis-server is killed).</summary>
        internal void Stop()
        {
            if (_process is { HasExited: false })
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }

            _garnet?.Dispose();
            _garnet = null;
        }

        /// <summary>
        /// Makes redis-server hang, as a machine that stops scheduling it would: SIGSTOP to the process this
        /// test started (by its id); it keeps its connections and answers nothing. <see cref="Stop"/> ends it.
        /// Garnet runs inside the test process and cannot be stopped so: put a <see cref="FreezableProxy"/> in front instead.
        /// </summary>
        internal void Hang()
        {
            Assert.That(_process, Is.Not.Null, "only redis-server can be hung by a signal");
            using var stop = Process.Start("kill", new[] { "-STOP", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            stop.WaitForExit(10_000);
        }

        public ValueTask DisposeAsync()
        {
            Stop();
            _process?.Dispose();
            return ValueTask.CompletedTask;
        }

        private static string? FindRedisServer()
        {
            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
            {
                var candidate = Path.Combine(folder, "redis-server");
                if (folder.Length > 0 && File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : null;
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        // PING until PONG, at most 100 tries 100 ms apart.
        private async Task WaitUntilAnsweringAsync()
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                try
                {
                    using var client = new TcpClient();
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token).ConfigureAwait(false);
                    var stream = client.GetStream();
                    await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token).ConfigureAwait(false);
                    var buffer = new byte[16];
                    var read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
                    if (read > 0 && System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                    {
                        return;
                    }
                }
                catch (Exception error) when (error is SocketException or IOException or OperationCanceledException)
                {
                    // Not up yet.
                }

                if (_process is { HasExited: true })
                {
                    Assert.Fail("redis-server exited at start with code " + _process.ExitCode);
                }

                await Task.Delay(100).ConfigureAwait(false);
            }

            Assert.Fail(Kind + " did not answer PING on " + Configuration + " within about 10 s.");
        }
    }
}

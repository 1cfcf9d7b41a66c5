using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated.ContractTests.Support
{
    /// <summary>
    /// <c>prism mock openapi/toloka.yaml --errors</c> on a free 127.0.0.1 port: a server generated from
    /// the spec that answers with the spec's examples and reports any request or response that
    /// breaks the spec (as an error answer with an <c>sl-violations</c> header).
    /// </summary>
    internal sealed class PrismMock : IAsyncDisposable
    {
        /// <summary>The header in which Prism lists what a request or response broke.</summary>
        public const string ViolationsHeader = "sl-violations";

        private const int OutputLinesKept = 200;
        private const int PortAttempts = 3;
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
        private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

        private readonly Process _process;
        private readonly ConcurrentQueue<string> _output;

        private PrismMock(Process process, ConcurrentQueue<string> output, Uri baseUri)
        {
            _process = process;
            _output = output;
            BaseUri = baseUri;
            // A test host that dies without running OneTimeTearDown must not leave Prism behind.
            AppDomain.CurrentDomain.ProcessExit += KillOnExit;
        }

        public Uri BaseUri { get; }

        /// <summary>Prism's recent log lines, for failure messages.</summary>
        public string RecentOutput => string.Join("\n", _output);

        public static async Task<PrismMock> StartAsync(string spec)
        {
            var prism = await NodeTools.PrismAsync();
            Exception? lastFailure = null;
            for (var attempt = 1; attempt <= PortAttempts; attempt++)
            {
                // The port is free now; if something takes it before Prism binds, Prism exits and we retry.
                var port = FreeLoopbackPort();
                var output = new ConcurrentQueue<string>();
                var startInfo = ExternalProcess.CreateStartInfo(
                    NodeTools.Node,
                    new[] { prism, "mock", spec, "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--errors" },
                    Repository.Root);
                var process = new Process { StartInfo = startInfo };
                process.OutputDataReceived += (_, e) => Keep(output, e.Data);
                process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
                process.Start();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();

                var mock = new PrismMock(process, output, new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/"));
                try
                {
                    await mock.WaitUntilReadyAsync();
                    return mock;
                }
                catch (InvalidOperationException failure)
                {
                    lastFailure = failure;
                    await mock.DisposeAsync();
                }
            }

            throw new InvalidOperationException("Prism did not start after " + PortAttempts + " attempts.", lastFailure);
        }

        public async ValueTask DisposeAsync()
        {
            AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
            if (!HasExited())
            {
                _process.Kill(entireProcessTree: true);
                using var deadline = new CancellationTokenSource(StopTimeout);
                await _process.WaitForExitAsync(deadline.Token);
            }

            _process.Dispose();
        }

        // Ready means Prism answers HTTP: any answer will do (a path the spec lacks is an error answer).
        private async Task WaitUntilReadyAsync()
        {
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < StartTimeout)
            {
                if (HasExited())
                {
                    throw new InvalidOperationException("Prism exited with " + _process.ExitCode + " before it was ready:\n" + RecentOutput);
                }

                try
                {
                    using var response = await probe.GetAsync(BaseUri);
                    return;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Listening but not answering yet.
                }

                await Task.Delay(PollInterval);
            }

            throw new InvalidOperationException("Prism was not ready within " + StartTimeout + ":\n" + RecentOutput);
        }

        private bool HasExited()
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }

        private void KillOnExit(object? sender, EventArgs e)
        {
            if (!HasExited())
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        private static void Keep(ConcurrentQueue<string> output, string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            while (output.Count > OutputLinesKept && output.TryDequeue(out _))
            {
            }
        }

        private static int FreeLoopbackPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}

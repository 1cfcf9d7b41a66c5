using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Toloka.Generated.Benchmarks
{
    /// <summary>
    /// Throughput of GetOperationAsync against Kestrel on 127.0.0.1, at concurrency 1 and 32: the
    /// generated client as <c>new TolokaClient(token, options)</c> builds it (a SocketsHttpHandler of its
    /// own) beside the hand-written Newtonsoft call on an HttpClient with the same handler settings.
    /// Each invocation makes <see cref="Calls"/> calls; the server counts connections so reuse shows.
    /// </summary>
    [MemoryDiagnoser]
    public class LoopbackBenchmarks
    {
        public const int Calls = 256;

        private LoopbackToloka _server = null!;
        private HttpClient _rawHttp = null!;
        private TolokaClient _client = null!;
        private HandWrittenToloka _raw = null!;

        [Params(1, 32)]
        public int Concurrency { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _server = LoopbackToloka.StartAsync().GetAwaiter().GetResult();
            _rawHttp = LoopbackToloka.NewHttpClient();
            _client = Clients.OwnHandler(_server.BaseUri);
            _raw = new HandWrittenToloka(_rawHttp, _server.BaseUri, Payloads.Token, systemTextJson: false);
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            Console.WriteLine("// connections accepted by the loopback server: " + _server.Connections + " (concurrency " + Concurrency + ")");
            _client.Dispose();
            _rawHttp.Dispose();
            _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
        public Task Raw_Newtonsoft() => RunAsync(Concurrency, () => _raw.GetOperationAsync("op-1"));

        [Benchmark(OperationsPerInvoke = Calls)]
        public Task TolokaClient_GetOperation() => RunAsync(Concurrency, () => _client.GetOperationAsync("op-1"));

        /// <summary>Makes <see cref="Calls"/> calls with <paramref name="concurrency"/> of them in flight at a time.</summary>
        public static async Task RunAsync(int concurrency, Func<Task> call)
        {
            var next = -1;
            var workers = new Task[concurrency];
            for (var w = 0; w < concurrency; w++)
            {
                workers[w] = Task.Run(async () =>
                {
                    while (Interlocked.Increment(ref next) < Calls)
                    {
                        await call().ConfigureAwait(false);
                    }
                });
            }

            await Task.WhenAll(workers).ConfigureAwait(false);
        }
    }

    /// <summary>A minimal Kestrel server on 127.0.0.1 answering every GET with the spec's operation example.</summary>
    public sealed class LoopbackToloka : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _connections;

        private LoopbackToloka(WebApplication app) => _app = app;

        public Uri BaseUri { get; private set; } = null!;

        public int Connections => Volatile.Read(ref _connections);

        public static async Task<LoopbackToloka> StartAsync()
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.Logging.ClearProviders();
            LoopbackToloka? server = null;
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
                listen.Use(next => connection =>
                {
                    Interlocked.Increment(ref server!._connections);
                    return next(connection);
                })));
            builder.Services.AddRoutingCore();
            var app = builder.Build();
            server = new LoopbackToloka(app);
            app.Run(async context =>
            {
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json; charset=utf-8";
                context.Response.ContentLength = Payloads.RunningOperation.Length;
                await context.Response.Body.WriteAsync(Payloads.RunningOperation);
            });
            await app.StartAsync().ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server.BaseUri = new Uri(address.TrimEnd('/') + "/api/v1/");
            return server;
        }

        /// <summary>The raw side's HttpClient: a handler with the settings the client gives its own.</summary>
        public static HttpClient NewHttpClient() =>
            new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}

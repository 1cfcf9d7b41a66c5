using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Toloka.Generated.TestSupport
{
    /// <summary>A real HTTP server on 127.0.0.1 (Kestrel, port 0) that records what arrived on the wire.</summary>
    internal sealed class LoopbackServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private LoopbackServer(WebApplication app, Uri baseUri)
        {
            _app = app;
            BaseUri = baseUri;
        }

        public Uri BaseUri { get; }

        public ConcurrentQueue<WireRequest> Requests { get; } = new();

        public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task> respond)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            LoopbackServer? server = null;
            app.Run(async context =>
            {
                var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
                server!.Requests.Enqueue(new WireRequest(
                    context.Request.Method,
                    rawTarget,
                    context.Request.Headers.Authorization.ToString()));
                await respond(context);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server = new LoopbackServer(app, new Uri(address + "/api/v1/"));
            return server;
        }

        public TolokaClientOptions Options() => new() { Environment = TolokaEnvironment.Custom(BaseUri) };

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    internal sealed record WireRequest(string Method, string RawTarget, string Authorization);
}

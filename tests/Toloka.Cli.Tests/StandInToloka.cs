using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Toloka.Cli.Tests
{
    /// <summary>
    /// A small Toloka stand-in on 127.0.0.1, written from Toloka's documentation and independent of the
    /// fake: archive and clone of pools, operations that are finished at once, a per-minute limit on
    /// archiving, and a 401 whose message repeats the token it was sent (to prove the CLI scrubs it).
    /// </summary>
    internal sealed class StandInToloka : IAsyncDisposable
    {
        public const string Token = "stand-in-secret-token-42";

        private readonly WebApplication _app;
        private readonly TimeProvider _time;
        private readonly object _window = new();
        private DateTimeOffset _windowStart;
        private int _inWindow;
        private int _operations;

        private StandInToloka(WebApplication app, TimeProvider time, int archivesPerMinute)
        {
            _app = app;
            _time = time;
            ArchivesPerMinute = archivesPerMinute;
            _windowStart = time.GetUtcNow();
        }

        public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

        public ConcurrentDictionary<string, bool> Archived { get; } = new();

        public ConcurrentDictionary<string, bool> Open { get; } = new();

        public ConcurrentQueue<string> Archives { get; } = new();

        public int TooManyRequestsAnswered;

        public int ArchivesPerMinute { get; }

        public static async Task<StandInToloka> StartAsync(TimeProvider? time = null, int archivesPerMinute = int.MaxValue)
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var standIn = new StandInToloka(app, time ?? TimeProvider.System, archivesPerMinute);
            app.Run(standIn.HandleAsync);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            standIn.BaseUri = new Uri(address.TrimEnd('/') + "/api/v1/");
            return standIn;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private async Task HandleAsync(HttpContext context)
        {
            var auth = context.Request.Headers.Authorization.ToString();
            if (auth != "OAuth " + Token)
            {
                await Error(context, 401, "AUTHENTICATION_ERROR", "The token in '" + auth + "' is not valid");
                return;
            }

            var parts = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);

            // api, v1, pools, {id}, archive|clone
            if (parts.Length == 5 && parts[2] == "pools" && context.Request.Method == "POST")
            {
                var id = parts[3];
                if (parts[4] == "archive")
                {
                    await ArchiveAsync(context, id);
                    return;
                }

                if (parts[4] == "clone")
                {
                    await Operation(context, "POOL.CLONE", id, "SUCCESS", "\"details\":{\"pool_id\":\"" + (long.Parse(id, CultureInfo.InvariantCulture) + 1000) + "\"},");
                    return;
                }
            }

            await Error(context, 404, "DOES_NOT_EXIST", "No such thing");
        }

        private async Task ArchiveAsync(HttpContext context, string id)
        {
            lock (_window)
            {
                var now = _time.GetUtcNow();
                if (now - _windowStart >= TimeSpan.FromMinutes(1))
                {
                    _windowStart = now;
                    _inWindow = 0;
                }

                if (_inWindow >= ArchivesPerMinute)
                {
                    Interlocked.Increment(ref TooManyRequestsAnswered);
                    var wait = Math.Max(1, (int)Math.Ceiling((_windowStart + TimeSpan.FromMinutes(1) - now).TotalSeconds));
                    context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                    _ = Error(context, 429, "TOO_MANY_REQUESTS", "Too many requests");
                    return;
                }

                _inWindow++;
            }

            Archives.Enqueue(id);
            if (Archived.ContainsKey(id))
            {
                context.Response.StatusCode = 204;
                return;
            }

            if (Open.ContainsKey(id))
            {
                await Error(context, 409, "CONFLICT_STATE", "Pool " + id + " is open; close it first");
                return;
            }

            Archived[id] = true;
            await Operation(context, "POOL.ARCHIVE", id, "SUCCESS", string.Empty);
        }

        private Task Operation(HttpContext context, string type, string poolId, string status, string details)
        {
            var number = Interlocked.Increment(ref _operations);
            context.Response.StatusCode = 202;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(
                "{\"id\":\"op-" + number + "\",\"type\":\"" + type + "\",\"status\":\"" + status + "\",\"progress\":100," + details +
                "\"parameters\":{\"pool_id\":\"" + poolId + "\"},\"submitted\":\"2026-11-01T10:00:00.000\",\"finished\":\"2026-11-01T10:00:01.000\"}");
        }

        private static Task Error(HttpContext context, int status, string code, string message)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(
                "{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"request_id\":\"req-" + status + "\"}");
        }
    }
}

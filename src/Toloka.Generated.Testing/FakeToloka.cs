using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// A stateful fake Toloka for tests: a real HTTP server on 127.0.0.1 that answers the spec's calls
    /// under <c>/api/v1</c> as Toloka does. It keeps pools and training pools, runs clone and archive
    /// operations on a <see cref="TimeProvider"/>, checks the OAuth token, enforces rate limits, injects
    /// faults and logs requests. Thread-safe; <see cref="DisposeAsync"/> stops the server.
    /// </summary>
    /// <example>
    /// <code>
    /// await using var fake = await FakeToloka.StartAsync();
    /// var poolId = fake.AddPool(FakePoolStatus.Closed);
    /// using var client = fake.CreateClient();
    /// var clone = await client.ClonePoolAsync(poolId);
    /// </code>
    /// </example>
    public sealed partial class FakeToloka : IAsyncDisposable
    {
        /// <summary>
        /// The credential a fake accepts when <see cref="FakeTolokaOptions.Token"/> is not set: shaped like a
        /// Toloka API key, so the client sends it as <c>Authorization: ApiKey &lt;key&gt;</c>.
        /// </summary>
        public const string DefaultToken = "FakeTolokaApiKey0000000.FakeKeyForTests.NotASecret0000";

        private readonly WebApplication _app;
        private readonly FakeTolokaState _state;
        private readonly FakeTokens _tokens;
        private readonly FakeFaultQueue _faults;
        private readonly FakeRequestLog _log;
        private readonly TimeProvider _time;
        private int _disposed;

        private FakeToloka(WebApplication app, FakeTolokaOptions options)
        {
            _app = app;
            _time = options.TimeProvider;
            Token = options.Token;
            _state = new FakeTolokaState(_time, options.OperationPendingTime, options.OperationRunningTime, options.OperationListingDelay);
            _tokens = new FakeTokens(options.AcceptedSchemes);
            _tokens.Accept(options.Token);
            foreach (var token in options.AdditionalTokens)
            {
                _tokens.Accept(token);
            }

            _faults = new FakeFaultQueue();
            _log = new FakeRequestLog();
            Pipeline = new FakeTolokaPipeline(_state, _tokens, new FakeRateLimiter(options.RateLimits), _faults, _log, _time);
            BaseUri = new Uri("http://127.0.0.1/"); // replaced once Kestrel has its port
        }

        /// <summary>The API's base URL, such as <c>http://127.0.0.1:5123/api/v1/</c>; it ends with <c>/</c>.</summary>
        public Uri BaseUri { get; private set; }

        /// <summary>The token <see cref="CreateClient"/> sends, from <see cref="FakeTolokaOptions.Token"/>.</summary>
        public string Token { get; }

        /// <summary>Every request received so far, in arrival order.</summary>
        public IReadOnlyList<FakeTolokaRequest> Requests => _log.Snapshot();

        /// <summary>Every pool, in the order they were added or cloned, with their current status.</summary>
        public IReadOnlyList<FakePool> Pools => _state.Pools();

        /// <summary>Every training pool, in the order they were added or cloned, with their current status.</summary>
        public IReadOnlyList<FakeTraining> Trainings => _state.Trainings();

        /// <summary>Every operation, in the order they were started, as they stand now.</summary>
        public IReadOnlyList<FakeOperation> Operations => _state.Operations();

        private FakeTolokaPipeline Pipeline { get; }

        /// <summary>Starts a fake on 127.0.0.1 on a free port.</summary>
        /// <param name="options">Clock, tokens, operation durations and rate limits; defaults when null.</param>
        /// <param name="cancellationToken">Cancels the start.</param>
        /// <returns>The running fake; dispose it to stop it.</returns>
        /// <exception cref="ArgumentException">An option is not valid (a blank token, a negative duration, a null clock or limit).</exception>
        public static async Task<FakeToloka> StartAsync(FakeTolokaOptions? options = null, CancellationToken cancellationToken = default)
        {
            options = (options ?? new FakeTolokaOptions()).Validated();

            // The empty builder reads no configuration and logs nothing: no appsettings.json or
            // environment variable can move the fake off loopback, and no token can reach a log.
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());

            // The default console lifetime would take SIGINT/SIGTERM from the host process and only stop the fake.
            builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Listen(IPAddress.Loopback, 0, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    listen.Use(FakeNulMarking.Around);
                });
            });
            var app = builder.Build();
            var fake = new FakeToloka(app, options);
            app.Run(fake.Pipeline.HandleAsync);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            fake.BaseUri = new Uri(address.TrimEnd('/') + FakeTolokaRoutes.BasePath);
            return fake;
        }

        /// <summary>
        /// Client options pointing at this fake and sharing its clock, so <c>Retry-After</c> dates and
        /// timeouts are measured on the same time as the fake's operations.
        /// </summary>
        /// <returns>New options; change them freely.</returns>
        public TolokaClientOptions CreateClientOptions() => new()
        {
            Environment = TolokaEnvironment.Custom(BaseUri),
            TimeProvider = _time,
        };

        /// <summary>A <see cref="TolokaClient"/> that talks to this fake with <see cref="Token"/>; dispose it when done.</summary>
        /// <returns>The client.</returns>
        public TolokaClient CreateClient() => new(Token, CreateClientOptions());

        /// <summary>Adds a pool.</summary>
        /// <param name="status">Its status.</param>
        /// <param name="trainingId">The training pool it is linked to (it blocks archiving that training pool until archived); none when null.</param>
        /// <param name="parameters">Its parameters (such as <c>private_name</c>); a clone copies them. Empty when null.</param>
        /// <returns>The new pool's ID, a numeric string.</returns>
        /// <exception cref="ArgumentException">No training pool has ID <paramref name="trainingId"/>.</exception>
        public string AddPool(FakePoolStatus status, string? trainingId = null, IReadOnlyDictionary<string, string>? parameters = null) =>
            _state.AddPool(status, trainingId, parameters);

        /// <summary>Adds a training pool.</summary>
        /// <param name="status">Its status.</param>
        /// <param name="parameters">Its parameters (such as <c>private_name</c>); a clone copies them. Empty when null.</param>
        /// <returns>The new training pool's ID, a numeric string.</returns>
        public string AddTraining(FakePoolStatus status, IReadOnlyDictionary<string, string>? parameters = null) =>
            _state.AddTraining(status, parameters);

        /// <summary>Reads a pool as it is now (operations due by the fake's clock have taken effect).</summary>
        /// <param name="poolId">The pool's ID.</param>
        /// <returns>The pool.</returns>
        /// <exception cref="KeyNotFoundException">No pool has this ID.</exception>
        public FakePool GetPool(string poolId) => _state.GetPool(poolId);

        /// <summary>Reads a training pool as it is now (operations due by the fake's clock have taken effect).</summary>
        /// <param name="trainingId">The training pool's ID.</param>
        /// <returns>The training pool.</returns>
        /// <exception cref="KeyNotFoundException">No training pool has this ID.</exception>
        public FakeTraining GetTraining(string trainingId) => _state.GetTraining(trainingId);

        /// <summary>Opens a pool, as a requester does to start it.</summary>
        /// <param name="poolId">The pool's ID.</param>
        /// <exception cref="KeyNotFoundException">No pool has this ID.</exception>
        /// <exception cref="InvalidOperationException">The pool is archived or being archived.</exception>
        public void OpenPool(string poolId) => _state.SetPoolStatus(poolId, FakePoolStatus.Open);

        /// <summary>Closes a pool, so it can be archived.</summary>
        /// <param name="poolId">The pool's ID.</param>
        /// <exception cref="KeyNotFoundException">No pool has this ID.</exception>
        /// <exception cref="InvalidOperationException">The pool is archived or being archived.</exception>
        public void ClosePool(string poolId) => _state.SetPoolStatus(poolId, FakePoolStatus.Closed);

        /// <summary>Opens a training pool.</summary>
        /// <param name="trainingId">The training pool's ID.</param>
        /// <exception cref="KeyNotFoundException">No training pool has this ID.</exception>
        /// <exception cref="InvalidOperationException">The training pool is archived or being archived.</exception>
        public void OpenTraining(string trainingId) => _state.SetTrainingStatus(trainingId, FakePoolStatus.Open);

        /// <summary>Closes a training pool, so it can be archived once its pools are.</summary>
        /// <param name="trainingId">The training pool's ID.</param>
        /// <exception cref="KeyNotFoundException">No training pool has this ID.</exception>
        /// <exception cref="InvalidOperationException">The training pool is archived or being archived.</exception>
        public void CloseTraining(string trainingId) => _state.SetTrainingStatus(trainingId, FakePoolStatus.Closed);

        /// <summary>Reads an operation as it stands at the fake's current time.</summary>
        /// <param name="operationId">The operation's ID.</param>
        /// <returns>The operation.</returns>
        /// <exception cref="KeyNotFoundException">No operation has this ID.</exception>
        public FakeOperation GetOperation(string operationId) => _state.GetOperation(operationId);

        /// <summary>
        /// Makes an unfinished operation fail now: status <c>FAIL</c>, <c>details.reason</c> set, and its
        /// effect (the new pool, the archiving) never happens.
        /// </summary>
        /// <param name="operationId">The operation's ID.</param>
        /// <param name="reason">The reason to put in <c>details.reason</c>.</param>
        /// <exception cref="KeyNotFoundException">No operation has this ID.</exception>
        /// <exception cref="InvalidOperationException">The operation has already succeeded or failed.</exception>
        public void FailOperation(string operationId, string reason) => _state.FailOperation(operationId, reason ?? string.Empty);

        /// <summary>
        /// Makes the next operation of this type that starts end in <c>FAIL</c> instead of <c>SUCCESS</c>
        /// when its time is up; call it again to fail more than one.
        /// </summary>
        /// <param name="type">The operation type.</param>
        /// <param name="reason">The reason to put in <c>details.reason</c>.</param>
        public void FailNextOperation(FakeOperationType type, string reason) => _state.FailNextOperation(type, reason ?? string.Empty);

        /// <summary>Accepts one more credential from now on, for example a second client's.</summary>
        /// <param name="token">The API key or OAuth token, told apart as <see cref="TolokaCredential.Parse(string)"/> does (an <c>ApiKey </c>/<c>OAuth </c> prefix wins); it is accepted only with its own scheme.</param>
        /// <exception cref="ArgumentException">The credential is missing or cannot be a real one.</exception>
        public void AcceptToken(string token) => _tokens.Accept(token);

        /// <summary>Stops accepting a credential: requests with it get <c>401 AUTHENTICATION_ERROR</c> from now on.</summary>
        /// <param name="token">The API key or OAuth token, as given to <see cref="AcceptToken"/>.</param>
        /// <exception cref="ArgumentException">The credential is missing or cannot be a real one.</exception>
        public void RevokeToken(string token) => _tokens.Revoke(token);

        /// <summary>Forgets the requests logged so far; the state (pools, operations, limits) is kept.</summary>
        public void ClearRequests() => _log.Clear();

        /// <summary>Stops the server; requests in progress are finished first. Calling it again does nothing.</summary>
        /// <returns>A task that completes when the server has stopped.</returns>
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        /// <summary>Names the fake and where it listens; never a token.</summary>
        /// <returns>For example <c>FakeToloka (http://127.0.0.1:5123/api/v1/)</c>.</returns>
        public override string ToString() => "FakeToloka (" + BaseUri.AbsoluteUri + ")";

        /// <summary>Leaves Ctrl+C and SIGTERM to the process that embeds the fake.</summary>
        private sealed class EmbeddedLifetime : IHostLifetime
        {
            public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
    }
}

using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>
    /// Each value TolokaModelFactory builds equals, property by property and message by message, what the
    /// real client yields for the matching answer; and user code can be tested against ITolokaClient with it.
    /// </summary>
    public class ModelFactoryTests
    {
        private FakeTimeProvider _time = null!;

        [SetUp]
        public void StartClock() => _time = SimulatedTime.NewClock();

        private TolokaClientOptions NoRetries() => new() { TimeProvider = _time, Retry = { MaxAttempts = 1 } };

        private static string ErrorBody(string code, string? message = null, string? requestId = null, JObject? payload = null)
        {
            var json = new JObject { ["code"] = code };
            if (message is not null)
            {
                json["message"] = message;
            }

            if (requestId is not null)
            {
                json["request_id"] = requestId;
            }

            if (payload is not null)
            {
                json["payload"] = payload;
            }

            return json.ToString(Newtonsoft.Json.Formatting.None);
        }

        private TolokaApiException RealFailure(HttpStatusCode status, string? body, Func<TolokaClient, Task> call, params (string Name, string Value)[] headers)
        {
            var stub = new StubToloka(_time).Answer(status, body, headers);
            using var client = stub.CreateClient(options: NoRetries());
            return Assert.CatchAsync<TolokaApiException>(() => call(client))!;
        }

        private static void AssertSame(TolokaApiException built, TolokaApiException real)
        {
            Assert.Multiple(() =>
            {
                Assert.That(built.GetType(), Is.EqualTo(real.GetType()));
                Assert.That(built.Message, Is.EqualTo(real.Message));
                Assert.That(built.StatusCode, Is.EqualTo(real.StatusCode));
                Assert.That(built.Kind, Is.EqualTo(real.Kind));
                Assert.That(built.ErrorCode, Is.EqualTo(real.ErrorCode));
                Assert.That(built.ErrorMessage, Is.EqualTo(real.ErrorMessage));
                Assert.That(built.RequestId, Is.EqualTo(real.RequestId));
                Assert.That(JToken.DeepEquals(built.Payload as JToken, real.Payload as JToken), Is.True, "payload");
                Assert.That(built.Response, Is.EqualTo(real.Response));
                Assert.That(built.OperationId, Is.EqualTo(real.OperationId));
                Assert.That(built.Attempts, Is.EqualTo(real.Attempts));
                Assert.That(built.RetryAfter, Is.EqualTo(real.RetryAfter));
                foreach (var header in new[] { "Retry-After", "Location" })
                {
                    Assert.That(built.Headers.TryGetValue(header, out var ours) ? ours.ToArray() : null, Is.EqualTo(real.Headers.TryGetValue(header, out var theirs) ? theirs.ToArray() : null), header);
                }
            });
        }

        [Test]
        public void A_conflict_equals_what_the_client_throws_for_a_409()
        {
            var real = RealFailure(HttpStatusCode.Conflict, ErrorBody("CONFLICT_STATE", "Pool 5 is open", "req-409"), c => c.ArchivePoolAsync("5"));

            var built = TolokaModelFactory.TolokaConflictException("Pool 5 is open", "req-409", "archivePool");

            AssertSame(built, real);
        }

        [Test]
        public void A_not_found_equals_what_the_client_throws_for_a_404()
        {
            var real = RealFailure(HttpStatusCode.NotFound, ErrorBody("DOES_NOT_EXIST", "No pool 7", "req-404"), c => c.GetPoolAsync("7"));

            AssertSame(TolokaModelFactory.TolokaNotFoundException("No pool 7", "req-404", "getPool"), real);
        }

        [Test]
        public void A_validation_error_with_a_payload_equals_what_the_client_throws_for_a_400()
        {
            var payload = new JObject { ["pool_id"] = new JObject { ["code"] = "VALUE_INVALID" } };
            var real = RealFailure(HttpStatusCode.BadRequest, ErrorBody("VALIDATION_ERROR", "Bad id", "req-400", payload), c => c.ClonePoolAsync("x"));

            var built = TolokaModelFactory.TolokaValidationException("Bad id", new { pool_id = new { code = "VALUE_INVALID" } }, "req-400", "clonePool");

            AssertSame(built, real);
        }

        [Test]
        public void Authentication_and_access_denied_equal_what_the_client_throws_for_401_and_403()
        {
            AssertSame(
                TolokaModelFactory.TolokaAuthenticationException("Bad token", "req-401", "getOperation"),
                RealFailure(HttpStatusCode.Unauthorized, ErrorBody("AUTHENTICATION_ERROR", "Bad token", "req-401"), c => c.GetOperationAsync("op")));
            AssertSame(
                TolokaModelFactory.TolokaAccessDeniedException("Not yours", "req-403", "openPool"),
                RealFailure(HttpStatusCode.Forbidden, ErrorBody("ACCESS_DENIED", "Not yours", "req-403"), c => c.OpenPoolAsync("1")));
        }

        [Test]
        public void A_rate_limit_equals_what_the_client_throws_for_a_429_and_resets_at_the_same_time()
        {
            var real = (TolokaRateLimitedException)RealFailure((HttpStatusCode)429, ErrorBody("TOO_MANY_REQUESTS", "Slow down", "req-429"), c => c.ClonePoolAsync("1"), ("Retry-After", "7"));

            var built = TolokaModelFactory.TolokaRateLimitedException(TimeSpan.FromSeconds(7), "Slow down", "req-429", "clonePool", receivedAt: _time.GetUtcNow());

            AssertSame(built, real);
            Assert.That(built.ResetsAt, Is.EqualTo(real.ResetsAt).And.EqualTo(SimulatedTime.Start.AddSeconds(7)));
        }

        [TestCase(500, "INTERNAL_ERROR")]
        [TestCase(503, "REMOTE_SERVICE_UNAVAILABLE")]
        public void A_server_error_equals_what_the_client_throws_for_a_5xx(int status, string code)
        {
            var real = RealFailure((HttpStatusCode)status, ErrorBody(code, "Down"), c => c.ClonePoolAsync("1"));

            AssertSame(TolokaModelFactory.TolokaServerException(status, "Down", operationId: "clonePool", errorCode: code), real);
        }

        [Test]
        public void A_redirect_equals_what_the_client_throws_for_a_302_and_names_the_location()
        {
            var real = (TolokaRedirectException)RealFailure(HttpStatusCode.Found, null, c => c.ArchivePoolAsync("5"), ("Location", "https://elsewhere.example/pools/5"));

            var built = TolokaModelFactory.TolokaRedirectException("https://elsewhere.example/pools/5", 302, "archivePool");

            AssertSame(built, real);
            Assert.That(built.Location, Is.EqualTo(real.Location).And.EqualTo("https://elsewhere.example/pools/5"));
        }

        [TestCase(400, "VALIDATION_ERROR")]
        [TestCase(404, "DOES_NOT_EXIST")]
        [TestCase(409, "CONFLICT_STATE")]
        [TestCase(418, "ACCESS_DENIED")]
        [TestCase(422, null)]
        [TestCase(429, "TOO_MANY_REQUESTS")]
        [TestCase(502, null)]
        [TestCase(405, null)]
        public void The_general_factory_picks_the_subclass_and_message_the_client_does(int status, string? code)
        {
            var body = code is null ? "not json" : ErrorBody(code, "Text", "req-1");
            var real = RealFailure((HttpStatusCode)status, body, c => c.GetOperationAsync("op"));

            var details = TolokaModelFactory.TolokaErrorDetails(status, code, code is null ? null : "Text", code is null ? null : "req-1", operationId: "getOperation", body: body);

            AssertSame(TolokaModelFactory.TolokaApiException(details), real);
        }

        [Test]
        public async Task A_clone_result_equals_what_the_client_returns_for_a_finished_clone()
        {
            var stub = new StubToloka(_time).Answer(HttpStatusCode.Accepted, Samples.ClonePoolOperation);
            using var client = stub.CreateClient(options: NoRetries());
            var real = await client.ClonePoolAndWaitAsync("1");

            var built = TolokaModelFactory.TolokaCloneResult("1", "2");

            Assert.That(built.SourceId, Is.EqualTo(real.SourceId));
            Assert.That(built.NewId, Is.EqualTo(real.NewId));
            Assert.That(built.ToString(), Is.EqualTo(real.ToString()));
            Assert.That(built.Operation.Type, Is.EqualTo(real.Operation.Type));
            Assert.That(built.Operation.Status, Is.EqualTo(real.Operation.Status));
            Assert.That(built.Operation.Progress, Is.EqualTo(real.Operation.Progress));
            Assert.That(built.Operation.Parameters!.PoolId, Is.EqualTo(real.Operation.Parameters!.PoolId));
            Assert.That(built.Operation.Details!.PoolId, Is.EqualTo(real.Operation.Details!.PoolId));
        }

        [Test]
        public void A_failed_operation_equals_what_a_wait_throws_for_FAIL()
        {
            const string Failed = """
            {"id":"op-9","type":"POOL.ARCHIVE","status":"FAIL","submitted":"2026-01-05T09:00:00","finished":"2026-01-05T09:00:01","progress":100,"parameters":{"pool_id":"5"},"details":{"reason":"quota exceeded"}}
            """;
            var stub = new StubToloka(_time).Answer(HttpStatusCode.Accepted, Failed);
            using var client = stub.CreateClient(options: NoRetries());
            var real = Assert.ThrowsAsync<TolokaOperationFailedException>(() => client.ArchivePoolAndWaitAsync("5"))!;

            var operation = TolokaModelFactory.Operation(
                "op-9",
                OperationType.PoolArchive,
                OperationStatus.Fail,
                submitted: SimulatedTime.Start,
                finished: SimulatedTime.Start.AddSeconds(1),
                progress: 100,
                parameters: new OperationParameters { PoolId = "5" },
                details: new OperationDetails { AdditionalProperties = { ["reason"] = "quota exceeded" } });
            var built = TolokaModelFactory.TolokaOperationFailedException(operation);

            Assert.That(built.Message, Is.EqualTo(real.Message));
            Assert.That(built.Operation.Id, Is.EqualTo(real.Operation.Id));
            Assert.That(built.Operation.Type, Is.EqualTo(real.Operation.Type));
            Assert.That(built.Operation.Status, Is.EqualTo(real.Operation.Status));
            Assert.That(built.Operation.Submitted, Is.EqualTo(real.Operation.Submitted));
            Assert.That(built.Operation.Finished, Is.EqualTo(real.Operation.Finished));
            Assert.That(built.Operation.Parameters!.PoolId, Is.EqualTo(real.Operation.Parameters!.PoolId));
            Assert.That(built.Operation.Details!.AdditionalProperties["reason"].ToString(), Is.EqualTo(real.Operation.Details!.AdditionalProperties["reason"].ToString()));
        }

        [Test]
        public void An_operation_that_is_not_FAIL_cannot_become_a_failure()
        {
            var running = TolokaModelFactory.Operation("op", OperationType.PoolClone, OperationStatus.Running);

            Assert.Throws<ArgumentException>(() => TolokaModelFactory.TolokaOperationFailedException(running));
        }

        [Test]
        public void An_operation_timeout_equals_what_a_wait_throws_past_Polling_Timeout()
        {
            const string Running = """{"id":"op-1","type":"POOL.CLONE","status":"RUNNING","progress":40}""";
            var stub = new StubToloka(_time).Otherwise(_ => StubToloka.Json(HttpStatusCode.OK, Running));
            using var client = stub.CreateClient(options: NoRetries());
            var polling = new TolokaPollingOptions { Timeout = TimeSpan.FromMinutes(3) };
            var real = Assert.ThrowsAsync<TolokaOperationTimeoutException>(
                () => _time.RunAsync(client.WaitForCompletionAsync("op-1", polling: polling), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(10)))!;

            var built = TolokaModelFactory.TolokaOperationTimeoutException(
                TolokaModelFactory.Operation("op-1", OperationType.PoolClone, OperationStatus.Running, progress: 40), TimeSpan.FromMinutes(3));

            Assert.That(built.Message, Is.EqualTo(real.Message).And.Contain("Polling.Timeout"));
            Assert.That(built.OperationId, Is.EqualTo(real.OperationId));
            Assert.That(built.Waited, Is.EqualTo(real.Waited));
            Assert.That(built.LastKnown.Status, Is.EqualTo(real.LastKnown.Status));
        }

        [Test]
        public void A_network_timeout_equals_what_the_client_throws_when_an_attempt_outlasts_NetworkTimeout()
        {
            using var silent = new HttpClient(new SilentHandler());
            var options = NoRetries();
            options.NetworkTimeout = TimeSpan.FromSeconds(20);
            options.ResolveLostAnswers = false;
            using var client = new TolokaClient(silent, Samples.Token, options);
            var real = Assert.ThrowsAsync<TolokaTransportException>(
                () => _time.RunAsync(client.ClonePoolAsync("1"), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)))!;

            var built = TolokaModelFactory.TolokaTransportException("clonePool", timedOut: true, networkTimeout: TimeSpan.FromSeconds(20));

            Assert.That(built.Message, Is.EqualTo(real.Message).And.Contain("NetworkTimeout (20 s"));
            Assert.That(built.TimedOut, Is.EqualTo(real.TimedOut).And.True);
            Assert.That(built.OperationId, Is.EqualTo(real.OperationId));
            Assert.That(built.Attempts, Is.EqualTo(real.Attempts));
        }

        [Test]
        public void A_failed_connection_equals_what_the_client_throws_when_the_connection_is_refused()
        {
            var stub = new StubToloka(_time).Fail(new HttpRequestException("Connection refused"));
            using var client = stub.CreateClient(options: NoRetries());
            var real = Assert.ThrowsAsync<TolokaTransportException>(() => client.ClonePoolAsync("1"))!;

            var built = TolokaModelFactory.TolokaTransportException("clonePool");

            Assert.That(built.Message, Is.EqualTo(real.Message));
            Assert.That(built.TimedOut, Is.EqualTo(real.TimedOut).And.False);
            Assert.That(built.InnerException!.GetType(), Is.EqualTo(real.InnerException!.GetType()));
            Assert.That(built.MayHaveBeenSent, Is.EqualTo(real.MayHaveBeenSent).And.True, "an HttpRequestException without a socket's refusal may have sent the request");
            Assert.That(TolokaModelFactory.TolokaTransportException("clonePool", mayHaveBeenSent: false).MayHaveBeenSent, Is.False);
        }

        [Test]
        public async Task A_pacing_timeout_equals_what_the_client_throws_when_the_limiter_never_gives_a_permit()
        {
            var stub = StubToloka.AcceptingClones(_time);
            using var refusing = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 0 });
            using var held = refusing.AttemptAcquire();
            using var client = stub.CreateClient(options: new TolokaClientOptions { TimeProvider = _time, Retry = { TotalBudget = TimeSpan.FromSeconds(30) }, RateLimiterFactory = _ => refusing });
            var call = client.ClonePoolAsync("1");
            await _time.RunAsync(call.ContinueWith(_ => { }, TaskScheduler.Default), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));
            var real = Assert.CatchAsync<TolokaPacingTimeoutException>(() => call)!;

            var built = TolokaModelFactory.TolokaPacingTimeoutException("clonePool", real.Waited);

            Assert.That(built.Message, Is.EqualTo(real.Message).And.Contain("Retry.TotalBudget"));
            Assert.That(built.OperationId, Is.EqualTo(real.OperationId));
        }

        [Test]
        public void No_factory_value_carries_a_token_because_none_takes_one()
        {
            var parameters = typeof(TolokaModelFactory).GetMethods().SelectMany(m => m.GetParameters()).Select(p => p.Name!).ToArray();

            Assert.That(parameters, Has.None.Contains("token").IgnoreCase);
        }

        [Test]
        public async Task User_code_tested_with_Moq_handles_a_conflict_a_rate_limit_and_a_failed_operation()
        {
            var toloka = new Mock<ITolokaClient>();
            toloka.Setup(t => t.ArchivePoolAndWaitAsync("open", It.IsAny<IProgress<Operation>?>(), It.IsAny<TolokaPollingOptions?>(), It.IsAny<CancellationToken>()))
                .ThrowsAsync(TolokaModelFactory.TolokaConflictException("Pool is open", operationId: "archivePool"));
            toloka.Setup(t => t.ArchivePoolAndWaitAsync("busy", It.IsAny<IProgress<Operation>?>(), It.IsAny<TolokaPollingOptions?>(), It.IsAny<CancellationToken>()))
                .ThrowsAsync(TolokaModelFactory.TolokaRateLimitedException(TimeSpan.FromSeconds(30), receivedAt: SimulatedTime.Start));
            toloka.Setup(t => t.ArchivePoolAndWaitAsync("broken", It.IsAny<IProgress<Operation>?>(), It.IsAny<TolokaPollingOptions?>(), It.IsAny<CancellationToken>()))
                .ThrowsAsync(TolokaModelFactory.TolokaOperationFailedException(TolokaModelFactory.Operation(
                    "op-1", OperationType.PoolArchive, OperationStatus.Fail, details: new OperationDetails { AdditionalProperties = { ["reason"] = "locked" } })));
            var retirement = new PoolRetirement(toloka.Object);

            Assert.That(await retirement.RetireAsync("open"), Is.EqualTo("open pool 'open': close it first"));
            Assert.That(await retirement.RetireAsync("busy"), Is.EqualTo("rate limited until 2026-01-05T09:00:30Z"));
            Assert.That(await retirement.RetireAsync("broken"), Is.EqualTo("failed: locked"));
        }

        /// <summary>Code a user would write and test: archive a pool, saying what happened.</summary>
        private sealed class PoolRetirement
        {
            private readonly ITolokaClient _toloka;

            public PoolRetirement(ITolokaClient toloka) => _toloka = toloka;

            public async Task<string> RetireAsync(string poolId)
            {
                try
                {
                    await _toloka.ArchivePoolAndWaitAsync(poolId);
                    return "archived";
                }
                catch (TolokaConflictException)
                {
                    return "open pool '" + poolId + "': close it first";
                }
                catch (TolokaRateLimitedException limited)
                {
                    return "rate limited until " + limited.ResetsAt!.Value.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (TolokaOperationFailedException failed)
                {
                    return "failed: " + failed.Operation.Details!.AdditionalProperties["reason"];
                }
            }
        }

        /// <summary>Never answers; only the attempt's cancellation ends it.</summary>
        private sealed class SilentHandler : HttpMessageHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable");
            }
        }
    }
}

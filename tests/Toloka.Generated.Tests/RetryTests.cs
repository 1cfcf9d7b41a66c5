using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>Retries in simulated time: what is repeated, when, and what the caller sees when they run out.</summary>
    public class RetryTests
    {
        private FakeTimeProvider _time = null!;

        [SetUp]
        public void StartClock() => _time = SimulatedTime.NewClock();

        private TolokaClientOptions Options(Action<TolokaRetryOptions>? retry = null)
        {
            var options = new TolokaClientOptions { TimeProvider = _time, NetworkTimeout = Timeout.InfiniteTimeSpan };
            options.Retry.UseJitter = false;
            retry?.Invoke(options.Retry);
            return options;
        }

        private Task<T> Run<T>(Task<T> task) => _time.RunAsync(task, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(10));

        private static string TooMany => Samples.Error("TOO_MANY_REQUESTS", "Too many requests");

        [Test]
        public async Task Rate_limited_clone_is_repeated_after_retry_after_seconds()
        {
            var stub = new StubToloka(_time)
                .Answer((HttpStatusCode)429, TooMany, ("Retry-After", "7"))
                .Answer(HttpStatusCode.Accepted, Samples.ClonePoolOperation);
            using var client = stub.CreateClient(options: Options());

            var operation = await Run(client.ClonePoolAsync("1"));

            Assert.That(operation.Details!.PoolId, Is.EqualTo("2"));
            Assert.That(stub.Requests, Has.Count.EqualTo(2));
            Assert.That(stub.Requests[1].At - stub.Requests[0].At, Is.EqualTo(TimeSpan.FromSeconds(7)));
        }

        [Test]
        public async Task Retry_after_as_an_http_date_is_honoured()
        {
            var resetAt = SimulatedTime.Start.AddSeconds(12);
            var stub = new StubToloka(_time)
                .Answer((HttpStatusCode)429, TooMany, ("Retry-After", resetAt.ToString("r", System.Globalization.CultureInfo.InvariantCulture)))
                .Answer(HttpStatusCode.OK, Samples.CloneTrainingOperation);
            using var client = stub.CreateClient(options: Options());

            await Run(client.CloneTrainingAsync("123456"));

            Assert.That(stub.Requests[1].At, Is.EqualTo(resetAt));
        }

        [Test]
        public async Task Service_unavailable_is_repeated_even_for_clone()
        {
            var stub = new StubToloka(_time)
                .Answer(HttpStatusCode.ServiceUnavailable, Samples.Error("REMOTE_SERVICE_UNAVAILABLE", "busy"))
                .Answer(HttpStatusCode.Accepted, Samples.ClonePoolOperation);
            using var client = stub.CreateClient(options: Options());

            await Run(client.ClonePoolAsync("1"));

            Assert.That(stub.Requests, Has.Count.EqualTo(2));
            Assert.That(stub.Requests[1].At - stub.Requests[0].At, Is.EqualTo(TimeSpan.FromSeconds(1)), "backoff starts at BaseDelay");
        }

        [TestCase(HttpStatusCode.InternalServerError)]
        [TestCase(HttpStatusCode.BadGateway)]
        [TestCase(HttpStatusCode.GatewayTimeout)]
        public void Clone_is_never_repeated_after_a_server_error(HttpStatusCode status)
        {
            var stub = new StubToloka(_time)
                .Answer(status, Samples.Error("INTERNAL_ERROR", "boom"))
                .Answer(HttpStatusCode.Accepted, Samples.ClonePoolOperation);
            using var client = stub.CreateClient(options: Options());

            var exception = Assert.ThrowsAsync<TolokaServerException>(() => Run(client.ClonePoolAsync("1")));

            Assert.That(stub.Requests, Has.Count.EqualTo(1));
            Assert.That(exception!.Attempts, Is.EqualTo(1));
        }

        [Test]
        public void Clone_is_never_repeated_after_a_dropped_connection()
        {
            var stub = new StubToloka(_time)
                .Fail(new HttpRequestException("The response ended prematurely.", new System.IO.IOException("reset")))
                .Answer(HttpStatusCode.Accepted, Samples.ClonePoolOperation);
            using var client = stub.CreateClient(options: Options());

            var exception = Assert.ThrowsAsync<TolokaTransportException>(() => Run(client.CloneTrainingAsync("1")));

            Assert.That(stub.Requests, Has.Count.EqualTo(1));
            Assert.That(exception!.Attempts, Is.EqualTo(1));
            Assert.That(exception.OperationId, Is.EqualTo("cloneTraining"));
        }

        [Test]
        public async Task Archive_is_repeated_after_a_server_error_and_a_dropped_connection()
        {
            var stub = new StubToloka(_time)
                .Answer(HttpStatusCode.InternalServerError, Samples.Error("INTERNAL_ERROR", "boom"))
                .Fail(new HttpRequestException("Connection reset by peer"))
                .Answer(HttpStatusCode.NoContent);
            using var client = stub.CreateClient(options: Options());

            var operation = await Run(client.ArchivePoolAsync("21"));

            Assert.That(operation, Is.Null);
            Assert.That(stub.Requests, Has.Count.EqualTo(3));
            Assert.That(stub.Requests[1].At - stub.Requests[0].At, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(stub.Requests[2].At - stub.Requests[1].At, Is.EqualTo(TimeSpan.FromSeconds(2)));
        }

        [Test]
        public async Task Get_operation_is_repeated_after_a_bad_gateway()
        {
            var stub = new StubToloka(_time)
                .Answer(HttpStatusCode.BadGateway, "<html>bad gateway</html>")
                .Answer(HttpStatusCode.OK, Samples.ArchivePoolOperation);
            using var client = stub.CreateClient(options: Options());

            var operation = await Run(client.GetOperationAsync("op"));

            Assert.That(operation.Type, Is.EqualTo(OperationType.PoolArchive));
            Assert.That(stub.Requests, Has.Count.EqualTo(2));
        }

        [Test]
        public void When_retries_run_out_the_exception_says_how_many_attempts_and_when_the_limit_resets()
        {
            var stub = new StubToloka(_time);
            for (var i = 0; i < 3; i++)
            {
                stub.Answer((HttpStatusCode)429, TooMany, ("Retry-After", "5"));
            }

            using var client = stub.CreateClient(options: Options(retry => retry.MaxAttempts = 3));

            var exception = Assert.ThrowsAsync<TolokaRateLimitedException>(() => Run(client.ClonePoolAsync("1")));

            Assert.That(stub.Requests, Has.Count.EqualTo(3));
            Assert.That(exception!.Attempts, Is.EqualTo(3));
            Assert.That(exception.Message, Does.Contain("after 3 attempts"));
            Assert.That(exception.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(exception.ResetsAt, Is.EqualTo(stub.Requests[2].At.AddSeconds(5)));
        }

        [Test]
        public void A_retry_after_beyond_the_budget_ends_the_call_at_once()
        {
            var stub = new StubToloka(_time)
                .Answer((HttpStatusCode)429, Samples.Error("TOO_MANY_REQUESTS", "Daily limit"), ("Retry-After", "36000"))
                .Answer(HttpStatusCode.Accepted, Samples.ClonePoolOperation);
            using var client = stub.CreateClient(options: Options(retry => retry.TotalBudget = TimeSpan.FromMinutes(2)));

            var exception = Assert.ThrowsAsync<TolokaRateLimitedException>(() => Run(client.ClonePoolAsync("1")));

            Assert.That(stub.Requests, Has.Count.EqualTo(1));
            Assert.That(exception!.ResetsAt, Is.EqualTo(SimulatedTime.Start.AddHours(10)));
            Assert.That(_time.GetUtcNow() - SimulatedTime.Start, Is.LessThan(TimeSpan.FromSeconds(1)));
        }

        [Test]
        public void By_default_a_call_that_keeps_being_rate_limited_gives_up_within_a_minute()
        {
            var stub = new StubToloka(_time).Otherwise(_ =>
            {
                var answer = StubToloka.Json((HttpStatusCode)429, TooMany);
                answer.Headers.TryAddWithoutValidation("Retry-After", "30");
                return answer;
            });
            var options = new TolokaClientOptions { TimeProvider = _time, NetworkTimeout = Timeout.InfiniteTimeSpan };
            using var client = stub.CreateClient(options: options);

            var exception = Assert.ThrowsAsync<TolokaRateLimitedException>(() => Run(client.ClonePoolAsync("1")));

            Assert.That(exception!.Attempts, Is.EqualTo(3));
            Assert.That(stub.Requests.Last().At - SimulatedTime.Start, Is.EqualTo(TimeSpan.FromSeconds(60)));
        }

        [Test]
        public async Task Every_attempt_sends_a_fresh_authenticated_request()
        {
            var stub = new StubToloka(_time)
                .Answer(HttpStatusCode.ServiceUnavailable)
                .Answer(HttpStatusCode.ServiceUnavailable)
                .Answer(HttpStatusCode.OK, Samples.ArchivePoolOperation);
            using var client = stub.CreateClient(options: Options());

            await Run(client.ArchivePoolAsync("21"));

            var sent = stub.Handler.Invocations.Select(invocation => (HttpRequestMessage)invocation.Arguments[0]).ToList();
            Assert.That(sent, Has.Count.EqualTo(3));
            Assert.That(sent.Distinct().Count(), Is.EqualTo(3), "each attempt is a new HttpRequestMessage");
            Assert.That(stub.Requests.Select(r => r.Authorization), Has.All.EqualTo(new[] { "OAuth " + Samples.Token }));
            Assert.That(stub.Requests.Select(r => r.Uri.AbsoluteUri).Distinct(), Is.EqualTo(new[] { "https://toloka.dev/api/v1/pools/21/archive" }));
        }

        [Test]
        public async Task Caller_cancellation_during_a_backoff_wait_is_not_retried()
        {
            var stub = new StubToloka(_time)
                .Answer((HttpStatusCode)429, TooMany, ("Retry-After", "30"))
                .Answer(HttpStatusCode.Accepted, Samples.ClonePoolOperation);
            using var client = stub.CreateClient(options: Options());
            using var cancellation = new CancellationTokenSource();

            var call = client.ClonePoolAsync("1", cancellation.Token);
            _time.Advance(TimeSpan.FromSeconds(10));
            cancellation.Cancel();

            Assert.CatchAsync<OperationCanceledException>(() => call);
            _time.Advance(TimeSpan.FromMinutes(5));
            await Task.Yield();
            Assert.That(stub.Requests, Has.Count.EqualTo(1));
        }

        [Test]
        public async Task Backoff_doubles_and_is_capped_without_retry_after()
        {
            var stub = new StubToloka(_time);
            for (var i = 0; i < 5; i++)
            {
                stub.Answer(HttpStatusCode.ServiceUnavailable);
            }

            stub.Answer(HttpStatusCode.OK, Samples.ArchivePoolOperation);
            using var client = stub.CreateClient(options: Options(retry =>
            {
                retry.MaxAttempts = 6;
                retry.MaxDelay = TimeSpan.FromSeconds(5);
            }));

            await Run(client.GetOperationAsync("op"));

            var gaps = stub.Requests.Zip(stub.Requests.Skip(1), (a, b) => (b.At - a.At).TotalSeconds).ToArray();
            Assert.That(gaps, Is.EqualTo(new[] { 1.0, 2.0, 4.0, 5.0, 5.0 }));
        }

        [Test]
        public async Task Jitter_keeps_each_delay_between_half_and_all_of_the_backoff()
        {
            var stub = new StubToloka(_time);
            for (var i = 0; i < 3; i++)
            {
                stub.Answer(HttpStatusCode.ServiceUnavailable);
            }

            stub.Answer(HttpStatusCode.OK, Samples.ArchivePoolOperation);
            var options = Options(retry => retry.BaseDelay = TimeSpan.FromSeconds(8));
            options.Retry.UseJitter = true;
            using var client = stub.CreateClient(options: options);

            await _time.RunAsync(client.GetOperationAsync("op"), TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(5));

            var gaps = stub.Requests.Zip(stub.Requests.Skip(1), (a, b) => (b.At - a.At).TotalSeconds).ToArray();
            Assert.That(gaps[0], Is.InRange(4.0 - 0.05, 8.0 + 0.05));
            Assert.That(gaps[1], Is.InRange(8.0 - 0.05, 16.0 + 0.05));
            Assert.That(gaps[2], Is.InRange(15.0 - 0.05, 30.0 + 0.05));
        }

        [Test]
        public void Retries_off_means_one_attempt()
        {
            var stub = new StubToloka(_time).Answer((HttpStatusCode)429, TooMany, ("Retry-After", "1"));
            using var client = stub.CreateClient(options: Options(retry => retry.MaxAttempts = 1));

            var exception = Assert.ThrowsAsync<TolokaRateLimitedException>(() => Run(client.ClonePoolAsync("1")));

            Assert.That(exception!.Attempts, Is.EqualTo(1));
        }

        [Test]
        public void Network_timeout_of_an_attempt_is_a_transport_failure_repeated_only_when_safe()
        {
            var options = Options();
            options.NetworkTimeout = TimeSpan.FromSeconds(10);
            options.ResolveLostAnswers = false;
            var handler = new HangingHandler();
            using var client = new TolokaClient(new HttpClient(handler), Samples.Token, options);

            var exception = Assert.ThrowsAsync<TolokaTransportException>(() => Run(client.ClonePoolAsync("1")));

            Assert.That(exception!.TimedOut, Is.True);
            Assert.That(handler.Calls, Is.EqualTo(1));
            Assert.That(exception.Message, Does.Not.Contain(Samples.Token));
        }

        [Test]
        public void A_request_the_spec_does_not_mark_retry_safe_is_not_repeated_after_a_server_error()
        {
            var stub = new StubToloka(_time)
                .Answer(HttpStatusCode.InternalServerError)
                .Answer(HttpStatusCode.OK, "{}");
            var pipeline = new TolokaHttpPipeline(stub.CreateHttpClient(), Samples.Token, Options());
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("pools/1/open", UriKind.Relative));
            var unmarked = new TolokaRequestDescription("openPool", HttpMethod.Post, retrySafe: false, requestsPerMinute: 0, requestsPerDay: 0, sendsEmptyBody: true);

            Assert.ThrowsAsync<TolokaServerException>(() => Run(pipeline.SendAsync(request, unmarked, null, CancellationToken.None).AsTask()));
            Assert.That(stub.Requests, Has.Count.EqualTo(1));
        }

        [Test]
        public async Task A_request_marked_retry_safe_is_repeated_after_a_server_error()
        {
            var stub = new StubToloka(_time)
                .Answer(HttpStatusCode.InternalServerError)
                .Answer(HttpStatusCode.OK, "{}");
            var pipeline = new TolokaHttpPipeline(stub.CreateHttpClient(), Samples.Token, Options());
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("pools/1/open", UriKind.Relative));
            var marked = new TolokaRequestDescription("openPool", HttpMethod.Post, retrySafe: true, requestsPerMinute: 0, requestsPerDay: 0, sendsEmptyBody: true);

            using var answer = await Run(pipeline.SendAsync(request, marked, null, CancellationToken.None).AsTask());

            Assert.That(stub.Requests, Has.Count.EqualTo(2));
        }

        private sealed class HangingHandler : HttpMessageHandler
        {
            public int Calls;

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref Calls);
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable");
            }
        }
    }
}

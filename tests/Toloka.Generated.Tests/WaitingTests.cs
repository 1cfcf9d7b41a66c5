using System;
using System.Collections.Generic;
using System.Globalization;
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
    /// <summary>Waiting for operations in simulated time.</summary>
    public class WaitingTests
    {
        private FakeTimeProvider _time = null!;

        [SetUp]
        public void StartClock() => _time = SimulatedTime.NewClock();

        private TolokaClientOptions Options() => new() { TimeProvider = _time, NetworkTimeout = Timeout.InfiniteTimeSpan };

        /// <summary>An operation that runs from the start of simulated time and succeeds after <paramref name="duration"/>.</summary>
        private HttpResponseMessage OperationAt(TimeSpan duration, string type = "POOL.CLONE", string details = "{\"pool_id\":\"2\"}", string finalStatus = "SUCCESS")
        {
            var elapsed = _time.GetUtcNow() - SimulatedTime.Start;
            var done = elapsed >= duration;
            var progress = done ? 100 : (int)(100 * elapsed.Ticks / duration.Ticks);
            var status = done ? finalStatus : elapsed < TimeSpan.FromSeconds(2) ? "PENDING" : "RUNNING";
            var json = "{\"id\":\"op-1\",\"type\":\"" + type + "\",\"status\":\"" + status + "\",\"progress\":"
                + progress.ToString(CultureInfo.InvariantCulture) + ",\"parameters\":{\"pool_id\":\"1\"}"
                + (done ? ",\"details\":" + details : string.Empty) + "}";
            return StubToloka.Json(HttpStatusCode.OK, json);
        }

        private static Operation Pending(string id = "op-1") => new() { Id = id, Type = OperationType.PoolClone, Status = OperationStatus.Pending, Progress = 0 };

        [Test]
        public async Task A_ten_minute_operation_is_seen_within_one_capped_interval_in_about_twenty_polls()
        {
            var duration = TimeSpan.FromMinutes(10);
            var stub = new StubToloka(_time).Otherwise(_ => OperationAt(duration));
            using var client = stub.CreateClient(options: Options());

            var finished = await _time.RunAsync(client.WaitForCompletionAsync(Pending()), TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(1));

            Assert.That(finished.Status, Is.EqualTo(OperationStatus.Success));
            var seenAt = stub.Requests.Last().At - SimulatedTime.Start;
            Assert.That(seenAt - duration, Is.InRange(TimeSpan.Zero, TimeSpan.FromSeconds(60)));
            Assert.That(stub.Requests, Has.Count.LessThanOrEqualTo(20));
            var gaps = stub.Requests.Zip(stub.Requests.Skip(1), (a, b) => (b.At - a.At).TotalSeconds).ToArray();
            Assert.That(gaps.Take(6), Is.EqualTo(new[] { 2.0, 4.0, 8.0, 16.0, 32.0, 60.0 }));
            Assert.That(gaps.Skip(5), Has.All.EqualTo(60.0));
            Assert.That(stub.Requests.Select(r => r.Uri.AbsolutePath), Has.All.EqualTo("/api/v1/operations/op-1"));
        }

        [Test]
        public async Task Progress_reports_arrive_in_order_once_per_change()
        {
            var stub = new StubToloka(_time).Otherwise(_ => OperationAt(TimeSpan.FromSeconds(40)));
            using var client = stub.CreateClient(options: Options());
            var reports = new List<Operation>();
            var progress = new SynchronousProgress(reports.Add);

            await _time.RunAsync(client.WaitForCompletionAsync(Pending(), progress), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5));

            Assert.That(reports.First().Status, Is.EqualTo(OperationStatus.Pending));
            Assert.That(reports.Last().Status, Is.EqualTo(OperationStatus.Success));
            Assert.That(reports.Select(r => r.Progress), Is.Ordered.Ascending);
            Assert.That(reports.Select(r => (r.Status, r.Progress)), Is.Unique);
            Assert.That(reports, Has.Count.GreaterThan(3));
        }

        [Test]
        public void A_failed_operation_raises_the_dedicated_exception_with_its_details()
        {
            var stub = new StubToloka(_time).Otherwise(_ => OperationAt(TimeSpan.FromSeconds(5), details: "{\"reason\":\"quota exceeded\"}", finalStatus: "FAIL"));
            using var client = stub.CreateClient(options: Options());

            var exception = Assert.ThrowsAsync<TolokaOperationFailedException>(
                () => _time.RunAsync(client.WaitForCompletionAsync("op-1"), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5)));

            Assert.That(exception!.Operation.Status, Is.EqualTo(OperationStatus.Fail));
            Assert.That(exception.Operation.Details!.AdditionalProperties["reason"], Is.EqualTo("quota exceeded"));
            Assert.That(exception.Message, Does.Contain("op-1").And.Contain("quota exceeded"));
        }

        [Test]
        public void A_timeout_names_the_operation_and_how_long_it_waited()
        {
            var stub = new StubToloka(_time).Otherwise(_ => OperationAt(TimeSpan.FromHours(5)));
            using var client = stub.CreateClient(options: Options());
            var polling = new TolokaPollingOptions { Timeout = TimeSpan.FromMinutes(3) };

            var exception = Assert.ThrowsAsync<TolokaOperationTimeoutException>(
                () => _time.RunAsync(client.WaitForCompletionAsync(Pending(), polling: polling), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(10)));

            Assert.That(exception!.OperationId, Is.EqualTo("op-1"));
            Assert.That(exception.Waited, Is.EqualTo(TimeSpan.FromMinutes(3)));
            Assert.That(exception.LastKnown.Status, Is.EqualTo(OperationStatus.Running));
            Assert.That(exception.Message, Does.Contain("op-1").And.Contain("180 s"));
            Assert.That(exception, Is.Not.InstanceOf<OperationCanceledException>());
        }

        [Test]
        public async Task Cancellation_stops_the_wait_without_time_moving()
        {
            var stub = new StubToloka(_time).Otherwise(_ => OperationAt(TimeSpan.FromHours(1)));
            using var client = stub.CreateClient(options: Options());
            using var cancellation = new CancellationTokenSource();

            var wait = client.WaitForCompletionAsync(Pending(), cancellationToken: cancellation.Token);
            _time.Advance(TimeSpan.FromSeconds(3));
            var pollsBefore = stub.Requests.Count;
            var frozenAt = _time.GetUtcNow();
            cancellation.Cancel();

            Assert.CatchAsync<OperationCanceledException>(() => wait);
            Assert.That(_time.GetUtcNow(), Is.EqualTo(frozenAt));
            Assert.That(stub.Requests, Has.Count.EqualTo(pollsBefore));
            await Task.CompletedTask;
        }

        [Test]
        public async Task An_operation_that_already_succeeded_is_returned_without_polling()
        {
            var stub = new StubToloka(_time);
            using var client = stub.CreateClient(options: Options());
            var done = new Operation { Id = "op-1", Type = OperationType.PoolArchive, Status = OperationStatus.Success };

            Assert.That(await client.WaitForCompletionAsync(done), Is.SameAs(done));
            Assert.That(stub.Requests, Is.Empty);
        }

        [Test]
        public async Task Clone_pool_and_wait_returns_the_new_pool_id()
        {
            var stub = new StubToloka(_time)
                .Answer(HttpStatusCode.Accepted, "{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":\"PENDING\",\"progress\":0,\"parameters\":{\"pool_id\":\"1\"}}")
                .Otherwise(_ => OperationAt(TimeSpan.FromSeconds(20), details: "{\"pool_id\":\"987\"}"));
            using var client = stub.CreateClient(options: Options());

            var clone = await _time.RunAsync(client.ClonePoolAndWaitAsync("1"), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5));

            Assert.That(clone.NewId, Is.EqualTo("987"));
            Assert.That(clone.SourceId, Is.EqualTo("1"));
            Assert.That(clone.Operation.Status, Is.EqualTo(OperationStatus.Success));
            Assert.That(stub.Requests[0].Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(stub.Requests.Skip(1).Select(r => r.Method), Has.All.EqualTo(HttpMethod.Get));
        }

        [Test]
        public async Task Clone_training_and_wait_returns_the_new_training_id()
        {
            var stub = new StubToloka(_time)
                .Answer(HttpStatusCode.Accepted, "{\"id\":\"op-1\",\"type\":\"TRAINING.CLONE\",\"status\":\"PENDING\"}")
                .Otherwise(_ => OperationAt(TimeSpan.FromSeconds(3), type: "TRAINING.CLONE", details: "{\"training_id\":\"123457\"}"));
            using var client = stub.CreateClient(options: Options());

            var clone = await _time.RunAsync(client.CloneTrainingAndWaitAsync("123456"), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5));

            Assert.That(clone.NewId, Is.EqualTo("123457"));
        }

        [Test]
        public void Clone_that_succeeds_without_a_new_id_is_a_typed_invalid_response()
        {
            var stub = new StubToloka(_time)
                .Answer(HttpStatusCode.OK, "{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":\"SUCCESS\",\"details\":{}}");
            using var client = stub.CreateClient(options: Options());

            var exception = Assert.ThrowsAsync<TolokaApiException>(() => client.ClonePoolAndWaitAsync("1"));

            Assert.That(exception!.Kind, Is.EqualTo(TolokaErrorKind.InvalidResponse));
            Assert.That(exception.Message, Does.Contain("details.pool_id"));
        }

        [Test]
        public async Task Archive_and_wait_of_an_archived_pool_completes_at_once_with_null()
        {
            var stub = new StubToloka(_time).Answer(HttpStatusCode.NoContent);
            using var client = stub.CreateClient(options: Options());

            Assert.That(await client.ArchivePoolAndWaitAsync("21"), Is.Null);
            Assert.That(await new StubToloka(_time).Answer(HttpStatusCode.NoContent).CreateClient(options: Options()).ArchiveTrainingAndWaitAsync("5"), Is.Null);
            Assert.That(stub.Requests, Has.Count.EqualTo(1));
        }

        [Test]
        public async Task Archive_and_wait_polls_the_archive_operation_to_success()
        {
            var stub = new StubToloka(_time)
                .Answer(HttpStatusCode.Accepted, "{\"id\":\"op-1\",\"type\":\"POOL.ARCHIVE\",\"status\":\"PENDING\"}")
                .Otherwise(_ => OperationAt(TimeSpan.FromSeconds(6), type: "POOL.ARCHIVE", details: "{}"));
            using var client = stub.CreateClient(options: Options());

            var archived = await _time.RunAsync(client.ArchivePoolAndWaitAsync("21"), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5));

            Assert.That(archived!.Status, Is.EqualTo(OperationStatus.Success));
            Assert.That(archived.Type, Is.EqualTo(OperationType.PoolArchive));
        }

        [Test]
        public async Task A_rate_limited_poll_waits_as_long_as_toloka_asks_and_polls_again()
        {
            var options = Options();
            options.Retry.MaxAttempts = 1;
            var stub = new StubToloka(_time)
                .Answer((HttpStatusCode)429, Samples.Error("TOO_MANY_REQUESTS", "slow down"), ("Retry-After", "45"))
                .Otherwise(_ => OperationAt(TimeSpan.FromSeconds(1)));
            using var client = stub.CreateClient(options: options);

            var finished = await _time.RunAsync(client.WaitForCompletionAsync(Pending()), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5));

            Assert.That(finished.Status, Is.EqualTo(OperationStatus.Success));
            Assert.That(stub.Requests, Has.Count.EqualTo(2));
            Assert.That(stub.Requests[1].At - stub.Requests[0].At, Is.EqualTo(TimeSpan.FromSeconds(45)));
        }

        [Test]
        public async Task A_poll_answer_with_retry_after_delays_the_next_poll_that_long()
        {
            var polls = 0;
            var stub = new StubToloka(_time).Otherwise(_ =>
            {
                var answer = OperationAt(TimeSpan.FromSeconds(100));
                if (++polls == 1)
                {
                    answer.Headers.TryAddWithoutValidation("Retry-After", "20");
                }

                return answer;
            });
            using var client = stub.CreateClient(options: Options());

            await _time.RunAsync(client.WaitForCompletionAsync(Pending()), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(10));

            var gaps = stub.Requests.Zip(stub.Requests.Skip(1), (a, b) => (b.At - a.At).TotalSeconds).ToArray();
            Assert.That(gaps[0], Is.EqualTo(20.0), "the poll after the one that said Retry-After: 20");
            Assert.That(gaps[1], Is.EqualTo(40.0), "backoff continues from there");
        }

        [Test]
        public void Bad_polling_options_are_an_ArgumentException()
        {
            using var client = new StubToloka(_time).CreateClient(options: Options());

            Assert.CatchAsync<ArgumentException>(() => client.WaitForCompletionAsync(Pending(), polling: new TolokaPollingOptions { BackoffFactor = 0.5 }));
            Assert.ThrowsAsync<ArgumentNullException>(() => client.WaitForCompletionAsync((Operation)null!));
        }

        private sealed class SynchronousProgress : IProgress<Operation>
        {
            private readonly Action<Operation> _report;

            public SynchronousProgress(Action<Operation> report) => _report = report;

            public void Report(Operation value) => _report(value);
        }
    }
}

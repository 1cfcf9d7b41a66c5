using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>The flows generated from the spec for every operation: wait variants, the pager, UTC query timestamps.</summary>
    public class FlowTests
    {
        private FakeTimeProvider _time = null!;

        [SetUp]
        public void StartClock() => _time = SimulatedTime.NewClock();

        private TolokaClientOptions Options() => new() { TimeProvider = _time, NetworkTimeout = Timeout.InfiniteTimeSpan };

        private static string Page(bool hasMore, params string[] ids) =>
            "{\"items\":[" + string.Join(",", ids.Select(id => "{\"id\":\"" + id + "\",\"type\":\"POOL.OPEN\",\"status\":\"SUCCESS\"}")) + "],\"has_more\":" + (hasMore ? "true" : "false") + "}";

        [Test]
        public async Task Open_and_wait_of_an_open_pool_is_null_at_once()
        {
            var stub = new StubToloka(_time).Answer(HttpStatusCode.NoContent);
            using var client = stub.CreateClient(options: Options());

            Assert.That(await client.OpenPoolAndWaitAsync("21"), Is.Null);
            Assert.That(stub.SingleRequest.Uri.AbsolutePath, Is.EqualTo("/api/v1/pools/21/open"));
        }

        [Test]
        public async Task Close_training_and_wait_polls_the_operation_it_started()
        {
            var stub = new StubToloka(_time)
                .Answer(HttpStatusCode.Accepted, "{\"id\":\"op-9\",\"type\":\"TRAINING.CLOSE\",\"status\":\"PENDING\"}")
                .Answer(HttpStatusCode.OK, "{\"id\":\"op-9\",\"type\":\"TRAINING.CLOSE\",\"status\":\"SUCCESS\",\"progress\":100,\"details\":{}}");
            using var client = stub.CreateClient(options: Options());

            var closed = await _time.RunAsync(client.CloseTrainingAndWaitAsync("5"), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5));

            Assert.That(closed!.Status, Is.EqualTo(OperationStatus.Success));
            Assert.That(stub.Requests.Select(r => r.Method.Method + " " + r.Uri.AbsolutePath), Is.EqualTo(new[] { "POST /api/v1/trainings/5/close", "GET /api/v1/operations/op-9" }));
        }

        [Test]
        public async Task A_new_id_sent_as_a_number_reads_as_text()
        {
            var stub = new StubToloka(_time).Answer(HttpStatusCode.OK, "{\"id\":\"op-1\",\"type\":\"TRAINING.CLONE\",\"status\":\"SUCCESS\",\"details\":{\"training_id\":77}}");
            using var client = stub.CreateClient(options: Options());

            var clone = await client.CloneTrainingAndWaitAsync("5");

            Assert.That(clone.NewId, Is.EqualTo("77"));
            Assert.That(clone.SourceId, Is.EqualTo("5"));
        }

        [Test]
        public void Bad_polling_options_are_refused_before_the_operation_starts()
        {
            var stub = new StubToloka(_time);
            using var client = stub.CreateClient(options: Options());

            Assert.CatchAsync<ArgumentException>(() => client.OpenPoolAndWaitAsync("1", polling: new TolokaPollingOptions { BackoffFactor = 0.5 }));
            Assert.That(stub.Requests, Is.Empty);
        }

        [Test]
        public async Task The_pager_sorts_by_id_and_asks_each_next_page_after_the_last_id()
        {
            var stub = new StubToloka(_time)
                .Answer(HttpStatusCode.OK, Page(true, "a", "b"))
                .Answer(HttpStatusCode.OK, Page(true, "c", "d"))
                .Answer(HttpStatusCode.OK, Page(false, "e"));
            using var client = stub.CreateClient(options: Options());

            var ids = new List<string>();
            await foreach (var operation in client.GetOperationsAsync(type: OperationType.PoolOpen, limit: 2))
            {
                ids.Add(operation.Id);
            }

            Assert.That(ids, Is.EqualTo(new[] { "a", "b", "c", "d", "e" }));
            var queries = stub.Requests.Select(r => Uri.UnescapeDataString(r.Uri.Query)).ToArray();
            Assert.That(queries, Is.EqualTo(new[]
            {
                "?type=POOL.OPEN&sort=id&limit=2",
                "?type=POOL.OPEN&id_gt=b&sort=id&limit=2",
                "?type=POOL.OPEN&id_gt=d&sort=id&limit=2",
            }));
        }

        [Test]
        public async Task The_pager_stops_when_a_page_is_empty_or_the_last_id_does_not_advance()
        {
            var ignoresIdGt = new StubToloka(_time).Otherwise(_ => StubToloka.Json(HttpStatusCode.OK, Page(true, "a", "b")));
            var empty = new StubToloka(_time).Otherwise(_ => StubToloka.Json(HttpStatusCode.OK, Page(true)));
            using var first = ignoresIdGt.CreateClient(options: Options());
            using var second = empty.CreateClient(options: Options());

            var repeated = await Collect(first.GetOperationsAsync());
            var none = await Collect(second.GetOperationsAsync());

            Assert.That(repeated, Is.EqualTo(new[] { "a", "b", "a", "b" }));
            Assert.That(ignoresIdGt.Requests, Has.Count.EqualTo(2));
            Assert.That(none, Is.Empty);
            Assert.That(empty.Requests, Has.Count.EqualTo(1));
        }

        [Test]
        public void A_cancelled_listing_stops_before_asking_for_a_page()
        {
            var stub = new StubToloka(_time).Otherwise(_ => StubToloka.Json(HttpStatusCode.OK, Page(true, "a")));
            using var client = stub.CreateClient(options: Options());
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();

            Assert.CatchAsync<OperationCanceledException>(() => Collect(client.GetOperationsAsync(cancellationToken: cancelled.Token)));
            Assert.That(stub.Requests, Is.Empty);
        }

        [Test]
        public async Task Query_timestamps_go_out_in_utc_in_tolokas_form_whatever_the_callers_offset()
        {
            var stub = new StubToloka(_time).Otherwise(_ => StubToloka.Json(HttpStatusCode.OK, Page(false)));
            using var client = stub.CreateClient(options: Options());
            var moscow = new DateTimeOffset(2021, 2, 26, 13, 13, 32, 921, TimeSpan.FromHours(3));

            await client.FindOperationsAsync(submittedGte: moscow, finishedLt: new DateTimeOffset(2021, 2, 26, 0, 30, 0, TimeSpan.FromHours(-5)));

            Assert.That(Uri.UnescapeDataString(stub.SingleRequest.Uri.Query), Is.EqualTo("?submitted_gte=2021-02-26T10:13:32.921&finished_lt=2021-02-26T05:30:00.000"));
        }

        private static async Task<List<string>> Collect(IAsyncEnumerable<Operation> operations)
        {
            var ids = new List<string>();
            await foreach (var operation in operations)
            {
                ids.Add(operation.Id);
            }

            return ids;
        }
    }
}

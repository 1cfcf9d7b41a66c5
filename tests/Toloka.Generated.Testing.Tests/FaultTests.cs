using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Testing.Tests.Support;

namespace Toloka.Generated.Testing.Tests
{
    /// <summary>Faults queued for the next requests to an endpoint, and the request log that shows what happened.</summary>
    public class FaultTests
    {
        private static readonly object[] AnswerFaults =
        {
            new object[] { FakeFault.InternalError(), 500, "INTERNAL_ERROR", null! },
            new object[] { FakeFault.ServiceUnavailable(), 503, "REMOTE_SERVICE_UNAVAILABLE", null! },
            new object[] { FakeFault.ServiceUnavailable(TimeSpan.FromSeconds(30)), 503, "REMOTE_SERVICE_UNAVAILABLE", "30" },
            new object[] { FakeFault.TooManyRequests(TimeSpan.FromSeconds(45.2)), 429, "TOO_MANY_REQUESTS", "46" },
            new object[] { FakeFault.TooManyRequests(new DateTimeOffset(2024, 5, 1, 10, 1, 30, TimeSpan.Zero)), 429, "TOO_MANY_REQUESTS", "Wed, 01 May 2024 10:01:30 GMT" },
            new object[] { FakeFault.Error(403, "ACCESS_DENIED", "Access denied"), 403, "ACCESS_DENIED", null! },
            new object[] { FakeFault.Error(400, "VALIDATION_ERROR", "Validation failed"), 400, "VALIDATION_ERROR", null! },
        };

        [TestCaseSource(nameof(AnswerFaults))]
        public async Task An_answer_fault_replaces_the_answer_with_Toloka_error_body_and_handles_nothing(FakeFault fault, int status, string code, string? retryAfter)
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);
            h.Fake.InjectFault(FakeTolokaEndpoint.ClonePool, fault);

            var failed = await h.PostAsync("pools/" + poolId + "/clone");
            var next = await h.PostAsync("pools/" + poolId + "/clone");

            Assert.That(failed.Status, Is.EqualTo(status));
            Assert.That(failed.String("code"), Is.EqualTo(code));
            Assert.That(failed.String("request_id"), Is.Not.Empty);
            Assert.That(failed.RetryAfter, Is.EqualTo(retryAfter));
            Assert.That(next.Status, Is.EqualTo(202), "a fault is used once");
            Assert.That(h.Fake.Operations, Has.Count.EqualTo(1), "only the second clone started");
            Assert.That(h.Fake.Requests.Select(r => r.Fault), Is.EqualTo(new[] { fault, null }));
            Assert.That(h.Fake.Requests[0].StatusCode, Is.EqualTo(status));
        }

        [Test]
        public async Task A_500_on_clone_reaches_the_client_as_TolokaServerException_after_one_request()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);
            h.Fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.InternalError());

            var error = Assert.ThrowsAsync<TolokaServerException>(() => h.Client.ClonePoolAsync(poolId));

            Assert.That(error!.ErrorCode, Is.EqualTo("INTERNAL_ERROR"));
            Assert.That(h.Fake.Requests, Has.Count.EqualTo(1), "clone is not safe to repeat, so it was sent exactly once");
        }

        [Test]
        public async Task A_429_with_an_http_date_reaches_the_client_as_a_delay_on_the_fakes_clock()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);
            h.Fake.InjectFault(FakeTolokaEndpoint.ArchivePool, FakeFault.TooManyRequests(FakeTolokaHarness.Start.AddSeconds(90)), times: 5);

            var error = Assert.ThrowsAsync<TolokaRateLimitedException>(() => h.Client.ArchivePoolAsync(poolId));

            Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(90)));
            Assert.That(error.ResetsAt, Is.EqualTo(FakeTolokaHarness.Start.AddSeconds(90)));
            Assert.That(h.Fake.GetPool(poolId).Status, Is.EqualTo(FakePoolStatus.Closed));
        }

        [Test]
        public async Task A_connection_dropped_before_handling_is_a_transport_failure_and_nothing_is_cloned()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);
            await h.Client.GetOperationAsync((await h.Client.ClonePoolAsync(poolId)).Id); // a warm, reused connection
            h.Fake.ClearRequests();
            h.Fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnection());

            var error = Assert.ThrowsAsync<TolokaTransportException>(() => h.Client.ClonePoolAsync(poolId));

            Assert.That(error!.OperationId, Is.EqualTo("clonePool"));
            Assert.That(h.Fake.Operations, Has.Count.EqualTo(1), "only the first clone exists");
            var logged = h.Fake.Requests.Single();
            Assert.That(logged.Endpoint, Is.EqualTo(FakeTolokaEndpoint.ClonePool));
            Assert.That(logged.StatusCode, Is.Null);
            Assert.That(logged.Fault, Is.Not.Null);
        }

        [Test]
        public async Task A_connection_dropped_after_handling_loses_the_answer_but_the_clone_happened_once()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);
            h.Fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnectionAfterHandling());

            Assert.ThrowsAsync<TolokaTransportException>(() => h.Client.ClonePoolAsync(poolId));
            h.Advance(5);

            Assert.That(h.Fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.ClonePool), Is.EqualTo(1), "clone was sent exactly once");
            Assert.That(h.Fake.Operations.Single().Status, Is.EqualTo(FakeOperationStatus.Success));
            Assert.That(h.Fake.Pools, Has.Count.EqualTo(2));
        }

        [Test]
        public async Task A_truncated_body_is_a_transport_failure_for_the_client_and_the_clone_happened()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);
            h.Fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.TruncateBody());

            var error = Assert.ThrowsAsync<TolokaTransportException>(() => h.Client.ClonePoolAsync(poolId));

            Assert.That(error!.TimedOut, Is.False);
            Assert.That(h.Fake.Operations, Has.Count.EqualTo(1));
            var logged = h.Fake.Requests.Single();
            Assert.That(logged.StatusCode, Is.EqualTo(202), "the status line and headers went out");
            Assert.That(logged.Fault, Is.Not.Null);
        }

        [Test]
        public async Task A_truncated_body_arrives_as_the_first_half_of_the_json_under_the_full_content_length()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);
            h.Fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.TruncateBody());
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(h.Fake.BaseUri, "pools/" + poolId + "/clone"));
            request.Headers.TryAddWithoutValidation("Authorization", h.Authorization);

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var declared = response.Content.Headers.ContentLength;
            using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[4096];
            var received = 0;
            var cut = Assert.CatchAsync<IOException>(async () =>
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(received))) > 0)
                {
                    received += read;
                }
            });

            Assert.That((int)response.StatusCode, Is.EqualTo(202));
            Assert.That(cut, Is.Not.Null);
            Assert.That(received, Is.GreaterThan(0).And.EqualTo(declared!.Value / 2));
            Assert.That(System.Text.Encoding.UTF8.GetString(buffer, 0, received), Does.StartWith("{\"id\":"));
        }

        [Test]
        public async Task Truncating_an_answer_without_a_body_drops_the_connection_instead()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Archived);
            h.Fake.InjectFault(FakeTolokaEndpoint.ArchivePool, FakeFault.TruncateBody());

            Assert.ThrowsAsync<HttpRequestException>(() => h.PostAsync("pools/" + poolId + "/archive"));

            Assert.That(h.Fake.Requests.Single().StatusCode, Is.Null);
        }

        [Test]
        public async Task Faults_apply_to_the_next_n_requests_of_their_endpoint_only_in_the_order_queued()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);
            h.Fake.InjectFault(FakeTolokaEndpoint.ArchivePool, FakeFault.ServiceUnavailable(), times: 2);
            h.Fake.InjectFault(FakeTolokaEndpoint.ArchivePool, FakeFault.InternalError());

            var clone = await h.PostAsync("pools/" + poolId + "/clone");
            var pending = h.Fake.PendingFaults(FakeTolokaEndpoint.ArchivePool);
            var statuses = await h.PostRepeatedlyAsync("pools/" + poolId + "/archive", 4);

            Assert.That(clone.Status, Is.EqualTo(202));
            Assert.That(pending, Is.EqualTo(3));
            Assert.That(statuses, Is.EqualTo(new[] { 503, 503, 500, 202 }));
            Assert.That(h.Fake.PendingFaults(FakeTolokaEndpoint.ArchivePool), Is.Zero);
        }

        [Test]
        public async Task A_fault_takes_effect_before_auth_and_rate_limits_as_a_broken_gateway_would()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            h.Fake.InjectFault(FakeTolokaEndpoint.GetOperation, FakeFault.ServiceUnavailable());

            var answer = await h.SendAsync(HttpMethod.Get, "operations/" + Guid.NewGuid(), authorization: null);

            Assert.That(answer.Status, Is.EqualTo(503));
            Assert.That(h.Fake.Requests.Single().IsAuthenticated, Is.False);
        }

        [Test]
        public async Task The_request_log_records_method_path_endpoint_auth_time_and_status()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);
            h.Advance(3);

            await h.Client.ClonePoolAsync(poolId);
            h.Advance(1);
            await h.SendAsync(HttpMethod.Get, "pools/" + poolId + "/tasks", authorization: null);

            var log = h.Fake.Requests;
            Assert.That(log, Has.Count.EqualTo(2));
            Assert.That(log[0].Method, Is.EqualTo("POST"));
            Assert.That(log[0].Path, Is.EqualTo("/api/v1/pools/" + poolId + "/clone"));
            Assert.That(log[0].Endpoint, Is.EqualTo(FakeTolokaEndpoint.ClonePool));
            Assert.That(log[0].IsAuthenticated, Is.True);
            Assert.That(log[0].ReceivedAt, Is.EqualTo(FakeTolokaHarness.Start.AddSeconds(3)));
            Assert.That(log[0].StatusCode, Is.EqualTo(202));
            Assert.That(log[0].ToString(), Is.EqualTo("POST /api/v1/pools/" + poolId + "/clone -> 202"));
            Assert.That(log[1].Endpoint, Is.Null, "GET /pools/{id}/tasks is not an operation of the spec");
            Assert.That(log[1].StatusCode, Is.EqualTo(404));
        }

        [Test]
        public async Task The_log_keeps_ids_as_they_were_sent_on_the_wire()
        {
            await using var h = await FakeTolokaHarness.StartAsync();

            Assert.ThrowsAsync<TolokaNotFoundException>(() => h.Client.ClonePoolAsync("a/b"));

            Assert.That(h.Fake.Requests.Single().Path, Is.EqualTo("/api/v1/pools/a%2Fb/clone"));
        }

        [Test]
        public void Fault_arguments_are_checked()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => FakeFault.Error(302, "MOVED", "no"));
            Assert.Throws<ArgumentException>(() => FakeFault.Error(500, " ", "no"));
            Assert.Throws<ArgumentOutOfRangeException>(() => FakeFault.TooManyRequests(TimeSpan.FromSeconds(-1)));
            Assert.That(FakeFault.TooManyRequests(TimeSpan.FromSeconds(30)).ToString(), Is.EqualTo("429 TOO_MANY_REQUESTS, Retry-After: 30"));
            Assert.That(FakeFault.DropConnection().ToString(), Does.Contain("dropped"));
            Assert.That(string.Create(CultureInfo.InvariantCulture, $"{FakeFault.InternalError()}"), Is.EqualTo("500 INTERNAL_ERROR"));
        }

        [Test]
        public async Task Injecting_a_fault_checks_its_arguments()
        {
            await using var h = await FakeTolokaHarness.StartAsync();

            Assert.Throws<ArgumentNullException>(() => h.Fake.InjectFault(FakeTolokaEndpoint.ClonePool, null!));
            Assert.Throws<ArgumentOutOfRangeException>(() => h.Fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.InternalError(), times: 0));
        }
    }
}

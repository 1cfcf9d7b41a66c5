using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Testing.Tests.Support;

namespace Toloka.Generated.Testing.Tests
{
    /// <summary>GET /operations/{operation_id}: PENDING -> RUNNING -> SUCCESS on the fake's clock, and FAIL on demand.</summary>
    public class OperationTests
    {
        [Test]
        [Category("Parsing")]
        public async Task Timestamps_are_written_as_Toloka_does_utc_with_milliseconds_and_no_offset()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);
            h.Advance(0.25);

            var accepted = await h.PostAsync("pools/" + poolId + "/clone");
            h.Advance(10);
            var done = await h.GetAsync("operations/" + accepted.String("id"));

            Assert.That(accepted.String("submitted"), Is.EqualTo("2024-05-01T10:00:00.250"));
            Assert.That(done.String("submitted"), Is.EqualTo("2024-05-01T10:00:00.250"));
            Assert.That(done.String("started"), Is.EqualTo("2024-05-01T10:00:01.250"));
            Assert.That(done.String("finished"), Is.EqualTo("2024-05-01T10:00:05.250"));
            var client = await h.Client.GetOperationAsync(accepted.String("id"));
            Assert.That(client.Finished, Is.EqualTo(new DateTimeOffset(2024, 5, 1, 10, 0, 5, 250, TimeSpan.Zero)));
            TestContext.Out.WriteLine("Local time zone: " + TimeZoneInfo.Local.Id);
        }

        [Test]
        public async Task Progress_is_0_while_pending_grows_while_running_and_is_100_only_on_success()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);
            var operationId = (await h.Client.ArchivePoolAsync(poolId))!.Id;

            var seen = new List<(OperationStatus Status, int? Progress)>();
            foreach (var step in new[] { 0.5, 0.5, 1, 1, 1, 0.99, 0.01 })
            {
                h.Advance(step);
                var operation = await h.Client.GetOperationAsync(operationId);
                seen.Add((operation.Status, operation.Progress));
            }

            Assert.That(seen, Is.EqualTo(new (OperationStatus, int?)[]
            {
                (OperationStatus.Pending, 0),
                (OperationStatus.Running, 0),
                (OperationStatus.Running, 25),
                (OperationStatus.Running, 50),
                (OperationStatus.Running, 75),
                (OperationStatus.Running, 99),
                (OperationStatus.Success, 100),
            }));
        }

        [Test]
        public async Task Advancing_the_clock_applies_finished_operations_without_anyone_polling()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);
            await h.Client.ArchivePoolAsync(poolId);

            h.Advance(TimeSpan.FromMinutes(1));

            Assert.That(h.Fake.GetPool(poolId).Status, Is.EqualTo(FakePoolStatus.Archived));
            Assert.That(h.Fake.Requests.Select(r => r.Endpoint), Is.EqualTo(new FakeTolokaEndpoint?[] { FakeTolokaEndpoint.ArchivePool }));
        }

        [Test]
        public async Task A_failed_clone_reports_FAIL_with_the_reason_and_never_creates_the_pool()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);
            var clone = await h.Client.ClonePoolAsync(poolId);
            h.Advance(2);

            h.Fake.FailOperation(clone.Id, "Pool is too large to clone");
            h.Advance(TimeSpan.FromMinutes(1));
            var failed = await h.Client.GetOperationAsync(clone.Id);

            Assert.That(failed.Status, Is.EqualTo(OperationStatus.Fail));
            Assert.That(failed.Details!.AdditionalProperties["reason"], Is.EqualTo("Pool is too large to clone"));
            Assert.That(failed.Details.PoolId, Is.Null);
            Assert.That(failed.Progress, Is.EqualTo(25));
            Assert.That(failed.Finished, Is.EqualTo(FakeTolokaHarness.Start.AddSeconds(2)));
            Assert.That(h.Fake.Pools, Has.Count.EqualTo(1));
        }

        [Test]
        public async Task Fail_next_operation_makes_the_next_archive_of_that_type_fail_and_the_pool_stays_closed()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var first = h.Fake.AddPool(FakePoolStatus.Closed);
            var second = h.Fake.AddPool(FakePoolStatus.Closed);
            h.Fake.FailNextOperation(FakeOperationType.PoolArchive, "Storage unavailable");

            var failing = await h.Client.ArchivePoolAsync(first);
            var passing = await h.Client.ArchivePoolAsync(second);
            h.Advance(4);
            Assert.That((await h.Client.GetOperationAsync(failing!.Id)).Status, Is.EqualTo(OperationStatus.Running), "it fails only when its time is up");
            h.Advance(1);

            var failed = await h.Client.GetOperationAsync(failing.Id);
            Assert.That(failed.Status, Is.EqualTo(OperationStatus.Fail));
            Assert.That(failed.Details!.AdditionalProperties["reason"], Is.EqualTo("Storage unavailable"));
            Assert.That(failed.Progress, Is.LessThan(100));
            Assert.That((await h.Client.GetOperationAsync(passing!.Id)).Status, Is.EqualTo(OperationStatus.Success));
            Assert.That(h.Fake.GetPool(first).Status, Is.EqualTo(FakePoolStatus.Closed));
            Assert.That(h.Fake.GetPool(second).Status, Is.EqualTo(FakePoolStatus.Archived));
        }

        [Test]
        public async Task A_failed_archive_can_be_tried_again()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);
            var first = await h.Client.ArchivePoolAsync(poolId);
            h.Fake.FailOperation(first!.Id, "try later");

            var second = await h.Client.ArchivePoolAsync(poolId);
            h.Advance(5);

            Assert.That(second!.Id, Is.Not.EqualTo(first.Id));
            Assert.That(h.Fake.GetPool(poolId).Status, Is.EqualTo(FakePoolStatus.Archived));
        }

        [Test]
        public async Task Failing_an_operation_that_has_finished_is_refused()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var clone = await h.Client.ClonePoolAsync(h.Fake.AddPool(FakePoolStatus.Open));
            h.Advance(5);

            Assert.Throws<InvalidOperationException>(() => h.Fake.FailOperation(clone.Id, "too late"));
            Assert.Throws<KeyNotFoundException>(() => h.Fake.FailOperation("no-such-operation", "x"));
        }

        [Test]
        public async Task Unknown_operation_is_404_DOES_NOT_EXIST()
        {
            await using var h = await FakeTolokaHarness.StartAsync();

            var error = Assert.ThrowsAsync<TolokaNotFoundException>(() => h.Client.GetOperationAsync(Guid.NewGuid().ToString()));

            Assert.That(error!.ErrorCode, Is.EqualTo("DOES_NOT_EXIST"));
        }

        [Test]
        public async Task The_fakes_own_view_of_an_operation_matches_what_the_api_answers()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var clone = await h.Client.ClonePoolAsync(h.Fake.AddPool(FakePoolStatus.Open));
            h.Advance(3);

            var api = await h.Client.GetOperationAsync(clone.Id);
            var seen = h.Fake.GetOperation(clone.Id);

            Assert.That(seen.Status, Is.EqualTo(FakeOperationStatus.Running));
            Assert.That(seen.Type, Is.EqualTo(FakeOperationType.PoolClone));
            Assert.That(seen.Progress, Is.EqualTo(api.Progress));
            Assert.That(seen.Started, Is.EqualTo(api.Started));
            Assert.That(seen.Submitted, Is.EqualTo(api.Submitted));
            Assert.That(seen.SourceId, Is.EqualTo(api.Parameters!.PoolId));
        }

        [Test]
        public async Task On_the_system_clock_with_zero_durations_an_operation_has_succeeded_by_the_next_read()
        {
            await using var fake = await FakeToloka.StartAsync(new FakeTolokaOptions
            {
                OperationPendingTime = TimeSpan.Zero,
                OperationRunningTime = TimeSpan.Zero,
            });
            using var client = fake.CreateClient();
            var poolId = fake.AddPool(FakePoolStatus.Closed);

            var accepted = await client.ArchivePoolAsync(poolId);
            var done = await client.GetOperationAsync(accepted!.Id);

            Assert.That(accepted.Status, Is.EqualTo(OperationStatus.Pending), "an answer to POST is the operation as accepted");
            Assert.That(done.Status, Is.EqualTo(OperationStatus.Success));
            Assert.That(done.Finished!.Value, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(fake.GetPool(poolId).Status, Is.EqualTo(FakePoolStatus.Archived));
        }

        [Test]
        public void By_default_operations_run_on_the_system_clock_and_finish_within_two_seconds()
        {
            var options = new FakeTolokaOptions();

            Assert.That(options.TimeProvider, Is.SameAs(TimeProvider.System));
            Assert.That(options.OperationPendingTime + options.OperationRunningTime, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(2)));
        }
    }
}

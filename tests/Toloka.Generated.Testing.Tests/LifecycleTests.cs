using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Testing.Tests.Support;

namespace Toloka.Generated.Testing.Tests
{
    /// <summary>Open, close and read pools and training pools, and list operations, the way Toloka does.</summary>
    public class LifecycleTests
    {
        [Test]
        public async Task A_clone_is_closed_and_opening_it_is_an_operation_that_opens_it()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);
            var clone = await h.Client.ClonePoolAsync(poolId);
            h.Advance(5);
            var newId = (await h.Client.GetOperationAsync(clone.Id)).Details!.PoolId!;
            Assert.That((await h.Client.GetPoolAsync(newId)).Status, Is.EqualTo(PoolStatus.Closed));

            var open = await h.Client.OpenPoolAsync(newId);
            h.Advance(5);

            Assert.That(open!.Type, Is.EqualTo(OperationType.PoolOpen));
            Assert.That((await h.Client.GetOperationAsync(open.Id)).Status, Is.EqualTo(OperationStatus.Success));
            var pool = await h.Client.GetPoolAsync(newId);
            Assert.That(pool.Status, Is.EqualTo(PoolStatus.Open));
            Assert.That(pool.LastStarted, Is.EqualTo(h.Fake.GetOperation(open.Id).Finished));
            Assert.That(await h.Client.OpenPoolAsync(newId), Is.Null, "already open: 204");
        }

        [Test]
        public async Task Closing_then_archiving_retires_a_pool_and_repeating_either_is_204()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);

            Assert.ThrowsAsync<TolokaConflictException>(() => h.Client.ArchivePoolAsync(poolId));
            var close = await h.Client.ClosePoolAsync(poolId);
            Assert.That((await h.Client.ClosePoolAsync(poolId))!.Id, Is.EqualTo(close!.Id), "repeated while running: the same operation");
            h.Advance(5);
            Assert.That(await h.Client.ClosePoolAsync(poolId), Is.Null);
            var pool = await h.Client.GetPoolAsync(poolId);
            Assert.That(pool.LastCloseReason, Is.EqualTo("MANUAL"));
            Assert.That(pool.LastStopped, Is.Not.Null);
            await h.Client.ArchivePoolAsync(poolId);
            h.Advance(5);

            Assert.That(h.Fake.GetPool(poolId).Status, Is.EqualTo(FakePoolStatus.Archived));
            Assert.That(await h.Client.ArchivePoolAsync(poolId), Is.Null);
            Assert.ThrowsAsync<TolokaConflictException>(() => h.Client.ClosePoolAsync(poolId));
            Assert.That(Assert.ThrowsAsync<TolokaConflictException>(() => h.Client.OpenPoolAsync(poolId))!.ErrorCode, Is.EqualTo("CONFLICT_STATE"));
        }

        [TestCase(FakePoolStatus.Archived)]
        [TestCase(FakePoolStatus.Locked)]
        public async Task A_training_pool_that_is_archived_or_locked_cannot_be_opened(FakePoolStatus status)
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var trainingId = h.Fake.AddTraining(status);

            Assert.ThrowsAsync<TolokaConflictException>(() => h.Client.OpenTrainingAsync(trainingId));
            Assert.That(h.Fake.Operations, Is.Empty);
        }

        [Test]
        public async Task Training_pools_open_and_close_through_operations()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var trainingId = h.Fake.AddTraining(FakePoolStatus.Closed);

            var open = await h.Client.OpenTrainingAsync(trainingId);
            h.Advance(5);
            Assert.That((await h.Client.GetTrainingAsync(trainingId)).Status, Is.EqualTo(PoolStatus.Open));
            var close = await h.Client.CloseTrainingAsync(trainingId);
            h.Advance(5);

            Assert.That(new[] { open!.Type, close!.Type }, Is.EqualTo(new[] { OperationType.TrainingOpen, OperationType.TrainingClose }));
            Assert.That(open.Parameters!.TrainingId, Is.EqualTo(trainingId));
            Assert.That(h.Fake.GetTraining(trainingId).Status, Is.EqualTo(FakePoolStatus.Closed));
        }

        [Test]
        public async Task Reading_a_pool_gives_its_seeded_text_parameters_and_training_link()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var trainingId = h.Fake.AddTraining(FakePoolStatus.Open);
            var poolId = h.Fake.AddPool(FakePoolStatus.Open, trainingId, new Dictionary<string, string> { ["private_name"] = "Cats", ["project_id"] = "7", ["reward_per_assignment"] = "0.02" });

            var pool = await h.Client.GetPoolAsync(poolId);

            Assert.That(pool.Id, Is.EqualTo(poolId));
            Assert.That(pool.PrivateName, Is.EqualTo("Cats"));
            Assert.That(pool.ProjectId, Is.EqualTo("7"));
            Assert.That(pool.QualityControl!.TrainingRequirement!.TrainingPoolId, Is.EqualTo(trainingId));
            Assert.That(pool.Created, Is.EqualTo(FakeTolokaHarness.Start));
            Assert.ThrowsAsync<TolokaNotFoundException>(() => h.Client.GetPoolAsync(trainingId));
            Assert.ThrowsAsync<TolokaNotFoundException>(() => h.Client.GetTrainingAsync("not-a-number"));
        }

        [Test]
        public async Task Listing_operations_filters_sorts_and_pages_by_id()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var pools = Enumerable.Range(0, 5).Select(_ => h.Fake.AddPool(FakePoolStatus.Open)).ToList();
            foreach (var pool in pools)
            {
                await h.Client.ClonePoolAsync(pool);
                h.Advance(1);
            }

            await h.Client.ClosePoolAsync(pools[0]);
            h.Advance(10);

            var seen = new List<string>();
            string? last = null;
            for (var page = 0; page < 10; page++)
            {
                var result = await h.Client.FindOperationsAsync(type: OperationType.PoolClone, idGt: last, sort: "id", limit: 2);
                seen.AddRange(result.Items.Select(o => o.Id));
                if (!result.HasMore)
                {
                    break;
                }

                last = result.Items.Last().Id;
            }

            Assert.That(seen, Is.EqualTo(h.Fake.Operations.Where(o => o.Type == FakeOperationType.PoolClone).Select(o => o.Id).OrderBy(id => id, StringComparer.Ordinal)));
            var newest = await h.Client.FindOperationsAsync(sort: "-submitted", limit: 1);
            Assert.That(newest.Items.Single().Type, Is.EqualTo(OperationType.PoolClose));
            Assert.That(newest.HasMore, Is.True);
            var early = await h.Client.FindOperationsAsync(submittedLt: FakeTolokaHarness.Start.AddSeconds(2), status: OperationStatus.Success);
            Assert.That(early.Items, Has.Count.EqualTo(2));
            Assert.That(early.HasMore, Is.False);
        }

        [Test]
        public async Task Relaunch_is_clone_wait_open_and_retire_is_close_wait_archive_wait_with_the_generated_waits()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);

            var clone = await RunAsync(h, h.Client.ClonePoolAndWaitAsync(poolId));
            var opened = await RunAsync(h, h.Client.OpenPoolAndWaitAsync(clone.NewId));
            Assert.That(opened!.Type, Is.EqualTo(OperationType.PoolOpen));
            Assert.That(h.Fake.GetPool(clone.NewId).Status, Is.EqualTo(FakePoolStatus.Open));

            await RunAsync(h, h.Client.ClosePoolAndWaitAsync(poolId));
            var archived = await RunAsync(h, h.Client.ArchivePoolAndWaitAsync(poolId));
            Assert.That(archived!.Status, Is.EqualTo(OperationStatus.Success));
            Assert.That(h.Fake.GetPool(poolId).Status, Is.EqualTo(FakePoolStatus.Archived));
            Assert.That(await h.Client.ArchivePoolAndWaitAsync(poolId), Is.Null, "already archived: at once");
        }

        [Test]
        public async Task The_pager_lists_every_operation_of_the_fake_across_pages()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            for (var i = 0; i < 7; i++)
            {
                await h.Client.ClonePoolAsync(h.Fake.AddPool(FakePoolStatus.Open));
            }

            var ids = new List<string>();
            await foreach (var operation in h.Client.GetOperationsAsync(type: OperationType.PoolClone, limit: 3))
            {
                ids.Add(operation.Id);
            }

            Assert.That(ids, Is.EqualTo(h.Fake.Operations.Select(o => o.Id).OrderBy(id => id, StringComparer.Ordinal)));
            Assert.That(h.Fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.FindOperations), Is.EqualTo(3));
        }

        // Moves the fake's clock a second at a time until the flow ends: the fake answers over a real
        // socket, so each step gives the request a moment of wall-clock time (bounded: 300 steps).
        private static async Task<T> RunAsync<T>(FakeTolokaHarness h, Task<T> flow)
        {
            for (var step = 0; step < 300 && !flow.IsCompleted; step++)
            {
                await Task.WhenAny(flow, Task.Delay(TimeSpan.FromMilliseconds(20)));
                h.Advance(1);
            }

            return await flow;
        }

        [Test]
        public async Task A_listing_limit_out_of_range_is_400_VALIDATION_ERROR()
        {
            await using var h = await FakeTolokaHarness.StartAsync();

            var answer = await h.GetAsync("operations?limit=501");

            Assert.That(answer.Status, Is.EqualTo(400));
            Assert.That(answer.String("code"), Is.EqualTo("VALIDATION_ERROR"));
        }
    }
}

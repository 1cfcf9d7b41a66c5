using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Testing.Tests.Support;

namespace Toloka.Generated.Testing.Tests
{
    /// <summary>POST /pools/{pool_id}/archive and POST /trainings/{training_id}/archive, with Toloka's rules.</summary>
    public class ArchiveTests
    {
        [Test]
        public async Task Archive_of_an_open_pool_is_409_CONFLICT_STATE_and_changes_nothing()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);

            var error = Assert.ThrowsAsync<TolokaConflictException>(() => h.Client.ArchivePoolAsync(poolId));

            Assert.That(error!.ErrorCode, Is.EqualTo("CONFLICT_STATE"));
            Assert.That(error.StatusCode, Is.EqualTo(409));
            Assert.That(h.Fake.GetPool(poolId).Status, Is.EqualTo(FakePoolStatus.Open));
            Assert.That(h.Fake.Operations, Is.Empty);
        }

        [Test]
        public async Task Archive_of_a_closed_pool_archives_it_when_the_operation_succeeds()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);

            var operation = await h.Client.ArchivePoolAsync(poolId);

            Assert.That(operation, Is.Not.Null);
            Assert.That(operation!.Type, Is.EqualTo(OperationType.PoolArchive));
            Assert.That(operation.Status, Is.EqualTo(OperationStatus.Pending));
            Assert.That(operation.Parameters!.PoolId, Is.EqualTo(poolId));
            Assert.That(h.Fake.GetPool(poolId).Status, Is.EqualTo(FakePoolStatus.Closed), "not archived before the operation succeeds");

            h.Advance(5);
            var done = await h.Client.GetOperationAsync(operation.Id);

            Assert.That(done.Status, Is.EqualTo(OperationStatus.Success));
            Assert.That(done.Details, Is.Not.Null);
            Assert.That(done.Details!.PoolId, Is.Null);
            Assert.That(h.Fake.GetPool(poolId).Status, Is.EqualTo(FakePoolStatus.Archived));
        }

        [Test]
        public async Task Archive_of_an_archived_pool_answers_204_with_no_body_and_the_client_returns_null()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Archived);

            var raw = await h.PostAsync("pools/" + poolId + "/archive");
            var viaClient = await h.Client.ArchivePoolAsync(poolId);

            Assert.That(raw.Status, Is.EqualTo(204));
            Assert.That(raw.Body, Is.Empty);
            Assert.That(raw.ContentType, Is.Null);
            Assert.That(viaClient, Is.Null);
            Assert.That(h.Fake.Operations, Is.Empty);
        }

        [Test]
        public async Task Archiving_a_pool_twice_gives_the_running_operation_then_null_once_archived()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);

            var first = await h.Client.ArchivePoolAsync(poolId);
            h.Advance(2);
            var repeated = await h.Client.ArchivePoolAsync(poolId);
            h.Advance(3);
            var afterwards = await h.Client.ArchivePoolAsync(poolId);

            Assert.That(repeated!.Id, Is.EqualTo(first!.Id));
            Assert.That(repeated.Status, Is.EqualTo(OperationStatus.Running));
            Assert.That(afterwards, Is.Null);
            Assert.That(h.Fake.Operations, Has.Count.EqualTo(1));
        }

        [Test]
        public async Task Archive_of_an_unknown_pool_is_404()
        {
            await using var h = await FakeTolokaHarness.StartAsync();

            var error = Assert.ThrowsAsync<TolokaNotFoundException>(() => h.Client.ArchivePoolAsync("99"));

            Assert.That(error!.ErrorCode, Is.EqualTo("DOES_NOT_EXIST"));
        }

        [Test]
        public async Task Archive_of_an_open_training_is_409()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var trainingId = h.Fake.AddTraining(FakePoolStatus.Open);

            Assert.ThrowsAsync<TolokaConflictException>(() => h.Client.ArchiveTrainingAsync(trainingId));
            Assert.That(h.Fake.GetTraining(trainingId).Status, Is.EqualTo(FakePoolStatus.Open));
        }

        [TestCase(FakePoolStatus.Open)]
        [TestCase(FakePoolStatus.Closed)]
        public async Task Archive_of_a_training_with_a_linked_pool_not_archived_is_409_naming_the_pool(FakePoolStatus linkedPoolStatus)
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var trainingId = h.Fake.AddTraining(FakePoolStatus.Closed);
            h.Fake.AddPool(FakePoolStatus.Archived, trainingId);
            var blocking = h.Fake.AddPool(linkedPoolStatus, trainingId);

            var error = Assert.ThrowsAsync<TolokaConflictException>(() => h.Client.ArchiveTrainingAsync(trainingId));

            Assert.That(error!.ErrorCode, Is.EqualTo("CONFLICT_STATE"));
            Assert.That(error.ErrorMessage, Does.Contain(blocking));
            Assert.That(h.Fake.GetTraining(trainingId).Status, Is.EqualTo(FakePoolStatus.Closed));
        }

        [Test]
        public async Task Training_can_be_archived_once_its_pools_are_and_a_second_archive_returns_null()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var trainingId = h.Fake.AddTraining(FakePoolStatus.Closed);
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed, trainingId);

            var poolArchive = await h.Client.ArchivePoolAsync(poolId);
            Assert.ThrowsAsync<TolokaConflictException>(() => h.Client.ArchiveTrainingAsync(trainingId), "the pool is still being archived");
            h.Advance(5);
            Assert.That((await h.Client.GetOperationAsync(poolArchive!.Id)).Status, Is.EqualTo(OperationStatus.Success));

            var trainingArchive = await h.Client.ArchiveTrainingAsync(trainingId);
            Assert.That(trainingArchive!.Type, Is.EqualTo(OperationType.TrainingArchive));
            Assert.That(trainingArchive.Parameters!.TrainingId, Is.EqualTo(trainingId));
            h.Advance(5);

            Assert.That((await h.Client.GetOperationAsync(trainingArchive.Id)).Status, Is.EqualTo(OperationStatus.Success));
            Assert.That(h.Fake.GetTraining(trainingId).Status, Is.EqualTo(FakePoolStatus.Archived));
            Assert.That(await h.Client.ArchiveTrainingAsync(trainingId), Is.Null);
            var raw = await h.PostAsync("trainings/" + trainingId + "/archive");
            Assert.That(raw.Status, Is.EqualTo(204));
            Assert.That(raw.Body, Is.Empty);
        }

        [Test]
        public async Task A_clone_of_a_linked_pool_is_linked_too_and_blocks_archiving_the_training()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var trainingId = h.Fake.AddTraining(FakePoolStatus.Closed);
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed, trainingId);
            var clone = await h.Client.ClonePoolAsync(poolId);
            var archive = await h.Client.ArchivePoolAsync(poolId);
            h.Advance(5);

            var cloneId = (await h.Client.GetOperationAsync(clone.Id)).Details!.PoolId!;
            Assert.That((await h.Client.GetOperationAsync(archive!.Id)).Status, Is.EqualTo(OperationStatus.Success));
            var error = Assert.ThrowsAsync<TolokaConflictException>(() => h.Client.ArchiveTrainingAsync(trainingId));

            Assert.That(error!.ErrorMessage, Does.Contain(cloneId));
        }

        [Test]
        public async Task Archive_of_an_unknown_training_is_404()
        {
            await using var h = await FakeTolokaHarness.StartAsync();

            Assert.ThrowsAsync<TolokaNotFoundException>(() => h.Client.ArchiveTrainingAsync("7"));
            Assert.That(h.Fake.Requests.Single().StatusCode, Is.EqualTo(404));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using Toloka.Generated.Testing.Tests.Support;

namespace Toloka.Generated.Testing.Tests
{
    /// <summary>POST /pools/{pool_id}/clone and POST /trainings/{training_id}/clone.</summary>
    public class CloneTests
    {
        private static readonly Dictionary<string, string> PoolParameters = new()
        {
            ["private_name"] = "Cats vs dogs, batch 7",
            ["reward_per_assignment"] = "0.02",
        };

        [Test]
        public async Task Clone_pool_answers_202_pending_and_the_operation_runs_to_success_with_the_new_pool_id()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open, parameters: PoolParameters);

            var accepted = await h.PostAsync("pools/" + poolId + "/clone");

            Assert.That(accepted.Status, Is.EqualTo(202));
            Assert.That(accepted.String("type"), Is.EqualTo("POOL.CLONE"));
            Assert.That(accepted.String("status"), Is.EqualTo("PENDING"));
            Assert.That(accepted.Json.GetProperty("progress").GetInt32(), Is.Zero);
            Assert.That(accepted.Json.GetProperty("parameters").GetProperty("pool_id").GetString(), Is.EqualTo(poolId));
            Assert.That(accepted.Json.TryGetProperty("details", out _), Is.False);
            Assert.That(accepted.Json.TryGetProperty("started", out _), Is.False);
            var operationId = accepted.String("id");

            h.Advance(1);
            var running = await h.GetAsync("operations/" + operationId);
            Assert.That(running.Status, Is.EqualTo(200));
            Assert.That(running.String("status"), Is.EqualTo("RUNNING"));
            Assert.That(running.Json.TryGetProperty("started", out _), Is.True);
            Assert.That(running.Json.TryGetProperty("finished", out _), Is.False);

            h.Advance(4);
            var done = await h.GetAsync("operations/" + operationId);
            Assert.That(done.String("status"), Is.EqualTo("SUCCESS"));
            Assert.That(done.Json.GetProperty("progress").GetInt32(), Is.EqualTo(100));
            var newPoolId = done.Json.GetProperty("details").GetProperty("pool_id").GetString();
            Assert.That(newPoolId, Is.Not.EqualTo(poolId).And.Match("^[0-9]+$"));
            Assert.That(h.Fake.GetPool(newPoolId!).Status, Is.EqualTo(FakePoolStatus.Closed));
        }

        [Test]
        public async Task Cloned_pool_is_a_new_closed_pool_with_the_same_parameters_and_training_link()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var trainingId = h.Fake.AddTraining(FakePoolStatus.Open);
            var poolId = h.Fake.AddPool(FakePoolStatus.Open, trainingId, PoolParameters);

            var clone = await h.Client.ClonePoolAsync(poolId);
            Assert.That(clone.Status, Is.EqualTo(OperationStatus.Pending));
            Assert.That(clone.Details?.PoolId, Is.Null);
            h.Advance(5);
            var done = await h.Client.GetOperationAsync(clone.Id);

            Assert.That(done.Status, Is.EqualTo(OperationStatus.Success));
            Assert.That(done.Type, Is.EqualTo(OperationType.PoolClone));
            Assert.That(done.Parameters!.PoolId, Is.EqualTo(poolId));
            var copy = h.Fake.GetPool(done.Details!.PoolId!);
            Assert.That(copy.Status, Is.EqualTo(FakePoolStatus.Closed));
            Assert.That(copy.Parameters, Is.EquivalentTo(PoolParameters));
            Assert.That(copy.TrainingId, Is.EqualTo(trainingId));
            Assert.That(copy.ClonedFromId, Is.EqualTo(poolId));
            Assert.That(h.Fake.GetPool(poolId).Status, Is.EqualTo(FakePoolStatus.Open), "the source is left as it was");
        }

        [Test]
        public async Task The_new_pool_exists_only_once_the_operation_has_succeeded()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);

            await h.Client.ClonePoolAsync(poolId);
            h.Advance(4.9);
            Assert.That(h.Fake.Pools, Has.Count.EqualTo(1));

            h.Advance(0.1);
            Assert.That(h.Fake.Pools, Has.Count.EqualTo(2));
            Assert.That(h.Fake.Operations.Single().ResultId, Is.EqualTo(h.Fake.Pools[1].Id));
        }

        [Test]
        public async Task Clone_training_runs_to_success_with_the_new_training_id()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var trainingId = h.Fake.AddTraining(FakePoolStatus.Open, new Dictionary<string, string> { ["private_name"] = "Onboarding" });

            var clone = await h.Client.CloneTrainingAsync(trainingId);
            h.Advance(5);
            var done = await h.Client.GetOperationAsync(clone.Id);

            Assert.That(clone.Type, Is.EqualTo(OperationType.TrainingClone));
            Assert.That(clone.Parameters!.TrainingId, Is.EqualTo(trainingId));
            Assert.That(done.Status, Is.EqualTo(OperationStatus.Success));
            var copy = h.Fake.GetTraining(done.Details!.TrainingId!);
            Assert.That(copy.Id, Is.Not.EqualTo(trainingId));
            Assert.That(copy.Status, Is.EqualTo(FakePoolStatus.Closed));
            Assert.That(copy.Parameters["private_name"], Is.EqualTo("Onboarding"));
            Assert.That(copy.ClonedFromId, Is.EqualTo(trainingId));
        }

        [Test]
        public async Task Clone_of_an_unknown_pool_is_404_DOES_NOT_EXIST_and_starts_nothing()
        {
            await using var h = await FakeTolokaHarness.StartAsync();

            var error = Assert.ThrowsAsync<TolokaNotFoundException>(() => h.Client.ClonePoolAsync("424242"));

            Assert.That(error!.ErrorCode, Is.EqualTo("DOES_NOT_EXIST"));
            Assert.That(error.StatusCode, Is.EqualTo(404));
            Assert.That(error.RequestId, Is.Not.Empty);
            Assert.That(h.Fake.Operations, Is.Empty);
        }

        [Test]
        public async Task A_pool_id_sent_to_the_training_endpoint_is_not_found()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);

            Assert.ThrowsAsync<TolokaNotFoundException>(() => h.Client.CloneTrainingAsync(poolId));
        }

        [Test]
        public async Task Clone_with_an_id_that_is_not_a_number_is_404_DOES_NOT_EXIST_as_the_spec_allows_any_text()
        {
            await using var h = await FakeTolokaHarness.StartAsync();

            var error = Assert.ThrowsAsync<TolokaNotFoundException>(() => h.Client.ClonePoolAsync("cats"));

            Assert.That(error!.ErrorCode, Is.EqualTo("DOES_NOT_EXIST"));
        }

        [Test]
        public async Task Each_clone_gets_its_own_operation_and_new_pool()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);

            var first = await h.Client.ClonePoolAsync(poolId);
            var second = await h.Client.ClonePoolAsync(poolId);
            h.Advance(5);

            Assert.That(first.Id, Is.Not.EqualTo(second.Id));
            var newIds = new[] { first.Id, second.Id }.Select(id => h.Fake.GetOperation(id).ResultId).ToArray();
            Assert.That(newIds, Is.Unique.And.None.Null.And.None.EqualTo(poolId));
        }
    }
}

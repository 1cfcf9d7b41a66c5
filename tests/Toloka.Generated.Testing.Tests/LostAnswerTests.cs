using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Toloka.Generated.Testing.Tests
{
    /// <summary>
    /// Issue 17, item 1: a clone whose answer was lost is resolved by the client itself, for every operation
    /// the spec marks with x-toloka-lost-answer-*: the operation Toloka lists for it is the call's answer;
    /// when Toloka lists none within the settle time the request is sent again (once per lost answer); a
    /// failed search is TolokaOutcomeUnknownException. Against the fake, on a clock that jumps to each wait.
    /// </summary>
    public class LostAnswerTests
    {
        private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

        private static async Task<(FakeToloka Fake, TolokaClient Client)> StartAsync(TimeSpan listingDelay, int maxAttempts = 4, bool resolveLostAnswers = true)
        {
            // Waits under a minute (polls, the settle time, Retry-After) pass at once; the 100 s network timeout never fires.
            var clock = JumpingClock.JumpingOnArm(Start, TimeSpan.FromSeconds(90));
            var fake = await FakeToloka.StartAsync(new FakeTolokaOptions { TimeProvider = clock, OperationListingDelay = listingDelay });
            var options = fake.CreateClientOptions();
            options.Retry.MaxAttempts = maxAttempts;
            options.LostAnswers.SettleTime = TimeSpan.FromSeconds(20);
            options.LostAnswers.PollInterval = TimeSpan.FromSeconds(2);
            options.ResolveLostAnswers = resolveLostAnswers;
            return (fake, new TolokaClient(fake.Token, options));
        }

        [Test]
        public async Task A_clone_performed_whose_answer_was_lost_returns_the_operation_Toloka_lists_for_it()
        {
            var (fake, client) = await StartAsync(listingDelay: TimeSpan.FromSeconds(5));
            await using var _ = fake;
            using var __ = client;
            var pool = fake.AddPool(FakePoolStatus.Closed);
            fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnectionAfterHandling());

            var operation = await client.ClonePoolAsync(pool);

            Assert.That(fake.Operations, Has.Count.EqualTo(1), "cloned once");
            Assert.That(operation.Id, Is.EqualTo(fake.Operations.Single().Id));
            Assert.That(operation.Parameters!.PoolId, Is.EqualTo(pool));
            Assert.That(fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.ClonePool), Is.EqualTo(1), "never sent again");
            Assert.That(fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.FindOperations), Is.GreaterThan(1), "the listing delay is longer than one poll");
        }

        [Test]
        public async Task A_clone_performed_whose_answer_was_lost_finishes_through_the_wait_flow()
        {
            var (fake, client) = await StartAsync(listingDelay: TimeSpan.FromSeconds(3));
            await using var _ = fake;
            using var __ = client;
            var training = fake.AddTraining(FakePoolStatus.Closed);
            fake.InjectFault(FakeTolokaEndpoint.CloneTraining, FakeFault.DropConnectionAfterHandling());

            var result = await client.CloneTrainingAndWaitAsync(training);

            Assert.That(fake.Trainings, Has.Count.EqualTo(2), "the source and exactly one clone");
            Assert.That(result.NewId, Is.EqualTo(fake.Trainings.Single(t => t.Id != training).Id));
        }

        [Test]
        public async Task A_clone_Toloka_never_received_is_sent_again_once_and_counted_in_the_attempts()
        {
            var (fake, client) = await StartAsync(listingDelay: TimeSpan.FromSeconds(3));
            await using var _ = fake;
            using var __ = client;
            var pool = fake.AddPool(FakePoolStatus.Closed);
            fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnection());

            var operation = await client.ClonePoolAsync(pool);

            Assert.That(fake.Operations, Has.Count.EqualTo(1), "cloned once, by the second send");
            Assert.That(operation.Id, Is.EqualTo(fake.Operations.Single().Id));
            Assert.That(fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.ClonePool), Is.EqualTo(2));
        }

        [Test]
        public async Task With_one_attempt_a_clone_Toloka_never_received_ends_with_its_transport_failure()
        {
            var (fake, client) = await StartAsync(listingDelay: TimeSpan.Zero, maxAttempts: 1);
            await using var _ = fake;
            using var __ = client;
            var pool = fake.AddPool(FakePoolStatus.Closed);
            fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnection());

            var exception = Assert.ThrowsAsync<TolokaTransportException>(() => client.ClonePoolAsync(pool))!;

            Assert.That(exception.Attempts, Is.EqualTo(1));
            Assert.That(fake.Operations, Is.Empty);
            Assert.That(fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.ClonePool), Is.EqualTo(1));
        }

        [Test]
        public async Task A_lost_answer_whose_search_fails_is_an_unknown_outcome_naming_the_operation_and_source()
        {
            var (fake, client) = await StartAsync(listingDelay: TimeSpan.Zero);
            await using var _ = fake;
            using var __ = client;
            var pool = fake.AddPool(FakePoolStatus.Closed);
            fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnectionAfterHandling());
            fake.InjectFault(FakeTolokaEndpoint.FindOperations, FakeFault.Error(403, "ACCESS_DENIED", "No access to operations"), times: 10);

            var exception = Assert.ThrowsAsync<TolokaOutcomeUnknownException>(() => client.ClonePoolAsync(pool))!;

            Assert.That(exception.SourceId, Is.EqualTo(pool));
            Assert.That(exception.Request.ParameterName, Is.EqualTo("pool_id"));
            Assert.That(exception.Message, Does.Contain("POOL.CLONE").And.Contain(pool));
            Assert.That(exception.InnerException, Is.InstanceOf<TolokaAccessDeniedException>());
            Assert.That(exception.Message, Does.Not.Contain(fake.Token));
            Assert.That(fake.Operations, Has.Count.EqualTo(1), "the clone happened; the caller is told its outcome is unknown, not that it failed");
            Assert.That(fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.ClonePool), Is.EqualTo(1));
        }

        [Test]
        public async Task Turned_off_a_lost_answer_stays_a_transport_failure()
        {
            var (fake, client) = await StartAsync(listingDelay: TimeSpan.Zero, resolveLostAnswers: false);
            await using var _ = fake;
            using var __ = client;
            var pool = fake.AddPool(FakePoolStatus.Closed);
            fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnectionAfterHandling());

            Assert.ThrowsAsync<TolokaTransportException>(() => client.ClonePoolAsync(pool));

            Assert.That(fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.FindOperations), Is.Zero);
        }
    }
}

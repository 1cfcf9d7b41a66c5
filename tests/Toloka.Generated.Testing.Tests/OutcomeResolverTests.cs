using System;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toloka.Generated.Testing.Tests.Support;

namespace Toloka.Generated.Testing.Tests
{
    /// <summary>
    /// TolokaOutcomeResolver against the fake: a clone whose answer was lost is found in GET /operations
    /// (after Toloka's listing delay), a request that never reached Toloka is "not started", and a failed
    /// search says the outcome is unknown. Time is simulated: the clock moves only while the resolver waits.
    /// </summary>
    public class OutcomeResolverTests
    {
        private static readonly TolokaOutcomeOptions Quick = new()
        {
            SettleTime = TimeSpan.FromSeconds(10),
            PollInterval = TimeSpan.FromSeconds(2),
            ClockSkewMargin = TimeSpan.FromSeconds(5),
        };

        [Test]
        public async Task A_clone_performed_but_unanswered_is_found_at_once_when_already_listed()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var pool = h.Fake.AddPool(FakePoolStatus.Closed);
            h.Fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnectionAfterHandling());
            var sentAt = h.Time.GetUtcNow();
            Assert.ThrowsAsync<TolokaTransportException>(() => h.Client.ClonePoolAsync(pool));

            var outcome = await Resolve(h, TolokaLostRequest.PoolClone(pool, sentAt));

            Assert.That(outcome.Started, Is.True);
            Assert.That(outcome.Operation!.Id, Is.EqualTo(h.Fake.Operations.Single().Id));
            Assert.That(outcome.Operation.Parameters!.PoolId, Is.EqualTo(pool));
            Assert.That(outcome.Lookups, Is.EqualTo(1));
        }

        [Test]
        public async Task A_clone_listed_later_than_one_poll_is_waited_for_within_the_settle_time()
        {
            await using var h = await FakeTolokaHarness.StartAsync(o => o.OperationListingDelay = TimeSpan.FromSeconds(5));
            var training = h.Fake.AddTraining(FakePoolStatus.Closed);
            h.Fake.InjectFault(FakeTolokaEndpoint.CloneTraining, FakeFault.DropConnectionAfterHandling());
            var sentAt = h.Time.GetUtcNow();
            Assert.ThrowsAsync<TolokaTransportException>(() => h.Client.CloneTrainingAsync(training));

            var outcome = await Resolve(h, TolokaLostRequest.TrainingClone(training, sentAt));

            Assert.That(outcome.Started, Is.True);
            Assert.That(outcome.Operation!.Id, Is.EqualTo(h.Fake.Operations.Single().Id));
            Assert.That(outcome.Lookups, Is.EqualTo(4), "listed at 5 s: searched at 0, 2, 4 and 6 s");
            Assert.That(h.Time.GetUtcNow() - sentAt, Is.EqualTo(TimeSpan.FromSeconds(6)));
        }

        [Test]
        public async Task A_request_that_never_reached_Toloka_is_not_started_once_the_settle_time_has_passed()
        {
            await using var h = await FakeTolokaHarness.StartAsync(o => o.OperationListingDelay = TimeSpan.FromSeconds(3));
            var pool = h.Fake.AddPool(FakePoolStatus.Closed);
            h.Fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnection());
            var sentAt = h.Time.GetUtcNow();
            Assert.ThrowsAsync<TolokaTransportException>(() => h.Client.ClonePoolAsync(pool));

            var outcome = await Resolve(h, TolokaLostRequest.PoolClone(pool, sentAt));

            Assert.That(outcome.Started, Is.False);
            Assert.That(outcome.Operation, Is.Null);
            Assert.That(outcome.Lookups, Is.EqualTo(6), "0, 2, 4, 6, 8 and 10 s");
            Assert.That(h.Time.GetUtcNow() - sentAt, Is.EqualTo(Quick.SettleTime));
            Assert.That(h.Fake.Operations, Is.Empty);
        }

        [Test]
        public async Task Clones_of_other_pools_and_clones_before_the_window_are_not_taken_for_it()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var pool = h.Fake.AddPool(FakePoolStatus.Closed);
            var other = h.Fake.AddPool(FakePoolStatus.Closed);
            await h.Client.ClonePoolAsync(pool);
            h.Advance(60);
            await h.Client.ClonePoolAsync(other);
            var sentAt = h.Time.GetUtcNow();

            var outcome = await Resolve(h, TolokaLostRequest.PoolClone(pool, sentAt));

            Assert.That(outcome.Started, Is.False, "the clone of this pool was a minute before the window (5 s margin)");
        }

        [Test]
        public async Task Of_two_clones_in_the_window_the_first_at_or_after_the_send_time_is_taken()
        {
            await using var h = await FakeTolokaHarness.StartAsync(o => o.RateLimits.Clear());
            var pool = h.Fake.AddPool(FakePoolStatus.Closed);
            await h.Client.ClonePoolAsync(pool);
            h.Advance(2);
            var sentAt = h.Time.GetUtcNow();
            h.Advance(0.5);
            var mine = await h.Client.ClonePoolAsync(pool);
            h.Advance(1);
            await h.Client.ClonePoolAsync(pool);

            var outcome = await Resolve(h, TolokaLostRequest.PoolClone(pool, sentAt));

            Assert.That(outcome.Operation!.Id, Is.EqualTo(mine.Id));
        }

        [Test]
        public async Task A_failed_search_is_an_outcome_unknown_exception_naming_the_operation_and_the_source()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var pool = h.Fake.AddPool(FakePoolStatus.Closed);
            h.Fake.InjectFault(FakeTolokaEndpoint.FindOperations, FakeFault.InternalError());
            var request = TolokaLostRequest.PoolClone(pool, h.Time.GetUtcNow());

            var unknown = Assert.ThrowsAsync<TolokaOutcomeUnknownException>(() => Resolve(h, request));

            Assert.That(unknown!.OperationType, Is.EqualTo(OperationType.PoolClone));
            Assert.That(unknown.SourceId, Is.EqualTo(pool));
            Assert.That(unknown.Request, Is.SameAs(request));
            Assert.That(unknown.Lookups, Is.EqualTo(1));
            Assert.That(unknown.InnerException, Is.InstanceOf<TolokaServerException>());
            Assert.That(unknown.Message, Does.Contain("POOL.CLONE").And.Contain("pool_id " + pool).And.Contain("unknown"));
            Assert.That(unknown.Message, Does.Not.Contain(h.Fake.Token));
        }

        [Test]
        public void Bad_requests_and_options_are_refused_before_anything_is_sent()
        {
            using var client = new TolokaClient(Samples.ApiKey, new TolokaClientOptions());
            Assert.Multiple(() =>
            {
                Assert.Throws<ArgumentException>(() => TolokaLostRequest.PoolClone(" ", DateTimeOffset.UnixEpoch));
                Assert.Throws<ArgumentException>(() => new TolokaLostRequest(default, "pool_id", "1", DateTimeOffset.UnixEpoch));
                Assert.Throws<ArgumentOutOfRangeException>(() => new TolokaOutcomeResolver(client, new TolokaOutcomeOptions { SettleTime = TimeSpan.FromSeconds(-1) }));
                Assert.Throws<ArgumentOutOfRangeException>(() => new TolokaOutcomeResolver(client, new TolokaOutcomeOptions { PollInterval = TimeSpan.Zero }));
                Assert.Throws<ArgumentNullException>(() => new TolokaOutcomeResolver(null!));
            });
            Assert.That(new TolokaLostRequest(OperationType.PoolClone, "parameters.pool_id", "7", DateTimeOffset.UnixEpoch).ParameterName, Is.EqualTo("pool_id"));
        }

        [Test]
        public async Task Lost_answer_suite_through_the_library_ends_with_no_duplicate_and_no_clone_lost()
        {
            const int Pools = 40;
            await using var h = await FakeTolokaHarness.StartAsync(o =>
            {
                o.RateLimits.Clear();
                o.OperationListingDelay = TimeSpan.FromSeconds(3); // longer than one poll (2 s)
            });
            var pools = Enumerable.Range(0, Pools).Select(_ => h.Fake.AddPool(FakePoolStatus.Closed)).ToArray();
            h.Fake.InjectFaultRandomly(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnectionAfterHandling(), 0.3, seed: 5);
            h.Fake.InjectFaultRandomly(FakeTolokaEndpoint.ClonePool, FakeFault.DropConnection(), 0.1, seed: 6);
            int lost = 0, found = 0, resent = 0;
            var cloned = new string[Pools];
            for (var i = 0; i < Pools; i++)
            {
                for (var send = 1; cloned[i] is null; send++)
                {
                    Assert.That(send, Is.LessThanOrEqualTo(5), "bounded");
                    var sentAt = h.Time.GetUtcNow();
                    try
                    {
                        cloned[i] = (await h.Client.ClonePoolAsync(pools[i])).Id;
                    }
                    catch (TolokaTransportException)
                    {
                        lost++;
                        var outcome = await Resolve(h, TolokaLostRequest.PoolClone(pools[i], sentAt));
                        if (outcome.Started)
                        {
                            found++;
                            cloned[i] = outcome.Operation!.Id;
                        }
                        else
                        {
                            resent++;
                        }
                    }
                }
            }

            var perPool = h.Fake.Operations.GroupBy(o => o.SourceId).ToDictionary(g => g.Key, g => g.Count());
            var duplicates = perPool.Values.Sum(n => n - 1);
            TestContext.Out.WriteLine($"library lost-answer suite: {Pools} pools, {lost} answers lost, {found} found in GET /operations, {resent} sent again, {duplicates} duplicates, {Pools - perPool.Count} pools not cloned");
            Assert.That(lost, Is.GreaterThan(5), "the suite lost answers");
            Assert.That(duplicates, Is.Zero);
            Assert.That(perPool.Keys, Is.EquivalentTo(pools), "every pool cloned");
            Assert.That(cloned, Is.EquivalentTo(h.Fake.Operations.Select(o => o.Id)), "each clone known by its operation");
        }

        /// <summary>Resolves on a clock that moves only when the resolver waits, by exactly its wait.</summary>
        private static async Task<TolokaOutcome> Resolve(FakeTolokaHarness h, TolokaLostRequest request)
        {
            var clock = new WaitSignallingClock(h.Time);
            var resolving = new TolokaOutcomeResolver(h.Client, Quick, clock).ResolveAsync(request);
            for (var i = 0; i < 1000 && !resolving.IsCompleted; i++)
            {
                var waiting = clock.NextWait();
                if (await Task.WhenAny(resolving, waiting) == waiting)
                {
                    h.Time.Advance(await waiting);
                }
            }

            return await resolving;
        }

        /// <summary>Hands each timer's due time to the test, which advances the shared fake clock by it.</summary>
        private sealed class WaitSignallingClock : TimeProvider
        {
            private readonly FakeTimeProvider _inner;
            private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

            public WaitSignallingClock(FakeTimeProvider inner) => _inner = inner;

            /// <summary>The next wait the resolver starts; queued, so a wait started before the test asks is not missed.</summary>
            public Task<TimeSpan> NextWait() => _waits.Reader.ReadAsync().AsTask();

            public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

            public override long GetTimestamp() => _inner.GetTimestamp();

            public override long TimestampFrequency => _inner.TimestampFrequency;

            public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
            {
                var timer = _inner.CreateTimer(callback, state, dueTime, period);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    _waits.Writer.TryWrite(dueTime);
                }

                return timer;
            }
        }
    }
}

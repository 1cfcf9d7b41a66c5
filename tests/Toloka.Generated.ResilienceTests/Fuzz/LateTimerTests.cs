using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.ResilienceTests.Faults;
using Toloka.Generated.ResilienceTests.Support;

namespace Toloka.Generated.ResilienceTests.Fuzz
{
    /// <summary>
    /// Found by the fuzz suite through AddTolokaClient: a network-timeout timer that fires just as the
    /// attempt ends ran its callback after the attempt had disposed what the callback cancels, and the
    /// callback threw ObjectDisposedException. System.Threading timers behave the same way (Dispose does
    /// not stop a callback already on its way), and there the exception is unhandled on a pool thread,
    /// which ends the process. This clock replays every callback after the call, as a late timer would.
    /// </summary>
    [TestFixture]
    public sealed class LateTimerTests
    {
        [Test]
        public async Task Network_timeout_firing_as_the_attempt_ends_does_not_throw()
        {
            var clock = new LateTimerClock();
            var handler = new ScriptedHandler((request, _, _) => Task.FromResult(HostileAnswer.Json(200, SocketFaults.NextBody).ToResponse(request, null)));
            using var httpClient = new HttpClient(handler);
            using var client = new TolokaClient(httpClient, Secret.Token, new TolokaClientOptions
            {
                Environment = TolokaEnvironment.Custom("http://127.0.0.1:1/api/v1"),
                TimeProvider = clock,
                NetworkTimeout = TimeSpan.FromSeconds(10),
            });

            var operation = await client.GetOperationAsync("op-next");

            Assert.That(operation.Id, Is.EqualTo("op-next"));
            Assert.That(clock.Callbacks, Is.Not.Empty, "the attempt armed a timer");
            Assert.That(clock.FireAllLate, Throws.Nothing, "a late timer callback must not throw");
        }

        /// <summary>The system clock, except that each timer's callback is also kept to be run again after its Dispose.</summary>
        private sealed class LateTimerClock : TimeProvider
        {
            public ConcurrentQueue<(TimerCallback Callback, object? State)> Callbacks { get; } = new();

            public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
            {
                Callbacks.Enqueue((callback, state));
                return System.CreateTimer(callback, state, dueTime, period);
            }

            public void FireAllLate()
            {
                foreach (var (callback, state) in Callbacks)
                {
                    callback(state);
                }
            }
        }
    }
}

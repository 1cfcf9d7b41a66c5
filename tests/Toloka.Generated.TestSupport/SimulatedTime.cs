using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Toloka.Generated.TestSupport
{
    /// <summary>Runs a task to completion by moving a FakeTimeProvider forward, never the wall clock.</summary>
    internal static class SimulatedTime
    {
        public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

        /// <summary>How long, in real time, a task may still take to finish once its simulated budget is spent.</summary>
        public static readonly TimeSpan RealTimeGrace = TimeSpan.FromSeconds(10);

        public static FakeTimeProvider NewClock() => new(Start);

        /// <summary>Advances <paramref name="time"/> by <paramref name="step"/> until the task ends; fails past <paramref name="limit"/> of simulated time.</summary>
        public static async Task<T> RunAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan step, TimeSpan limit)
        {
            await RunAsync(time, (Task)task, step, limit);
            return await task;
        }

        public static async Task RunAsync(this FakeTimeProvider time, Task task, TimeSpan step, TimeSpan limit)
        {
            var end = time.GetUtcNow() + limit;
            while (!task.IsCompleted)
            {
                if (time.GetUtcNow() >= end)
                {
                    // The simulated budget is spent, but work a timer released may still be running on the
                    // thread pool (a first exception thrown in the process can take tens of real
                    // milliseconds): give it a bounded real-time grace before calling it stuck.
                    await Task.WhenAny(task, Task.Delay(RealTimeGrace)).ConfigureAwait(false);
                    if (!task.IsCompleted)
                    {
                        throw new TimeoutException("The task did not finish within " + limit + " of simulated time.");
                    }

                    break;
                }

                // Let continuations that the last step released run before time moves again.
                for (var i = 0; i < 20 && !task.IsCompleted; i++)
                {
                    await Task.Yield();
                }

                if (!task.IsCompleted)
                {
                    time.Advance(step);
                }
            }

            await task.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}

using System;
using System.Threading;

namespace Toloka.Generated
{
    /// <summary>
    /// The attempt timeouts of one pipeline: each attempt leases one (a cancellation source and a
    /// timer, most of what a successful call allocated before they were reused) and gives it back
    /// when it ends. Lives as long as its pipeline; <see cref="Dispose"/> releases the idle ones,
    /// and one given back after that is released at once. Nothing is shared between pipelines.
    /// </summary>
    internal sealed class TolokaAttemptTimeouts : IDisposable
    {
        // Enough for every attempt in flight at 32 concurrent calls; beyond it a timeout is built and dropped.
        private const int IdleSlots = 32;

        private readonly TolokaAttemptTimeout?[] _idle = new TolokaAttemptTimeout?[IdleSlots];
        private readonly TimeProvider _time;
        private readonly TimeSpan _timeout;
        private volatile bool _disposed;

        internal TolokaAttemptTimeouts(TimeProvider time, TimeSpan networkTimeout)
        {
            _time = time;
            _timeout = networkTimeout;
        }

        /// <summary>A timeout armed for an attempt that started at <paramref name="startedAt"/>, linked to the caller's token.</summary>
        internal TolokaAttemptTimeout Lease(long startedAt, CancellationToken callerCancellation)
        {
            TolokaAttemptTimeout? timeout = null;
            for (var i = 0; i < _idle.Length && timeout is null; i++)
            {
                if (Volatile.Read(ref _idle[i]) is not null)
                {
                    timeout = Interlocked.Exchange(ref _idle[i], null);
                }
            }

            timeout ??= new TolokaAttemptTimeout(_time, _timeout);
            timeout.Start(startedAt, callerCancellation);
            return timeout;
        }

        /// <summary>Ends the attempt's timeout and keeps it for the next attempt, unless it fired or the pipeline is gone.</summary>
        internal void Return(TolokaAttemptTimeout timeout)
        {
            if (timeout.TryStop() && !_disposed)
            {
                for (var i = 0; i < _idle.Length; i++)
                {
                    if (Interlocked.CompareExchange(ref _idle[i], timeout, null) is null)
                    {
                        if (_disposed)
                        {
                            // Disposed while this was put back: release it (and any other) now.
                            ReleaseIdle();
                        }

                        return;
                    }
                }
            }

            timeout.Dispose();
        }

        public void Dispose()
        {
            _disposed = true;
            ReleaseIdle();
        }

        private void ReleaseIdle()
        {
            for (var i = 0; i < _idle.Length; i++)
            {
                Interlocked.Exchange(ref _idle[i], null)?.Dispose();
            }
        }
    }
}

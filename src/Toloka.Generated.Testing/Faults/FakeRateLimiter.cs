using System;
using System.Collections.Generic;
using System.Linq;

namespace Toloka.Generated.Testing
{
    /// <summary>Sliding-window rate limits on the fake's clock: each limit remembers when it let requests through.</summary>
    internal sealed class FakeRateLimiter
    {
        private readonly object _gate = new();
        private readonly (FakeRateLimit Limit, Queue<DateTimeOffset> Accepted)[] _windows;

        internal FakeRateLimiter(IEnumerable<FakeRateLimit> limits)
        {
            _windows = limits.Select(limit => (limit, new Queue<DateTimeOffset>())).ToArray();
        }

        /// <summary>Counts the request against every limit on its endpoint, or, when one is full, counts nothing.</summary>
        /// <returns>Null when the request may go on; otherwise how long until the fullest limit lets one through.</returns>
        internal TimeSpan? TryAcquire(FakeTolokaEndpoint endpoint, DateTimeOffset now) => TryAcquire(endpoint, now, out _);

        /// <summary>As <see cref="TryAcquire(FakeTolokaEndpoint, DateTimeOffset)"/>; <paramref name="window"/> is the window of the fullest limit, for the 429's <c>payload.interval</c>.</summary>
        internal TimeSpan? TryAcquire(FakeTolokaEndpoint endpoint, DateTimeOffset now, out TimeSpan window)
        {
            window = TimeSpan.Zero;
            lock (_gate)
            {
                TimeSpan? wait = null;
                foreach (var (limit, accepted) in _windows)
                {
                    if (limit.Endpoint != endpoint)
                    {
                        continue;
                    }

                    while (accepted.Count > 0 && accepted.Peek() <= now - limit.Window)
                    {
                        accepted.Dequeue();
                    }

                    if (accepted.Count >= limit.Requests)
                    {
                        var free = accepted.Peek() + limit.Window - now;
                        if (wait is not { } longest || free > longest)
                        {
                            wait = free;
                            window = limit.Window;
                        }
                    }
                }

                if (wait is not null)
                {
                    return wait;
                }

                foreach (var (limit, accepted) in _windows)
                {
                    if (limit.Endpoint == endpoint)
                    {
                        accepted.Enqueue(now);
                    }
                }

                return null;
            }
        }
    }
}

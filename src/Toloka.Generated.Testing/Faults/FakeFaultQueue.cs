using System.Collections.Generic;

namespace Toloka.Generated.Testing
{
    /// <summary>Faults waiting for the next requests to each endpoint, first queued first used.</summary>
    internal sealed class FakeFaultQueue
    {
        private readonly object _gate = new();
        private readonly Dictionary<FakeTolokaEndpoint, Queue<FakeFault>> _queues = new();

        internal void Add(FakeTolokaEndpoint endpoint, FakeFault fault, int times)
        {
            lock (_gate)
            {
                if (!_queues.TryGetValue(endpoint, out var queue))
                {
                    queue = new Queue<FakeFault>();
                    _queues[endpoint] = queue;
                }

                for (var i = 0; i < times; i++)
                {
                    queue.Enqueue(fault);
                }
            }
        }

        internal FakeFault? Take(FakeTolokaEndpoint endpoint)
        {
            lock (_gate)
            {
                return _queues.TryGetValue(endpoint, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
            }
        }

        internal int Count(FakeTolokaEndpoint endpoint)
        {
            lock (_gate)
            {
                return _queues.TryGetValue(endpoint, out var queue) ? queue.Count : 0;
            }
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// Spaces the requests of each rate-limited operation evenly (60 s / limit apart), so a bulk loop
    /// stays under Toloka's per-minute limit. Shared by all calls of one client, concurrent ones too.
    /// </summary>
    internal sealed class TolokaPacer
    {
        private readonly TimeProvider _timeProvider;
        private readonly ConcurrentDictionary<string, Lane> _lanes = new ConcurrentDictionary<string, Lane>(StringComparer.Ordinal);

        internal TolokaPacer(TimeProvider timeProvider)
        {
            _timeProvider = timeProvider;
        }

        internal async Task WaitTurnAsync(string operationId, int requestsPerMinute, CancellationToken cancellationToken)
        {
            if (requestsPerMinute <= 0)
            {
                return;
            }

            var lane = _lanes.GetOrAdd(operationId, _ => new Lane());
            var spacing = TimeSpan.FromTicks(TimeSpan.FromMinutes(1).Ticks / requestsPerMinute);
            await lane.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var now = _timeProvider.GetUtcNow();
                if (lane.NextSlot > now)
                {
                    await TolokaClock.Delay(_timeProvider, lane.NextSlot - now, cancellationToken).ConfigureAwait(false);
                    now = _timeProvider.GetUtcNow();
                }

                lane.NextSlot = (lane.NextSlot > now ? lane.NextSlot : now) + spacing;
            }
            finally
            {
                lane.Gate.Release();
            }
        }

        private sealed class Lane
        {
            internal SemaphoreSlim Gate { get; } = new SemaphoreSlim(1, 1);

            internal DateTimeOffset NextSlot { get; set; } = DateTimeOffset.MinValue;
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// Spaces the requests of each rate-limited operation evenly (60 s / limit apart), so a bulk loop
    /// stays under Toloka's per-minute limit. Toloka counts per account, so one pacer is shared by
    /// every client in the process with the same environment, token and clock (clients that
    /// dependency injection creates per scope included), and by concurrent calls.
    /// </summary>
    internal sealed class TolokaPacer
    {
        private static readonly ConditionalWeakTable<TimeProvider, ConcurrentDictionary<string, TolokaPacer>> Shared =
            new ConditionalWeakTable<TimeProvider, ConcurrentDictionary<string, TolokaPacer>>();

        private readonly TimeProvider _timeProvider;
        private readonly ConcurrentDictionary<string, Lane> _lanes = new ConcurrentDictionary<string, Lane>(StringComparer.Ordinal);

        private TolokaPacer(TimeProvider timeProvider)
        {
            _timeProvider = timeProvider;
        }

        internal static TolokaPacer For(TimeProvider timeProvider, TolokaEnvironment environment, TolokaToken token)
        {
            var pacers = Shared.GetValue(timeProvider, _ => new ConcurrentDictionary<string, TolokaPacer>(StringComparer.Ordinal));
            return pacers.GetOrAdd(environment.BaseUri.AbsoluteUri + " " + token.Fingerprint, _ => new TolokaPacer(timeProvider));
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

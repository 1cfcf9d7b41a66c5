using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Cli
{
    /// <summary>
    /// Starts the ids of a bulk run in order, each once it has a place: one of the --parallel places among
    /// the ids sending requests, and one of the ids in flight. An id that waits for its operation gives its
    /// place among the senders to the next id and stays in flight; waits overlap without a bound of their
    /// own, their polls paced by the client, so a slow operation never keeps the next id from starting.
    /// </summary>
    internal sealed class BulkDispatcher : IDisposable
    {
        private readonly SemaphoreSlim _sending;
        private readonly SemaphoreSlim _inFlight;
        private int _waiting;

        public BulkDispatcher(int places, int maxInFlight)
        {
            _sending = new SemaphoreSlim(places);
            _inFlight = new SemaphoreSlim(maxInFlight);
        }

        /// <summary>Ids that gave up their place and wait for their operations.</summary>
        public int Waiting => Volatile.Read(ref _waiting);

        /// <summary>Called when an id starts waiting for its operation or ends, so a progress display can count it.</summary>
        public Action Changed { get; set; } = static () => { };

        /// <summary>
        /// Runs <paramref name="run"/> for ids 0 to <paramref name="count"/> - 1, in order, until
        /// <paramref name="stop"/>; an id <paramref name="refused"/> takes its places and gives them back at once.
        /// Returns when every id started has ended.
        /// </summary>
        public async Task RunAsync(int count, Func<int, bool> refused, Func<int, ItemSteps> stepsFor, Func<int, ItemSteps, Place, Task> run, CancellationToken stop)
        {
            var running = new List<Task>();
            for (var index = 0; index < count && !stop.IsCancellationRequested; index++)
            {
                if (!await TakePlacesAsync(stop).ConfigureAwait(false))
                {
                    break;
                }

                if (refused(index))
                {
                    _sending.Release();
                    _inFlight.Release();
                    continue;
                }

                var current = index;
                var steps = stepsFor(current);
                var place = new Place(this, steps);
                running.Add(Task.Run(() => RunOneAsync(current, steps, place, run), CancellationToken.None));
                running.RemoveAll(t => t.IsCompletedSuccessfully);
            }

            await Task.WhenAll(running).ConfigureAwait(false);
        }

        public void Dispose()
        {
            _sending.Dispose();
            _inFlight.Dispose();
        }

        private async Task<bool> TakePlacesAsync(CancellationToken stop)
        {
            try
            {
                await _inFlight.WaitAsync(stop).ConfigureAwait(false);
                await _sending.WaitAsync(stop).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        private async Task RunOneAsync(int index, ItemSteps steps, Place place, Func<int, ItemSteps, Place, Task> run)
        {
            try
            {
                await run(index, steps, place).ConfigureAwait(false);
            }
            finally
            {
                // Also for an id the journal reports done, which never sends.
                place.Release();
                _inFlight.Release();
            }
        }

        /// <summary>An id's place among the ids sending requests: given back once, when it first waits for its operation or when it ends.</summary>
        internal sealed class Place
        {
            private readonly BulkDispatcher _dispatcher;
            private readonly ItemSteps _steps;
            private int _released;
            private int _waits;

            public Place(BulkDispatcher dispatcher, ItemSteps steps)
            {
                _dispatcher = dispatcher;
                _steps = steps;
            }

            /// <summary>The id's requests are sent and from here it only polls: the next id may start.</summary>
            public void WaitForOperation()
            {
                Interlocked.Increment(ref _dispatcher._waiting);
                _waits = 1;
                Release();
                _dispatcher.Changed();
            }

            /// <summary>The id's work returned or threw: it no longer waits, and its place is free.</summary>
            public void Ended()
            {
                Interlocked.Add(ref _dispatcher._waiting, -_waits);
                Release();
                _dispatcher.Changed();
            }

            public void Release()
            {
                if (Interlocked.Exchange(ref _released, 1) == 0)
                {
                    _steps.Detach();
                    _dispatcher._sending.Release();
                }
            }
        }
    }
}

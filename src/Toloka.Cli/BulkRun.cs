using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Toloka.Generated;
using Toloka.Generated.Redis;

namespace Toloka.Cli
{
    /// <summary>
    /// Runs one piece of work per id: up to <see cref="BulkOptions.Parallel"/> ids sending requests at once
    /// (the client's pacing, shared on Redis with --redis, still spaces rate-limited ones), while ids whose
    /// operation is started wait for it beside them, up to 100 in flight, so waits overlap
    /// (<see cref="BulkDispatcher"/>); reports each id as it ends (a --json line at once, in completion order;
    /// the table at the end), keeps the journal, goes on after a failed id, and stops cleanly on cancellation.
    /// </summary>
    internal sealed class BulkRun : IDisposable
    {
        // Ids in flight at once, sending or waiting for their operations: bounds memory and the polls
        // (each id polls 1 s, 2 s, 4 s... apart, so 100 fresh waits are at most 100 GETs a second, a third
        // of Toloka's 300 a second per account).
        private const int MaxInFlight = 100;

        private readonly CliSession _session;
        private readonly string _noun;
        private readonly BulkOptions _options;
        private readonly IReadOnlyList<string> _ids;
        private readonly Work _work;
        private readonly CancellationToken _cancellation;
        private readonly CancellationTokenSource _stopRest;
        private readonly BulkDispatcher _dispatcher;
        private readonly List<(int Index, ItemResult Result)> _results = new();
        private Action<int> _finished = static _ => { };
        private TolokaAuthenticationException? _denied;
        private TolokaException? _redisDown;

        private BulkRun(CliSession session, string noun, BulkOptions options, IReadOnlyList<string> ids, Work work, CancellationToken cancellationToken)
        {
            _session = session;
            _noun = noun;
            _options = options;
            _ids = ids;
            _work = work;
            _cancellation = cancellationToken;
            _stopRest = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _dispatcher = new BulkDispatcher(Places, MaxInFlight);
        }

        public delegate Task<ItemResult> Work(string id, ItemContext item, CancellationToken cancellationToken);

        private int Places => Math.Max(1, Math.Min(_options.Parallel, _ids.Count));

        /// <summary>Runs <paramref name="work"/> for each id, prints the results and returns the exit code.</summary>
        public static async Task<int> RunAsync(CliSession session, string noun, BulkOptions? options, IReadOnlyList<string> ids, Work work, CancellationToken cancellationToken)
        {
            using var run = new BulkRun(session, noun, options ?? BulkOptions.Default, ids, work, cancellationToken);
            return await run.RunAsync().ConfigureAwait(false);
        }

        public void Dispose()
        {
            _stopRest.Dispose();
            _dispatcher.Dispose();
        }

        private async Task<int> RunAsync()
        {
            var output = _session.Output;
            if (output.ShowsProgress)
            {
                await BulkProgress.ShowAsync(output, _noun, _ids.Count, _dispatcher, Places, DispatchAsync, _cancellation).ConfigureAwait(false);
            }
            else
            {
                await DispatchAsync(label => new LineSteps(output, label), _ => { }).ConfigureAwait(false);
            }

            var ordered = _results.OrderBy(r => r.Index).Select(r => r.Result).ToList();
            output.Results(_noun, ordered);
            return BulkSummary.Report(output, _ids, ordered, _cancellation.IsCancellationRequested, _redisDown, _denied);
        }

        private Task DispatchAsync(Func<string, ItemSteps> stepsFor, Action<int> finished)
        {
            _finished = finished;
            return _dispatcher.RunAsync(_ids.Count, NotSentForRedis, index => stepsFor(_noun + " " + _ids[index]), RunOneAsync, _stopRest.Token);
        }

        // Once Redis failed for an id, every id not yet started would fail the same way (after Redis's
        // timeout each): none is started.
        private bool NotSentForRedis(int index)
        {
            if (_redisDown is not { } down)
            {
                return false;
            }

            Finish(index, new ItemResult(_ids[index], ItemOutcome.Failed, "not sent: Redis failed for an earlier id (" + down.Message + ")") { ErrorCode = "REDIS_UNAVAILABLE" }, fromJournal: false);
            return true;
        }

        // One id, from its first request to its end. It holds its place among the ids sending requests until
        // it waits for an operation (or ends).
        private async Task RunOneAsync(int index, ItemSteps steps, BulkDispatcher.Place place)
        {
            var id = _ids[index];
            var journal = _options.Journal;
            var state = journal?.StateOf(id) ?? JournalState.NotSent;
            if (state.Kind == JournalKind.Done && state.Result is { } recorded)
            {
                Finish(index, recorded with { Message = recorded.Message + " (from the journal)" }, fromJournal: true);
                return;
            }

            steps.WaitsForOperation = place.WaitForOperation;
            var item = new ItemContext(_session, steps, journal, state, _options.SettleTime);
            _session.Time.Listen(steps.Timer);
            ItemResult? result;
            try
            {
                result = await WorkAsync(id, item).ConfigureAwait(false);
            }
            finally
            {
                _session.Time.Listen(null);
                place.Ended();
            }

            if (result is not null)
            {
                Finish(index, result, fromJournal: false);
            }
        }

        // The id's work, its failures read as its result; null for an id left as not tried.
        private async Task<ItemResult?> WorkAsync(string id, ItemContext item)
        {
            try
            {
                if (_options.Journal is { } journal && !_options.WorkJournalsItsRequests)
                {
                    journal.Sending(id, _session.Time.GetUtcNow());
                }

                return await _work(id, item, _stopRest.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                return new ItemResult(id, ItemOutcome.Stopped, "stopped by a signal" + item.Started) { OperationId = item.OperationId };
            }
            catch (OperationCanceledException) when (_stopRest.IsCancellationRequested)
            {
                // Another id was refused authentication: this one is left as not tried.
                return null;
            }
            catch (TolokaAuthenticationException e)
            {
                // Every other id would be refused the same way: stop at the first.
                Interlocked.CompareExchange(ref _denied, e, null);
                _stopRest.Cancel();
                return ItemFailure.Of(id, e);
            }
            catch (TolokaRedisUnavailableException e)
            {
                // Nothing was sent for it, and no id not yet started is (NotSentForRedis); the ids already
                // sent are still waited for.
                Interlocked.CompareExchange(ref _redisDown, e, null);
                return ItemFailure.Of(id, e) with { ErrorCode = "REDIS_UNAVAILABLE" };
            }
            catch (Exception e) when (e is TolokaException or ArgumentException)
            {
                var failed = ItemFailure.Of(id, e);
                return failed with { OperationId = item.OperationId ?? failed.OperationId };
            }
        }

        private void Finish(int index, ItemResult result, bool fromJournal)
        {
            int count;
            lock (_results)
            {
                _results.Add((index, result));
                count = _results.Count;
            }

            // The line first: an id whose end is in the journal has always been reported.
            _session.Output.Item(result);
            if (!fromJournal)
            {
                _options.Journal?.Ended(result, _session.Time.GetUtcNow());
            }

            _finished(count);
        }
    }
}

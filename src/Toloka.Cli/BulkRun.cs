using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;
using Toloka.Generated;
using Toloka.Generated.Redis;

namespace Toloka.Cli
{
    /// <summary>
    /// Runs one piece of work per id: up to <see cref="BulkOptions.Parallel"/> ids sending requests at once
    /// (the client's pacing, shared on Redis with --redis, still spaces rate-limited ones), while ids whose
    /// operation is started wait for it beside them, up to 100 in flight, so waits overlap; reports each id as
    /// it ends (a --json line at once, in completion order; the table at the end), keeps the journal, goes
    /// on after a failed id, and stops cleanly on cancellation.
    /// </summary>
    internal sealed class BulkRun
    {
        // Ids in flight at once, sending or waiting for their operations: bounds memory and the polls
        // (each id polls 1 s, 2 s, 4 s... apart, so 100 fresh waits are at most 100 GETs a second, a third
        // of Toloka's 300 a second per account).
        private const int MaxInFlight = 100;

        private readonly CliSession _session;
        private readonly string _noun;
        private readonly BulkOptions _options;

        public BulkRun(CliSession session, string noun, BulkOptions? options = null)
        {
            _session = session;
            _noun = noun;
            _options = options ?? BulkOptions.Default;
        }

        public delegate Task<ItemResult> Work(string id, ItemContext item, CancellationToken cancellationToken);

        public async Task<int> RunAsync(IReadOnlyList<string> ids, Work work, CancellationToken cancellationToken)
        {
            var output = _session.Output;
            var journal = _options.Journal;
            var results = new List<(int Index, ItemResult Result)>();
            TolokaAuthenticationException? denied = null;
            TolokaException? redisDown = null;
            using var stopRest = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var parallel = Math.Max(1, Math.Min(_options.Parallel, ids.Count));
            using var sending = new SemaphoreSlim(parallel);
            using var inFlight = new SemaphoreSlim(MaxInFlight);
            var waiting = 0;
            Action refresh = static () => { };

            void Finish(int index, ItemResult result, bool fromJournal, Action<int> done)
            {
                int count;
                lock (results)
                {
                    results.Add((index, result));
                    count = results.Count;
                }

                // The line first: an id whose end is in the journal has always been reported.
                output.Item(result);
                if (!fromJournal)
                {
                    journal?.Ended(result, _session.Time.GetUtcNow());
                }

                done(count);
            }

            // One id, from its first request to its end. It holds a place among the --parallel ids sending
            // requests until it waits for an operation (or ends): waits overlap without a bound of their own,
            // their polls paced by the client, so a slow operation never keeps the next id from starting.
            async Task One(int index, ItemSteps steps, Action<int> done, Action release)
            {
                var id = ids[index];
                var state = journal?.StateOf(id) ?? JournalState.NotSent;
                if (state.Kind == JournalKind.Done && state.Result is { } recorded)
                {
                    Finish(index, recorded with { Message = recorded.Message + " (from the journal)" }, fromJournal: true, done);
                    return;
                }

                var waits = 0;
                steps.WaitsForOperation = () =>
                {
                    Interlocked.Increment(ref waiting);
                    waits = 1;
                    release();
                    refresh();
                };
                var item = new ItemContext(_session, steps, journal, state, _options.SettleTime);
                _session.Time.Listen(steps.Timer);
                ItemResult? result;
                try
                {
                    if (journal is not null && !_options.WorkJournalsItsRequests)
                    {
                        journal.Sending(id, _session.Time.GetUtcNow());
                    }

                    result = await work(id, item, stopRest.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    result = new ItemResult(id, ItemOutcome.Stopped, "stopped by a signal" + item.Started) { OperationId = item.OperationId };
                }
                catch (OperationCanceledException) when (stopRest.IsCancellationRequested)
                {
                    // Another id was refused authentication: this one is left as not tried.
                    result = null;
                }
                catch (TolokaAuthenticationException e)
                {
                    // Every other id would be refused the same way: stop at the first.
                    Interlocked.CompareExchange(ref denied, e, null);
                    stopRest.Cancel();
                    result = ItemFailure.Of(id, e);
                }
                catch (TolokaRedisUnavailableException e)
                {
                    // Nothing was sent for it, and every id not yet started would fail the same way (after
                    // Redis's timeout each): none is started; the ids already sent are still waited for.
                    Interlocked.CompareExchange(ref redisDown, e, null);
                    result = ItemFailure.Of(id, e) with { ErrorCode = "REDIS_UNAVAILABLE" };
                }
                catch (Exception e) when (e is TolokaException or ArgumentException)
                {
                    var failed = ItemFailure.Of(id, e);
                    result = failed with { OperationId = item.OperationId ?? failed.OperationId };
                }
                finally
                {
                    _session.Time.Listen(null);
                    Interlocked.Add(ref waiting, -waits);
                    release();
                    refresh();
                }

                if (result is not null)
                {
                    Finish(index, result, fromJournal: false, done);
                }
            }

            // Starts the ids in order, each once a place among the senders (and one of the ids in flight) is free.
            async Task Dispatch(Func<string, ItemSteps> stepsFor, Action<int> done)
            {
                var running = new List<Task>();
                for (var index = 0; index < ids.Count && !stopRest.IsCancellationRequested; index++)
                {
                    try
                    {
                        await inFlight.WaitAsync(stopRest.Token).ConfigureAwait(false);
                        await sending.WaitAsync(stopRest.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    if (redisDown is { } down)
                    {
                        sending.Release();
                        inFlight.Release();
                        Finish(index, new ItemResult(ids[index], ItemOutcome.Failed, "not sent: Redis failed for an earlier id (" + down.Message + ")") { ErrorCode = "REDIS_UNAVAILABLE" }, fromJournal: false, done);
                        continue;
                    }

                    var current = index;
                    var steps = stepsFor(ids[current]);
                    var released = 0;
                    void Release()
                    {
                        if (Interlocked.Exchange(ref released, 1) == 0)
                        {
                            steps.Detach();
                            sending.Release();
                        }
                    }

                    running.Add(Task.Run(async () =>
                    {
                        try
                        {
                            await One(current, steps, done, Release).ConfigureAwait(false);
                        }
                        finally
                        {
                            // Also for an id the journal reports done, which never sends.
                            Release();
                            inFlight.Release();
                        }
                    }, CancellationToken.None));
                    running.RemoveAll(t => t.IsCompletedSuccessfully);
                }

                await Task.WhenAll(running).ConfigureAwait(false);
            }

            if (output.ShowsProgress)
            {
                await output.Console.Progress()
                    .AutoClear(false)
                    .Columns(
                        new TaskDescriptionColumn { Alignment = Justify.Left },
                        new ProgressBarColumn(),
                        new PercentageColumn(),
                        new ElapsedTimeColumn(),
                        new SpinnerColumn())
                    .StartAsync(async context =>
                    {
                        var overall = context.AddTask(Markup.Escape(Count(0, ids.Count, 0)), maxValue: ids.Count);
                        var lines = new Stack<ProgressTask>(Enumerable.Range(0, parallel).Select(_ => context.AddTask("starting", maxValue: 100)));
                        var finished = 0;
                        void Describe() => overall.Description = Markup.Escape(Count(Volatile.Read(ref finished), ids.Count, Volatile.Read(ref waiting)));
                        void Done(int count)
                        {
                            Volatile.Write(ref finished, count);
                            overall.Value = count;
                            Describe();
                        }

                        // A line per id sending requests (there is always one free: one per place); an id that
                        // waits for its operation gives its line to the next and is counted on the overall line.
                        ItemSteps StepsFor(string id)
                        {
                            lock (lines)
                            {
                                return new ProgressSteps(lines.Pop(), _noun + " " + id, line =>
                                {
                                    line.Description = "idle";
                                    line.Value = 0;
                                    lock (lines)
                                    {
                                        lines.Push(line);
                                    }
                                });
                            }
                        }

                        refresh = Describe;
                        await Dispatch(StepsFor, Done).ConfigureAwait(false);
                        foreach (var line in lines)
                        {
                            line.Description = cancellationToken.IsCancellationRequested ? "stopped" : "finished";
                            line.Value = 100;
                            line.StopTask();
                        }

                        overall.StopTask();
                    }).ConfigureAwait(false);
            }
            else
            {
                await Dispatch(id => new LineSteps(output, _noun + " " + id), _ => { }).ConfigureAwait(false);
            }

            var ordered = results.OrderBy(r => r.Index).Select(r => r.Result).ToList();
            output.Results(_noun, ordered);
            if (cancellationToken.IsCancellationRequested)
            {
                var finished = ordered.Where(r => r.Outcome is ItemOutcome.Done or ItemOutcome.Already).Select(r => r.Id).ToList();
                var notDone = ids.Except(finished).ToList();
                output.Error("Stopped by a signal. Done: " + List(finished) + ". Not done: " + List(notDone) + ".");
                return ExitCodes.Interrupted;
            }

            if (redisDown is not null)
            {
                output.Error("Redis failed, so nothing more was sent: " + redisDown.Message + " Ids sent before it were waited for; rerun the rest (with the same --journal, ids done are skipped) once Redis answers, or without --redis to pace in this process alone.");
            }

            if (denied is not null)
            {
                output.Error("Authentication failed (" + (denied.ErrorCode ?? "401") + "): check the API key in TOLOKA_API_KEY or --token-file (an old OAuth token goes in TOLOKA_TOKEN). " +
                    (ids.Count - ordered.Count) + " id(s) not tried.");
                return ExitCodes.Authentication;
            }

            var quota = ordered.Where(r => r.Outcome == ItemOutcome.Quota).ToList();
            if (quota.Count > 0)
            {
                var resets = quota.Select(r => r.ResetsAt).Where(r => r is not null).DefaultIfEmpty().Max();
                output.Error("Toloka's quota is used up for " + quota.Count + " id(s): " + string.Join(", ", quota.Select(r => r.Id))
                    + (resets is { } at ? "; run them again after " + CliOutput.Time(at) : string.Empty) + ".");
            }

            var unknown = ordered.Where(r => r.Outcome == ItemOutcome.Unknown).Select(r => r.Id).ToList();
            if (unknown.Count > 0)
            {
                output.Error("The outcome of " + unknown.Count + " id(s) is unknown (" + List(unknown) + "): a clone may exist. Rerun with the same --journal to look again, or check with 'toloka operation list --type POOL.CLONE' before cloning them again.");
                return ExitCodes.NeedsAttention;
            }

            if (quota.Count > 0)
            {
                return ExitCodes.QuotaExhausted;
            }

            return ordered.Any(r => r.Outcome == ItemOutcome.Failed) ? ExitCodes.SomeFailed : ExitCodes.Success;
        }

        private static string List(List<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids);

        private string Count(int done, int total, int waiting) =>
            _noun + "s " + done + "/" + total + (waiting > 0 ? " · " + waiting + " waiting for their operations" : string.Empty);
    }
}

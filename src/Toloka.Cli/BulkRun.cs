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
    /// <summary>What a bulk command was asked for beyond its ids: how many at once, the journal, the settle time.</summary>
    internal sealed record BulkOptions(int Parallel, BulkJournal? Journal, TimeSpan SettleTime, bool WorkJournalsItsRequests)
    {
        public const int DefaultParallel = 4;
        public const int MaxParallel = 32;
        public static readonly TimeSpan DefaultSettleTime = TimeSpan.FromSeconds(60);

        public static readonly BulkOptions Default = new(DefaultParallel, null, DefaultSettleTime, false);
    }

    /// <summary>
    /// Runs one piece of work per id: up to <see cref="BulkOptions.Parallel"/> ids sending requests at once
    /// (the client's pacing, shared on Redis with --redis, still spaces rate-limited ones), while ids whose
    /// operation is started wait for it beside them, up to 100 in flight, so waits overlap; reports each id as
    /// it ends (a --json line at once, in completion order; the table at the end), keeps the journal, goes
    /// on after a failed id, and stops cleanly on cancellation.
    /// </summary>
    internal sealed class BulkRun
    {
        // A rate limit Toloka keeps answering with is waited out this many times per id, then the id fails.
        private const int RateLimitWaits = 10;
        private static readonly TimeSpan LongestRateLimitWait = TimeSpan.FromMinutes(15);

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
                    result = Failed(id, e);
                }
                catch (TolokaRedisUnavailableException e)
                {
                    // Nothing was sent for it, and every id not yet started would fail the same way (after
                    // Redis's timeout each): none is started; the ids already sent are still waited for.
                    Interlocked.CompareExchange(ref redisDown, e, null);
                    result = Failed(id, e) with { ErrorCode = "REDIS_UNAVAILABLE" };
                }
                catch (Exception e) when (e is TolokaException or ArgumentException)
                {
                    var failed = Failed(id, e);
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

        /// <summary>
        /// Sends one request; when Toloka still says 429 after the client's own retries (a Retry-After
        /// past the client's budget), waits it out here, so bulk work under a limit never fails for it.
        /// Repeating is safe: a 429 means Toloka did not act.
        /// </summary>
        public static async Task<T> SendAsync<T>(ItemContext item, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
        {
            for (var wait = 1; ; wait++)
            {
                try
                {
                    return await request(cancellationToken).ConfigureAwait(false);
                }
                catch (TolokaRateLimitedException e) when (wait <= RateLimitWaits && !OutlastsTheRun(e))
                {
                    var now = item.Session.Time.GetUtcNow();
                    var delay = e.RetryAfter ?? (e.ResetsAt is { } resets ? resets - now : TimeSpan.FromSeconds(3 * wait));
                    delay = delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay > LongestRateLimitWait ? LongestRateLimitWait : delay;
                    item.Steps.Waiting(delay, "waiting for the rate limit");
                    await Task.Delay(delay, item.Session.Time, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>
        /// A 429 naming an hourly or daily quota, or asking for a wait past the longest one a run makes: no
        /// point waiting in the run, the id ends as <see cref="ItemOutcome.Quota"/> at once.
        /// </summary>
        private static bool OutlastsTheRun(TolokaRateLimitedException e) =>
            e.QuotaInterval is TolokaQuotaInterval.Hour or TolokaQuotaInterval.Day || e.RetryAfter > LongestRateLimitWait;

        public static ItemResult Failed(string id, Exception e) => e switch
        {
            TolokaQuotaExceededException quota => new ItemResult(id, ItemOutcome.Quota, "not sent: the day's quota for " + quota.OperationId + " (" + quota.RequestsPerDay + " a day) is used up; it frees a call at " + CliOutput.Time(quota.ResetsAt))
            {
                ErrorCode = "QUOTA_EXCEEDED",
                ResetsAt = quota.ResetsAt,
            },
            TolokaRateLimitedException limited when OutlastsTheRun(limited) => new ItemResult(id, ItemOutcome.Quota, "Toloka refused it: " + (limited.ErrorMessage ?? limited.Message))
            {
                ErrorCode = limited.ErrorCode ?? "HTTP_429",
                HttpStatus = 429,
                ResetsAt = limited.ResetsAt,
            },
            TolokaOperationFailedException failed => new ItemResult(id, ItemOutcome.Failed, "operation " + failed.Operation.Id + " failed" + Reason(failed.Operation))
            {
                OperationId = failed.Operation.Id,
                Status = "FAIL",
                ErrorCode = "OPERATION_FAILED",
            },
            TolokaOperationTimeoutException timeout => new ItemResult(id, ItemOutcome.Failed, "operation " + timeout.OperationId + " did not finish within " + timeout.Waited)
            {
                OperationId = timeout.OperationId,
                Status = timeout.LastKnown.Status.ToString().ToUpperInvariant(),
                ErrorCode = "OPERATION_TIMEOUT",
            },
            TolokaApiException api => new ItemResult(id, ItemOutcome.Failed, api.ErrorMessage ?? api.Message)
            {
                ErrorCode = api.ErrorCode ?? "HTTP_" + api.StatusCode,
                HttpStatus = api.StatusCode,
            },
            TolokaOutcomeUnknownException unknown => new ItemResult(id, ItemOutcome.Unknown, unknown.Message) { ErrorCode = "OUTCOME_UNKNOWN" },
            TolokaTransportException transport => new ItemResult(id, ItemOutcome.Failed, transport.Message) { ErrorCode = transport.TimedOut ? "TIMEOUT" : "TRANSPORT" },
            ArgumentException argument => new ItemResult(id, ItemOutcome.Failed, argument.Message) { ErrorCode = "INVALID_ID" },
            _ => new ItemResult(id, ItemOutcome.Failed, e.Message) { ErrorCode = "ERROR" },
        };

        private static string Reason(Operation operation) =>
            operation.Details?.AdditionalProperties is { } details && details.TryGetValue("reason", out var reason) ? ": " + reason : string.Empty;

        private static string List(List<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids);

        private string Count(int done, int total, int waiting) =>
            _noun + "s " + done + "/" + total + (waiting > 0 ? " · " + waiting + " waiting for their operations" : string.Empty);
    }

    /// <summary>What the work for one id may use: the session, its progress line, and what it started.</summary>
    internal sealed class ItemContext
    {
        private string? _operationId;

        public ItemContext(CliSession session, ItemSteps steps, BulkJournal? journal = null, JournalState? resume = null, TimeSpan? settleTime = null)
        {
            Session = session;
            Steps = steps;
            Journal = journal;
            Resume = resume ?? JournalState.NotSent;
            SettleTime = settleTime ?? BulkOptions.DefaultSettleTime;
        }

        /// <summary>The --journal, when given.</summary>
        public BulkJournal? Journal { get; }

        /// <summary>What the journal knows of this id from an earlier run.</summary>
        public JournalState Resume { get; }

        /// <summary>How long a lost answer's operation is looked for in Toloka's listings (--settle-time).</summary>
        public TimeSpan SettleTime { get; }

        public CliSession Session { get; }

        public ItemSteps Steps { get; }

        /// <summary>The last operation this id started, so a stopped or failed id still names it.</summary>
        public string? OperationId
        {
            get => _operationId ?? Steps.OperationId;
            set => _operationId = value;
        }

        public string Started => OperationId is null ? string.Empty : "; its operation was started";
    }
}

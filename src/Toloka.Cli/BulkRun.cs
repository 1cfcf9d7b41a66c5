using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>
    /// Runs one piece of work per id, one after another (the client's pacing spaces the requests),
    /// reports each id, goes on after a failed id, and stops cleanly on cancellation.
    /// </summary>
    internal sealed class BulkRun
    {
        // A rate limit Toloka keeps answering with is waited out this many times per id, then the id fails.
        private const int RateLimitWaits = 10;
        private static readonly TimeSpan LongestRateLimitWait = TimeSpan.FromMinutes(15);

        private readonly CliSession _session;
        private readonly string _noun;

        public BulkRun(CliSession session, string noun)
        {
            _session = session;
            _noun = noun;
        }

        public delegate Task<ItemResult> Work(string id, ItemContext item, CancellationToken cancellationToken);

        public async Task<int> RunAsync(IReadOnlyList<string> ids, Work work, CancellationToken cancellationToken)
        {
            var output = _session.Output;
            var results = new List<ItemResult>();
            TolokaAuthenticationException? denied = null;

            async Task Loop(Func<string, ItemSteps> stepsFor, Action<int> done)
            {
                foreach (var id in ids)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        break;
                    }

                    var steps = stepsFor(id);
                    var item = new ItemContext(_session, steps);
                    _session.Time.Listen(wait => steps.Waiting(wait, steps is ProgressSteps { Polling: true } ? "next check in" : "waiting for the rate limit"));
                    try
                    {
                        results.Add(await work(id, item, cancellationToken).ConfigureAwait(false));
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        results.Add(new ItemResult(id, ItemOutcome.Stopped, "stopped by a signal" + item.Started) { OperationId = item.OperationId });
                        break;
                    }
                    catch (TolokaAuthenticationException e)
                    {
                        // Every other id would be refused the same way: stop at the first.
                        denied = e;
                        results.Add(Failed(id, e));
                        break;
                    }
                    catch (Exception e) when (e is TolokaException or ArgumentException)
                    {
                        results.Add(Failed(id, e) with { OperationId = item.OperationId });
                    }
                    finally
                    {
                        _session.Time.Listen(null);
                    }

                    done(results.Count);
                }
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
                        var overall = context.AddTask(Markup.Escape(Count(0, ids.Count)), maxValue: ids.Count);
                        var current = context.AddTask("starting", maxValue: 100);
                        await Loop(
                            id => new ProgressSteps(current, _noun + " " + id),
                            count =>
                            {
                                overall.Value = count;
                                overall.Description = Markup.Escape(Count(count, ids.Count));
                            }).ConfigureAwait(false);
                        current.Description = cancellationToken.IsCancellationRequested ? "stopped" : "finished";
                        current.Value = 100;
                        current.StopTask();
                        overall.StopTask();
                    }).ConfigureAwait(false);
            }
            else
            {
                await Loop(_ => new ItemSteps(), _ => { }).ConfigureAwait(false);
            }

            output.Results(_noun, results);
            if (cancellationToken.IsCancellationRequested)
            {
                var finished = results.Where(r => r.Outcome is ItemOutcome.Done or ItemOutcome.Already).Select(r => r.Id).ToList();
                var notDone = ids.Except(finished).ToList();
                output.Error("Stopped by a signal. Done: " + List(finished) + ". Not done: " + List(notDone) + ".");
                return ExitCodes.Interrupted;
            }

            if (denied is not null)
            {
                output.Error("Authentication failed (" + (denied.ErrorCode ?? "401") + "): check TOLOKA_TOKEN or --token-file. " +
                    (ids.Count - results.Count) + " id(s) not tried.");
                return ExitCodes.Authentication;
            }

            return results.Any(r => r.Outcome == ItemOutcome.Failed) ? ExitCodes.SomeFailed : ExitCodes.Success;
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
                catch (TolokaRateLimitedException e) when (wait <= RateLimitWaits)
                {
                    var now = item.Session.Time.GetUtcNow();
                    var delay = e.RetryAfter ?? (e.ResetsAt is { } resets ? resets - now : TimeSpan.FromSeconds(3 * wait));
                    delay = delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay > LongestRateLimitWait ? LongestRateLimitWait : delay;
                    item.Steps.Waiting(delay, "waiting for the rate limit");
                    await Task.Delay(delay, item.Session.Time, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        public static ItemResult Failed(string id, Exception e) => e switch
        {
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
            TolokaTransportException transport => new ItemResult(id, ItemOutcome.Failed, transport.Message) { ErrorCode = transport.TimedOut ? "TIMEOUT" : "TRANSPORT" },
            ArgumentException argument => new ItemResult(id, ItemOutcome.Failed, argument.Message) { ErrorCode = "INVALID_ID" },
            _ => new ItemResult(id, ItemOutcome.Failed, e.Message) { ErrorCode = "ERROR" },
        };

        private static string Reason(Operation operation) =>
            operation.Details?.AdditionalProperties is { } details && details.TryGetValue("reason", out var reason) ? ": " + reason : string.Empty;

        private static string List(List<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids);

        private string Count(int done, int total) => _noun + "s " + done + "/" + total;
    }

    /// <summary>What the work for one id may use: the session, its progress line, and what it started.</summary>
    internal sealed class ItemContext
    {
        private string? _operationId;

        public ItemContext(CliSession session, ItemSteps steps)
        {
            Session = session;
            Steps = steps;
        }

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

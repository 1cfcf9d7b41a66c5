using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;

namespace Toloka.Cli
{
    /// <summary>
    /// A bulk run drawn live at a terminal: an overall line counting the ids ended and those waiting for their
    /// operations, and a line per place among the ids sending requests (there is always one free: one per
    /// place); an id that waits for its operation gives its line to the next and is counted on the overall line.
    /// </summary>
    internal sealed class BulkProgress
    {
        private readonly ProgressTask _overall;
        private readonly Stack<ProgressTask> _lines;
        private readonly string _noun;
        private readonly int _total;
        private readonly BulkDispatcher _dispatcher;
        private int _finished;

        private BulkProgress(ProgressContext context, string noun, int total, int places, BulkDispatcher dispatcher)
        {
            _noun = noun;
            _total = total;
            _dispatcher = dispatcher;
            _overall = context.AddTask(Markup.Escape(Count(0, 0)), maxValue: total);
            _lines = new Stack<ProgressTask>(Enumerable.Range(0, places).Select(_ => context.AddTask("starting", maxValue: 100)));
        }

        /// <summary>
        /// Draws the run while <paramref name="dispatch"/> runs it, given the steps for an id (by its label) and
        /// what to call with the count of ids ended; the lines left read "finished", or "stopped" on a signal.
        /// </summary>
        public static async Task ShowAsync(CliOutput output, string noun, int total, BulkDispatcher dispatcher, int places, Func<Func<string, ItemSteps>, Action<int>, Task> dispatch, CancellationToken cancellationToken)
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
                    var progress = new BulkProgress(context, noun, total, places, dispatcher);
                    dispatcher.Changed = progress.Describe;
                    await dispatch(progress.StepsFor, progress.Done).ConfigureAwait(false);
                    progress.Stop(cancellationToken.IsCancellationRequested);
                }).ConfigureAwait(false);
        }

        private void Describe() =>
            _overall.Description = Markup.Escape(Count(Volatile.Read(ref _finished), _dispatcher.Waiting));

        private void Done(int count)
        {
            Volatile.Write(ref _finished, count);
            _overall.Value = count;
            Describe();
        }

        private ItemSteps StepsFor(string label)
        {
            lock (_lines)
            {
                return new ProgressSteps(_lines.Pop(), label, GiveBack);
            }
        }

        private void GiveBack(ProgressTask line)
        {
            line.Description = "idle";
            line.Value = 0;
            lock (_lines)
            {
                _lines.Push(line);
            }
        }

        private void Stop(bool bySignal)
        {
            foreach (var line in _lines)
            {
                line.Description = bySignal ? "stopped" : "finished";
                line.Value = 100;
                line.StopTask();
            }

            _overall.StopTask();
        }

        private string Count(int done, int waiting) =>
            _noun + "s " + done + "/" + _total + (waiting > 0 ? " · " + waiting + " waiting for their operations" : string.Empty);
    }
}

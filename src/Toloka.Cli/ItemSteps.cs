using System;
using System.Globalization;
using System.Threading;
using Spectre.Console;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>
    /// What one id of a bulk command is doing: the step, the operation's status and progress, or the
    /// wait for a rate limit, the next poll or Toloka's listing of operations. The base shows nothing.
    /// </summary>
    internal class ItemSteps : IProgress<Operation>
    {
        /// <summary>The last operation the item reported, so a stopped or failed id still names it.</summary>
        public string? OperationId { get; private set; }

        private Action? _waitsForOperation;

        /// <summary>True while the item waits for an operation, so a timer is a poll and not the pace.</summary>
        public bool Polling { get; private set; }

        /// <summary>True while the item looks for the operation of a lost answer in Toloka's listings.</summary>
        public bool Resolving { get; private set; }

        public void Step(string text)
        {
            Polling = false;
            Resolving = false;
            ShowStep(text);
        }

        /// <summary>A step that searches GET /operations, so its waits read as waits for Toloka's listing.</summary>
        public void ResolvingStep(string text, TimeSpan upTo)
        {
            Step(text);
            Resolving = true;
            AnnounceSearch(text, upTo);
        }

        /// <summary>
        /// Called once, when the item first waits for an operation: its requests are sent and from here it
        /// only polls, so <see cref="BulkDispatcher"/> gives its place among the ids sending requests to the next id.
        /// </summary>
        public Action? WaitsForOperation
        {
            get => _waitsForOperation;
            set => _waitsForOperation = value;
        }

        public void Report(Operation value)
        {
            OperationId = value.Id;
            Polling = true;
            Interlocked.Exchange(ref _waitsForOperation, null)?.Invoke();
            Show(value);
        }

        /// <summary>A timer the client (or the resolver) started for this item, named by what the item is doing.</summary>
        public void Timer(TimeSpan wait) =>
            Waiting(wait, Resolving ? "waiting for Toloka to list operations" : Polling ? "next check in" : "waiting for the rate limit");

        public virtual void Waiting(TimeSpan wait, string reason)
        {
        }

        /// <summary>The item no longer sends requests (it waits for its operation, or ended): it gives up its line, if it has one.</summary>
        public virtual void Detach()
        {
        }

        protected virtual void ShowStep(string text)
        {
        }

        /// <summary>A search of Toloka's listings may wait in many short polls: said once, up front, where no bar shows it.</summary>
        protected virtual void AnnounceSearch(string text, TimeSpan upTo)
        {
        }

        protected virtual void Show(Operation value)
        {
        }

        protected static string Seconds(TimeSpan wait) =>
            wait.TotalSeconds.ToString(wait < TimeSpan.FromSeconds(10) ? "0.0" : "0", CultureInfo.InvariantCulture) + " s";
    }

    /// <summary>
    /// Steps for output that is not a live terminal (--json, a pipe, a file): a long wait is a line on
    /// standard error, so a run is never silent for more than a few seconds without saying why.
    /// </summary>
    internal sealed class LineSteps : ItemSteps
    {
        /// <summary>Waits at least this long are announced.</summary>
        public static readonly TimeSpan Threshold = TimeSpan.FromSeconds(3);

        private readonly CliOutput _output;
        private readonly string _label;

        public LineSteps(CliOutput output, string label)
        {
            _output = output;
            _label = label;
        }

        public override void Waiting(TimeSpan wait, string reason)
        {
            if (wait >= Threshold)
            {
                _output.Error(_label + ": " + reason + " " + Seconds(wait));
            }
        }

        protected override void AnnounceSearch(string text, TimeSpan upTo) =>
            _output.Error(_label + ": the answer was lost; " + text + " (up to " + Seconds(upTo) + " while Toloka lists it)");
    }

    /// <summary>
    /// Steps drawn on a Spectre.Console progress task, one line per id sending requests; once the id waits
    /// for its operation it gives the line back (the overall line counts it) and draws nothing more.
    /// </summary>
    internal sealed class ProgressSteps : ItemSteps
    {
        private readonly ProgressTask _task;
        private readonly string _label;
        private readonly Action<ProgressTask> _giveBack;
        private string _step = string.Empty;
        private int _detached;

        public ProgressSteps(ProgressTask task, string label, Action<ProgressTask> giveBack)
        {
            _task = task;
            _label = label;
            _giveBack = giveBack;
            _task.Value = 0;
            Describe("starting");
        }

        private bool Detached => Volatile.Read(ref _detached) != 0;

        public override void Detach()
        {
            if (Interlocked.Exchange(ref _detached, 1) == 0)
            {
                _giveBack(_task);
            }
        }

        protected override void ShowStep(string text)
        {
            _step = text;
            if (!Detached)
            {
                _task.Value = 0;
                Describe(text);
            }
        }

        protected override void Show(Operation value)
        {
            if (!Detached)
            {
                _task.Value = value.Progress ?? (value.Status == OperationStatus.Success ? 100 : 0);
                Describe(_step + ": " + value.Status.ToString().ToUpperInvariant());
            }
        }

        public override void Waiting(TimeSpan wait, string reason)
        {
            if (!Detached)
            {
                Describe(_step + ": " + reason + " " + Seconds(wait));
            }
        }

        private void Describe(string text) =>
            _task.Description = Markup.Escape(_label + " · " + text);
    }
}

using System;
using System.Globalization;
using Spectre.Console;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>
    /// What one id of a bulk command is doing, shown on the progress bar's second line: the step, the
    /// operation's status and progress, or the wait for a rate limit or the next poll.
    /// </summary>
    internal class ItemSteps : IProgress<Operation>
    {
        /// <summary>The last operation the item reported, so a stopped or failed id still names it.</summary>
        public string? OperationId { get; private set; }

        public virtual void Step(string text)
        {
        }

        public void Report(Operation value)
        {
            OperationId = value.Id;
            Show(value);
        }

        protected virtual void Show(Operation value)
        {
        }

        public virtual void Waiting(TimeSpan wait, string reason)
        {
        }

        protected static string Seconds(TimeSpan wait) =>
            wait.TotalSeconds.ToString(wait < TimeSpan.FromSeconds(10) ? "0.0" : "0", CultureInfo.InvariantCulture) + " s";
    }

    /// <summary>Steps drawn on a Spectre.Console progress task.</summary>
    internal sealed class ProgressSteps : ItemSteps
    {
        private readonly ProgressTask _task;
        private readonly string _label;
        private string _step = string.Empty;

        public ProgressSteps(ProgressTask task, string label)
        {
            _task = task;
            _label = label;
            _task.Value = 0;
            Describe("starting");
        }

        /// <summary>True while the item waits for an operation, so a timer is a poll and not the pace.</summary>
        public bool Polling { get; private set; }

        public override void Step(string text)
        {
            _step = text;
            Polling = false;
            _task.Value = 0;
            Describe(text);
        }

        protected override void Show(Operation value)
        {
            Polling = true;
            _task.Value = value.Progress ?? (value.Status == OperationStatus.Success ? 100 : 0);
            Describe(_step + ": " + value.Status.ToString().ToUpperInvariant());
        }

        public override void Waiting(TimeSpan wait, string reason) =>
            Describe(_step + ": " + reason + " " + Seconds(wait));

        private void Describe(string text) =>
            _task.Description = Markup.Escape(_label + " · " + text);
    }
}

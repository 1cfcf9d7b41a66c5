using System;

namespace Toloka.Cli
{
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

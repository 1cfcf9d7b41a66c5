using System;

namespace Toloka.Cli
{
    internal enum JournalKind
    {
        /// <summary>No request was ever sent for the id: send it.</summary>
        NotSent,

        /// <summary>A request went out and no answer was recorded: ask Toloka what became of it.</summary>
        Sent,

        /// <summary>Toloka answered with an operation: wait for it.</summary>
        Started,

        /// <summary>Done (or already so): report it from the journal, send nothing.</summary>
        Done,
    }

    /// <summary>What the journal knows of one id.</summary>
    internal sealed record JournalState(JournalKind Kind, DateTimeOffset SentAt, string? OperationId, ItemResult? Result)
    {
        public static readonly JournalState NotSent = new(JournalKind.NotSent, DateTimeOffset.MinValue, null, null);

        public static JournalState Sent(DateTimeOffset at) => new(JournalKind.Sent, at, null, null);
    }
}

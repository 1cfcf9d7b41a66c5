namespace Toloka.Cli
{
    /// <summary>How one id of a bulk command ended.</summary>
    internal enum ItemOutcome
    {
        /// <summary>The operation succeeded (or, for a clone without --wait, was accepted).</summary>
        Done,

        /// <summary>Toloka answered 204: the pool was already in the state asked for.</summary>
        Already,

        /// <summary>Toloka refused or the operation failed; the error code and message say why.</summary>
        Failed,

        /// <summary>Ctrl+C or SIGTERM stopped the work before this id was finished.</summary>
        Stopped,
    }

    /// <summary>One line of a bulk command's report.</summary>
    internal sealed record ItemResult(string Id, ItemOutcome Outcome, string Message)
    {
        public string? NewId { get; init; }

        public string? OperationId { get; init; }

        public string? Status { get; init; }

        public string? ErrorCode { get; init; }

        public int? HttpStatus { get; init; }

        public static string Name(ItemOutcome outcome) => outcome switch
        {
            ItemOutcome.Done => "done",
            ItemOutcome.Already => "already",
            ItemOutcome.Failed => "failed",
            _ => "stopped",
        };
    }
}

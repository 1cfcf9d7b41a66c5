using Newtonsoft.Json.Linq;

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

        /// <summary>
        /// A clone's outcome could not be learned: its answer was lost and Toloka could not be asked, or
        /// its operation started but could not be waited for. A clone may exist (the operation id says
        /// which, when known): rerun with the same --journal, or look before cloning again.
        /// </summary>
        Unknown,

        /// <summary>
        /// Not done because Toloka's quota for the operation is used up for longer than a run waits (the day's
        /// 100 clones): not sent, or refused by Toloka with a 429 naming the hour or the day. Run it again after <see cref="ItemResult.ResetsAt"/>.
        /// </summary>
        Quota,
    }

    /// <summary>One line of a bulk command's report.</summary>
    internal sealed record ItemResult(string Id, ItemOutcome Outcome, string Message)
    {
        public string? NewId { get; init; }

        public string? OperationId { get; init; }

        public string? Status { get; init; }

        public string? ErrorCode { get; init; }

        public int? HttpStatus { get; init; }

        /// <summary>For <see cref="ItemOutcome.Quota"/>: when the quota frees a call, if known.</summary>
        public System.DateTimeOffset? ResetsAt { get; init; }

        public static string Name(ItemOutcome outcome) => outcome switch
        {
            ItemOutcome.Done => "done",
            ItemOutcome.Already => "already",
            ItemOutcome.Failed => "failed",
            ItemOutcome.Unknown => "unknown",
            ItemOutcome.Quota => "quota",
            _ => "stopped",
        };

        /// <summary>Reads a line <see cref="CliOutput.ToJson"/> wrote (the journal keeps them).</summary>
        public static ItemResult FromJson(JObject line) =>
            new((string?)line["id"] ?? string.Empty, Parse((string?)line["result"]), (string?)line["message"] ?? string.Empty)
            {
                NewId = (string?)line["new_id"],
                OperationId = (string?)line["operation_id"],
                Status = (string?)line["status"],
                ErrorCode = (string?)line["error_code"],
                HttpStatus = (int?)line["http_status"],
                ResetsAt = (System.DateTimeOffset?)line["resets_at"],
            };

        private static ItemOutcome Parse(string? name) => name switch
        {
            "done" => ItemOutcome.Done,
            "already" => ItemOutcome.Already,
            "failed" => ItemOutcome.Failed,
            "unknown" => ItemOutcome.Unknown,
            "quota" => ItemOutcome.Quota,
            _ => ItemOutcome.Stopped,
        };
    }
}

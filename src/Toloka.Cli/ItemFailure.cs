using System;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>How an exception that ended one id of a bulk command reads as its result: outcome, message and error code.</summary>
    internal static class ItemFailure
    {
        public static ItemResult Of(string id, Exception e) => e switch
        {
            TolokaQuotaExceededException quota => new ItemResult(id, ItemOutcome.Quota, "not sent: the day's quota for " + quota.OperationId + " (" + quota.RequestsPerDay + " a day) is used up; it frees a call at " + CliOutput.Time(quota.ResetsAt))
            {
                ErrorCode = "QUOTA_EXCEEDED",
                ResetsAt = quota.ResetsAt,
            },
            TolokaRateLimitedException limited when ItemRequest.OutlastsTheRun(limited) => new ItemResult(id, ItemOutcome.Quota, "Toloka refused it: " + (limited.ErrorMessage ?? limited.Message))
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
    }
}

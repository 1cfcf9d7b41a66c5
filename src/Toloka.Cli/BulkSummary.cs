using System.Collections.Generic;
using System.Linq;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>
    /// The end of a bulk run, after its table or JSON lines: what a person must do next, on standard error, and
    /// the exit code, the gravest first (stopped, refused authentication, outcome unknown, quota, some failed).
    /// </summary>
    internal static class BulkSummary
    {
        /// <summary>Reports what the results (in the order of the ids) leave to do and returns the exit code.</summary>
        public static int Report(CliOutput output, IReadOnlyList<string> ids, IReadOnlyList<ItemResult> ordered, bool stopped, TolokaException? redisDown, TolokaAuthenticationException? denied)
        {
            if (stopped)
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

        private static string List(List<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids);
    }
}

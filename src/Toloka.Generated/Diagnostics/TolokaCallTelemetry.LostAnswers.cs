using System.Diagnostics;

namespace Toloka.Generated
{
    // The call's lost answers: what looking in GET /operations found, as an event and a log line.
    internal sealed partial class TolokaCallTelemetry
    {
        /// <summary>
        /// An attempt lost its answer and Toloka was asked what it started: <paramref name="operationId"/>
        /// is the operation found (the call's answer), or null when none was (the request may be sent again).
        /// </summary>
        internal void LostAnswerResolved(int attempt, string? operationId, int lookups)
        {
            if (_activity is { IsAllDataRequested: true } activity)
            {
                var tags = new ActivityTagsCollection
                {
                    { "toloka.attempt", attempt },
                    { "toloka.lost_answer.lookups", lookups },
                    { "toloka.lost_answer.found", operationId is not null },
                };
                if (operationId is not null)
                {
                    tags.Add("toloka.lost_answer.operation_id", operationId);
                }

                activity.AddEvent(new ActivityEvent("toloka.lost_answer", tags: tags));
            }

            if (TolokaTelemetry.Logs(_client.CallsLog, Microsoft.Extensions.Logging.LogLevel.Warning))
            {
                if (operationId is not null)
                {
                    TolokaLog.LostAnswerRecovered(_client.CallsLog!, _description.OperationId, attempt, operationId, lookups);
                }
                else
                {
                    TolokaLog.LostAnswerNotStarted(_client.CallsLog!, _description.OperationId, attempt, lookups);
                }
            }
        }

        /// <summary>An attempt lost its answer and looking for what it started failed: the outcome is unknown.</summary>
        internal void LostAnswerUnresolved(int attempt, TolokaOutcomeUnknownException unknown)
        {
            _activity?.AddEvent(new ActivityEvent("toloka.lost_answer", tags: new ActivityTagsCollection
            {
                { "toloka.attempt", attempt },
                { "toloka.lost_answer.unknown", true },
            }));
            if (TolokaTelemetry.Logs(_client.CallsLog, Microsoft.Extensions.Logging.LogLevel.Error))
            {
                TolokaLog.LostAnswerUnknown(_client.CallsLog!, _description.OperationId, attempt, unknown);
            }
        }
    }
}

using System;
using System.Diagnostics;

namespace Toloka.Generated
{
    // The call's wait for its turn at the rate limiter, as a metric, an event and a log line.
    internal sealed partial class TolokaCallTelemetry
    {
        /// <summary>The pacing stage got the operation's turn after <paramref name="waited"/>.</summary>
        internal void PacingWaited(TimeSpan waited, int requestsPerMinute)
        {
            var operationId = _description.OperationId;
            if (TolokaTelemetry.PacingDelay.Enabled)
            {
                TolokaTelemetry.PacingDelay.Record(waited.TotalSeconds, new TagList { { "toloka.operation", operationId } });
            }

            if (_activity is { IsAllDataRequested: true } activity && waited > TimeSpan.Zero)
            {
                activity.AddEvent(new ActivityEvent("toloka.pacing.wait", tags: new ActivityTagsCollection
                {
                    { "toloka.pacing.delay", waited.TotalSeconds },
                    { "toloka.pacing.requests_per_minute", requestsPerMinute },
                }));
            }

            if (waited > TimeSpan.Zero && TolokaTelemetry.Logs(_client.PacingLog, Microsoft.Extensions.Logging.LogLevel.Debug))
            {
                TolokaLog.PacingWaited(_client.PacingLog!, operationId, waited, requestsPerMinute);
            }
        }
    }
}

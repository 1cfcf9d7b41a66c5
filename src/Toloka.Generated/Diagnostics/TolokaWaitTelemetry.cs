using System;
using System.Diagnostics;

namespace Toloka.Generated
{
    /// <summary>
    /// One wait for a Toloka operation as it is reported: an activity named <c>waitForCompletion</c>
    /// that is the parent of every poll's <c>getOperation</c> call, a <c>toloka.poll</c> event per
    /// poll, the poll count and the wait's duration as metrics, and progress and end log lines.
    /// It exists only while someone listens.
    /// </summary>
    internal sealed class TolokaWaitTelemetry : IDisposable
    {
        internal const string ActivityName = "waitForCompletion";

        private readonly TolokaTelemetry _client;
        private readonly long _startedAt;
        private readonly Activity? _activity;
        private Operation _last;
        private int _polls;
        private bool _ended;

        internal TolokaWaitTelemetry(TolokaTelemetry client, Operation operation)
        {
            _client = client;
            _last = operation;
            _startedAt = client.Time.GetTimestamp();
            _activity = TolokaTelemetry.Source.StartActivity(ActivityName, ActivityKind.Internal);
            if (_activity is { IsAllDataRequested: true })
            {
                _activity.SetTag("toloka.operation_id", client.Token.Redact(operation.Id ?? string.Empty));
                _activity.SetTag("toloka.operation.type", TolokaTelemetry.Wire(operation.Type));
                _activity.SetTag("toloka.operation.status", TolokaTelemetry.Wire(operation.Status));
            }
        }

        /// <summary>Poll number <paramref name="poll"/> read the operation as <paramref name="operation"/>.</summary>
        internal void Polled(Operation operation, int poll)
        {
            _last = operation;
            _polls = poll;
            var status = TolokaTelemetry.Wire(operation.Status);
            if (_activity is { IsAllDataRequested: true })
            {
                var tags = new ActivityTagsCollection
                {
                    { "toloka.poll", poll },
                    { "toloka.operation.status", status },
                };
                if (operation.Progress is { } progress)
                {
                    tags.Add("toloka.operation.progress", progress);
                }

                _activity.AddEvent(new ActivityEvent("toloka.poll", tags: tags));
            }

            if (TolokaTelemetry.Logs(_client.OperationsLog, Microsoft.Extensions.Logging.LogLevel.Debug))
            {
                var id = Id(operation);
                var type = TolokaTelemetry.Wire(operation.Type);
                TolokaLog.PollProgress(_client.OperationsLog!, id, type, status, operation.Progress, poll);
            }
        }

        /// <summary>Poll number <paramref name="poll"/> was refused (429/503 after its retries); the wait goes on.</summary>
        internal void PollRefused(TolokaApiException refusal, int poll)
        {
            _polls = poll;
            if (_activity is { IsAllDataRequested: true })
            {
                _activity.AddEvent(new ActivityEvent("toloka.poll", tags: new ActivityTagsCollection
                {
                    { "toloka.poll", poll },
                    { "error.type", TolokaTelemetry.ErrorType(refusal) },
                }));
            }
        }

        /// <summary>The operation ended (<c>SUCCESS</c> or <c>FAIL</c>).</summary>
        internal void Ended(Operation operation)
        {
            _last = operation;
            End(failure: null);
        }

        /// <summary>An exception filter for a wait that stops before the operation ends: records why and returns false.</summary>
        internal bool Stopped(Exception exception)
        {
            End(exception);
            return false;
        }

        /// <summary>Ends the activity if nothing ended it yet.</summary>
        public void Dispose() => End(failure: null);

        private void End(Exception? failure)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            var elapsed = _client.Time.GetElapsedTime(_startedAt);
            var status = TolokaTelemetry.Wire(_last.Status);
            var finished = _last.Status == OperationStatus.Success || _last.Status == OperationStatus.Fail;
            var errorType = failure is not null ? TolokaTelemetry.ErrorType(failure)
                : _last.Status == OperationStatus.Fail ? "FAIL"
                : finished ? null : "_OTHER";
            EndActivity(status, errorType, failure);
            RecordWait(elapsed, status, failure is null ? null : errorType);
            LogEnd(elapsed, status, finished, errorType, failure);
        }

        private void EndActivity(string status, string? errorType, Exception? failure)
        {
            if (_activity is null)
            {
                return;
            }

            if (_activity.IsAllDataRequested)
            {
                _activity.SetTag("toloka.operation.status", status);
                _activity.SetTag("toloka.polls", _polls);
                if (errorType is not null)
                {
                    _activity.SetTag("error.type", errorType);
                }
            }

            if (errorType is not null)
            {
                _activity.SetStatus(ActivityStatusCode.Error, failure is null ? "The operation ended with status " + status + "." : _client.Token.Redact(failure.Message));
            }

            _activity.Dispose();
        }

        /// <summary>The poll count and the wait's duration; <paramref name="errorType"/> only for a wait that stopped before the operation ended.</summary>
        private void RecordWait(TimeSpan elapsed, string status, string? errorType)
        {
            var tags = new TagList { { "toloka.operation.type", TolokaTelemetry.Wire(_last.Type) }, { "toloka.operation.status", status } };
            if (errorType is not null)
            {
                tags.Add("error.type", errorType);
            }

            if (TolokaTelemetry.OperationPolls.Enabled)
            {
                TolokaTelemetry.OperationPolls.Record(_polls, tags);
            }

            if (TolokaTelemetry.OperationWaitDuration.Enabled)
            {
                TolokaTelemetry.OperationWaitDuration.Record(elapsed.TotalSeconds, tags);
            }
        }

        private void LogEnd(TimeSpan elapsed, string status, bool finished, string? errorType, Exception? failure)
        {
            var log = _client.OperationsLog;
            var type = TolokaTelemetry.Wire(_last.Type);
            if (failure is null && finished && TolokaTelemetry.Logs(log, Microsoft.Extensions.Logging.LogLevel.Information))
            {
                var id = Id(_last);
                TolokaLog.OperationFinished(log!, id, type, status, elapsed, _polls);
            }
            else if (failure is not null && TolokaTelemetry.Logs(log, Microsoft.Extensions.Logging.LogLevel.Warning))
            {
                var id = Id(_last);
                TolokaLog.WaitStopped(log!, id, type, status, elapsed, _polls, failure is OperationCanceledException ? "cancelled" : errorType!);
            }
        }

        private string Id(Operation operation) => _client.Token.Redact(operation.Id ?? string.Empty);
    }
}

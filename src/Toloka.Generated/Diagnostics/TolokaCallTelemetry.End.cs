using System;
using System.Diagnostics;

namespace Toloka.Generated
{
    // The end of the call: the activity's final tags and status, and the call's metrics.
    internal sealed partial class TolokaCallTelemetry
    {
        /// <summary>Ends the call: tags, status, metrics.</summary>
        public void Dispose()
        {
            if (_ended)
            {
                return;
            }

            _ended = true;

            var elapsed = _client.Time.GetElapsedTime(_startedAt);
            string? errorType = null;
            if (_failure is not null)
            {
                errorType = TolokaTelemetry.ErrorType(_failure);
            }
            else if (!_succeeded)
            {
                // Ended before any attempt could answer or fail (the request could not even be prepared).
                errorType = "_OTHER";
            }

            var attempts = Math.Max(_attempts, 1);
            EndActivity(errorType, attempts);
            RecordCall(elapsed, errorType, attempts);
        }

        private void EndActivity(string? errorType, int attempts)
        {
            if (_activity is null)
            {
                return;
            }

            if (_activity.IsAllDataRequested)
            {
                if (_statusCode is { } status)
                {
                    _activity.SetTag("http.response.status_code", status);
                }

                _activity.SetTag("toloka.attempts", attempts);
                if (attempts > 1)
                {
                    _activity.SetTag("http.request.resend_count", attempts - 1);
                }

                if (_failure is TolokaApiException answer)
                {
                    _activity.SetTag("toloka.error_code", answer.ErrorCode);
                    _activity.SetTag("toloka.request_id", answer.RequestId);
                }

                if (errorType is not null)
                {
                    _activity.SetTag("error.type", errorType);
                }
            }

            if (errorType is not null)
            {
                _activity.SetStatus(ActivityStatusCode.Error, _failure is null ? errorType : _client.Token.Redact(_failure.Message));
            }

            _activity.Dispose();
        }

        private void RecordCall(TimeSpan elapsed, string? errorType, int attempts)
        {
            if (TolokaTelemetry.CallDuration.Enabled)
            {
                var tags = new TagList { { "toloka.operation", _description.OperationId } };
                if (_statusCode is { } status)
                {
                    tags.Add("http.response.status_code", status);
                }

                if (errorType is not null)
                {
                    tags.Add("error.type", errorType);
                }

                TolokaTelemetry.CallDuration.Record(elapsed.TotalSeconds, tags);
            }

            if (TolokaTelemetry.CallAttempts.Enabled)
            {
                TolokaTelemetry.CallAttempts.Record(attempts, new TagList { { "toloka.operation", _description.OperationId } });
            }
        }
    }
}

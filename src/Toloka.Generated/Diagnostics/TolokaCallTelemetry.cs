using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;

namespace Toloka.Generated
{
    /// <summary>
    /// One operation call as it is reported: a <see cref="ActivityKind.Client"/> activity named after
    /// the spec's operationId with OpenTelemetry's HTTP client attributes, an event per attempt and
    /// per pacing wait, the call's metrics when it ends, and its log lines. It exists only while
    /// someone listens, and travels with each attempt (<see cref="TolokaAttempt.Call"/>): the stages
    /// that have something to report call it directly.
    /// </summary>
    internal sealed class TolokaCallTelemetry : IDisposable
    {
        private readonly TolokaTelemetry _client;
        private readonly TolokaRequestDescription _description;
        private readonly long _startedAt;
        private readonly Activity? _activity;
        private int _attempts;
        private int? _statusCode;
        private bool _succeeded;
        private Exception? _failure;
        private bool _ended;

        internal TolokaCallTelemetry(TolokaTelemetry client, TolokaRequestDescription description, HttpMethod method, Uri? requestUri)
        {
            _client = client;
            _description = description;
            _startedAt = client.Time.GetTimestamp();
            TolokaTelemetry.NameFlow(Activity.Current, description.OperationId);
            _activity = TolokaTelemetry.Source.StartActivity(description.OperationId, ActivityKind.Client);
            if (_activity is { IsAllDataRequested: true })
            {
                var url = client.FullUrl(requestUri);
                var address = new Uri(url, UriKind.Absolute);
                _activity.SetTag("http.request.method", method.Method);
                _activity.SetTag("server.address", address.Host);
                _activity.SetTag("server.port", address.Port);
                _activity.SetTag("url.full", url);
                _activity.SetTag("toloka.operation", description.OperationId);
            }
        }

        internal string OperationId => _description.OperationId;

        internal Activity? Activity => _activity;

        /// <summary>An attempt got a usable 2xx answer; for an operation, its ID and status are tagged too.</summary>
        internal void AttemptSucceeded(int statusCode, int attempt, TolokaAnswer answer)
        {
            _succeeded = true;
            _statusCode = statusCode;
            _attempts = Math.Max(_attempts, attempt);
            if (_activity is { IsAllDataRequested: true })
            {
                AddAttemptEvent(attempt, statusCode, null, null);
                TolokaOperationTags.Add(_activity, answer.Text);
            }
        }

        /// <summary>Attempt <paramref name="attempt"/> failed with <paramref name="failure"/> and the next one starts after <paramref name="delay"/>.</summary>
        internal void RetryScheduled(Exception failure, int attempt, TimeSpan delay) => OnRetry(failure, attempt, delay);

        /// <summary>
        /// An exception filter for the call's last failure: records it and returns false, so the
        /// exception goes on unchanged and no stack is unwound to look at it.
        /// </summary>
        internal bool Failing(Exception exception)
        {
            if (_failure is null)
            {
                OnFailure(exception);
            }

            return false;
        }

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

        private void OnRetry(Exception? failure, int attempt, TimeSpan delay)
        {
            _attempts = Math.Max(_attempts, attempt);
            var answer = failure as TolokaApiException;
            if (answer is not null)
            {
                _statusCode = answer.StatusCode;
            }

            if (_activity is { IsAllDataRequested: true })
            {
                AddAttemptEvent(attempt, answer?.StatusCode, failure is null ? "_OTHER" : TolokaTelemetry.ErrorType(failure), delay);
            }

            var rateLimited = answer is { StatusCode: 429 };
            if (rateLimited && TolokaTelemetry.RateLimitWait.Enabled)
            {
                TolokaTelemetry.RateLimitWait.Record(delay.TotalSeconds, new TagList { { "toloka.operation", _description.OperationId } });
            }

            var log = _client.CallsLog;
            if (rateLimited && TolokaTelemetry.Logs(log, Microsoft.Extensions.Logging.LogLevel.Warning))
            {
                TolokaLog.RateLimited(log!, _description.OperationId, attempt, delay, answer!.RetryAfter == delay ? "as its Retry-After asked" : "no usable Retry-After: backoff");
            }

            if (TolokaTelemetry.Logs(log, Microsoft.Extensions.Logging.LogLevel.Information))
            {
                var reason = TolokaTelemetry.Reason(failure);
                TolokaLog.RetryScheduled(log!, _description.OperationId, delay, reason, attempt, _client.MaxAttempts);
            }
        }

        private void OnFailure(Exception exception)
        {
            _failure = exception;
            var attempt = exception switch
            {
                TolokaApiException answer => answer.Attempts,
                TolokaTransportException transport => transport.Attempts,
                _ => 0,
            };

            if (exception is TolokaApiException failed)
            {
                _statusCode = failed.StatusCode;
            }

            // The last failed attempt has no retry after it, so it is recorded here; a cancellation or a
            // pacing timeout is not an attempt's answer.
            if (attempt > _attempts)
            {
                _attempts = attempt;
                if (_activity is { IsAllDataRequested: true })
                {
                    AddAttemptEvent(attempt, (exception as TolokaApiException)?.StatusCode, TolokaTelemetry.ErrorType(exception), null);
                }
            }
        }

        private void AddAttemptEvent(int attempt, int? statusCode, string? errorType, TimeSpan? retryDelay)
        {
            var tags = new ActivityTagsCollection { { "toloka.attempt", attempt } };
            if (statusCode is { } status)
            {
                tags.Add("http.response.status_code", status);
            }

            if (errorType is not null)
            {
                tags.Add("error.type", errorType);
            }

            if (retryDelay is { } delay)
            {
                tags.Add("toloka.retry.delay", delay.TotalSeconds);
            }

            _activity!.AddEvent(new ActivityEvent("toloka.attempt", tags: tags));
        }
    }
}

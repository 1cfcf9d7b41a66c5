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
    /// <remarks>
    /// This file holds the call's start and its attempts; <c>TolokaCallTelemetry.Pacing.cs</c> and
    /// <c>TolokaCallTelemetry.LostAnswers.cs</c> the events of those stages; <c>TolokaCallTelemetry.End.cs</c>
    /// what is recorded when the call ends.
    /// </remarks>
    internal sealed partial class TolokaCallTelemetry : IDisposable
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

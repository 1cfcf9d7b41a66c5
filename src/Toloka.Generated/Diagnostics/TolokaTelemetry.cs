using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http;
using Microsoft.Extensions.Logging;

namespace Toloka.Generated
{
    /// <summary>
    /// What a client reports of its calls and waits: one <see cref="ActivitySource"/> and one
    /// <see cref="Meter"/> for the package, and the client's own loggers. Each call asks it for a
    /// <see cref="TolokaCallTelemetry"/>, which is null (and costs nothing more) when no activity
    /// listener, enabled instrument or enabled logger would see it.
    /// </summary>
    internal sealed class TolokaTelemetry
    {
        internal static readonly ActivitySource Source = new ActivitySource(TolokaDiagnostics.SourceName, TolokaUserAgent.PackageVersion);

        internal static readonly Meter Meter = new Meter(TolokaDiagnostics.MeterName, TolokaUserAgent.PackageVersion);

        internal static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
            "toloka.client.call.duration", "s", "How long one operation call took, from its first attempt to its answer or failure, pacing and retry waits included.");

        internal static readonly Histogram<int> CallAttempts = Meter.CreateHistogram<int>(
            "toloka.client.call.attempts", "{attempt}", "How many attempts one operation call made (1 when the first one answered).");

        internal static readonly Histogram<double> RateLimitWait = Meter.CreateHistogram<double>(
            "toloka.client.rate_limit.wait.duration", "s", "How long a call waited after Toloka answered 429 before it tried again; the count is the number of such waits.");

        internal static readonly Histogram<double> PacingDelay = Meter.CreateHistogram<double>(
            "toloka.client.pacing.delay", "s", "How long a request of a rate-limited operation waited for its turn under the operation's per-minute limit.");

        internal static readonly Histogram<int> OperationPolls = Meter.CreateHistogram<int>(
            "toloka.client.operation.polls", "{poll}", "How many times one wait for a Toloka operation polled it.");

        internal static readonly Histogram<double> OperationWaitDuration = Meter.CreateHistogram<double>(
            "toloka.client.operation.wait.duration", "s", "How long one wait for a Toloka operation took, from its start to the operation's end or the wait's failure.");

        internal TolokaTelemetry(TolokaClientOptions options, TolokaToken token, HttpClient? httpClient)
        {
            Environment = options.Environment;
            Time = options.TimeProvider;
            MaxAttempts = options.Retry.MaxAttempts;
            Token = token;
            UserAgent = TolokaUserAgent.For(httpClient);
            if (options.LoggerFactory is { } loggers)
            {
                CallsLog = loggers.CreateLogger(TolokaLog.CallsCategory);
                PacingLog = loggers.CreateLogger(TolokaLog.PacingCategory);
                OperationsLog = loggers.CreateLogger(TolokaLog.OperationsCategory);
            }
        }

        /// <summary>The <c>User-Agent</c> header value every request of this client carries.</summary>
        internal string UserAgent { get; }

        internal TolokaEnvironment Environment { get; }

        internal TimeProvider Time { get; }

        internal int MaxAttempts { get; }

        internal TolokaToken Token { get; }

        internal ILogger? CallsLog { get; }

        internal ILogger? PacingLog { get; }

        internal ILogger? OperationsLog { get; }

        /// <summary>
        /// Begins reporting one operation call, or returns null when nobody would see it. The call's
        /// attempts carry the returned object; disposing it ends the report.
        /// </summary>
        internal TolokaCallTelemetry? CallStarted(TolokaRequestDescription description, HttpMethod method, Uri? requestUri) =>
            ObservesCalls ? new TolokaCallTelemetry(this, description, method, requestUri) : null;

        /// <summary>
        /// Whether a call would be seen by an activity listener, an enabled instrument or an enabled
        /// logger; when not, the pipeline takes its path without telemetry (and without an async frame).
        /// </summary>
        internal bool ObservesCalls =>
            Source.HasListeners()
            || CallDuration.Enabled
            || CallAttempts.Enabled
            || RateLimitWait.Enabled
            || PacingDelay.Enabled
            || Logs(CallsLog, LogLevel.Information)
            || Logs(PacingLog, LogLevel.Debug);

        /// <summary>Whether a wait for an operation would be seen by an activity listener, an enabled instrument or an enabled logger.</summary>
        internal bool ObservesWaits =>
            Source.HasListeners()
            || OperationPolls.Enabled
            || OperationWaitDuration.Enabled
            || Logs(OperationsLog, LogLevel.Debug);

        /// <summary>Begins reporting one wait for an operation; its activity becomes the parent of the polls.</summary>
        internal TolokaWaitTelemetry WaitStarted(Operation operation) => new TolokaWaitTelemetry(this, operation);

        /// <summary>The name a start-and-wait flow's activity has until its first call names it <c>&lt;operationId&gt;AndWait</c>.</summary>
        internal const string FlowName = "startAndWait";

        /// <summary>
        /// Starts the activity of a whole start-and-wait flow (the start call and the wait are its
        /// children), or returns null when nobody listens. Call it from an async method, which
        /// restores <see cref="Activity.Current"/> for its caller.
        /// </summary>
        internal static Activity? FlowStarted() =>
            Source.HasListeners() ? Source.StartActivity(FlowName, ActivityKind.Internal) : null;

        /// <summary>An exception filter that marks the flow failed; returns false so the exception goes on unchanged.</summary>
        internal static bool FlowFailed(Activity? flow, Exception exception)
        {
            if (flow is not null)
            {
                var errorType = exception is TolokaOperationFailedException ? "FAIL" : ErrorType(exception);
                if (flow.IsAllDataRequested)
                {
                    flow.SetTag("error.type", errorType);
                }

                flow.SetStatus(ActivityStatusCode.Error, errorType);
            }

            return false;
        }

        /// <summary>Names a flow after the operation its first call starts, as in <c>clonePoolAndWait</c>.</summary>
        internal static void NameFlow(Activity? parent, string operationId)
        {
            if (parent is not null
                && ReferenceEquals(parent.Source, Source)
                && parent.OperationName == FlowName
                && parent.DisplayName == FlowName)
            {
                parent.DisplayName = operationId + "AndWait";
                if (parent.IsAllDataRequested)
                {
                    parent.SetTag("toloka.operation", operationId);
                }
            }
        }

        internal static bool Logs(ILogger? logger, LogLevel level) => logger is not null && logger.IsEnabled(level);

        /// <summary>
        /// The low-cardinality <c>error.type</c> of a failure, as OpenTelemetry's HTTP conventions ask:
        /// the status code for an error answer, otherwise the exception's type name.
        /// </summary>
        internal static string ErrorType(Exception exception) =>
            exception is TolokaApiException answer && answer.StatusCode >= 400
                ? answer.StatusCode.ToString(CultureInfo.InvariantCulture)
                : exception.GetType().FullName ?? exception.GetType().Name;

        /// <summary>Why an attempt failed, in a few words for a log line: never the exception's message.</summary>
        internal static string Reason(Exception? exception)
        {
            switch (exception)
            {
                case TolokaApiException answer:
                    return "HTTP " + answer.StatusCode.ToString(CultureInfo.InvariantCulture) + (answer.ErrorCode is { Length: > 0 } code ? " " + code : string.Empty);
                case TolokaTransportException transport:
                    return transport.TimedOut ? "no answer within the network timeout" : "a failed connection";
                case null:
                    return "an unusable answer";
                default:
                    return exception.GetType().Name;
            }
        }

        /// <summary>The value an open enum has on the wire (<c>POOL.CLONE</c>, <c>SUCCESS</c>, or text the spec does not list), for tags and logs.</summary>
        internal static string Wire<T>(T value)
            where T : struct => value.ToString() ?? string.Empty;

        /// <summary>
        /// The request's address for <c>url.full</c>: absolute, without user info, and with the token
        /// masked wherever a caller may have put it (a path segment, a query value).
        /// </summary>
        internal string FullUrl(Uri? requestUri)
        {
            var absolute = requestUri is null
                ? Environment.BaseUri
                : requestUri.IsAbsoluteUri ? requestUri : new Uri(Environment.BaseUri, requestUri);
            var text = string.IsNullOrEmpty(absolute.UserInfo)
                ? absolute.AbsoluteUri
                : absolute.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped);
            var redacted = Token.Redact(text);

            // A token the caller passed as an ID arrives percent-escaped: mask it in the readable form then.
            var unescaped = Uri.UnescapeDataString(redacted);
            var unescapedRedacted = Token.Redact(unescaped);
            return ReferenceEquals(unescapedRedacted, unescaped) || unescapedRedacted == unescaped ? redacted : unescapedRedacted;
        }
    }
}

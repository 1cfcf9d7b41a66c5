using System;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// What happens to each request, in Toloka's order: log it, let a queued fault take over, check the
    /// token, check the rate limit, check the ID, and only then touch the state.
    /// </summary>
    internal sealed class FakeTolokaPipeline
    {
        private readonly FakeTolokaState _state;
        private readonly FakeTokens _tokens;
        private readonly FakeRateLimiter _limiter;
        private readonly FakeFaultQueue _faults;
        private readonly FakeRequestLog _log;
        private readonly TimeProvider _time;

        internal FakeTolokaPipeline(FakeTolokaState state, FakeTokens tokens, FakeRateLimiter limiter, FakeFaultQueue faults, FakeRequestLog log, TimeProvider time)
        {
            _state = state;
            _tokens = tokens;
            _limiter = limiter;
            _faults = faults;
            _log = log;
            _time = time;
        }

        internal async Task HandleAsync(HttpContext context)
        {
            var request = context.Request;
            var target = (context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString).Replace(FakeNulMarking.Marker, "%00", StringComparison.OrdinalIgnoreCase);
            // The path as sent, not Kestrel's normalised request.Path: Toloka does not resolve /pools/./clone into /pools/clone.
            var route = FakeTolokaRoutes.Match(request.Method, RawPath(target, request.Path.Value), out var allow);
            var authenticated = _tokens.IsValid(request.Headers.Authorization);
            var entry = _log.Add(request.Method, target, route?.Endpoint, authenticated, _time.GetUtcNow());
            try
            {
                if (route is null)
                {
                    await SendAsync(context, entry, NoRoute(context, allow), fault: null).ConfigureAwait(false);
                    return;
                }

                await AnswerAsync(context, entry, route, authenticated).ConfigureAwait(false);
            }
            catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
            {
                // A bug in the fake: answer as Toloka does when it fails, and say what broke.
                var failure = FakeAnswer.Error(500, "INTERNAL_ERROR", "The fake Toloka failed: " + exception.GetType().Name + ": " + exception.Message);
                await SendAsync(context, entry, failure, fault: null).ConfigureAwait(false);
            }
        }

        /// <summary>A path the API has with another method is 405 with <c>Allow</c>; any other is 404.</summary>
        private static FakeAnswer NoRoute(HttpContext context, string? allow)
        {
            var request = context.Request;
            if (allow is null)
            {
                return FakeAnswer.Error(404, "DOES_NOT_EXIST", "No such API path: " + request.Method + " " + request.Path);
            }

            context.Response.Headers.Allow = allow;
            return FakeAnswer.Error(405, "METHOD_NOT_ALLOWED", "Method " + request.Method + " is not allowed here; allowed: " + allow);
        }

        /// <summary>A queued fault takes over, or drops or cuts short the answer; without one, the answer as it is.</summary>
        private async Task AnswerAsync(HttpContext context, FakeRequestLog.Entry entry, FakeRoute route, bool authenticated)
        {
            var fault = _faults.Take(route.Endpoint);
            switch (fault?.Kind)
            {
                case FakeFaultKind.DropBeforeHandling:
                    entry.Answered(null, fault);
                    context.Abort();
                    return;
                case FakeFaultKind.Answer:
                    var error = FakeAnswer.Error(fault.StatusCode, fault.ErrorCode!, fault.ErrorMessage!, fault.RetryAfter);
                    await SendAsync(context, entry, error, fault).ConfigureAwait(false);
                    return;
            }

            var answer = Refusal(route, authenticated) ?? Handle(route, context.Request.Query);
            if (fault?.Kind == FakeFaultKind.DropAfterHandling || (fault?.Kind == FakeFaultKind.TruncateBody && answer.Body is null))
            {
                entry.Answered(null, fault);
                context.Abort();
                return;
            }

            if (fault?.Kind == FakeFaultKind.TruncateBody)
            {
                await SendTruncatedAsync(context, entry, answer, fault).ConfigureAwait(false);
                return;
            }

            await SendAsync(context, entry, answer, fault: null).ConfigureAwait(false);
        }

        /// <summary>What Toloka answers before it looks at the state: a bad token, an ID with a NUL, a rate limit; null when none applies.</summary>
        private FakeAnswer? Refusal(FakeRoute route, bool authenticated)
        {
            if (!authenticated)
            {
                return FakeAnswer.Error(401, "AUTHENTICATION_ERROR", "Authentication failed: send 'Authorization: ApiKey <key>' with a valid API key (or 'OAuth <token>' with an OAuth token)");
            }

            if (route.Id.Contains('\0', StringComparison.Ordinal))
            {
                // Toloka refuses an ID with a NUL as invalid; the spec declares 400 for every ID operation.
                return FakeAnswer.Error(400, "VALIDATION_ERROR", "Validation failed", payload: writer =>
                {
                    writer.WriteStartObject(route.IdName);
                    writer.WriteString("code", "VALUE_INVALID");
                    writer.WriteString("message", "An ID must not contain a NUL character");
                    writer.WriteEndObject();
                });
            }

            if (_limiter.TryAcquire(route.Endpoint, _time.GetUtcNow(), out var window) is { } wait)
            {
                // As Toloka does, the body names the quota that ran out: MIN, HOUR or DAY.
                var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
                var interval = window >= TimeSpan.FromDays(1) ? "DAY" : window >= TimeSpan.FromHours(1) ? "HOUR" : "MIN";
                return FakeAnswer.Error(
                    429,
                    "TOO_MANY_REQUESTS",
                    "Too many requests: the rate limit for this kind of request is exceeded",
                    retryAfter: seconds.ToString(CultureInfo.InvariantCulture),
                    payload: writer => writer.WriteString("interval", interval));
            }

            return null;
        }

        private FakeAnswer Handle(FakeRoute route, IQueryCollection query)
        {
            // Any ID the spec allows is looked up as it is: one that names nothing is 404 DOES_NOT_EXIST,
            // never a 400 the spec does not declare for it.
            switch (route.Endpoint)
            {
                case FakeTolokaEndpoint.ClonePool: return _state.ClonePool(route.Id);
                case FakeTolokaEndpoint.CloneTraining: return _state.CloneTraining(route.Id);
                case FakeTolokaEndpoint.ArchivePool: return _state.ArchivePool(route.Id);
                case FakeTolokaEndpoint.ArchiveTraining: return _state.ArchiveTraining(route.Id);
                case FakeTolokaEndpoint.OpenPool: return _state.OpenPool(route.Id);
                case FakeTolokaEndpoint.ClosePool: return _state.ClosePool(route.Id);
                case FakeTolokaEndpoint.OpenTraining: return _state.OpenTraining(route.Id);
                case FakeTolokaEndpoint.CloseTraining: return _state.CloseTraining(route.Id);
                case FakeTolokaEndpoint.GetPool: return _state.AnswerPool(route.Id);
                case FakeTolokaEndpoint.GetTraining: return _state.AnswerTraining(route.Id);
                case FakeTolokaEndpoint.FindOperations:
                    var parsed = FakeOperationQuery.Parse(query, out var invalid);
                    return parsed is null ? invalid! : _state.FindOperations(parsed);
                case FakeTolokaEndpoint.ClosePoolForUpdate: return _state.ClosePoolForUpdate(route.Id);
                case FakeTolokaEndpoint.CloseTrainingForUpdate: return _state.CloseTrainingForUpdate(route.Id);
                case FakeTolokaEndpoint.FindPools:
                case FakeTolokaEndpoint.FindTrainings:
                    var pools = FakePoolQuery.Parse(query, out var refused);
                    return pools is null ? refused! : _state.FindPools(pools, training: route.Endpoint == FakeTolokaEndpoint.FindTrainings);
                case FakeTolokaEndpoint.GetOperationLog: return _state.AnswerOperationLog(route.Id);
                default: return _state.AnswerOperation(route.Id);
            }
        }

        /// <summary>The path part of the request target as sent, still percent-encoded; the decoded path for an absolute-form target.</summary>
        private static string RawPath(string target, string? decoded)
        {
            if (!target.StartsWith('/'))
            {
                return decoded ?? string.Empty;
            }

            var query = target.IndexOf('?', StringComparison.Ordinal);
            return query < 0 ? target : target.Substring(0, query);
        }

        private static async Task SendAsync(HttpContext context, FakeRequestLog.Entry entry, FakeAnswer answer, FakeFault? fault)
        {
            entry.Answered(answer.StatusCode, fault);
            WriteHead(context.Response, answer);
            if (answer.Body is { } body)
            {
                await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            }
        }

        private static async Task SendTruncatedAsync(HttpContext context, FakeRequestLog.Entry entry, FakeAnswer answer, FakeFault fault)
        {
            entry.Answered(answer.StatusCode, fault);
            WriteHead(context.Response, answer);
            var body = answer.Body!;
            await context.Response.Body.WriteAsync(body.AsMemory(0, Math.Max(1, body.Length / 2)), context.RequestAborted).ConfigureAwait(false);

            // Returning with fewer bytes than Content-Length makes Kestrel close the HTTP/1.1 connection
            // gracefully once what was written has been sent. HttpContext.Abort() would discard output
            // not yet sent, so the client would sometimes see a reset before any of the body.
        }

        private static void WriteHead(HttpResponse response, FakeAnswer answer)
        {
            response.StatusCode = answer.StatusCode;
            if (answer.RetryAfter is { } retryAfter)
            {
                response.Headers.RetryAfter = retryAfter;
            }

            if (answer.Body is { } body)
            {
                response.ContentType = "application/json; charset=utf-8";
                response.ContentLength = body.Length;
            }
        }
    }
}

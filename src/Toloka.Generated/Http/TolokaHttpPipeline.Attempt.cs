using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    internal sealed partial class TolokaHttpPipeline
    {
        /// <summary>
        /// One attempt after its pacing: stamp the request, lease a timeout that bounds the whole
        /// attempt (headers and body alike), send, read the body, give the timeout back, classify.
        /// </summary>
#if NET6_0_OR_GREATER
        [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
        private async ValueTask<TolokaAnswer> SendOnceAsync(TolokaAttempt attempt, CancellationToken cancellationToken)
        {
            try
            {
                var request = Stamp(attempt);
                var (sentUri, sentMethod) = (request.RequestUri, request.Method);
                var timeout = _timeouts.Lease(attempt.StartedAt, cancellationToken);
                HttpResponseMessage? response = null;
                TolokaBody? body = null;
                string? followedTo = null;
                try
                {
                    response = await _transport.SendAsync(request, timeout.Token).ConfigureAwait(false) ?? throw NoResponse(attempt);
                    followedTo = TolokaTransport.FollowedRedirect(response, sentUri, sentMethod);
                    if (followedTo is null && HasBodyToRead(response))
                    {
                        body = await _bodies.ReadAsync(response.Content, timeout.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception exception)
                {
                    var failure = Failure(attempt, exception, timeout, cancellationToken);
                    End(timeout, response);
                    if (failure is null)
                    {
                        throw;
                    }

                    throw failure;
                }

                _timeouts.Return(timeout);
                return Classify(attempt, response, body, followedTo);
            }
            finally
            {
                attempt.Release();
            }
        }

        /// <summary>A handler that answered with no response message: HttpClient refuses it the same way.</summary>
        private static InvalidOperationException NoResponse(TolokaAttempt attempt) =>
            new InvalidOperationException("The HTTP handler returned no response message for " + attempt.OperationId + ".");

        /// <summary>
        /// What a failed send or read becomes: the caller's cancellation goes on as it is (or, when the
        /// transport failed because of it, as the call's cancellation); a timeout or a transport failure
        /// becomes the attempt's <see cref="TolokaTransportException"/>; null for anything else (a bug), which goes on unchanged.
        /// </summary>
        private Exception? Failure(TolokaAttempt attempt, Exception exception, TolokaAttemptTimeout timeout, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested && exception is OperationCanceledException)
            {
                return null;
            }

            if (cancellationToken.IsCancellationRequested && IsTransportFailure(exception))
            {
                return TolokaFailures.Cancelled(attempt, exception, _token, cancellationToken);
            }

            return timeout.IsCancellationRequested || IsTransportFailure(exception)
                ? TolokaFailures.Transport(attempt, exception, timeout.IsCancellationRequested, _options.NetworkTimeout, _transport.OwnTimeout, _token)
                : null;
        }

        /// <summary>
        /// What every attempt carries, added here and nowhere else: the token, the User-Agent, and an
        /// empty body for an operation without one (see <see cref="TolokaRequestDescription.SendsEmptyBody"/>).
        /// </summary>
        private HttpRequestMessage Stamp(TolokaAttempt attempt)
        {
            var request = attempt.Request;
            request.Headers.TryAddWithoutValidation("Authorization", _token.HeaderValue);
            if (_options.ActUnderAccountId is { } account)
            {
                // Acts for another requester account of a shared account (TolokaClientOptions.ActUnderAccountId).
                // A retry's copy already carries it (TolokaRequestTemplate keeps every header but Authorization).
                request.Headers.Remove("X-Act-Under-Account-ID");
                request.Headers.TryAddWithoutValidation("X-Act-Under-Account-ID", account);
            }

            request.Headers.TryAddWithoutValidation("User-Agent", _telemetry.UserAgent);
            if (attempt.Description.SendsEmptyBody && request.Content is null)
            {
                request.Content = new TolokaEmptyBody();
            }

            return request;
        }

        /// <summary>
        /// A usable answer (a 2xx whose body was read within the cap, or a 204, from the address the
        /// request was sent to) goes back to the generated code, which disposes it; anything else is the attempt's failure.
        /// </summary>
        private TolokaAnswer Classify(TolokaAttempt attempt, HttpResponseMessage response, TolokaBody? body, string? followedTo)
        {
            var status = (int)response.StatusCode;
            if (followedTo is null && (status == 204 || (status >= 200 && status <= 299 && body is not null)))
            {
                // A 204 keeps its network content, unread.
                var answer = status == 204
                    ? TolokaAnswer.NoContent(response, attempt, _token)
                    : TolokaAnswer.Of(response, attempt, body!, _token, _tokenUtf8);
                Succeeded(attempt, answer);
                return answer;
            }

            using (response)
            using (body)
            {
                var text = body?.Decode(_token);
                var tooLarge = body is null && followedTo is null && HasBodyToRead(response);
                var failure = TolokaFailures.FromAnswer(response, text, tooLarge, followedTo, attempt, _options.TimeProvider.GetUtcNow(), _token, _options.MaxResponseBytes);
                if (failure is TolokaRateLimitedException { ResetsAt: { } resetsAt } limited && _retry.QuotaOutlastsBudget(limited))
                {
                    // Toloka says the quota is gone for longer than any retry waits: the calls that follow fail before they are sent.
                    _pacer?.NoteQuotaExhausted(attempt.OperationId, resetsAt);
                }

                throw failure;
            }
        }

        /// <summary>Reports the usable answer, and hands a poll the wait its answer asks for (<see cref="TolokaRetryAfterHint"/>).</summary>
        private void Succeeded(TolokaAttempt attempt, TolokaAnswer answer)
        {
            attempt.Call?.AttemptSucceeded(answer.StatusCode, attempt.Number, answer);
            if (TolokaRetryAfterHint.Current.Value is { } hint)
            {
                // A successful answer may only slow polling down, never stall it: clamp to the retry budget.
                hint.RetryAfter = TolokaRetryAfter.Read(answer.Response, _options.TimeProvider.GetUtcNow()) is { } asked
                    ? TolokaRetryAfter.Clamp(asked, _options.Retry.TotalBudget)
                    : null;
            }
        }

        /// <summary>
        /// False for a 204 (no body by definition: nothing to read, no content headers to look at) and
        /// for 1xx (no body; a 101's "body" is the raw connection, never to be read).
        /// </summary>
        private static bool HasBodyToRead(HttpResponseMessage response) =>
            response.StatusCode != System.Net.HttpStatusCode.NoContent && (int)response.StatusCode >= 200;

        private void End(TolokaAttemptTimeout timeout, HttpResponseMessage? response)
        {
            response?.Dispose();
            _timeouts.Return(timeout);
        }

        private static bool IsTransportFailure(Exception exception) =>
            exception is HttpRequestException
            || exception is IOException
            || exception is System.Net.Sockets.SocketException
            || exception is OperationCanceledException
            || exception is TimeoutException;
    }
}

using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// Where an attempt's request goes: the caller's <see cref="HttpClient"/>, or a handler invoked
    /// directly (the client's own, or one passed in). A handler needs no HttpClient in front of it:
    /// HttpClient links a cancellation source and arms a timer of its own for every call, which
    /// NetworkTimeout already bounds, and its default headers and BaseAddress are not used by this
    /// client. Every wait on a transport that might ignore the attempt's token is bounded from outside.
    /// </summary>
    internal sealed class TolokaTransport : IDisposable
    {
        // Exactly one of the two is set.
        private readonly HttpClient? _httpClient;
        private readonly HttpMessageInvoker? _invoker;

        private TolokaTransport(HttpClient? httpClient, HttpMessageInvoker? invoker, bool honoursCancellation)
        {
            _httpClient = httpClient;
            _invoker = invoker;
            HonoursCancellation = honoursCancellation;
        }

        /// <summary>
        /// True for the client's own SocketsHttpHandler, which ends every wait (connect, headers, body)
        /// when the attempt's token fires, so its waits are awaited directly; any other transport's
        /// waits are also bounded from outside.
        /// </summary>
        internal bool HonoursCancellation { get; }

        /// <summary>The caller's HttpClient, or null.</summary>
        internal HttpClient? HttpClient => _httpClient;

        /// <summary>The caller's HttpClient's own timeout, when it has one that can end an attempt first.</summary>
        internal TimeSpan? OwnTimeout => _httpClient is null || _httpClient.Timeout == Timeout.InfiniteTimeSpan ? null : _httpClient.Timeout;

        /// <summary>Sends through the caller's HttpClient, never disposing it.</summary>
        internal static TolokaTransport Over(HttpClient httpClient) => new TolokaTransport(httpClient, null, honoursCancellation: false);

        /// <summary>Invokes <paramref name="handler"/> directly, disposing it only when <paramref name="ownsHandler"/>; null builds the client's own.</summary>
        internal static TolokaTransport Through(HttpMessageHandler? handler, bool ownsHandler)
        {
            if (handler is not null)
            {
                return new TolokaTransport(null, new HttpMessageInvoker(handler, ownsHandler), honoursCancellation: false);
            }

            // Never follow redirects: a 301/302 would turn a clone POST into a GET elsewhere and hand back
            // that address's body as the clone's answer. NetworkTimeout bounds attempts.
#if NET5_0_OR_GREATER
            // Recycle pooled connections so a long-lived client follows DNS changes.
            var own = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
            return new TolokaTransport(null, new HttpMessageInvoker(own, disposeHandler: true), honoursCancellation: true);
#else
            // HttpClientHandler on .NET Framework does not end every wait on its token.
            var own = new HttpClientHandler { AllowAutoRedirect = false };
            return new TolokaTransport(null, new HttpMessageInvoker(own, disposeHandler: true), honoursCancellation: false);
#endif
        }

        /// <summary>Sends the request and returns the answer once its headers arrived (the body is read by <see cref="TolokaBodyReader"/>).</summary>
        internal Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken attemptToken)
        {
            var sending = _httpClient is { } httpClient
                ? httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptToken)
                : _invoker!.SendAsync(request, attemptToken);
            return Bounded(sending, attemptToken);
        }

        /// <summary>
        /// Where the answer came from when the caller's HttpClient followed a redirect (the answer is
        /// another address's); null when it answers the request that was sent.
        /// </summary>
        internal static string? FollowedRedirect(HttpResponseMessage response, Uri? sentUri, HttpMethod sentMethod) =>
            response.RequestMessage is { } answered && (answered.RequestUri != sentUri || answered.Method != sentMethod)
                ? answered.RequestUri?.ToString() ?? string.Empty
                : null;

        /// <summary>Opens the body for reading under the attempt's token.</summary>
        internal Task<Stream> OpenBodyAsync(HttpContent content, CancellationToken attemptToken)
        {
#if NET5_0_OR_GREATER
            return Bounded(content.ReadAsStreamAsync(attemptToken), attemptToken);
#else
            return Bounded(content.ReadAsStreamAsync(), attemptToken);
#endif
        }

        /// <summary>Reads the next bytes of the body under the attempt's token.</summary>
        internal ValueTask<int> ReadAsync(Stream stream, byte[] buffer, int offset, int count, CancellationToken attemptToken)
        {
#if NET5_0_OR_GREATER
            var pending = stream.ReadAsync(buffer.AsMemory(offset, count), attemptToken);
            return pending.IsCompleted || HonoursCancellation ? pending : new ValueTask<int>(WithCancellation(pending.AsTask(), attemptToken));
#else
            return new ValueTask<int>(Bounded(stream.ReadAsync(buffer, offset, count, attemptToken), attemptToken));
#endif
        }

        /// <summary>
        /// <paramref name="task"/> itself when the transport ends its waits on the token (a wrapper would
        /// cost a promise and a registration per wait), otherwise <see cref="WithCancellation{T}"/>.
        /// </summary>
        private Task<T> Bounded<T>(Task<T> task, CancellationToken cancellationToken) =>
            HonoursCancellation ? task : WithCancellation(task, cancellationToken);

        /// <summary>
        /// Ends the wait when <paramref name="cancellationToken"/> fires even if the handler or stream
        /// ignores it, so no component below the client can hold a call past its timeout.
        /// </summary>
        private static Task<T> WithCancellation<T>(Task<T> task, CancellationToken cancellationToken)
        {
            if (task.IsCompleted || !cancellationToken.CanBeCanceled)
            {
                return task;
            }

            return WaitAsync(task, cancellationToken);

            static async Task<T> WaitAsync(Task<T> task, CancellationToken cancellationToken)
            {
#if NET6_0_OR_GREATER
                try
                {
                    return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!task.IsCompleted)
                {
                    ObserveAbandoned(task);
                    throw new OperationCanceledException(cancellationToken);
                }
#else
                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
                {
                    if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                    {
                        ObserveAbandoned(task);
                        throw new OperationCanceledException(cancellationToken);
                    }
                }

                return await task.ConfigureAwait(false);
#endif
            }
        }

        // The abandoned task ends when the response is disposed; observe its fault so it is not reported as unobserved.
        private static void ObserveAbandoned(Task task) =>
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        /// <summary>Disposes the handler only when it is the client's own (or was handed over); a caller's HttpClient is left alone.</summary>
        public void Dispose() => _invoker?.Dispose();
    }
}

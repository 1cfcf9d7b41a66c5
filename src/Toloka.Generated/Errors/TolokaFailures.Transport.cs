using System;
using System.Globalization;
using System.Threading;

namespace Toloka.Generated
{
    // The failures made without an answer: an attempt that timed out, a connection that failed, a cancellation.
    internal static partial class TolokaFailures
    {
        /// <summary>
        /// The exception for an attempt that got no usable answer: it outlasted NetworkTimeout (or the
        /// caller's HttpClient's own <paramref name="ownTimeout"/>, when that ended it first), or its
        /// connection failed. <paramref name="failure"/> is what the transport threw.
        /// </summary>
        internal static TolokaTransportException Transport(TolokaAttempt attempt, Exception failure, bool attemptTimedOut, TimeSpan networkTimeout, TimeSpan? ownTimeout, TolokaToken token)
        {
            var timedOut = attemptTimedOut || failure is OperationCanceledException || failure is TimeoutException;
            var message = timedOut
                ? TimeoutMessage(attempt.OperationId, attempt.Number, networkTimeout, attemptTimedOut ? null : ownTimeout)
                : ConnectionFailureMessage(attempt.OperationId, attempt.Number, token.Redact(failure.Message));
            return new TolokaTransportException(message, attempt.OperationId, attempt.Number, timedOut, token.Scrub(failure), MayHaveBeenSent(failure));
        }

        /// <summary>The message of an attempt that outlasted a limit: <paramref name="httpClientTimeout"/> when the caller's own HttpClient gave up first, else NetworkTimeout.</summary>
        internal static string TimeoutMessage(string operationId, int attempt, TimeSpan networkTimeout, TimeSpan? httpClientTimeout = null)
        {
            var limit = httpClientTimeout is { } own
                ? "the HttpClient's own Timeout (" + Seconds(own) + "), which ended the attempt before NetworkTimeout (" + Seconds(networkTimeout) + "); set HttpClient.Timeout to Timeout.InfiniteTimeSpan to let NetworkTimeout govern"
                : "NetworkTimeout (" + Seconds(networkTimeout) + ", per attempt)";
            return "Toloka did not answer " + operationId + " within " + limit + " (attempt " + attempt.ToString(CultureInfo.InvariantCulture) + ").";
        }

        /// <summary>The message of an attempt whose connection failed; <paramref name="failure"/> is already free of the token.</summary>
        internal static string ConnectionFailureMessage(string operationId, int attempt, string failure) =>
            "The connection to Toloka failed during " + operationId + " (attempt " + attempt.ToString(CultureInfo.InvariantCulture) + "): " + failure;

        /// <summary>The caller cancelled and the transport reported it as a broken connection: still the caller's cancellation.</summary>
        internal static OperationCanceledException Cancelled(TolokaAttempt attempt, Exception failure, TolokaToken token, CancellationToken cancellationToken) =>
            new OperationCanceledException("The call to " + attempt.OperationId + " was cancelled.", token.Scrub(failure), cancellationToken);

        /// <summary>
        /// False only when the connection was never made (refused, or the name did not resolve), so the
        /// request cannot have reached Toloka; anything later may have delivered it.
        /// </summary>
        private static bool MayHaveBeenSent(Exception failure)
        {
            for (var cause = failure; cause is not null; cause = cause.InnerException)
            {
                if (cause is System.Net.Sockets.SocketException socket)
                {
                    return socket.SocketErrorCode != System.Net.Sockets.SocketError.ConnectionRefused
                        && socket.SocketErrorCode != System.Net.Sockets.SocketError.HostNotFound
                        && socket.SocketErrorCode != System.Net.Sockets.SocketError.TryAgain
                        && socket.SocketErrorCode != System.Net.Sockets.SocketError.NoData;
                }
            }

            return true;
        }
    }
}

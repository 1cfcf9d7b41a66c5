using System;
using System.Globalization;

namespace Toloka.Generated
{
    /// <summary>
    /// No usable answer arrived: the connection failed or was dropped, the body was cut short or failed
    /// mid-read, or the attempt (body included) outlasted <see cref="TolokaClientOptions.NetworkTimeout"/>. <see cref="Attempts"/> says how many times the request was sent; whether it was repeated
    /// depends on whether the spec marks the operation safe to repeat.
    /// </summary>
    public sealed class TolokaTransportException : TolokaException
    {
        internal TolokaTransportException(string message, string? operationId, int attempts, bool timedOut, Exception? innerException)
            : base(message, innerException)
        {
            OperationId = operationId;
            Attempts = attempts;
            TimedOut = timedOut;
        }

        /// <summary>The spec's operationId of the call that failed, such as <c>clonePool</c>; null when unknown.</summary>
        public string? OperationId { get; }

        /// <summary>How many times the request was sent before the client gave up.</summary>
        public int Attempts { get; }

        /// <summary>True when the attempt, body included, outlasted <see cref="TolokaClientOptions.NetworkTimeout"/> (or the HttpClient's own timeout) rather than failing as a connection.</summary>
        public bool TimedOut { get; }

        /// <summary>The message of an attempt that outlasted a limit: <paramref name="httpClientTimeout"/> when the caller's own HttpClient gave up first, else NetworkTimeout.</summary>
        internal static string DescribeTimeout(string operationId, int attempt, TimeSpan networkTimeout, TimeSpan? httpClientTimeout = null)
        {
            var text = "Toloka did not answer " + operationId + " within ";
            text += httpClientTimeout is { } own
                ? "the HttpClient's own Timeout (" + Seconds(own) + "), which ended the attempt before NetworkTimeout (" + Seconds(networkTimeout) + "); set HttpClient.Timeout to Timeout.InfiniteTimeSpan to let NetworkTimeout govern"
                : "NetworkTimeout (" + Seconds(networkTimeout) + ", per attempt)";
            return text + " (attempt " + attempt.ToString(CultureInfo.InvariantCulture) + ").";
        }

        /// <summary>The message of an attempt whose connection failed; <paramref name="failure"/> is already free of the token.</summary>
        internal static string DescribeConnectionFailure(string operationId, int attempt, string failure) =>
            "The connection to Toloka failed during " + operationId + " (attempt " + attempt.ToString(CultureInfo.InvariantCulture) + "): " + failure;

        internal static string Seconds(TimeSpan value) =>
            value == System.Threading.Timeout.InfiniteTimeSpan ? "infinite" : value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
    }
}

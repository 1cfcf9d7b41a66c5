using System;

namespace Toloka.Generated
{
    /// <summary>
    /// No usable answer arrived: the connection failed or was dropped, the body was cut short or failed
    /// mid-read, or the attempt (body included) outlasted <see cref="TolokaClientOptions.NetworkTimeout"/>. <see cref="Attempts"/> says how many times the request was sent; whether it was repeated
    /// depends on whether the spec marks the operation safe to repeat.
    /// </summary>
    public sealed class TolokaTransportException : TolokaException
    {
        internal TolokaTransportException(string message, string? operationId, int attempts, bool timedOut, Exception? innerException, bool mayHaveBeenSent = true)
            : base(message, innerException)
        {
            MayHaveBeenSent = mayHaveBeenSent;
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

        /// <summary>
        /// False only when the connection was never made (refused, or the name did not resolve), so
        /// the request cannot have reached Toloka; true for anything later, which may have delivered
        /// it. A call that is not safe to repeat (a clone) and failed with this true may have been
        /// acted on: look for its operation before sending it again (the client does so itself for
        /// the operations the spec marks, see <see cref="TolokaClientOptions.ResolveLostAnswers"/>).
        /// </summary>
        public bool MayHaveBeenSent { get; }
    }
}

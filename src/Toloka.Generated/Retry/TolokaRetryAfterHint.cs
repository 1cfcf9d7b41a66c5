using System;
using System.Threading;

namespace Toloka.Generated
{
    /// <summary>
    /// The <c>Retry-After</c> of a successful answer, for the operation poll loop
    /// (<see cref="TolokaClient"/>'s <c>PollAsync</c>): a poll answer may ask for patience.
    /// </summary>
    /// <remarks>
    /// The one side channel left in a call. It lives in <see cref="Current"/>, an <see cref="AsyncLocal{T}"/>:
    /// the poll loop sets a fresh holder just before it calls <c>GetOperationAsync</c> and clears it
    /// when that call ends, so its lifetime is exactly one poll, on the poll loop's flow of execution;
    /// the attempt that gets a usable answer fills it in. It stays a side channel because the poll goes
    /// through the public, virtual <c>GetOperationAsync</c>, whose result has no room for a header, and
    /// an explicit path would mean a second generated method per operation. Calls outside a poll find
    /// no holder and pay one read.
    /// </remarks>
    internal sealed class TolokaRetryAfterHint
    {
        /// <summary>The holder of the poll in progress on this flow of execution; null outside a poll.</summary>
        internal static readonly AsyncLocal<TolokaRetryAfterHint?> Current = new AsyncLocal<TolokaRetryAfterHint?>();

        /// <summary>What the poll's answer asked for, clamped to the retry budget; null when it asked for nothing readable.</summary>
        internal TimeSpan? RetryAfter { get; set; }
    }
}

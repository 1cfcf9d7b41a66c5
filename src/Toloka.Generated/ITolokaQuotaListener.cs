using System;

namespace Toloka.Generated
{
    /// <summary>
    /// Implemented by a <see cref="System.Threading.RateLimiting.RateLimiter"/> from
    /// <see cref="TolokaClientOptions.RateLimiterFactory"/> that counts an operation's quota beyond this
    /// process (a store every process of the account reaches), to hear when Toloka itself says the
    /// quota is used up: a <c>429</c> naming the day or the hour, or a <c>Retry-After</c> longer than any
    /// retry waits. The client already fails the calls that follow in this process with
    /// <see cref="TolokaQuotaExceededException"/> before they are sent; the limiter tells the other
    /// processes, so none of them sends into the exhausted quota either (the Redis pacing of
    /// <c>Toloka.Generated.Redis</c> does).
    /// </summary>
    public interface ITolokaQuotaListener
    {
        /// <summary>
        /// Toloka refused the limiter's operation until <paramref name="resetsAt"/>. Called on the failing
        /// call's path, before its exception is thrown: it must not block and must not throw (start any I/O
        /// in the background; an exception is ignored).
        /// </summary>
        /// <param name="resetsAt">When Toloka said a call fits again.</param>
        void QuotaExhausted(DateTimeOffset resetsAt);
    }
}

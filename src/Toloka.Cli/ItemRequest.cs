using System;
using System.Threading;
using System.Threading.Tasks;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>
    /// One request of a bulk command's id, with a rate limit Toloka keeps answering with waited out in the
    /// run instead of failing the id.
    /// </summary>
    internal static class ItemRequest
    {
        // A rate limit Toloka keeps answering with is waited out this many times per id, then the id fails.
        private const int RateLimitWaits = 10;
        private static readonly TimeSpan LongestRateLimitWait = TimeSpan.FromMinutes(15);

        /// <summary>
        /// Sends one request; when Toloka still says 429 after the client's own retries (a Retry-After
        /// past the client's budget), waits it out here, so bulk work under a limit never fails for it.
        /// Repeating is safe: a 429 means Toloka did not act.
        /// </summary>
        public static async Task<T> SendAsync<T>(ItemContext item, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
        {
            for (var wait = 1; ; wait++)
            {
                try
                {
                    return await request(cancellationToken).ConfigureAwait(false);
                }
                catch (TolokaRateLimitedException e) when (wait <= RateLimitWaits && !OutlastsTheRun(e))
                {
                    var now = item.Session.Time.GetUtcNow();
                    var delay = e.RetryAfter ?? (e.ResetsAt is { } resets ? resets - now : TimeSpan.FromSeconds(3 * wait));
                    delay = delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay > LongestRateLimitWait ? LongestRateLimitWait : delay;
                    item.Steps.Waiting(delay, "waiting for the rate limit");
                    await Task.Delay(delay, item.Session.Time, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>
        /// A 429 naming an hourly or daily quota, or asking for a wait past the longest one a run makes: no
        /// point waiting in the run, the id ends as <see cref="ItemOutcome.Quota"/> at once.
        /// </summary>
        public static bool OutlastsTheRun(TolokaRateLimitedException e) =>
            e.QuotaInterval is TolokaQuotaInterval.Hour or TolokaQuotaInterval.Day || e.RetryAfter > LongestRateLimitWait;
    }
}

using System;

namespace Toloka.Generated.Redis
{
    /// <summary>Plugs <see cref="TolokaRedisPacing"/> into <see cref="TolokaClientOptions"/>.</summary>
    public static class TolokaRedisClientOptionsExtensions
    {
        /// <summary>Paces the client's rate-limited operations, and counts their day's quotas, in <paramref name="pacing"/>'s Redis.</summary>
        /// <param name="options">The client's options.</param>
        /// <param name="pacing">The shared pacing (one per process).</param>
        /// <returns><paramref name="options"/>, to chain.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public static TolokaClientOptions UseRedisPacing(this TolokaClientOptions options, TolokaRedisPacing pacing)
        {
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(pacing);
            options.RateLimiterFactory = pacing.CreateLimiter;
            return options;
        }
    }
}

using System;
using Microsoft.Extensions.Options;
using Toloka.Generated;
using Toloka.Generated.Redis;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers Redis-shared pacing for the client <c>AddTolokaClient</c> registers.</summary>
    public static class TolokaRedisServiceCollectionExtensions
    {
        /// <summary>
        /// Shares the client's pacing and day quotas with every process of the account through Redis:
        /// registers one <see cref="TolokaRedisPacing"/> and sets <see cref="TolokaClientOptions.RateLimiterFactory"/> to it.
        /// </summary>
        /// <param name="services">The services.</param>
        /// <param name="configuration">A StackExchange.Redis configuration string, such as <c>127.0.0.1:6379</c>.</param>
        /// <param name="configure">Sets the other options (account name, timeout).</param>
        /// <returns><paramref name="services"/>, to chain.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
        /// <exception cref="ArgumentException">The configuration or an option is malformed.</exception>
        public static IServiceCollection AddTolokaRedisPacing(this IServiceCollection services, string configuration, Action<TolokaRedisPacingOptions>? configure = null)
        {
            ArgumentNullException.ThrowIfNull(services);
            var options = new TolokaRedisPacingOptions { Configuration = configuration };
            configure?.Invoke(options);
            options.Validate();
            services.AddSingleton(_ => new TolokaRedisPacing(options));
            services.AddOptions<TolokaClientOptions>().Configure<TolokaRedisPacing>((client, pacing) => client.UseRedisPacing(pacing));
            return services;
        }
    }
}

using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Toloka.Generated;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers <see cref="ITolokaClient"/> with dependency injection, through <c>IHttpClientFactory</c>.</summary>
    public static class TolokaServiceCollectionExtensions
    {
        /// <summary>
        /// Registers <see cref="ITolokaClient"/> (a <see cref="TolokaClient"/> on a factory-managed
        /// <c>HttpClient</c>) with settings bound from <paramref name="configuration"/>, for example
        /// <c>configuration.GetSection("Toloka")</c> holding <c>Token</c>, <c>Environment</c>,
        /// <c>Retry:MaxAttempts</c>.
        /// </summary>
        /// <param name="services">The service collection.</param>
        /// <param name="configuration">The configuration section to bind <see cref="TolokaOptions"/> from.</param>
        /// <returns>The HTTP client builder, to add your own handlers.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public static IHttpClientBuilder AddTolokaClient(this IServiceCollection services, IConfiguration configuration)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            if (configuration is null)
            {
                throw new ArgumentNullException(nameof(configuration));
            }

            services.AddOptions<TolokaOptions>().Bind(configuration);
            return AddClient(services);
        }

        /// <summary>Registers <see cref="ITolokaClient"/> with settings set in code.</summary>
        /// <param name="services">The service collection.</param>
        /// <param name="configure">Sets the token, environment and other settings.</param>
        /// <returns>The HTTP client builder, to add your own handlers.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public static IHttpClientBuilder AddTolokaClient(this IServiceCollection services, Action<TolokaOptions> configure)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            if (configure is null)
            {
                throw new ArgumentNullException(nameof(configure));
            }

            services.AddOptions<TolokaOptions>().Configure(configure);
            return AddClient(services);
        }

        private static IHttpClientBuilder AddClient(IServiceCollection services)
        {
            services.AddOptions<TolokaOptions>()
                .Validate(options => !string.IsNullOrWhiteSpace(options.Token), "Toloka:Token is required: set the OAuth token from your Toloka profile.")
                .Validate(options => IsEnvironment(options.Environment), "Toloka:Environment must be Production, Sandbox or a base URL (https, or http on a loopback host).");
            return services.AddHttpClient<ITolokaClient, TolokaClient>((httpClient, provider) =>
            {
                var options = provider.GetRequiredService<IOptionsMonitor<TolokaOptions>>().CurrentValue;
                var timeProvider = provider.GetService<TimeProvider>() ?? TimeProvider.System;
                return new TolokaClient(httpClient, options.Token!, options.ToClientOptions(timeProvider));
            });
        }

        private static bool IsEnvironment(string? value)
        {
            try
            {
                TolokaEnvironment.Parse(value!);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }
}

using System;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
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
            // Every option is checked (token, environment, every range) when the options are first read,
            // and at host start: a bad setting is an OptionsValidationException before any request is sent.
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TolokaOptions>, TolokaOptionsValidation>());
            services.AddOptions<TolokaOptions>().ValidateOnStart();
            var builder = services.AddHttpClient<ITolokaClient, TolokaClient>((httpClient, provider) =>
            {
                var options = provider.GetRequiredService<IOptionsMonitor<TolokaOptions>>().CurrentValue;
                var timeProvider = provider.GetService<TimeProvider>() ?? TimeProvider.System;
                return new TolokaClient(httpClient, options.Token!, options.ToClientOptions(timeProvider));
            });

            // Never follow redirects (a 301/302 would turn a clone POST into a GET elsewhere). A primary
            // handler configured later replaces this one; the client still refuses a redirected answer.
            builder.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });

            // The factory's default logging handlers write the Authorization header (the token) into log
            // state, and on Microsoft.Extensions.Http 8.x into the text too. Replace them with a logger
            // that writes the same events, token masked, under the same category.
            var category = "System.Net.Http.HttpClient." + builder.Name + ".ClientHandler";
            builder.RemoveAllLoggers().AddLogger(
                provider => new TolokaHttpClientLogger(provider.GetRequiredService<ILoggerFactory>().CreateLogger(category)),
                wrapHandlersPipeline: false);
            return builder;
        }
    }
}

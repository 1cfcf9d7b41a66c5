using System;
using System.Net.Http;
using System.Threading;
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
        /// <c>HttpClient</c>) with <see cref="TolokaClientOptions"/> bound from <paramref name="configuration"/>,
        /// for example <c>configuration.GetSection("Toloka")</c> holding <c>ApiKey</c> (or <c>Token</c> for an
        /// OAuth token), <c>Environment</c> (<c>Production</c>, <c>Sandbox</c> or a URL), <c>NetworkTimeout</c>,
        /// <c>Retry:MaxAttempts</c>, <c>ActUnderAccountId</c>. The credential is read from the section's
        /// <c>ApiKey</c> or <c>Token</c> key (one of them) and never stored in the options.
        /// </summary>
        /// <param name="services">The service collection.</param>
        /// <param name="configuration">The configuration section to bind <see cref="TolokaClientOptions"/> and the credential from.</param>
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

            var path = configuration is IConfigurationSection section ? section.Path : "Toloka";
            services.AddOptions<TolokaCredentialSettings>().Configure(credential =>
            {
                credential.ApiKey = configuration["ApiKey"];
                credential.Token = configuration["Token"];
                credential.SettingsPath = path;
            });
            services.AddSingleton<IOptionsChangeTokenSource<TolokaCredentialSettings>>(new ConfigurationChangeTokenSource<TolokaCredentialSettings>(Options.Options.DefaultName, configuration));
            AddHostServices(services);
            services.AddOptions<TolokaClientOptions>().Configure(options =>
            {
                try
                {
                    // Environment binds through TolokaEnvironment's TypeConverter; members configuration
                    // cannot hold (TimeProvider, RateLimiterFactory) keep their values.
                    configuration.Bind(options);
                }
                catch (InvalidOperationException exception)
                {
                    TolokaOptionsValidation.BindingFailures.Remove(options);
                    TolokaOptionsValidation.BindingFailures.Add(options, Describe(exception, path));
                }
            });
            services.AddSingleton<IOptionsChangeTokenSource<TolokaClientOptions>>(new ConfigurationChangeTokenSource<TolokaClientOptions>(Options.Options.DefaultName, configuration));
            return AddClient(services);
        }

        /// <summary>
        /// Registers <see cref="ITolokaClient"/> with the credential and settings given in code. A registered
        /// <see cref="TimeProvider"/> is used unless <paramref name="configure"/> sets one.
        /// </summary>
        /// <param name="services">The service collection.</param>
        /// <param name="credential">The API key or OAuth token, such as <c>TolokaCredential.ApiKey(key)</c>.</param>
        /// <param name="configure">Sets the environment and other settings; null keeps the defaults.</param>
        /// <returns>The HTTP client builder, to add your own handlers.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="credential"/> is null.</exception>
        public static IHttpClientBuilder AddTolokaClient(this IServiceCollection services, TolokaCredential credential, Action<TolokaClientOptions>? configure = null)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            if (credential is null)
            {
                throw new ArgumentNullException(nameof(credential));
            }

            services.AddOptions<TolokaCredentialSettings>().Configure(settings => settings.Credential = credential);
            AddHostServices(services);
            if (configure is not null)
            {
                services.AddOptions<TolokaClientOptions>().Configure(configure);
            }

            return AddClient(services);
        }

        /// <summary>
        /// Registers <see cref="ITolokaClient"/> with the credential and settings given in code. A registered
        /// <see cref="TimeProvider"/> is used unless <paramref name="configure"/> sets one.
        /// </summary>
        /// <param name="services">The service collection.</param>
        /// <param name="token">The API key from your Toloka profile (or an OAuth token), read as <see cref="TolokaCredential.Parse(string)"/> reads it.</param>
        /// <param name="configure">Sets the environment and other settings; null keeps the defaults.</param>
        /// <returns>The HTTP client builder, to add your own handlers.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
        public static IHttpClientBuilder AddTolokaClient(this IServiceCollection services, string token, Action<TolokaClientOptions>? configure = null)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            // A blank token is reported by validation, as an OptionsValidationException, like a bad setting.
            services.AddOptions<TolokaCredentialSettings>().Configure(credential => credential.Token = token);
            AddHostServices(services);
            if (configure is not null)
            {
                services.AddOptions<TolokaClientOptions>().Configure(configure);
            }

            return AddClient(services);
        }

        // What the host provides and configuration cannot hold; registered before the caller's own
        // configure action, so settings given in code win.
        private static void AddHostServices(IServiceCollection services) =>
            services.AddOptions<TolokaClientOptions>().Configure<IServiceProvider>((options, provider) =>
            {
                if (provider.GetService<TimeProvider>() is { } hostClock)
                {
                    options.TimeProvider = hostClock;
                }

                // The client's retry, rate-limit, pacing and polling logs go where the host's logs go.
                options.LoggerFactory ??= provider.GetService<ILoggerFactory>();
            });

        private static string Describe(InvalidOperationException exception, string path)
        {
            // The binder names the key ("Toloka:Environment") but not the value; the inner exception says why.
            var reason = exception.InnerException is ArgumentException argument && argument.ParamName == "value"
                ? " It must be Production, Sandbox or a base URL (https, or http on a loopback host)."
                : exception.InnerException is { } inner ? " " + inner.Message : string.Empty;
            var message = exception.Message.Replace(Environment.NewLine, " ");
            return message.Contains(path) ? message + reason : path + ": " + message + reason;
        }

        private static IHttpClientBuilder AddClient(IServiceCollection services)
        {
            // Every option is checked (credential, environment, every range) when the options are first read,
            // and at host start: a bad setting is an OptionsValidationException before any request is sent.
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TolokaClientOptions>, TolokaOptionsValidation>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TolokaCredentialSettings>, TolokaCredentialValidation>());
            services.AddOptions<TolokaCredentialSettings>().ValidateOnStart();
            services.AddOptions<TolokaClientOptions>().ValidateOnStart();
            var builder = services.AddHttpClient<ITolokaClient, TolokaClient>((httpClient, provider) =>
            {
                var credential = provider.GetRequiredService<IOptionsMonitor<TolokaCredentialSettings>>().CurrentValue;
                var options = provider.GetRequiredService<IOptionsMonitor<TolokaClientOptions>>().CurrentValue;
                return new TolokaClient(httpClient, credential.Resolve(), options);
            });

            // NetworkTimeout bounds each attempt; the factory's default HttpClient.Timeout (100 s) would
            // silently cap it and be reported as the wrong limit. A Timeout you configure later still
            // applies, and its message then names it.
            builder.ConfigureHttpClient(httpClient => httpClient.Timeout = Timeout.InfiniteTimeSpan);

            // Never follow redirects (a 301/302 would turn a clone POST into a GET elsewhere). A primary
            // handler configured later replaces this one; the client still refuses a redirected answer.
            builder.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });

            // The factory's default logging handlers write the Authorization header (the credential) into log
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

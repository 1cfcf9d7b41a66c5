using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    public class DependencyInjectionTests
    {
        private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

        [Test]
        public async Task Client_registered_from_configuration_sends_to_the_configured_environment_with_the_token()
        {
            await using var server = await LoopbackServer.StartAsync(context =>
            {
                context.Response.StatusCode = 204;
                return Task.CompletedTask;
            });
            var configuration = Configuration(
                ("Toloka:Token", Samples.Token),
                ("Toloka:Environment", server.BaseUri.AbsoluteUri),
                ("Toloka:Retry:MaxAttempts", "2"),
                ("Toloka:Polling:MaxInterval", "00:00:10"));
            var services = new ServiceCollection();
            services.AddTolokaClient(configuration.GetSection("Toloka"));
            await using var provider = services.BuildServiceProvider();

            var client = provider.GetRequiredService<ITolokaClient>();
            var result = await client.ArchivePoolAsync("5");

            Assert.That(result, Is.Null);
            Assert.That(server.Requests.Single().Authorization, Is.EqualTo("OAuth " + Samples.Token));
            Assert.That(server.Requests.Single().RawTarget, Is.EqualTo("/api/v1/pools/5/archive"));
            var options = provider.GetRequiredService<IOptions<TolokaClientOptions>>().Value;
            Assert.That(options.Environment, Is.EqualTo(TolokaEnvironment.Custom(server.BaseUri)));
            Assert.That(options.Retry.MaxAttempts, Is.EqualTo(2));
            Assert.That(options.Polling.MaxInterval, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(options.ToString(), Does.Not.Contain(Samples.Token));
        }

        [Test]
        public async Task The_returned_builder_adds_the_callers_own_handlers()
        {
            await using var server = await LoopbackServer.StartAsync(context =>
            {
                context.Response.StatusCode = 204;
                return Task.CompletedTask;
            });
            var counter = new CountingHandler();
            var services = new ServiceCollection();
            services.AddTolokaClient(Samples.Token, options => options.Environment = TolokaEnvironment.Custom(server.BaseUri))
                .AddHttpMessageHandler(() => counter);
            await using var provider = services.BuildServiceProvider();

            await provider.GetRequiredService<ITolokaClient>().ArchiveTrainingAsync("9");

            Assert.That(counter.Count, Is.EqualTo(1));
        }

        [Test]
        public void Missing_token_in_configuration_is_a_clear_validation_error_without_secrets()
        {
            var services = new ServiceCollection();
            services.AddTolokaClient(Configuration(("Toloka:Environment", "Sandbox")).GetSection("Toloka"));
            using var provider = services.BuildServiceProvider();

            var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ITolokaClient>());
            Assert.That(exception!.Message, Does.Contain("Toloka:ApiKey is required"));
        }

        [Test]
        public void Unknown_environment_in_configuration_is_a_clear_validation_error()
        {
            var services = new ServiceCollection();
            services.AddTolokaClient(Configuration(("Toloka:Token", Samples.Token), ("Toloka:Environment", "http://toloka.dev/api/v1")).GetSection("Toloka"));
            using var provider = services.BuildServiceProvider();

            var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ITolokaClient>());
            Assert.That(exception!.Message, Does.Contain("Toloka:Environment"));
        }

        [Test]
        public void Sandbox_by_name_resolves_to_the_sandbox_environment()
        {
            var services = new ServiceCollection();
            services.AddTolokaClient(Configuration(("Toloka:Token", Samples.Token), ("Toloka:Environment", "sandbox")).GetSection("Toloka"));
            using var provider = services.BuildServiceProvider();

            var client = (TolokaClient)provider.GetRequiredService<ITolokaClient>();

            Assert.That(client.Environment, Is.EqualTo(TolokaEnvironment.Sandbox));
        }

        [Test]
        public void Configuration_binds_TolokaClientOptions_directly_and_leaves_what_it_cannot_hold_alone()
        {
            var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(clock);
            services.AddTolokaClient(Configuration(
                ("Toloka:Token", Samples.Token),
                ("Toloka:Environment", "Sandbox"),
                ("Toloka:NetworkTimeout", "00:03:20"),
                ("Toloka:MaxResponseBytes", "1048576"),
                ("Toloka:PaceRequests", "true"),
                ("Toloka:Polling:Timeout", "00:10:00")).GetSection("Toloka"));
            using var provider = services.BuildServiceProvider();

            var options = provider.GetRequiredService<IOptions<TolokaClientOptions>>().Value;

            Assert.That(options.Environment, Is.SameAs(TolokaEnvironment.Sandbox));
            Assert.That(options.NetworkTimeout, Is.EqualTo(TimeSpan.FromSeconds(200)));
            Assert.That(options.MaxResponseBytes, Is.EqualTo(1048576));
            Assert.That(options.PaceRequests, Is.True);
            Assert.That(options.Polling.Timeout, Is.EqualTo(TimeSpan.FromMinutes(10)));
            Assert.That(options.TimeProvider, Is.SameAs(clock), "the host's clock, not one bound from text");
            Assert.That(options.RateLimiterFactory, Is.Null);
            Assert.That(options.ToString(), Does.Not.Contain(Samples.Token), "the options never hold the token");
        }

        [Test]
        public void The_environment_converts_from_and_to_configuration_text()
        {
            var converter = System.ComponentModel.TypeDescriptor.GetConverter(typeof(TolokaEnvironment));

            Assert.That(converter.ConvertFromInvariantString("production"), Is.SameAs(TolokaEnvironment.Production));
            Assert.That(converter.ConvertFromInvariantString("Sandbox"), Is.SameAs(TolokaEnvironment.Sandbox));
            Assert.That(converter.ConvertFromInvariantString("http://127.0.0.1:5000/api/v1"), Is.EqualTo(TolokaEnvironment.Custom("http://127.0.0.1:5000/api/v1/")));
            Assert.That(converter.ConvertToInvariantString(TolokaEnvironment.Sandbox), Is.EqualTo("Sandbox"));
            Assert.That(converter.ConvertToInvariantString(TolokaEnvironment.Custom("https://proxy.example.com/toloka")), Is.EqualTo("https://proxy.example.com/toloka/"));
            Assert.Throws<ArgumentException>(() => converter.ConvertFromInvariantString("http://toloka.dev/api/v1"));
        }

        [Test]
        public void A_value_configuration_cannot_convert_is_a_validation_error_naming_the_key_in_its_section()
        {
            var services = new ServiceCollection();
            services.AddTolokaClient(Configuration(("Services:Toloka:Token", Samples.Token), ("Services:Toloka:Retry:MaxAttempts", "many")).GetSection("Services:Toloka"));
            using var provider = services.BuildServiceProvider();

            var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ITolokaClient>());

            Assert.That(exception!.Message, Does.Contain("Services:Toloka:Retry:MaxAttempts"));
            Assert.That(exception.Message, Does.Not.Contain(Samples.Token));
        }

        [Test]
        public void A_blank_token_given_in_code_is_a_validation_error()
        {
            var services = new ServiceCollection();
            services.AddTolokaClient(" ", options => options.Environment = TolokaEnvironment.Sandbox);
            using var provider = services.BuildServiceProvider();

            var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ITolokaClient>());

            Assert.That(exception!.Message, Does.Contain("Toloka:ApiKey is required"));
        }

        [Test]
        public void Settings_given_in_code_win_over_the_hosts_clock()
        {
            var host = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
            var mine = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(host);
            services.AddTolokaClient(Samples.Token, options => options.TimeProvider = mine);
            using var provider = services.BuildServiceProvider();

            Assert.That(provider.GetRequiredService<IOptions<TolokaClientOptions>>().Value.TimeProvider, Is.SameAs(mine));
        }

        [Test]
        public async Task The_hosts_loggers_receive_the_clients_retry_log_without_the_token()
        {
            var time = SimulatedTime.NewClock();
            var logs = new CapturingLoggerProvider();
            var toloka = new ScriptedToloka()
                .Answer(System.Net.HttpStatusCode.ServiceUnavailable, "{\"code\":\"REMOTE_SERVICE_UNAVAILABLE\",\"message\":\"busy\"}", ("Retry-After", "2"))
                .Answer(System.Net.HttpStatusCode.NoContent);
            var services = new ServiceCollection();
            services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
            services.AddTolokaClient(Samples.Token, options =>
            {
                options.TimeProvider = time;
                options.Retry = new TolokaRetryOptions { UseJitter = false };
            }).ConfigurePrimaryHttpMessageHandler(() => toloka);
            await using var provider = services.BuildServiceProvider();

            var result = await time.RunAsync(provider.GetRequiredService<ITolokaClient>().ArchivePoolAsync("5"), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1));

            Assert.That(result, Is.Null);
            var retry = logs.Records.Single(e => e.Category == "Toloka.Generated.Calls" && e.EventId.Id == 1);
            Assert.That(retry.Text, Does.Contain("archivePool").And.Contain("503"));
            Assert.That(logs.Records.Select(e => e.Text), Has.None.Contains(Samples.Token));
        }

        [Test]
        public void A_logger_factory_given_in_code_wins_over_the_hosts()
        {
            using var mine = LoggerFactory.Create(_ => { });
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddTolokaClient(Samples.Token, options => options.LoggerFactory = mine);
            using var provider = services.BuildServiceProvider();

            Assert.That(provider.GetRequiredService<IOptions<TolokaClientOptions>>().Value.LoggerFactory, Is.SameAs(mine));
        }

        private sealed class CountingHandler : DelegatingHandler
        {
            public int Count;

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref Count);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
            services.AddTolokaClient(configuration.GetSection(TolokaOptions.SectionName));
            await using var provider = services.BuildServiceProvider();

            var client = provider.GetRequiredService<ITolokaClient>();
            var result = await client.ArchivePoolAsync("5");

            Assert.That(result, Is.Null);
            Assert.That(server.Requests.Single().Authorization, Is.EqualTo("OAuth " + Samples.Token));
            Assert.That(server.Requests.Single().RawTarget, Is.EqualTo("/api/v1/pools/5/archive"));
            var options = provider.GetRequiredService<IOptions<TolokaOptions>>().Value;
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
            services.AddTolokaClient(options =>
            {
                options.Token = Samples.Token;
                options.Environment = server.BaseUri.AbsoluteUri;
            }).AddHttpMessageHandler(() => counter);
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
            Assert.That(exception!.Message, Does.Contain("Toloka:Token is required"));
        }

        [Test]
        public void Unknown_environment_in_configuration_is_a_clear_validation_error()
        {
            var services = new ServiceCollection();
            services.AddTolokaClient(options =>
            {
                options.Token = Samples.Token;
                options.Environment = "http://toloka.dev/api/v1";
            });
            using var provider = services.BuildServiceProvider();

            var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ITolokaClient>());
            Assert.That(exception!.Message, Does.Contain("Toloka:Environment"));
        }

        [Test]
        public void Sandbox_by_name_resolves_to_the_sandbox_environment()
        {
            var services = new ServiceCollection();
            services.AddTolokaClient(options =>
            {
                options.Token = Samples.Token;
                options.Environment = "sandbox";
            });
            using var provider = services.BuildServiceProvider();

            var client = (TolokaClient)provider.GetRequiredService<ITolokaClient>();

            Assert.That(client.Environment, Is.EqualTo(TolokaEnvironment.Sandbox));
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

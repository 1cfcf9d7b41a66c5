using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>Issue 8 through AddTolokaClient: options validated up front, no redirects, the token never logged.</summary>
    public class DependencyInjectionHardeningTests
    {
        [TestCase("Toloka:NetworkTimeout")]
        [TestCase("Toloka:Retry:MaxAttempts")]
        [TestCase("Toloka:Polling:BackoffFactor")]
        [TestCase("Toloka:MaxResponseBytes")]
        public void An_option_out_of_range_is_an_OptionsValidationException_naming_it(string setting)
        {
            var services = new ServiceCollection();
            services.AddTolokaClient(Samples.Token, options =>
            {
                switch (setting)
                {
                    case "Toloka:NetworkTimeout": options.NetworkTimeout = TimeSpan.FromDays(60); break;
                    case "Toloka:Retry:MaxAttempts": options.Retry.MaxAttempts = 0; break;
                    case "Toloka:Polling:BackoffFactor": options.Polling.BackoffFactor = double.NaN; break;
                    default: options.MaxResponseBytes = 0; break;
                }
            });
            using var provider = services.BuildServiceProvider();

            var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ITolokaClient>());

            Assert.That(exception!.Message, Does.Contain(setting));
            Assert.That(exception.Message, Does.Not.Contain(Samples.Token));
        }

        [Test]
        public void Validation_runs_at_host_start_too()
        {
            var services = new ServiceCollection();
            services.AddTolokaClient(Samples.Token, options => options.Retry.BaseDelay = TimeSpan.MaxValue);
            using var provider = services.BuildServiceProvider();

            // What a generic host calls when it starts (ValidateOnStart).
            var startup = provider.GetRequiredService<IStartupValidator>();

            var exception = Assert.Throws<OptionsValidationException>(() => startup.Validate());
            Assert.That(exception!.Message, Does.Contain("Toloka:Retry:BaseDelay"));
        }

        [Test]
        public async Task The_registered_client_does_not_follow_redirects()
        {
            await using var server = await LoopbackServer.StartAsync(context =>
            {
                context.Response.StatusCode = 301;
                context.Response.Headers.Location = "/api/v1/operations/elsewhere";
                return Task.CompletedTask;
            });
            var services = new ServiceCollection();
            services.AddTolokaClient(Samples.Token, options => options.Environment = TolokaEnvironment.Custom(server.BaseUri));
            await using var provider = services.BuildServiceProvider();

            var exception = Assert.ThrowsAsync<TolokaRedirectException>(() => provider.GetRequiredService<ITolokaClient>().ClonePoolAsync("5"));

            Assert.That(exception!.Location, Is.EqualTo("/api/v1/operations/elsewhere"));
            Assert.That(server.Requests, Has.Count.EqualTo(1));
        }

        [Test]
        public async Task Factory_logging_at_trace_never_holds_the_token_in_text_or_state()
        {
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                // An echoing server: the token comes back in a response header and the body.
                context.Response.Headers["X-Echo"] = context.Request.Headers.Authorization.ToString();
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(Samples.ClonePoolOperation);
            });
            var sink = new CapturingLoggerProvider();
            var services = new ServiceCollection();
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(sink));
            services.AddTolokaClient(Samples.Token, options => options.Environment = TolokaEnvironment.Custom(server.BaseUri));
            await using var provider = services.BuildServiceProvider();

            await provider.GetRequiredService<ITolokaClient>().ClonePoolAsync("5");

            var entries = sink.Strings().Select(logged => logged.Text).ToList();
            Assert.That(entries, Is.Not.Empty);
            Assert.That(entries, Has.Some.Contains("Authorization: ***"), "the request headers were logged, masked");
            Assert.That(entries, Has.Some.Contains("X-Echo: OAuth ***"), "the response headers were logged, masked");
            Assert.That(entries.Where(entry => entry.Contains(Samples.Token, StringComparison.Ordinal)), Is.Empty);
        }
    }
}

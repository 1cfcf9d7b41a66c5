using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    public class ClientConstructionTests
    {
        [TestCase(null)]
        [TestCase("")]
        [TestCase("   ")]
        [TestCase("\t\n")]
        public void Missing_or_blank_token_is_an_ArgumentException_naming_the_parameter(string? token)
        {
            var exception = Assert.Throws<ArgumentException>(() => new TolokaClient(token!));
            Assert.That(exception!.ParamName, Is.EqualTo("token"));
        }

        [TestCase("secret\r\nX-Injected: 1")]
        [TestCase("secret with space")]
        [TestCase("sécret")]
        public void Token_that_cannot_be_a_header_is_refused_without_echoing_it(string token)
        {
            var exception = Assert.Throws<ArgumentException>(() => new TolokaClient(token));
            Assert.That(exception!.ParamName, Is.EqualTo("token"));
            Assert.That(exception.Message, Does.Not.Contain("secret").And.Not.Contain("sécret"));
        }


        [Test]
        public void Null_http_client_is_an_ArgumentNullException()
        {
            var exception = Assert.Throws<ArgumentNullException>(() => new TolokaClient((HttpClient)null!, Samples.Token));
            Assert.That(exception!.ParamName, Is.EqualTo("httpClient"));
        }

        [Test]
        public void Null_handler_is_an_ArgumentNullException()
        {
            var exception = Assert.Throws<ArgumentNullException>(() => new TolokaClient((HttpMessageHandler)null!, Samples.Token));
            Assert.That(exception!.ParamName, Is.EqualTo("handler"));
        }

        [Test]
        public async Task Changing_the_options_after_construction_does_not_change_the_client()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, Samples.ClonePoolOperation);
            var options = new TolokaClientOptions { Environment = TolokaEnvironment.Sandbox };
            using var client = stub.CreateClient(options: options);

            options.Environment = TolokaEnvironment.Custom("https://elsewhere.example.com/api");
            options.Retry.MaxAttempts = 99;
            await client.ClonePoolAsync("1");

            Assert.That(stub.SingleRequest.Uri.Host, Is.EqualTo("sandbox.toloka.dev"));
            Assert.That(client.Environment, Is.EqualTo(TolokaEnvironment.Sandbox));
        }

        // Out-of-range values are an ArgumentOutOfRangeException (an ArgumentException) since issue 8, naming the option.
        [Test]
        public void Options_that_are_not_valid_are_an_ArgumentException_at_construction()
        {
            Assert.Catch<ArgumentException>(() => new TolokaClient(Samples.Token, new TolokaClientOptions { Environment = null! }));
            Assert.Catch<ArgumentException>(() => new TolokaClient(Samples.Token, new TolokaClientOptions { Retry = { MaxAttempts = 0 } }));
            Assert.Catch<ArgumentException>(() => new TolokaClient(Samples.Token, new TolokaClientOptions { Polling = { BackoffFactor = double.NaN } }));
            Assert.Catch<ArgumentException>(() => new TolokaClient(Samples.Token, new TolokaClientOptions { NetworkTimeout = TimeSpan.Zero }));
        }

        [Test]
        public void ToString_names_the_environment_and_never_the_token()
        {
            using var client = new TolokaClient(Samples.Token, new TolokaClientOptions { Environment = TolokaEnvironment.Sandbox });
            Assert.That(client.ToString(), Does.Contain("Sandbox").And.Not.Contain(Samples.Token));
        }

        [Test]
        public async Task Caller_http_client_is_not_disposed_and_its_default_headers_are_untouched()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, Samples.ClonePoolOperation).Answer(HttpStatusCode.OK, "{}");
            var httpClient = stub.CreateHttpClient();
            using (var client = new TolokaClient(httpClient, Samples.Token))
            {
                await client.ClonePoolAsync("1");
            }

            Assert.That(httpClient.DefaultRequestHeaders.Authorization, Is.Null);
            Assert.That(httpClient.DefaultRequestHeaders, Is.Empty);
            using var stillUsable = await httpClient.GetAsync(new Uri("https://example.invalid/after-dispose"));
            Assert.That(stillUsable.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        [Test]
        public async Task Own_http_client_is_released_on_dispose()
        {
            await using var server = await LoopbackServer.StartAsync(context =>
            {
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync(Samples.ClonePoolOperation);
            });
            var client = new TolokaClient(Samples.Token, server.Options());
            Assert.That(await client.ClonePoolAsync("1"), Is.Not.Null);
            client.Dispose();
            Assert.ThrowsAsync<ObjectDisposedException>(() => client.ClonePoolAsync("1"));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>API keys and OAuth tokens: how a credential is classified, checked, sent and hidden.</summary>
    public class CredentialTests
    {
        // Shaped as Toloka's API keys are: exactly two dots, the first at index 22, 23 or 24.
        private const string KeyDotAt22 = "AbCdEfGhIjKlMnOpQrStUv.wxyz0123456789.ABCDEFGHIJ";
        private const string KeyDotAt24 = "AbCdEfGhIjKlMnOpQrStUvWx.yz0123456789.ABCDEFGHIJ";

        [TestCase(KeyDotAt22, TolokaCredentialScheme.ApiKey)]
        [TestCase(Samples.ApiKey, TolokaCredentialScheme.ApiKey)]
        [TestCase(KeyDotAt24, TolokaCredentialScheme.ApiKey)]
        [TestCase("AbCdEfGhIjKlMnOpQrStU.vwxyz0123456789.ABCDEFGHIJ", TolokaCredentialScheme.OAuth)]
        [TestCase("AbCdEfGhIjKlMnOpQrStUvWxY.z0123456789.ABCDEFGHIJ", TolokaCredentialScheme.OAuth)]
        [TestCase("AbCdEfGhIjKlMnOpQrStUvW.xyz0123456789.ABCD.EFGHIJ", TolokaCredentialScheme.OAuth)]
        [TestCase(Samples.Token, TolokaCredentialScheme.OAuth)]
        [TestCase("y0_AgAAAAAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", TolokaCredentialScheme.OAuth)]
        public void A_bare_string_is_classified_as_tolokas_sdks_do(string text, TolokaCredentialScheme expected)
        {
            Assert.That(TolokaCredential.Parse(text).Scheme, Is.EqualTo(expected));
        }

        [TestCase("ApiKey " + Samples.Token, TolokaCredentialScheme.ApiKey)]
        [TestCase("OAuth " + Samples.ApiKey, TolokaCredentialScheme.OAuth)]
        [TestCase("apikey   " + Samples.Token, TolokaCredentialScheme.ApiKey)]
        [TestCase("  oauth " + Samples.ApiKey + "  ", TolokaCredentialScheme.OAuth)]
        public void An_explicit_prefix_wins_over_the_shape(string text, TolokaCredentialScheme expected)
        {
            Assert.That(TolokaCredential.Parse(text).Scheme, Is.EqualTo(expected));
        }

        [TestCase("T")]
        [TestCase("short-token")]
        [TestCase("ApiKey abc")]
        [TestCase("fifteen-chars-x")]
        public void A_credential_too_short_to_be_real_is_refused_up_front(string text)
        {
            var exception = Assert.Throws<ArgumentException>(() => TolokaCredential.Parse(text));
            Assert.That(exception!.Message, Does.Contain("16"));
            Assert.Throws<ArgumentException>(() => new TolokaClient(text));
        }

        [TestCase("a-long-enough-token\u0000with-nul")]
        [TestCase("a-long-enough-token\u007Fwith-del")]
        [TestCase("a-long-enough token with spaces")]
        [TestCase("a-long-enough-token\r\nX-Injected: 1")]
        [TestCase("a-long-enough-tokén-with-accent")]
        public void A_credential_with_whitespace_or_control_characters_is_refused_without_echoing_it(string text)
        {
            var exception = Assert.Throws<ArgumentException>(() => TolokaCredential.OAuth(text));
            Assert.That(exception!.Message, Does.Not.Contain("a-long-enough"));
            Assert.Throws<ArgumentException>(() => TolokaCredential.ApiKey(text));
        }

        [Test]
        public void ToString_names_the_kind_never_the_secret()
        {
            Assert.That(TolokaCredential.ApiKey(Samples.ApiKey).ToString(), Is.EqualTo("ApiKey ***"));
            Assert.That(TolokaCredential.OAuth(Samples.Token).ToString(), Is.EqualTo("OAuth ***"));
        }

        [Test]
        public async Task An_api_key_goes_out_as_ApiKey_and_an_oauth_token_as_OAuth()
        {
            var stub = new StubToloka().Otherwise(_ => StubToloka.Json(HttpStatusCode.OK, Samples.ClonePoolOperation));
            using (var byShape = stub.CreateClient(Samples.ApiKey))
            using (var explicitKey = new TolokaClient(stub.Handler.Object, TolokaCredential.ApiKey(Samples.Token)))
            using (var oauth = new TolokaClient(stub.CreateHttpClient(), TolokaCredential.OAuth(Samples.Token)))
            {
                await byShape.GetOperationAsync("op");
                await explicitKey.GetOperationAsync("op");
                await oauth.GetOperationAsync("op");
            }

            Assert.That(stub.Requests.Select(r => r.Authorization.Single()), Is.EqualTo(new[]
            {
                "ApiKey " + Samples.ApiKey,
                "ApiKey " + Samples.Token,
                "OAuth " + Samples.Token,
            }));
        }

        [Test]
        public async Task An_api_key_echoed_in_an_error_is_masked_as_a_token_is()
        {
            var body = "{\"code\":\"ACCESS_DENIED\",\"message\":\"key " + Samples.ApiKey + " may not\",\"request_id\":\"" + Samples.ApiKey + "\"}";
            var stub = new StubToloka().Answer(HttpStatusCode.Forbidden, body);
            using var client = stub.CreateClient(Samples.ApiKey);

            var exception = Assert.ThrowsAsync<TolokaAccessDeniedException>(() => client.GetPoolAsync("1"));

            Assert.That(exception!.ToString(), Does.Not.Contain(Samples.ApiKey));
            Assert.That(exception.ErrorMessage, Is.EqualTo("key *** may not"));
            await Task.CompletedTask;
        }

        [Test]
        public async Task A_timestamp_is_never_rewritten_by_masking()
        {
            // The bug this guards against: a one-letter token 'T' masked every T of a timestamp.
            var stub = new StubToloka().Answer(HttpStatusCode.OK, Samples.ClonePoolOperation);
            using var client = stub.CreateClient(Samples.ApiKey);

            var operation = await client.GetOperationAsync("op");

            Assert.That(operation.Submitted, Is.EqualTo(new DateTimeOffset(2016, 4, 7, 16, 6, 15, 902, TimeSpan.Zero)));
        }

        [Test]
        public async Task ActUnderAccountId_is_sent_on_every_request()
        {
            var seen = new List<string?>();
            var stub = new StubToloka().Otherwise(request =>
            {
                seen.Add(request.Headers.TryGetValues("X-Act-Under-Account-ID", out var values) ? values.Single() : null);
                return StubToloka.Json(HttpStatusCode.OK, Samples.ClonePoolOperation);
            });
            using (var acting = stub.CreateClient(Samples.ApiKey, new TolokaClientOptions { ActUnderAccountId = "b1e2c3d4-0000-4a5b-8c6d-7e8f9a0b1c99" }))
            {
                await acting.GetOperationAsync("op");
                await acting.ClonePoolAsync("1");
            }

            using (var own = stub.CreateClient(Samples.ApiKey))
            {
                await own.GetOperationAsync("op");
            }

            Assert.That(seen, Is.EqualTo(new[] { "b1e2c3d4-0000-4a5b-8c6d-7e8f9a0b1c99", "b1e2c3d4-0000-4a5b-8c6d-7e8f9a0b1c99", null }));
        }

        [TestCase("")]
        [TestCase("two words")]
        [TestCase("line\r\nbreak")]
        public void An_ActUnderAccountId_that_cannot_be_an_account_is_refused(string account)
        {
            var exception = Assert.Throws<ArgumentException>(() => new TolokaClient(Samples.ApiKey, new TolokaClientOptions { ActUnderAccountId = account }));
            Assert.That(exception!.ParamName, Is.EqualTo("ActUnderAccountId"));
        }

        [Test]
        public void The_schemes_the_client_can_send_are_exactly_the_ones_the_spec_declares()
        {
            var yaml = TolokaSpec.Current.Yaml;
            var schemes = (JObject)yaml["components"]!["securitySchemes"]!;
            var declared = schemes.Properties().Select(scheme => scheme.Name).OrderBy(name => name, StringComparer.Ordinal).ToList();
            var sent = Enum.GetValues<TolokaCredentialScheme>()
                .Select(scheme => TolokaCredential.Parse(scheme + " " + Samples.Token).ToString().Split(' ')[0])
                .OrderBy(name => name, StringComparer.Ordinal)
                .ToList();

            Assert.That(sent, Is.EqualTo(declared));
            foreach (var scheme in schemes.Properties())
            {
                Assert.That((string?)scheme.Value["type"], Is.EqualTo("apiKey"), scheme.Name);
                Assert.That((string?)scheme.Value["in"], Is.EqualTo("header"), scheme.Name);
                Assert.That((string?)scheme.Value["name"], Is.EqualTo("Authorization"), scheme.Name);
                Assert.That((string?)scheme.Value["description"], Does.Contain("`Authorization: " + scheme.Name + " <"), scheme.Name);
            }

            var alternatives = ((JArray)yaml["security"]!).Select(requirement => ((JObject)requirement).Properties().Single().Name);
            Assert.That(alternatives, Is.EquivalentTo(declared), "the top-level security lists every scheme as an alternative");
        }

        [Test]
        public async Task An_api_key_from_configuration_is_sent_as_ApiKey()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.NoContent);
            var services = new ServiceCollection();
            services.AddTolokaClient(Configuration(("Toloka:ApiKey", Samples.Token), ("Toloka:Environment", "Sandbox")).GetSection("Toloka"))
                .ConfigurePrimaryHttpMessageHandler(() => stub.Handler.Object);
            await using var provider = services.BuildServiceProvider();

            await provider.GetRequiredService<ITolokaClient>().ArchivePoolAsync("5");

            Assert.That(stub.SingleRequest.Authorization.Single(), Is.EqualTo("ApiKey " + Samples.Token));
        }

        [Test]
        public async Task A_credential_given_in_code_to_AddTolokaClient_is_sent_with_its_scheme()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.NoContent);
            var services = new ServiceCollection();
            services.AddTolokaClient(TolokaCredential.OAuth(Samples.ApiKey), options => options.Environment = TolokaEnvironment.Sandbox)
                .ConfigurePrimaryHttpMessageHandler(() => stub.Handler.Object);
            await using var provider = services.BuildServiceProvider();

            await provider.GetRequiredService<ITolokaClient>().ArchivePoolAsync("5");

            Assert.That(stub.SingleRequest.Authorization.Single(), Is.EqualTo("OAuth " + Samples.ApiKey));
        }

        [Test]
        public void ApiKey_and_Token_both_configured_is_a_validation_error()
        {
            var services = new ServiceCollection();
            services.AddTolokaClient(Configuration(("Toloka:ApiKey", Samples.ApiKey), ("Toloka:Token", Samples.Token)).GetSection("Toloka"));
            using var provider = services.BuildServiceProvider();

            var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ITolokaClient>());

            Assert.That(exception!.Message, Does.Contain("Toloka:ApiKey").And.Contain("keep one"));
            Assert.That(exception.Message, Does.Not.Contain(Samples.ApiKey).And.Not.Contain(Samples.Token));
        }

        [Test]
        public void A_configured_credential_too_short_to_be_real_is_a_validation_error_naming_the_key()
        {
            var services = new ServiceCollection();
            services.AddTolokaClient(Configuration(("Toloka:Token", "T")).GetSection("Toloka"));
            using var provider = services.BuildServiceProvider();

            var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ITolokaClient>());

            Assert.That(exception!.Message, Does.Contain("Toloka:Token:"));
        }

        [Test]
        public void A_misspelled_environment_in_configuration_says_which_names_are_accepted()
        {
            var services = new ServiceCollection();
            services.AddTolokaClient(Configuration(("Toloka:ApiKey", Samples.ApiKey), ("Toloka:Environment", "sandbx")).GetSection("Toloka"));
            using var provider = services.BuildServiceProvider();

            var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ITolokaClient>());

            Assert.That(exception!.Message, Does.Contain("Toloka:Environment").And.Contain("Production").And.Contain("Sandbox"));
            var parse = Assert.Throws<ArgumentException>(() => TolokaEnvironment.Parse("sandbx"));
            Assert.That(parse!.Message, Does.Contain("Production").And.Contain("Sandbox").And.Contain("sandbx"));
        }

        private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
    }
}

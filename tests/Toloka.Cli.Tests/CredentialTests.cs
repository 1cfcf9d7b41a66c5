using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated;
using Toloka.Generated.Testing;

namespace Toloka.Cli.Tests
{
    /// <summary>Where the CLI takes its credential from, how it tells keys from tokens, and what it says when one is wrong.</summary>
    public sealed class CredentialTests
    {
        private const string OAuthToken = "y0_AgAAAAAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";

        private static string[] Line(FakeToloka fake, params string[] args) =>
            args.Concat(new[] { "--base-url", fake.BaseUri.AbsoluteUri, "--json" }).ToArray();

        private static Dictionary<string, string?> Variables(params (string Name, string Value)[] values) =>
            values.ToDictionary(v => v.Name, v => (string?)v.Value, StringComparer.Ordinal);

        [Test]
        public async Task An_api_key_in_TOLOKA_API_KEY_is_sent_as_ApiKey()
        {
            await using var fake = await FakeToloka.StartAsync();
            var pool = fake.AddPool(FakePoolStatus.Closed);

            var run = await CliRun.StartAsync(Line(fake, "pool", "get", pool), token: null, variables: Variables(("TOLOKA_API_KEY", fake.Token)));

            Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
            Assert.That(fake.Requests.Single().IsAuthenticated, Is.True);
            Assert.That(run.All, Does.Not.Contain(fake.Token));
        }

        [Test]
        public async Task A_key_in_TOLOKA_API_KEY_is_a_key_whatever_its_shape()
        {
            var options = new FakeTolokaOptions();
            options.AdditionalTokens.Add("ApiKey " + OAuthToken);
            await using var fake = await FakeToloka.StartAsync(options);
            var pool = fake.AddPool(FakePoolStatus.Closed);

            var asKey = await CliRun.StartAsync(Line(fake, "pool", "get", pool), token: null, variables: Variables(("TOLOKA_API_KEY", OAuthToken)));
            var asToken = await CliRun.StartAsync(Line(fake, "pool", "get", pool), token: OAuthToken);

            Assert.That(asKey.ExitCode, Is.EqualTo(0), asKey.All);
            Assert.That(asToken.ExitCode, Is.EqualTo(3), "the same text in TOLOKA_TOKEN is an OAuth token, which this fake does not accept under OAuth");
            Assert.That(asToken.Error, Does.Contain("TOLOKA_API_KEY"));
        }

        [Test]
        public async Task An_oauth_token_still_works_against_a_toloka_that_accepts_oauth()
        {
            var options = new FakeTolokaOptions { Token = OAuthToken };
            options.AcceptedSchemes.Remove(TolokaCredentialScheme.ApiKey);
            await using var fake = await FakeToloka.StartAsync(options);
            var pool = fake.AddPool(FakePoolStatus.Closed);

            var run = await CliRun.StartAsync(Line(fake, "pool", "get", pool), OAuthToken);

            Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        }

        [Test]
        public async Task Both_variables_set_is_a_usage_error()
        {
            var run = await CliRun.StartAsync(new[] { "pool", "get", "1", "--base-url", "http://127.0.0.1:1/" }, OAuthToken, variables: Variables(("TOLOKA_API_KEY", FakeToloka.DefaultToken)));

            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.Contain("both set"));
            Assert.That(run.All, Does.Not.Contain(OAuthToken).And.Not.Contain(FakeToloka.DefaultToken));
        }

        [TestCase("T")]
        [TestCase("short")]
        [TestCase("has a space inside it")]
        public async Task A_credential_that_cannot_be_real_exits_2_with_a_plain_message(string credential)
        {
            var run = await CliRun.StartAsync(new[] { "pool", "get", "1", "--base-url", "http://127.0.0.1:1/" }, credential);

            Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
            Assert.That(run.Error, Does.StartWith("TOLOKA_TOKEN: "));
            Assert.That(run.Error, Does.Not.Contain("***"), "a value too short to be a credential is never masked, so the message reads as written");
        }

        [Test]
        public async Task A_token_file_with_an_explicit_prefix_is_read_as_that_kind()
        {
            await using var fake = await FakeToloka.StartAsync();
            var pool = fake.AddPool(FakePoolStatus.Closed);
            var file = Path.GetTempFileName();
            try
            {
                await File.WriteAllTextAsync(file, "ApiKey " + fake.Token + "\n");

                var run = await CliRun.StartAsync(Line(fake, "pool", "get", pool, "--token-file", file), token: null);

                Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
                Assert.That(run.All, Does.Not.Contain(fake.Token));
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Test]
        public async Task A_rejected_credential_says_how_to_use_an_api_key()
        {
            await using var fake = await FakeToloka.StartAsync();

            var run = await CliRun.StartAsync(Line(fake, "pool", "get", "1"), token: null, variables: Variables(("TOLOKA_API_KEY", "Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss.Rr2Qq1Pp0Oo.Nn9Mm8Ll7")));

            Assert.That(run.ExitCode, Is.EqualTo(3));
            Assert.That(run.Error, Does.Contain("TOLOKA_API_KEY").And.Contain("Integrations"));
            Assert.That(run.All, Does.Not.Contain("Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss"));
        }
    }
}

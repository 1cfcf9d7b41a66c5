using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Testing.Tests.Support;

namespace Toloka.Generated.Testing.Tests
{
    /// <summary>Authorization: ApiKey &lt;key&gt; or OAuth &lt;token&gt;, checked before anything else the fake does.</summary>
    public class AuthTests
    {
        private static readonly string[] Paths =
        {
            "pools/{pool}/clone",
            "pools/{pool}/archive",
            "trainings/{training}/clone",
            "trainings/{training}/archive",
            "operations/{operation}",
        };

        [TestCaseSource(nameof(Paths))]
        public async Task A_request_without_authorization_is_401_AUTHENTICATION_ERROR_and_changes_nothing(string template)
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var trainingId = h.Fake.AddTraining(FakePoolStatus.Closed);
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);
            var operationId = (await h.Client.ClonePoolAsync(poolId)).Id;
            var path = template.Replace("{pool}", poolId).Replace("{training}", trainingId).Replace("{operation}", operationId);
            var method = path.StartsWith("operations/", System.StringComparison.Ordinal) ? HttpMethod.Get : HttpMethod.Post;

            var answer = await h.SendAsync(method, path, authorization: null);

            Assert.That(answer.Status, Is.EqualTo(401));
            Assert.That(answer.String("code"), Is.EqualTo("AUTHENTICATION_ERROR"));
            Assert.That(answer.String("request_id"), Is.Not.Empty);
            Assert.That(h.Fake.Operations, Has.Count.EqualTo(1));
            var logged = h.Fake.Requests[^1];
            Assert.That(logged.IsAuthenticated, Is.False);
            Assert.That(logged.StatusCode, Is.EqualTo(401));
        }

        [Test]
        public async Task A_client_with_a_wrong_token_gets_TolokaAuthenticationException()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);
            using var client = h.CreateClient("not-the-token-the-fake-knows");

            var error = Assert.ThrowsAsync<TolokaAuthenticationException>(() => client.ArchivePoolAsync(poolId));

            Assert.That(error!.ErrorCode, Is.EqualTo("AUTHENTICATION_ERROR"));
            Assert.That(h.Fake.GetPool(poolId).Status, Is.EqualTo(FakePoolStatus.Closed));
        }

        [Test]
        public async Task Authentication_is_checked_before_the_id_so_an_unknown_id_is_still_401()
        {
            await using var h = await FakeTolokaHarness.StartAsync();

            var answer = await h.SendAsync(HttpMethod.Post, "pools/123/clone", "ApiKey " + Samples.ApiKey);

            Assert.That(answer.Status, Is.EqualTo(401));
        }

        [TestCase("Bearer " + FakeToloka.DefaultToken, 401)]
        [TestCase("ApiKey", 401)]
        [TestCase("ApiKey ", 401)]
        [TestCase(FakeToloka.DefaultToken, 401)]
        [TestCase("ApiKey " + FakeToloka.DefaultToken + "x", 401)]
        [TestCase("OAuth " + FakeToloka.DefaultToken, 401)]
        [TestCase("apikey " + FakeToloka.DefaultToken, 202)]
        [TestCase("ApiKey " + FakeToloka.DefaultToken, 202)]
        public async Task Only_an_accepted_credential_under_its_own_scheme_is_let_in(string authorization, int expected)
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);

            var answer = await h.SendAsync(HttpMethod.Post, "pools/" + poolId + "/clone", authorization);

            Assert.That(answer.Status, Is.EqualTo(expected));
        }

        [Test]
        public async Task Configured_and_added_tokens_are_accepted_and_a_revoked_token_is_not()
        {
            await using var h = await FakeTolokaHarness.StartAsync(options => options.AdditionalTokens.Add("second-account-oauth-token"));
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);
            using var second = h.CreateClient("second-account-oauth-token");
            using var third = h.CreateClient("third-account-oauth-token");

            await second.ClonePoolAsync(poolId);
            Assert.ThrowsAsync<TolokaAuthenticationException>(() => third.ClonePoolAsync(poolId));
            h.Fake.AcceptToken("third-account-oauth-token");
            await third.ClonePoolAsync(poolId);
            h.Fake.RevokeToken("second-account-oauth-token");
            Assert.ThrowsAsync<TolokaAuthenticationException>(() => second.ClonePoolAsync(poolId));

            Assert.That(h.Fake.Requests.Select(r => r.IsAuthenticated), Is.EqualTo(new[] { true, false, true, false }));
        }

        [Test]
        public async Task A_custom_default_token_is_what_the_fake_and_its_client_use()
        {
            await using var h = await FakeTolokaHarness.StartAsync(options => options.Token = "my-own-oauth-token");

            await h.Client.ClonePoolAsync(h.Fake.AddPool(FakePoolStatus.Open));
            var withDefault = await h.SendAsync(HttpMethod.Post, "pools/1/clone", "ApiKey " + FakeToloka.DefaultToken);

            Assert.That(h.Fake.Token, Is.EqualTo("my-own-oauth-token"));
            Assert.That(h.Fake.Requests[0].IsAuthenticated, Is.True);
            Assert.That(withDefault.Status, Is.EqualTo(401));
        }

        [Test]
        public async Task Tokens_never_appear_in_answers_the_request_log_or_the_fakes_description()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);
            const string WrongToken = "wrong-secret-token-123";

            var refused = await h.SendAsync(HttpMethod.Post, "pools/" + poolId + "/archive", "ApiKey " + WrongToken);
            var conflict = await h.PostAsync("pools/" + poolId + "/archive");

            var everything = refused + " " + refused.Headers + " " + conflict + " " + conflict.Headers + " "
                + string.Join(" ", h.Fake.Requests) + " " + h.Fake;
            Assert.That(everything, Does.Not.Contain(WrongToken).And.Not.Contain(h.Fake.Token));
        }

        [Test]
        public async Task A_credential_sent_with_the_other_kinds_scheme_is_401_with_tolokas_error_body()
        {
            await using var h = await FakeTolokaHarness.StartAsync(options => options.AdditionalTokens.Add(Samples.Token));
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);

            var keyAsOAuth = await h.SendAsync(HttpMethod.Get, "pools/" + poolId, "OAuth " + h.Fake.Token);
            var tokenAsKey = await h.SendAsync(HttpMethod.Get, "pools/" + poolId, "ApiKey " + Samples.Token);
            var tokenAsOAuth = await h.SendAsync(HttpMethod.Get, "pools/" + poolId, "OAuth " + Samples.Token);

            Assert.That(keyAsOAuth.Status, Is.EqualTo(401));
            Assert.That(keyAsOAuth.String("code"), Is.EqualTo("AUTHENTICATION_ERROR"));
            Assert.That(keyAsOAuth.String("message"), Does.Contain("ApiKey <key>"));
            Assert.That(tokenAsKey.Status, Is.EqualTo(401));
            Assert.That(tokenAsOAuth.Status, Is.EqualTo(200));
        }

        [Test]
        public async Task A_fake_told_to_accept_only_api_keys_refuses_every_oauth_token()
        {
            await using var h = await FakeTolokaHarness.StartAsync(options =>
            {
                options.AdditionalTokens.Add(Samples.Token);
                options.AcceptedSchemes.Remove(TolokaCredentialScheme.OAuth);
            });
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);
            using var oauth = h.CreateClient(Samples.Token);
            using var explicitKey = new TolokaClient(TolokaCredential.ApiKey(Samples.Token), h.Fake.CreateClientOptions());

            Assert.ThrowsAsync<TolokaAuthenticationException>(() => oauth.GetPoolAsync(poolId));
            Assert.ThrowsAsync<TolokaAuthenticationException>(() => explicitKey.GetPoolAsync(poolId), "the token was accepted as an OAuth token, not as a key");
            Assert.That((await h.Client.GetPoolAsync(poolId)).Id, Is.EqualTo(poolId));
        }

        [Test]
        public async Task A_fake_told_to_accept_only_oauth_still_serves_an_oauth_token()
        {
            await using var h = await FakeTolokaHarness.StartAsync(options =>
            {
                options.Token = Samples.Token;
                options.AcceptedSchemes.Remove(TolokaCredentialScheme.ApiKey);
            });
            var poolId = h.Fake.AddPool(FakePoolStatus.Closed);

            Assert.That((await h.Client.GetPoolAsync(poolId)).Id, Is.EqualTo(poolId));
            Assert.That(h.Fake.Requests.Single().IsAuthenticated, Is.True);
        }
    }
}

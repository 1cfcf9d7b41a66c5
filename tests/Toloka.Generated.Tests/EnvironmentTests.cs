using System;
using System.Net;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    public class EnvironmentTests
    {
        [Test]
        public async Task Production_is_the_default_environment()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, Samples.ClonePoolOperation);
            using var client = stub.CreateClient();
            await client.ClonePoolAsync("1");
            Assert.That(stub.SingleRequest.Uri.AbsoluteUri, Is.EqualTo("https://toloka.dev/api/v1/pools/1/clone"));
        }

        [Test]
        public async Task Sandbox_sends_to_the_sandbox_host()
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, Samples.CloneTrainingOperation);
            using var client = stub.CreateClient(options: new TolokaClientOptions { Environment = TolokaEnvironment.Sandbox });
            await client.CloneTrainingAsync("123456");
            Assert.That(stub.SingleRequest.Uri.AbsoluteUri, Is.EqualTo("https://sandbox.toloka.dev/api/v1/trainings/123456/clone"));
        }

        [TestCase("https://proxy.example.com/toloka", "https://proxy.example.com/toloka/pools/7/clone")]
        [TestCase("https://proxy.example.com/toloka/", "https://proxy.example.com/toloka/pools/7/clone")]
        [TestCase("http://127.0.0.1:8080/api/v1", "http://127.0.0.1:8080/api/v1/pools/7/clone")]
        [TestCase("http://localhost:8080", "http://localhost:8080/pools/7/clone")]
        [TestCase("http://[::1]:9000/api/v1/", "http://[::1]:9000/api/v1/pools/7/clone")]
        public async Task Custom_base_url_is_honoured(string baseUrl, string expected)
        {
            var stub = new StubToloka().Answer(HttpStatusCode.OK, Samples.ClonePoolOperation);
            using var client = stub.CreateClient(options: new TolokaClientOptions { Environment = TolokaEnvironment.Custom(baseUrl) });
            await client.ClonePoolAsync("7");
            Assert.That(stub.SingleRequest.Uri.AbsoluteUri, Is.EqualTo(expected));
        }

        [TestCase("http://toloka.dev/api/v1")]
        [TestCase("http://10.0.0.5/api/v1")]
        [TestCase("http://localhost.example.com/api/v1")]
        [TestCase("ftp://127.0.0.1/api")]
        [TestCase("/api/v1")]
        [TestCase("https://user:password@toloka.dev/api/v1")]
        [TestCase("https://toloka.dev/api/v1?x=1")]
        public void Unsafe_or_malformed_base_url_is_refused(string baseUrl)
        {
            var exception = Assert.Throws<ArgumentException>(() => TolokaEnvironment.Custom(baseUrl));
            Assert.That(exception!.ParamName, Is.EqualTo("baseUri"));
        }

        [TestCase("production", "https://toloka.dev/api/v1/")]
        [TestCase("Sandbox", "https://sandbox.toloka.dev/api/v1/")]
        [TestCase("http://127.0.0.1:5000/api/v1", "http://127.0.0.1:5000/api/v1/")]
        public void Parse_reads_names_and_urls(string text, string expected)
        {
            Assert.That(TolokaEnvironment.Parse(text).BaseUri.AbsoluteUri, Is.EqualTo(expected));
        }

        [Test]
        public void Environments_match_the_servers_in_the_spec()
        {
            var spec = System.IO.File.ReadAllText(System.IO.Path.Combine(TestContext.CurrentContext.TestDirectory, "openapi", "toloka.yaml"));
            Assert.That(spec, Does.Contain("- url: " + TolokaEnvironment.Production.BaseUri.AbsoluteUri.TrimEnd('/')));
            Assert.That(spec, Does.Contain("- url: " + TolokaEnvironment.Sandbox.BaseUri.AbsoluteUri.TrimEnd('/')));
        }
    }
}

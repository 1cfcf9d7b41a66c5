using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Runtime.Serialization;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using Toloka.Generated.ContractTests.Support;

namespace Toloka.Generated.ContractTests
{
    /// <summary>
    /// The client against a mock generated from the spec: for every status an operation declares,
    /// Prism answers with the spec's example and the client must turn it into the operation, null
    /// (204) or the typed exception. Prism runs with --errors, so a request that breaks the spec
    /// would come back as an error with an sl-violations header instead.
    /// </summary>
    public class PrismMockTests
    {
        private const string Token = "AQAD-contract-test-token";
        private const string OperationId = "7ea08f99-5e24-47b4-b61f-c177a868d801";

        private PrismMock? _prism;

        private PrismMock Prism => _prism ?? throw new InvalidOperationException("Prism did not start.");

        [OneTimeSetUp]
        public async Task StartPrism() => _prism = await PrismMock.StartAsync(Repository.Spec);

        [OneTimeTearDown]
        public async Task StopPrism()
        {
            if (_prism is not null)
            {
                await _prism.DisposeAsync();
            }
        }

        /// <summary>Every operation of the spec with every status it declares: the generic tests' whole reach.</summary>
        public static IEnumerable<TestCaseData> DeclaredAnswers() =>
            TolokaSpec.Current.Operations.SelectMany(operation => operation.StatusCodes.Select(status => new TestCaseData(operation.Id, status)));

        [TestCaseSource(nameof(DeclaredAnswers))]
        public Task Every_operation_reads_each_answer_it_declares_as_the_spec_says(string operationId, int status)
        {
            var operation = TolokaSpec.Current.Operation(operationId);
            var method = SpecCall.Method(operationId) ?? throw new AssertionException("ITolokaClient has no " + SpecCall.MethodName(operationId) + ".");
            var arguments = SpecCall.Arguments(operation.Definition, method);
            Func<ITolokaClient, Task<object?>> call = client => SpecCall.InvokeAsync(client, method, arguments);
            return status < 300 ? AssertSuccessAsync(operationId, status, call) : AssertErrorAsync(operationId, status, call);
        }

        [Test]
        public async Task The_clients_date_time_filters_in_Tolokas_offset_less_form_are_no_violation()
        {
            using var wire = new PreferStatus(200);
            using var client = Connect(wire, Prism);
            var at = new DateTimeOffset(2021, 2, 26, 13, 13, 32, 921, TimeSpan.FromHours(3));

            await client.FindOperationsAsync(submittedLt: at, submittedGte: at.AddDays(-1), finishedGt: at.AddHours(-1), finishedLte: at);
            await client.FindPoolsAsync(createdGte: at, lastStartedLt: at);

            Assert.That(wire.Answers, Has.Count.EqualTo(2));
            Assert.That(wire.Answers.Select(a => a.Violations ?? string.Empty), Has.All.Empty, "Prism validates the client's own requests against the spec");
        }

        [Test]
        public async Task Prism_reports_a_request_without_authorization_as_a_violation()
        {
            using var http = new HttpClient();

            using var response = await http.PostAsync(new Uri(Prism.BaseUri, "pools/1/clone"), content: null);

            Assert.That((int)response.StatusCode, Is.EqualTo(401));
            Assert.That(response.Headers.TryGetValues(PrismMock.ViolationsHeader, out var violations), Is.True);
            Assert.That(string.Join(" ", violations!), Does.Contain("security"));
        }

        [Test]
        public async Task Prism_reports_a_spec_example_that_breaks_its_schema_as_a_violation()
        {
            var directory = Directory.CreateTempSubdirectory("toloka-prism-");
            try
            {
                var yaml = await File.ReadAllTextAsync(Repository.Spec);
                var spec = Path.Combine(directory.FullName, "toloka.yaml");
                await File.WriteAllTextAsync(spec, TolokaSpec.ReplaceOnce(yaml, "                progress: 40\n", "                progress: 140\n"));
                await using var prism = await PrismMock.StartAsync(spec);
                using var wire = new PreferStatus(200);
                using var client = Connect(wire, prism);

                var exception = Assert.CatchAsync<TolokaApiException>(() => client.GetOperationAsync(OperationId));

                Assert.That(exception!.StatusCode, Is.EqualTo(500));
                Assert.That(wire.Answers.Single().Violations, Does.Contain("progress"));
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }

        private async Task AssertSuccessAsync(string operationId, int status, Func<ITolokaClient, Task<object?>> call)
        {
            using var wire = new PreferStatus(status);
            using var client = Connect(wire, Prism);

            var result = await call(client);

            Assert.That(wire.Answers, Is.EqualTo(new[] { new WireAnswer(status, null) }), Prism.RecentOutput);
            var example = TolokaSpec.Current.Operation(operationId).BodyExample(status);
            if (example is null)
            {
                Assert.That(result, Is.Null);
            }
            else
            {
                Assert.That(result, Is.Not.Null);
                Assert.That(JsonMatch.Problems(example, JToken.FromObject(result!)), Is.Empty, "the client's reading of the spec's example");
            }
        }

        private async Task AssertErrorAsync(string operationId, int status, Func<ITolokaClient, Task<object?>> call)
        {
            var operation = TolokaSpec.Current.Operation(operationId);
            var example = (JObject)(operation.BodyExample(status) ?? throw new AssertionException("The spec's " + status + " answer of " + operationId + " has no example."));
            var code = (string)example["code"]!;
            using var wire = new PreferStatus(status);
            using var client = Connect(wire, Prism);

            var exception = Assert.CatchAsync<TolokaApiException>(async () => await call(client));

            Assert.That(exception, Is.TypeOf(ExceptionFor(code)));
            Assert.That(exception!.StatusCode, Is.EqualTo(status));
            Assert.That(exception.ErrorCode, Is.EqualTo(code));
            Assert.That(exception.ErrorMessage, Is.EqualTo((string?)example["message"]));
            Assert.That(exception.RequestId, Is.EqualTo((string?)example["request_id"]));
            Assert.That(exception.OperationId, Is.EqualTo(operationId));
            Assert.That(exception.Headers.Keys, Has.None.EqualTo(PrismMock.ViolationsHeader).IgnoreCase);
            Assert.That(wire.Answers, Is.Not.Empty.And.All.EqualTo(new WireAnswer(status, null)), Prism.RecentOutput);
            var retryAfter = operation.HeaderExample(status, "Retry-After");
            Assert.That(
                exception.RetryAfter,
                Is.EqualTo(retryAfter is null ? (TimeSpan?)null : TimeSpan.FromSeconds(int.Parse(retryAfter, CultureInfo.InvariantCulture))));
        }

        // One attempt per call: these tests pin how each declared answer is read; which answers are
        // repeated (and after how long) is pinned in simulated time by the unit tests' RetryTests.
        private static TolokaClient Connect(PreferStatus wire, PrismMock prism) =>
            new(new HttpClient(wire, disposeHandler: false), Token, new TolokaClientOptions { Environment = TolokaEnvironment.Custom(prism.BaseUri), Retry = { MaxAttempts = 1 } });

        // README's table: Toloka's error code decides the exception a caller catches.
        private static Type ExceptionFor(string code) => code switch
        {
            "VALIDATION_ERROR" => typeof(TolokaValidationException),
            "AUTHENTICATION_ERROR" => typeof(TolokaAuthenticationException),
            "ACCESS_DENIED" => typeof(TolokaAccessDeniedException),
            "DOES_NOT_EXIST" => typeof(TolokaNotFoundException),
            "CONFLICT_STATE" => typeof(TolokaConflictException),
            "TOO_MANY_REQUESTS" => typeof(TolokaRateLimitedException),
            "INTERNAL_ERROR" or "REMOTE_SERVICE_UNAVAILABLE" => typeof(TolokaServerException),
            _ => throw new AssertionException("The spec has an error code these tests do not know: " + code + ". Say which exception it is."),
        };
    }
}

using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using NUnit.Framework;
using Toloka.Generated.ContractTests.Support;

namespace Toloka.Generated.ContractTests
{
    /// <summary>
    /// NJsonSchema checks every example in the spec against its schema, and the bodies printed on
    /// Toloka's reference pages against the Operation schema.
    /// </summary>
    public class ExampleTests
    {
        private static readonly string[] Seeds = { "clone-pool.json", "clone-training-pool.json", "archive-training-pool.json" };

        [Test]
        public void Every_example_in_the_spec_satisfies_its_schema()
        {
            var sites = TolokaSpec.Current.Examples();

            Assert.That(sites, Is.Not.Empty);
            Assert.That(sites.SelectMany(site => site.Problems()), Is.Empty);
        }

        [Test]
        public void Example_walk_covers_every_example_key_in_the_yaml()
        {
            var spec = TolokaSpec.Current;

            var validated = spec.Examples().Select(site => site.Pointer);

            Assert.That(validated, Is.EquivalentTo(spec.ExampleKeysInYaml()));
        }

        [Test]
        public void Example_walk_finds_response_parameter_and_header_examples()
        {
            var pointers = TolokaSpec.Current.Examples().Select(site => site.Pointer).ToList();

            Assert.That(pointers, Does.Contain("/paths/~1pools~1{pool_id}~1clone/post/responses/200/content/application~1json/example"));
            Assert.That(pointers, Does.Contain("/components/responses/ConflictState/content/application~1json/example"));
            Assert.That(pointers, Does.Contain("/components/parameters/PoolId/example"));
            Assert.That(pointers, Does.Contain("/paths/~1operations~1{operation_id}/get/parameters/0/example"));
            Assert.That(pointers, Does.Contain("/components/headers/RetryAfter/example"));
        }

        [Test]
        public async Task A_spec_example_that_breaks_its_schema_is_reported_where_it_is()
        {
            var yaml = await File.ReadAllTextAsync(Repository.Spec);
            var broken = TolokaSpec.ReplaceOnce(yaml, "                progress: 40\n", "                progress: 140\n");
            broken = TolokaSpec.ReplaceOnce(broken, "      example: '123456'\n", "      example: 123456\n");

            var problems = (await TolokaSpec.ParseAsync(broken)).Examples().SelectMany(site => site.Problems()).ToList();

            Assert.That(problems, Is.EquivalentTo(new[]
            {
                "/paths/~1operations~1{operation_id}/get/responses/200/content/application~1json/example: NumberTooBig at #/progress",
                "/components/parameters/TrainingId/example: StringExpected at #/",
            }));
        }

        [TestCaseSource(nameof(Seeds))]
        public void Reference_page_body_satisfies_the_operation_schema(string seed)
        {
            var body = Json.ParseFile(Repository.TestData("seeds", seed));

            Assert.That(Validate(body), Is.Empty);
            Assert.That((string?)body["id"], Is.Not.Empty);
        }

        [TestCase("progress", "150", ValidationErrorKind.NumberTooBig)]
        [TestCase("progress", "-1", ValidationErrorKind.NumberTooSmall)]
        [TestCase("progress", "\"100\"", ValidationErrorKind.IntegerExpected)]
        [TestCase("status", "\"DONE\"", ValidationErrorKind.NotInEnumeration)]
        [TestCase("id", "42", ValidationErrorKind.StringExpected)]
        [TestCase("submitted", "\"yesterday\"", ValidationErrorKind.NotOneOf)]
        [TestCase("finished", "\"2016-04-07 16:06\"", ValidationErrorKind.NotOneOf)]
        [TestCase("parameters", "[]", ValidationErrorKind.ObjectExpected)]
        public void Operation_schema_rejects_a_body_with_a_bad_field(string field, string json, ValidationErrorKind expected)
        {
            var body = Seed("clone-pool.json");
            body[field] = Json.Parse(json);

            var errors = Validate(body);

            Assert.That(errors.Select(error => (error.Kind, error.Path)), Is.EquivalentTo(new[] { (expected, "#/" + field) }));
        }

        [TestCase("type")]
        [TestCase("status")]
        [TestCase("id")]
        public void Operation_schema_rejects_a_body_without_a_required_field(string field)
        {
            var body = Seed("clone-training-pool.json");
            body.Remove(field);

            var errors = Validate(body);

            Assert.That(errors.Select(error => (error.Kind, error.Property)), Is.EquivalentTo(new[] { (ValidationErrorKind.PropertyRequired, field) }));
        }

        [TestCase("finished", "null")]
        [TestCase("finished", "\"2016-04-07T16:06:15.902+03:00\"")]
        [TestCase("finished", "\"2016-04-07T16:06:15Z\"")]
        [TestCase("progress", "null")]
        [TestCase("details", "null")]
        [TestCase("details", "{\"pool_id\": \"2\", \"something_new\": [1, 2]}")]
        public void Operation_schema_accepts_what_toloka_may_also_send(string field, string json)
        {
            var body = Seed("archive-training-pool.json");
            body[field] = Json.Parse(json);

            Assert.That(Validate(body), Is.Empty);
        }

        private static JObject Seed(string name) => (JObject)Json.ParseFile(Repository.TestData("seeds", name));

        private static System.Collections.Generic.ICollection<ValidationError> Validate(JToken body) =>
            TolokaSpec.Current.Schema("Operation").Validate(body, SchemaType.OpenApi3, new JsonSchemaValidatorSettings());
    }
}

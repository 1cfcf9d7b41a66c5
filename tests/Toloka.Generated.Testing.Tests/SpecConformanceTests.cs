using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Testing.Tests.Support;

namespace Toloka.Generated.Testing.Tests
{
    /// <summary>
    /// The fake and openapi/toloka.yaml cannot drift apart: every answer in every test passes through the
    /// spec check, the check itself rejects what breaks the spec, and one tour makes the fake give every
    /// answer the spec declares.
    /// </summary>
    public class SpecConformanceTests
    {
        private const string Pending = """{"id":"op","type":"POOL.CLONE","status":"PENDING","submitted":"2016-04-07T16:06:15.902","progress":0,"parameters":{"pool_id":"1"}}""";

        private static readonly object[] BrokenAnswers =
        {
            new object[] { "POST", "/pools/1/clone", 202, """{"type":"POOL.CLONE","status":"PENDING"}""", "PropertyRequired: #/id" },
            new object[] { "POST", "/pools/1/clone", 202, Pending.Replace("PENDING", "DONE"), "NotInEnumeration: #/status" },
            new object[] { "POST", "/pools/1/clone", 202, Pending.Replace("\"progress\":0", "\"progress\":101"), "NumberTooBig: #/progress" },
            new object[] { "POST", "/pools/1/clone", 202, Pending.Replace("2016-04-07T16:06:15.902", "yesterday"), "DateTimeExpected: #/submitted" },
            new object[] { "POST", "/pools/1/clone", 202, Pending.Replace("\"pool_id\":\"1\"", "\"pool_id\":1"), "StringExpected: #/parameters.pool_id" },
            new object[] { "POST", "/pools/1/clone", 202, "{\"id\":", "is not JSON" },
            new object[] { "POST", "/pools/1/clone", 418, Pending, "does not declare status 418" },
            new object[] { "GET", "/operations/op", 409, """{"code":"CONFLICT_STATE"}""", "does not declare status 409" },
            new object[] { "POST", "/pools/1/archive", 204, "{}", "declares no body" },
            new object[] { "POST", "/pools/1/archive", 404, """{"message":"Object not found"}""", "PropertyRequired: #/code" },
            new object[] { "POST", "/pools/1/archive", 404, """{"code":"CONFLICT_STATE"}""", "must carry code DOES_NOT_EXIST" },
            new object[] { "POST", "/pools/1/archive", 409, """{"code":"CONFLICT_STATE","payload":"pool 1"}""", "ObjectExpected: #/payload" },
            new object[] { "POST", "/pools/1/archive", 429, """{"code":"TOO_MANY_REQUESTS"}""", "must say Retry-After" },
            new object[] { "DELETE", "/pools/1/archive", 204, string.Empty, "no operation DELETE" },
        };

        [TestCaseSource(nameof(BrokenAnswers))]
        public async Task The_spec_check_rejects_an_answer_that_breaks_the_spec(string method, string apiPath, int status, string body, string expected)
        {
            var spec = await TolokaSpec.InstanceAsync();

            var problems = spec.Check(method, apiPath, status, "application/json", body, hasRetryAfter: false);

            Assert.That(problems, Has.Some.Contains(expected));
        }

        [Test]
        public async Task The_spec_check_rejects_a_body_that_is_not_json_by_media_type()
        {
            var spec = await TolokaSpec.InstanceAsync();

            var problems = spec.Check("POST", "/pools/1/clone", 202, "text/html", Pending, hasRetryAfter: false);

            Assert.That(problems, Has.Some.Contains("must be application/json"));
        }

        // The response examples of the Toloka reference pages in shared/seeds, as Toloka wrote them.
        private static readonly object[] TolokaReferenceAnswers =
        {
            new object[] { "/pools/1/clone", """{"id":"7ea08f99-5e24-47b4-b61f-c177a868d801","type":"POOL.CLONE","status":"SUCCESS","submitted":"2016-04-07T16:06:15.902","started":"2016-04-07T16:06:15.902","finished":"2016-04-07T16:06:15.902","progress":100,"parameters":{"pool_id":"1"},"details":{"pool_id":"2"}}""" },
            new object[] { "/trainings/123456/clone", """{"id":"7ea08f99-5e24-47b4-b61f-c177a868d801","type":"TRAINING.CLONE","status":"SUCCESS","submitted":"2021-02-26T10:13:32.921","started":"2021-02-26T10:13:32.921","finished":"2021-02-26T10:13:32.921","progress":100,"parameters":{"training_id":"123456"},"details":{"training_id":"123457"}}""" },
            new object[] { "/trainings/123456/archive", """{"id":"95029e60-eace-4a3e-96b9-c72c5e727218","type":"TRAINING.ARCHIVE","status":"SUCCESS","submitted":"2021-02-26T10:13:32.921","started":"2021-02-26T10:13:32.921","finished":"2021-02-26T10:13:32.921","progress":100,"parameters":{"training_id":"123456"},"details":{}}""" },
        };

        [TestCaseSource(nameof(TolokaReferenceAnswers))]
        public async Task Toloka_reference_answers_pass_the_spec_check_timestamps_without_an_offset_included(string apiPath, string body)
        {
            var spec = await TolokaSpec.InstanceAsync();

            var problems = spec.Check("POST", apiPath, 200, "application/json", body, hasRetryAfter: false);

            Assert.That(problems, Is.Empty);
        }

        [Test]
        public async Task The_fake_gives_every_answer_the_spec_declares_and_each_one_passes_the_spec_check()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var spec = await TolokaSpec.InstanceAsync();
            async Task Tour(FakeTolokaEndpoint endpoint, HttpMethod method, string goodPath, string? goodId, params FakeFault[] faults)
            {
                await h.SendAsync(method, goodPath, h.Authorization);
                await h.SendAsync(method, goodPath, authorization: null);
                if (goodId is not null)
                {
                    // Any ID the spec allows, a number or not, that names nothing is 404, never an undeclared 400.
                    await h.SendAsync(method, goodPath.Replace(goodId, "999"), h.Authorization);
                    await h.SendAsync(method, goodPath.Replace(goodId, "x"), h.Authorization);
                }

                foreach (var fault in faults)
                {
                    h.Fake.InjectFault(endpoint, fault);
                    await h.SendAsync(method, goodPath, h.Authorization);
                }
            }

            var serverFaults = new[]
            {
                FakeFault.Error(400, "VALIDATION_ERROR", "Validation failed"),
                FakeFault.Error(403, "ACCESS_DENIED", "Access denied"),
                FakeFault.TooManyRequests(TimeSpan.FromSeconds(5)),
                FakeFault.InternalError(),
                FakeFault.ServiceUnavailable(TimeSpan.FromSeconds(5)),
            };
            var conflict = FakeFault.Error(409, "CONFLICT_STATE", "Pool is locked");
            foreach (var (kind, add) in new (string, Func<FakePoolStatus, string>)[] { ("pools", s => h.Fake.AddPool(s)), ("trainings", s => h.Fake.AddTraining(s)) })
            {
                var prefix = kind == "pools" ? FakeTolokaEndpoint.ClonePool : FakeTolokaEndpoint.CloneTraining;
                var archived = add(FakePoolStatus.Archived);
                var id = add(FakePoolStatus.Open);
                await Tour(kind == "pools" ? FakeTolokaEndpoint.GetPool : FakeTolokaEndpoint.GetTraining, HttpMethod.Get, kind + "/" + id, id, serverFaults);
                await Tour(prefix, HttpMethod.Post, kind + "/" + id + "/clone", id, serverFaults.Append(conflict).ToArray());
                foreach (var (verb, from, already) in new[] { ("archive", FakePoolStatus.Closed, FakePoolStatus.Archived), ("open", FakePoolStatus.Closed, FakePoolStatus.Open), ("close", FakePoolStatus.Open, FakePoolStatus.Closed), ("close-for-update", FakePoolStatus.Open, FakePoolStatus.Closed) })
                {
                    var what = kind == "pools" ? "Pool" : "Training";
                    var endpoint = verb == "close-for-update"
                        ? Enum.Parse<FakeTolokaEndpoint>("Close" + what + "ForUpdate")
                        : Enum.Parse<FakeTolokaEndpoint>(char.ToUpperInvariant(verb[0]) + verb.Substring(1) + what);
                    var subject = add(from);
                    await Tour(endpoint, HttpMethod.Post, kind + "/" + subject + "/" + verb, subject, serverFaults);
                    await h.PostAsync(kind + "/" + add(already) + "/" + verb);                       // 204
                    await h.PostAsync(kind + "/" + (verb == "archive" ? add(FakePoolStatus.Open) : archived) + "/" + verb); // 409
                }
            }

            var operationId = h.Fake.Operations[0].Id;
            await Tour(FakeTolokaEndpoint.GetOperation, HttpMethod.Get, "operations/" + operationId, operationId, serverFaults);
            await Tour(FakeTolokaEndpoint.FindOperations, HttpMethod.Get, "operations?limit=2", null, serverFaults.Skip(1).ToArray());
            await h.GetAsync("operations?limit=0");                                                  // 400
            await Tour(FakeTolokaEndpoint.GetOperationLog, HttpMethod.Get, "operations/" + operationId + "/log", operationId, serverFaults);
            await Tour(FakeTolokaEndpoint.FindPools, HttpMethod.Get, "pools?limit=2", null, serverFaults.Skip(1).ToArray());
            await h.GetAsync("pools?limit=0");                                                       // 400
            await Tour(FakeTolokaEndpoint.FindTrainings, HttpMethod.Get, "trainings?limit=2", null, serverFaults.Skip(1).ToArray());
            await h.GetAsync("trainings?status=GONE");                                               // 400

            // A started operation is always answered 202 Accepted, never 200 with a finished one.
            var notProduced = new[] { "clonePool", "cloneTraining", "archivePool", "archiveTraining", "openPool", "closePool", "openTraining", "closeTraining", "closePoolForUpdate", "closeTrainingForUpdate" }.Select(o => o + " 200");
            // Operations the fake does not model yet (a new one in the spec) answer 404 for their path; the
            // generic EveryOperationTests drive them.
            var modelled = spec.DeclaredAnswers.Where(answer => Enum.TryParse<FakeTolokaEndpoint>(char.ToUpperInvariant(answer[0]) + answer[1..answer.IndexOf(' ')], out _));
            Assert.That(h.Checker.Checked.Distinct(), Is.EquivalentTo(modelled.Except(notProduced)));
        }

        [Test]
        public async Task Answers_outside_the_spec_still_carry_the_toloka_error_body()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var spec = await TolokaSpec.InstanceAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);

            var answers = new[]
            {
                await h.GetAsync("pools/" + poolId + "/clones"),
                await h.PostAsync("pools/" + poolId + "/clone/"),
                await h.GetAsync("pools//clone"),
                await h.SendAsync(HttpMethod.Post, "/api/v2/pools/" + poolId + "/clone", h.Authorization),
            };

            Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(404));
            Assert.That(answers.Select(a => a.String("code")), Is.All.EqualTo("DOES_NOT_EXIST"));
            Assert.That(answers.SelectMany(a => spec.CheckApiError(a.Body)), Is.Empty);
            Assert.That(h.Fake.Operations, Is.Empty);
        }

        [Test]
        public async Task A_method_the_path_does_not_have_is_405_naming_the_one_it_has()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var spec = await TolokaSpec.InstanceAsync();
            var poolId = h.Fake.AddPool(FakePoolStatus.Open);

            var answers = new[]
            {
                (await h.GetAsync("pools/" + poolId + "/clone"), "POST"),
                (await h.PostAsync("pools/" + poolId), "GET"),
                (await h.PostAsync("operations/" + Guid.NewGuid()), "GET"),
                (await h.SendAsync(HttpMethod.Delete, "operations", h.Authorization), "GET"),
            };

            Assert.That(answers.Select(a => a.Item1.Status), Is.All.EqualTo(405));
            Assert.That(answers.Select(a => a.Item1.String("message").EndsWith("allowed: " + a.Item2, StringComparison.Ordinal)), Is.All.True);
            Assert.That(answers.SelectMany(a => spec.CheckApiError(a.Item1.Body)), Is.Empty);
            Assert.That(h.Fake.Operations, Is.Empty);
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Testing.Tests.Support;

namespace Toloka.Generated.Testing.Tests
{
    /// <summary>
    /// The lifecycle around the seeds, through the client's generated methods and pagers only: close for
    /// update, listing pools and training pools with Toloka's filters, and the operation log.
    /// </summary>
    public class ListingTests
    {
        private static Dictionary<string, string> Project(string id) => new() { ["project_id"] = id };

        [Test]
        public async Task Close_for_update_closes_an_open_pool_with_reason_FOR_UPDATE_and_a_closed_one_is_null()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var open = h.Fake.AddPool(FakePoolStatus.Open);
            var closed = h.Fake.AddPool(FakePoolStatus.Closed);

            var started = await h.Client.ClosePoolForUpdateAsync(open);
            h.Advance(10);

            Assert.That(started!.Type, Is.EqualTo(OperationType.PoolClose));
            var pool = await h.Client.GetPoolAsync(open);
            Assert.That(pool.Status, Is.EqualTo(PoolStatus.Closed));
            Assert.That(pool.LastCloseReason, Is.EqualTo("FOR_UPDATE"));
            Assert.That(await h.Client.ClosePoolForUpdateAsync(closed), Is.Null);
        }

        [Test]
        public async Task Close_for_update_of_a_training_pool_closes_it_for_update()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var training = h.Fake.AddTraining(FakePoolStatus.Open);

            await h.Client.CloseTrainingForUpdateAsync(training);
            h.Advance(10);

            var closed = await h.Client.GetTrainingAsync(training);
            Assert.That(closed.Status, Is.EqualTo(PoolStatus.Closed));
            Assert.That(closed.LastCloseReason, Is.EqualTo("FOR_UPDATE"));
        }

        [Test]
        public async Task The_generated_pager_lists_every_closed_pool_of_a_project_in_id_order_across_pages()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var expected = new List<string>();
            for (var i = 0; i < 23; i++)
            {
                var id = h.Fake.AddPool(i % 3 == 0 ? FakePoolStatus.Open : FakePoolStatus.Closed, parameters: Project("12"));
                if (i % 3 != 0)
                {
                    expected.Add(id);
                }

                h.Fake.AddPool(FakePoolStatus.Closed, parameters: Project("13"));
            }

            var found = new List<string>();
            await foreach (var pool in h.Client.GetPoolsAsync(status: PoolStatus.Closed, projectId: "12", limit: 4))
            {
                found.Add(pool.Id);
            }

            Assert.That(found, Is.EqualTo(expected));
            var pages = h.Fake.Requests.Count(r => r.Endpoint == FakeTolokaEndpoint.FindPools);
            Assert.That(pages, Is.EqualTo(4), "15 pools in pages of 4");
            var first = await h.Client.FindPoolsAsync(status: PoolStatus.Closed, projectId: "12", sort: "id", limit: 4);
            Assert.That(first.HasMore, Is.True);
            Assert.That(first.Items.Select(p => p.ProjectId), Has.All.EqualTo("12"));
        }

        [Test]
        public async Task Pools_filter_by_creation_and_last_start_and_sort_descending()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var early = h.Fake.AddPool(FakePoolStatus.Closed);
            h.Advance(3600);
            var late = h.Fake.AddPool(FakePoolStatus.Open);

            var createdLate = await h.Client.FindPoolsAsync(createdGte: FakeTolokaHarness.Start.AddMinutes(30));
            var startedEver = await h.Client.FindPoolsAsync(lastStartedLt: FakeTolokaHarness.Start.AddDays(1));
            var newestFirst = await h.Client.FindPoolsAsync(sort: "-created");

            Assert.That(createdLate.Items.Select(p => p.Id), Is.EqualTo(new[] { late }));
            Assert.That(startedEver.Items.Select(p => p.Id), Is.EqualTo(new[] { late }), "a pool never opened has no last_started");
            Assert.That(newestFirst.Items.Select(p => p.Id), Is.EqualTo(new[] { late, early }));
        }

        [Test]
        public async Task Training_pools_are_listed_by_their_own_pager()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var trainings = Enumerable.Range(0, 5).Select(_ => h.Fake.AddTraining(FakePoolStatus.Open, Project("7"))).ToList();
            h.Fake.AddPool(FakePoolStatus.Open, parameters: Project("7"));

            var found = new List<string>();
            await foreach (var training in h.Client.GetTrainingsAsync(projectId: "7", status: PoolStatus.Open, limit: 2))
            {
                found.Add(training.Id);
            }

            Assert.That(found, Is.EqualTo(trainings));
        }

        [TestCase("status=GONE", "status")]
        [TestCase("limit=301", "limit")]
        [TestCase("sort=name", "sort")]
        [TestCase("created_gt=yesterday", "created_gt")]
        [TestCase("id_gt=", "id_gt")]
        public async Task A_listing_filter_toloka_would_refuse_is_400_naming_it(string query, string parameter)
        {
            await using var h = await FakeTolokaHarness.StartAsync();

            var answer = await h.GetAsync("pools?" + query);

            Assert.That(answer.Status, Is.EqualTo(400));
            Assert.That(answer.String("code"), Is.EqualTo("VALIDATION_ERROR"));
            Assert.That(answer.Json.GetProperty("payload").TryGetProperty(parameter, out _), Is.True);
        }

        [Test]
        public async Task The_log_of_a_finished_clone_names_the_new_pool_and_an_unknown_operation_is_404()
        {
            await using var h = await FakeTolokaHarness.StartAsync();
            var source = h.Fake.AddPool(FakePoolStatus.Open);
            var clone = await h.Client.ClonePoolAsync(source);

            var before = await h.Client.GetOperationLogAsync(clone.Id);
            h.Advance(10);
            var newId = (await h.Client.GetOperationAsync(clone.Id)).Details!.PoolId;
            var after = await h.Client.GetOperationLogAsync(clone.Id);

            Assert.That(before, Is.Empty);
            var item = after.Single();
            Assert.That(item.Type, Is.EqualTo("POOL_CREATE"));
            Assert.That(item.Success, Is.True);
            Assert.That(Newtonsoft.Json.Linq.JToken.FromObject(item.Output!)["pool_id"]!.ToString(), Is.EqualTo(newId));
            Assert.ThrowsAsync<TolokaNotFoundException>(() => h.Client.GetOperationLogAsync("no-such-operation"));
        }

        [TestCase("2021-02-26T10:13:32-23:38")]
        [TestCase("2021-02-26t10:13:32.921z")]
        [TestCase("2021-02-26T10:13:32.921")]
        [TestCase("2021-02-26T10:13:32.123456789+14:30")]
        public async Task Spec_valid_date_time_filters_are_accepted(string value)
        {
            await using var h = await FakeTolokaHarness.StartAsync();

            Assert.That((await h.GetAsync("operations?submitted_gte=" + Uri.EscapeDataString(value))).Status, Is.EqualTo(200));
            Assert.That((await h.GetAsync("pools?created_gte=" + Uri.EscapeDataString(value))).Status, Is.EqualTo(200));
        }

        [TestCase("2021-02-26")]
        [TestCase("2021-13-01T00:00:00")]
        [TestCase("2021-02-26T10:13:32+0100")]
        [TestCase("2021-02-26T10:13:32+24:00")]
        [TestCase("2021-02-26 10:13:32")]
        [TestCase("Fri, 26 Feb 2021 10:13:32 GMT")]
        public async Task Date_time_filters_outside_the_spec_are_refused(string value)
        {
            await using var h = await FakeTolokaHarness.StartAsync();

            Assert.That((await h.GetAsync("operations?finished_lt=" + Uri.EscapeDataString(value))).Status, Is.EqualTo(400));
            Assert.That((await h.GetAsync("trainings?last_started_lt=" + Uri.EscapeDataString(value))).Status, Is.EqualTo(400));
        }

        [TestCase("POST", "pools/./clone", 404)]
        [TestCase("POST", "pools/../clone", 404)]
        [TestCase("GET", "operations/./log", 404)]
        public async Task Dot_segments_are_ids_as_sent_never_resolved_into_another_path(string method, string path, int expected)
        {
            await using var h = await FakeTolokaHarness.StartAsync();

            var (status, body) = await RawAsync(h, method, path);

            Assert.That(status, Is.EqualTo(expected), body);
            Assert.That(body, Does.Contain("\"code\":\"DOES_NOT_EXIST\""));
        }

        [TestCase("GET", "pools/1%002")]
        [TestCase("POST", "pools/1%00/clone")]
        [TestCase("POST", "trainings/%00/archive")]
        [TestCase("GET", "operations/a%00b/log")]
        [TestCase("GET", "operations/a%00b")]
        public async Task A_nul_in_an_id_is_a_declared_400_with_tolokas_error_body(string method, string path)
        {
            await using var h = await FakeTolokaHarness.StartAsync();

            var (status, body) = await RawAsync(h, method, path);

            Assert.That(status, Is.EqualTo(400), body);
            Assert.That(body, Does.Contain("\"code\":\"VALIDATION_ERROR\""));
            Assert.That(h.Fake.Requests.Single().Path, Does.Contain("%00"));
        }

        // HttpClient resolves dot segments before sending, so these requests go out on a socket as written.
        private static async Task<(int Status, string Body)> RawAsync(FakeTolokaHarness h, string method, string path)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(h.Fake.BaseUri.Host, h.Fake.BaseUri.Port);
            await using var stream = tcp.GetStream();
            var request = method + " " + h.Fake.BaseUri.AbsolutePath + path + " HTTP/1.1\r\nHost: " + h.Fake.BaseUri.Authority
                + "\r\nAuthorization: " + h.Authorization + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
            var status = int.Parse(answer.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            return (status, answer.Substring(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4));
        }
    }
}

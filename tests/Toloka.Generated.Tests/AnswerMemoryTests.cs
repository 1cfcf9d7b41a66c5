using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>
    /// Reading an answer costs memory in proportion to it (below the 16 MiB cap): the client keeps
    /// the body's bytes in pooled pieces it gives back after the call, and binds the model from them
    /// as they are decoded, with no copy of the body, no decoded copy of it and no tree to mask the
    /// token in; its JSON reader makes no string of a timestamp or an enum. So a call costs its model
    /// and little else. Allocation counts are
    /// deterministic enough to assert; times are not. Each call is measured after one like it (JIT,
    /// pooled buffers), and the least of three rounds counts: the counter is process-wide, so another
    /// thread's work (a timer, the test host) can land in one round.
    /// </summary>
    [NonParallelizable]
    public class AnswerMemoryTests
    {
        private const int TargetBytes = 10_000_000;

        [TestCase(true, false, TestName = "A 10 MB pool answer with a Content-Length allocates at most 3x its size")]
        [TestCase(false, false, TestName = "A 10 MB chunked pool answer allocates at most 3x its size")]
        [TestCase(true, true, TestName = "A 10 MB pool answer with escapes (masked as parsed) allocates at most 3x its size")]
        [TestCase(false, true, TestName = "A 10 MB chunked pool answer with escapes allocates at most 3x its size")]
        public async Task A_large_answer_allocates_at_most_three_times_its_size(bool declaredLength, bool escapes)
        {
            // A pool whose description is most of the answer: the model is one long string (UTF-16, 2x).
            var body = PoolWithLongDescription(escapes);
            var (allocated, pool) = await LeastOfThreeAsync(body, declaredLength, client => client.GetPoolAsync("1"));

            Report("pool", body.Length, declaredLength, escapes, allocated, null);
            Assert.That(pool.PublicDescription, Has.Length.GreaterThan(TargetBytes / 2));
            Assert.That(allocated, Is.LessThan((3L * body.Length) + (64 * 1024)));
        }

        [TestCase(true, false, TestName = "A 10 MB list of pools with a Content-Length allocates at most 3x its size")]
        [TestCase(false, true, TestName = "A 10 MB chunked list of pools with escapes allocates at most 3x its size")]
        public async Task A_large_list_of_described_objects_allocates_at_most_three_times_its_size(bool declaredLength, bool escapes)
        {
            // Thousands of objects of a few hundred bytes of text each, timestamps and enums among them.
            var body = PoolList(escapes, out var items);
            var (allocated, page) = await LeastOfThreeAsync(body, declaredLength, client => client.FindPoolsAsync(limit: 1));

            Report(items + " pools", body.Length, declaredLength, escapes, allocated, ModelCost<PoolSearchResult>(body));
            Assert.That(page.Items, Has.Count.EqualTo(items));
            Assert.That(allocated, Is.LessThan((3L * body.Length) + (64 * 1024)));
        }

        [TestCase(true, false, TestName = "A 10 MB operation list allocates at most 3x its size")]
        [TestCase(false, false, TestName = "A 10 MB chunked operation list allocates at most 3x its size")]
        [TestCase(true, true, TestName = "A 10 MB operation list with escapes allocates at most 3x its size")]
        [TestCase(false, true, TestName = "A 10 MB chunked operation list with escapes allocates at most 3x its size")]
        public async Task A_large_list_of_small_objects_allocates_at_most_three_times_its_size(bool declaredLength, bool escapes)
        {
            // Tens of thousands of objects of about 280 bytes, nearly all of it timestamps, enums and
            // ids. Newtonsoft.Json's JsonTextReader would make a string of every value (an enum's and a
            // timestamp's too), over 3x the text for this model alone, which the report line shows
            // beside what the client costs; the client's reader makes none of those.
            var body = OperationList(escapes, out var items);
            var (allocated, page) = await LeastOfThreeAsync(body, declaredLength, client => client.FindOperationsAsync(limit: 1));

            Report(items + " operations", body.Length, declaredLength, escapes, allocated, ModelCost<OperationSearchResult>(body));
            Assert.That(page.Items, Has.Count.EqualTo(items));
            Assert.That(page.Items.First().Finished, Is.EqualTo(new DateTimeOffset(2016, 4, 7, 16, 7, 15, 902, TimeSpan.Zero)));
            Assert.That(page.Items.First().Status, Is.EqualTo(OperationStatus.Success));
            if (escapes)
            {
                Assert.That(page.Items.First().Details!.AdditionalProperties["reason"], Is.EqualTo("line one\nline \"two\""));
            }

            Assert.That(allocated, Is.LessThan((3L * body.Length) + (64 * 1024)));
        }

        private static async Task<(long Allocated, T Result)> LeastOfThreeAsync<T>(byte[] body, bool declaredLength, Func<TolokaClient, Task<T>> call)
        {
            using var handler = new OneAnswer(body, declaredLength);
            using var client = new TolokaClient(handler, Samples.Token, new TolokaClientOptions { Retry = { MaxAttempts = 1 } });
            var result = await call(client);
            var allocated = long.MaxValue;
            for (var round = 0; round < 3; round++)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                result = await call(client);
                allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
            }

            return (allocated, result);
        }

        /// <summary>What binding the model costs through Newtonsoft.Json's own reader: the client's serializer reading the same text from a string.</summary>
        private static long ModelCost<T>(byte[] body)
        {
            var text = Encoding.UTF8.GetString(body);
            var serializer = TolokaAnswerJson.SerializerFor(TolokaClient.ErrorSerializerSettings);
            var cost = long.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(text)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
                var before = GC.GetTotalAllocatedBytes(precise: true);
                serializer.Deserialize<T>(reader);
                cost = Math.Min(cost, GC.GetTotalAllocatedBytes(precise: true) - before);
            }

            return cost;
        }

        private static void Report(string what, int bytes, bool declaredLength, bool escapes, long allocated, long? model) =>
            TestContext.Progress.WriteLine(
                "answer " + bytes + " bytes (" + what + ", Content-Length " + (declaredLength ? "declared" : "unknown") + (escapes ? ", escapes" : string.Empty)
                + "): allocated " + allocated + " bytes, " + ((double)allocated / bytes).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "x"
                + (model is { } m ? "; binding the model alone " + m + " bytes (" + ((double)m / bytes).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "x)" : string.Empty));

        private static byte[] PoolList(bool escapes, out int items)
        {
            var text = new StringBuilder(TargetBytes + 2000).Append("{\"items\":[");
            items = 0;
            var description = escapes ? "<p class=\\\"task\\\">Label the picture: cat, dog or neither.</p>\\n" : "<p class='task'>Label the picture: cat, dog or neither.</p> ";
            while (text.Length < TargetBytes)
            {
                text.Append(items > 0 ? "," : string.Empty)
                    .Append("{\"id\":\"").Append(1000000 + items).Append("\",\"project_id\":\"").Append(items % 97)
                    .Append("\",\"private_name\":\"Cats and dogs, batch ").Append(items).Append("\",\"status\":\"CLOSED\",\"type\":\"REGULAR\",\"last_close_reason\":\"COMPLETED\"")
                    .Append(",\"created\":\"2016-04-07T16:06:15.902\",\"last_started\":\"2016-04-08T10:00:00\",\"last_stopped\":\"2016-04-09T10:00:00.5\"")
                    .Append(",\"may_contain_adult_content\":false,\"reward_per_assignment\":0.02,\"assignment_max_duration_seconds\":600")
                    .Append(",\"public_description\":\"");
                for (var line = 0; line < 6; line++)
                {
                    text.Append(description);
                }

                text.Append("\"}");
                items++;
            }

            text.Append("],\"has_more\":false}");
            return Encoding.UTF8.GetBytes(text.ToString());
        }

        private static byte[] PoolWithLongDescription(bool escapes)
        {
            var text = new StringBuilder(TargetBytes + 1000).Append("{\"id\":\"1\",\"project_id\":\"7\",\"private_name\":\"pool\",\"status\":\"OPEN\",\"created\":\"2016-04-07T16:06:15.902\",\"public_description\":\"");
            var line = escapes ? "<p class=\\\"task\\\">Label the picture: cat, dog or neither.</p>\\n" : "<p class='task'>Label the picture: cat, dog or neither.</p> ";
            while (text.Length < TargetBytes)
            {
                text.Append(line);
            }

            text.Append("\"}");
            return Encoding.UTF8.GetBytes(text.ToString());
        }

        private static byte[] OperationList(bool escapes, out int items)
        {
            var text = new StringBuilder(TargetBytes + 1000).Append("{\"items\":[");
            items = 0;
            while (text.Length < TargetBytes)
            {
                if (items > 0)
                {
                    text.Append(',');
                }

                text.Append("{\"id\":\"").Append(Guid.NewGuid().ToString("D")).Append("\",\"type\":\"POOL.CLONE\",\"status\":\"SUCCESS\",\"submitted\":\"2016-04-07T16:06:15.902\",\"started\":\"2016-04-07T16:06:16.000\",\"finished\":\"2016-04-07T16:07:15.902\",\"progress\":100,\"parameters\":{\"pool_id\":\"")
                    .Append(100000 + items).Append("\"},\"details\":{\"pool_id\":\"").Append(200000 + items).Append('"')
                    .Append(escapes ? ",\"reason\":\"line one\\nline \\\"two\\\"\"" : string.Empty)
                    .Append("}}");
                items++;
            }

            text.Append("],\"has_more\":false}");
            return Encoding.UTF8.GetBytes(text.ToString());
        }
    }
}

using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Toloka.Generated.Tests
{
    /// <summary>
    /// Reading an answer costs memory in proportion to it (below the 16 MiB cap): the client keeps
    /// the body's bytes once and binds the model from them as they are decoded, with no decoded copy
    /// of the whole body and no tree to mask the token in. Allocation counts are deterministic enough
    /// to assert; times are not. Each call is measured after one like it (JIT, pooled buffers).
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
            // A pool whose description is most of the answer: the model is one long string (UTF-16, 2x),
            // so the body's bytes (1x) and the model are all a call may cost, give or take the few
            // kilobytes every call costs.
            var body = PoolWithLongDescription(escapes);
            using var handler = new OneAnswer(body, declaredLength);
            using var client = new TolokaClient(handler, Samples.Token, new TolokaClientOptions { Retry = { MaxAttempts = 1 } });
            await client.GetPoolAsync("1");

            // The counter is process-wide, so another thread's work (a timer, the test host) can land in one
            // round: the least of three rounds is what the call itself costs.
            var allocated = long.MaxValue;
            Pool? pool = null;
            for (var round = 0; round < 3; round++)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                pool = await client.GetPoolAsync("1");
                allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
            }

            Report("pool", body.Length, declaredLength, escapes, allocated, null);
            Assert.That(pool!.PublicDescription, Has.Length.GreaterThan(TargetBytes / 2));
            Assert.That(allocated, Is.LessThan((3L * body.Length) + (64 * 1024)));
        }

        [TestCase(true, false, TestName = "A 10 MB operation list costs its body once on top of binding its model")]
        [TestCase(false, true, TestName = "A 10 MB chunked operation list with escapes costs its body once on top of binding its model")]
        public async Task A_large_list_costs_its_body_once_on_top_of_binding_its_model(bool declaredLength, bool escapes)
        {
            // Tens of thousands of small objects: Newtonsoft.Json's own binding (a string per value, a
            // box per timestamp) costs several times the text, whoever reads it; the client adds the
            // body's bytes and no more than a tenth of it besides.
            var body = OperationList(escapes, out var items);
            var model = ModelCost(body);
            using var handler = new OneAnswer(body, declaredLength);
            using var client = new TolokaClient(handler, Samples.Token, new TolokaClientOptions { Retry = { MaxAttempts = 1 } });
            await client.FindOperationsAsync(limit: 1);

            var before = GC.GetTotalAllocatedBytes(precise: true);
            var page = await client.FindOperationsAsync(limit: 1);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            Report(items + " operations", body.Length, declaredLength, escapes, allocated, model);
            Assert.That(page.Items, Has.Count.EqualTo(items));
            Assert.That(allocated - model, Is.LessThan(body.Length * 11L / 10));
        }

        /// <summary>What binding the model costs on its own: the client's serializer reading the same text from a string.</summary>
        private static long ModelCost(byte[] body)
        {
            var text = Encoding.UTF8.GetString(body);
            var serializer = TolokaAnswerJson.SerializerFor(TolokaClient.ErrorSerializerSettings);
            long cost = 0;
            for (var i = 0; i < 2; i++)
            {
                using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(text)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
                var before = GC.GetTotalAllocatedBytes(precise: true);
                serializer.Deserialize<OperationSearchResult>(reader);
                cost = GC.GetTotalAllocatedBytes(precise: true) - before;
            }

            return cost;
        }

        private static void Report(string what, int bytes, bool declaredLength, bool escapes, long allocated, long? model) =>
            TestContext.Progress.WriteLine(
                "answer " + bytes + " bytes (" + what + ", Content-Length " + (declaredLength ? "declared" : "unknown") + (escapes ? ", escapes" : string.Empty)
                + "): allocated " + allocated + " bytes, " + ((double)allocated / bytes).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "x"
                + (model is { } m ? "; binding the model alone " + m + " bytes (" + ((double)m / bytes).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "x)" : string.Empty));

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

        private sealed class OneAnswer : HttpMessageHandler
        {
            private readonly byte[] _body;
            private readonly bool _declaredLength;

            public OneAnswer(byte[] body, bool declaredLength)
            {
                _body = body;
                _declaredLength = declaredLength;
            }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Stream stream = _declaredLength ? new MemoryStream(_body, writable: false) : new UnknownLength(_body);
                var content = new StreamContent(stream);
                content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
            }
        }

        /// <summary>A body whose length is not known until it ends, as a chunked answer's.</summary>
        private sealed class UnknownLength : Stream
        {
            private readonly MemoryStream _inner;

            public UnknownLength(byte[] body) => _inner = new MemoryStream(body, writable: false);

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 16 * 1024));

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
                new(_inner.Read(buffer.Span.Slice(0, Math.Min(buffer.Length, 16 * 1024))));

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Task.FromResult(Read(buffer, offset, count));

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}

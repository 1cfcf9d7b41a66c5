using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using Toloka.Generated.ResilienceTests.Support;

namespace Toloka.Generated.ResilienceTests.Fuzz
{
    /// <summary>Which public call a fuzz case drives.</summary>
    internal enum FuzzedCall
    {
        ClonePool,
        ArchivePool,
        GetOperation,
        WaitForCompletion,
    }

    /// <summary>How the body of an answer arrives.</summary>
    internal enum BodyShape
    {
        /// <summary>All at once.</summary>
        Whole,

        /// <summary>16 bytes per 3 s of simulated time.</summary>
        Trickle,

        /// <summary>The body, then a reset connection (IOException).</summary>
        BreakAfter,

        /// <summary>The body, then silence until the client gives up.</summary>
        StallAfter,

        /// <summary>No headers at all: the answer never comes.</summary>
        StallHeaders,

        /// <summary>The body, then spaces up to 17 MiB (past the default 16 MiB response cap).</summary>
        Huge,
    }

    /// <summary>
    /// One answer a hostile or broken server could give: any status, any headers, any bytes, arriving
    /// in any shape. <c>{AUTH}</c> in the body or a header value is replaced by the request's own
    /// Authorization header, as an echoing server would.
    /// </summary>
    internal sealed record HostileAnswer(int Status, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, BodyShape Shape, long? DeclaredLength)
    {
        public const string Echo = "{AUTH}";
        public const long HugeLength = 17L * 1024 * 1024;

        public static HostileAnswer Json(int status, string body, params (string Name, string Value)[] headers) =>
            new(status, "application/json", headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).ToArray(), Encoding.UTF8.GetBytes(body), BodyShape.Whole, null);

        public HttpResponseMessage ToResponse(HttpRequestMessage request, SteppingClock? clock)
        {
            var authorization = request.Headers.TryGetValues("Authorization", out var values) ? string.Join(", ", values) : string.Empty;
            var body = ReplaceEcho(Body, Encoding.UTF8.GetBytes(authorization));
            var stream = Shape switch
            {
                BodyShape.Trickle => new ScriptedBody(body, BodyEnd.Complete, chunk: 16, chunkDelay: TimeSpan.FromSeconds(3), clock: clock),
                BodyShape.BreakAfter => new ScriptedBody(body, BodyEnd.Break, clock: clock),
                BodyShape.StallAfter => new ScriptedBody(body, BodyEnd.Stall, clock: clock),
                BodyShape.Huge => new ScriptedBody(body, BodyEnd.Complete, length: HugeLength, chunk: 64 * 1024, clock: clock),
                _ => new ScriptedBody(body, BodyEnd.Complete, clock: clock),
            };
            var response = new HttpResponseMessage((HttpStatusCode)Status) { RequestMessage = request, Content = new StreamContent(stream) };
            if (ContentType is not null)
            {
                response.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            if (DeclaredLength is { } length)
            {
                response.Content.Headers.TryAddWithoutValidation("Content-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            foreach (var (name, value) in Headers)
            {
                var text = value.Replace(Echo, authorization, StringComparison.Ordinal);
                if (!response.Headers.TryAddWithoutValidation(name, text))
                {
                    response.Content.Headers.TryAddWithoutValidation(name, text);
                }
            }

            return response;
        }

        public override string ToString()
        {
            var text = new StringBuilder();
            text.Append(Status).Append(' ').Append(Shape);
            text.Append(" Content-Type: ").Append(ContentType is null ? "(none)" : Quote(ContentType));
            if (DeclaredLength is { } length)
            {
                text.Append(" Content-Length: ").Append(length);
            }

            foreach (var (name, value) in Headers)
            {
                text.Append(' ').Append(name).Append(": ").Append(Quote(value));
            }

            text.Append(" body ").Append(DescribeBody(Body));
            return text.ToString();
        }

        /// <summary>The body as a C# literal when it is printable UTF-8, else as hex, so a failure can be pasted into a regression test.</summary>
        public static string DescribeBody(byte[] body)
        {
            try
            {
                var text = new UTF8Encoding(false, true).GetString(body);
                if (text.All(c => c >= ' ' && c < '\u007f'))
                {
                    return text.Length > 2000 ? Quote(text.Substring(0, 200)) + "... (" + text.Length + " chars)" : Quote(text);
                }
            }
            catch (ArgumentException)
            {
            }

            var hex = Convert.ToHexString(body);
            return "hex:" + (hex.Length > 4000 ? hex.Substring(0, 400) + "... (" + body.Length + " bytes)" : hex);
        }

        private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

        private static byte[] ReplaceEcho(byte[] body, byte[] authorization)
        {
            var marker = Encoding.ASCII.GetBytes(Echo);
            var at = body.AsSpan().IndexOf(marker);
            if (at < 0)
            {
                return body;
            }

            var result = new List<byte>(body.Length + authorization.Length);
            var rest = body.AsSpan();
            while ((at = rest.IndexOf(marker)) >= 0)
            {
                result.AddRange(rest.Slice(0, at).ToArray());
                result.AddRange(authorization);
                rest = rest.Slice(at + marker.Length);
            }

            result.AddRange(rest.ToArray());
            return result.ToArray();
        }
    }

    /// <summary>One fuzz case: a call, and the answers to its requests in order (the last one repeats).</summary>
    internal sealed record HostileCase(FuzzedCall Call, IReadOnlyList<HostileAnswer> Answers)
    {
        public HostileAnswer AnswerTo(int requestIndex) => Answers[Math.Min(requestIndex, Answers.Count - 1)];

        public override string ToString() =>
            Call + " with " + Answers.Count + " answer(s): " + string.Join(" | then ", Answers.Select(a => a.ToString()));
    }
}

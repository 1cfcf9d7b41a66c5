using System;
using System.Collections.Generic;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Toloka.Generated.ResilienceTests.Support;

namespace Toloka.Generated.ResilienceTests.Faults
{
    /// <summary>What a fault case expects of the clone call.</summary>
    internal enum FaultOutcome
    {
        /// <summary>A <see cref="TolokaTransportException"/> with TimedOut set, within NetworkTimeout + 1 s.</summary>
        TimedOut,

        /// <summary>A <see cref="TolokaTransportException"/> that did not time out (the connection failed).</summary>
        ConnectionFailed,

        /// <summary>A <see cref="TolokaApiException"/> of kind InvalidResponse (a 2xx that cannot be read).</summary>
        InvalidResponse,

        /// <summary>A <see cref="TolokaApiException"/> for a 3xx, naming its Location, with nothing sent to the Location.</summary>
        Redirect,

        /// <summary>A typed error of either family: the answer was unusable, however the runtime classifies it.</summary>
        AnyTypedError,

        /// <summary>The operation comes back (the answer was valid HTTP after all).</summary>
        Value,
    }

    /// <summary>One way a server can misbehave while answering a clone, as the bytes it writes.</summary>
    internal sealed record SocketFault(string Name, FaultOutcome Outcome, Func<RawExchange, Task> Answer)
    {
        public override string ToString() => Name;
    }

    /// <summary>The catalogue of socket faults the fault suite and the secrets suite both run.</summary>
    internal static class SocketFaults
    {
        public const string CloneBody = "{\"id\":\"op-clone\",\"type\":\"POOL.CLONE\",\"status\":\"PENDING\",\"submitted\":\"2016-04-07T16:06:15.902\",\"progress\":0,\"parameters\":{\"pool_id\":\"1\"}}";
        public static readonly string CloneStart = CloneBody.Substring(0, 50);

        public const string NextBody = "{\"id\":\"op-next\",\"type\":\"POOL.CLONE\",\"status\":\"SUCCESS\",\"submitted\":\"2016-04-07T16:06:15.902\",\"progress\":100,\"details\":{\"pool_id\":\"2\"}}";

        /// <summary>The size of the huge answers: far past any response cap.</summary>
        public const long HugeBytes = 100L * 1024 * 1024;

        public static IEnumerable<SocketFault> All(Func<int> redirectPort)
        {
            var head = "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\n";
            yield return new("reset before headers", FaultOutcome.ConnectionFailed, x => { x.Reset(); return Task.CompletedTask; });
            yield return new("reset mid headers", FaultOutcome.ConnectionFailed, async x => { await x.WriteAsync("HTTP/1.1 202 Accepted\r\nContent-Ty"); x.Reset(); });
            yield return new("reset mid body", FaultOutcome.ConnectionFailed, async x => { await x.WriteAsync(head + "Content-Length: 500\r\n\r\n" + CloneStart); await Task.Delay(50); x.Reset(); });
            yield return new("close before headers", FaultOutcome.ConnectionFailed, x => { x.Close(); return Task.CompletedTask; });
            yield return new("silence", FaultOutcome.TimedOut, x => x.HoldAsync());
            yield return new("trickled headers", FaultOutcome.TimedOut, async x => { await x.TrickleAsync(Encoding.ASCII.GetBytes(head + "X-Slow: " + new string('a', 400) + "\r\n"), 1, TimeSpan.FromMilliseconds(100)); await x.HoldAsync(); });
            yield return new("trickled body", FaultOutcome.TimedOut, async x => { await x.WriteAsync(head + "Content-Length: " + CloneBody.Length + "\r\n\r\n"); await x.TrickleAsync(Encoding.UTF8.GetBytes(CloneBody), 1, TimeSpan.FromMilliseconds(150)); await x.HoldAsync(); });
            yield return new("short Content-Length, held open", FaultOutcome.TimedOut, async x => { await x.WriteAsync(head + "Content-Length: 1000\r\n\r\n" + CloneBody); await x.HoldAsync(); });
            yield return new("short Content-Length, then closed", FaultOutcome.ConnectionFailed, async x => { await x.WriteAsync(head + "Content-Length: 1000\r\n\r\n" + CloneBody); x.Close(); });
            yield return new("chunked body cut short, held open", FaultOutcome.TimedOut, async x => { await x.WriteAsync(head + "Transfer-Encoding: chunked\r\n\r\n" + "20\r\n" + CloneBody.Substring(0, 32) + "\r\n"); await x.HoldAsync(); });
            yield return new("chunked body cut short, then closed", FaultOutcome.ConnectionFailed, async x => { await x.WriteAsync(head + "Transfer-Encoding: chunked\r\n\r\n" + "20\r\n" + CloneBody.Substring(0, 32) + "\r\n"); x.Close(); });
            yield return new("invalid chunk size", FaultOutcome.ConnectionFailed, async x => { await x.WriteAsync(head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"); await x.HoldAsync(); });
            yield return new("garbage gzip", FaultOutcome.AnyTypedError, x => x.AnswerAsync(202, Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray(), "application/json", "Content-Encoding: gzip\r\n"));
            yield return new("gzip cut short", FaultOutcome.AnyTypedError, x => x.AnswerAsync(202, Gzip(CloneBody).Take(20).ToArray(), "application/json", "Content-Encoding: gzip\r\n"));
            yield return new("close-delimited body", FaultOutcome.Value, async x => { await x.WriteAsync(head + "Connection: close\r\n\r\n" + CloneBody); x.Close(); });
            yield return new("close-delimited body cut short", FaultOutcome.InvalidResponse, async x => { await x.WriteAsync(head + "Connection: close\r\n\r\n" + CloneStart); x.Close(); });
            yield return new("100 Continue then silence", FaultOutcome.TimedOut, async x => { await x.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"); await x.HoldAsync(); });
            yield return new("102 Processing then silence", FaultOutcome.TimedOut, async x => { await x.WriteAsync("HTTP/1.1 102 Processing\r\n\r\n"); await x.HoldAsync(); });
            foreach (var status in new[] { 301, 302, 303, 307, 308 })
            {
                yield return new(status + " to another loopback port", FaultOutcome.Redirect, x => x.AnswerAsync(status, string.Empty, string.Empty, "Location: http://127.0.0.1:" + redirectPort() + "/api/v1/pools/1/clone\r\n"));
            }

            yield return new("HTML 200", FaultOutcome.InvalidResponse, x => x.AnswerAsync(200, "<html><body><h1>Welcome to nginx!</h1></body></html>", "text/html"));
            yield return new("empty 200", FaultOutcome.InvalidResponse, x => x.AnswerAsync(200, string.Empty));
            yield return new("undeclared 204 to clone", FaultOutcome.InvalidResponse, x => x.AnswerAsync(204, string.Empty, string.Empty));
            yield return new("huge body declared (100 MB Content-Length)", FaultOutcome.AnyTypedError, x => StreamHugeAsync(x, chunked: false));
            yield return new("huge body streamed (100 MB chunked)", FaultOutcome.AnyTypedError, x => StreamHugeAsync(x, chunked: true));
            yield return new("invalid status line", FaultOutcome.ConnectionFailed, async x => { await x.WriteAsync("HTTP/1.1 abc Whatever\r\n\r\n"); x.Close(); });
            yield return new("not HTTP at all", FaultOutcome.ConnectionFailed, async x => { await x.WriteAsync("SSH-2.0-OpenSSH_9.6\r\n"); x.Close(); });
            yield return new("header flood (1 MB of headers)", FaultOutcome.ConnectionFailed, async x =>
            {
                await x.WriteAsync(head);
                var line = Encoding.ASCII.GetBytes("X-Flood: " + new string('f', 1000) + "\r\n");
                for (var i = 0; i < 1000; i++)
                {
                    await x.WriteAsync(line);
                }

                await x.WriteAsync("\r\n");
                x.Close();
            });
            yield return new("Content-Length and chunked together", FaultOutcome.AnyTypedError, async x => { await x.WriteAsync(head + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" + "0\r\n\r\n"); await x.HoldAsync(); });
            yield return new("two Content-Lengths", FaultOutcome.AnyTypedError, async x => { await x.WriteAsync(head + "Content-Length: 3\r\nContent-Length: 300\r\n\r\n" + CloneBody); x.Close(); });
        }

        private static async Task StreamHugeAsync(RawExchange x, bool chunked)
        {
            var headers = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + HugeBytes + "\r\n") + "\r\n";
            await x.WriteAsync(headers);
            var block = Encoding.ASCII.GetBytes("[" + new string(' ', 64 * 1024 - 1));
            var piece = chunked ? Encoding.ASCII.GetBytes((64 * 1024).ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n").Concat(block).Concat(Encoding.ASCII.GetBytes("\r\n")).ToArray() : block;
            for (long sent = 0; sent < HugeBytes; sent += block.Length)
            {
                await x.WriteAsync(piece);
            }

            if (chunked)
            {
                await x.WriteAsync("0\r\n\r\n");
            }
        }

        private static byte[] Gzip(string text)
        {
            using var buffer = new System.IO.MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
            {
                gzip.Write(Encoding.UTF8.GetBytes(text));
            }

            return buffer.ToArray();
        }
    }
}

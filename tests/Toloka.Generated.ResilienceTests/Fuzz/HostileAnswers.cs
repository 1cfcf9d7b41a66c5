using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Toloka.Generated.ResilienceTests.Support;

namespace Toloka.Generated.ResilienceTests.Fuzz
{
    /// <summary>
    /// FsCheck generators of hostile answers: statuses 100-599, Content-Types and charsets the runtime
    /// knows and does not, Retry-After texts from NaN to year 9999, and bodies that are the spec's own
    /// examples, mutations of them, wrong JSON types, huge numbers, deep nesting, invalid UTF-8, echoes
    /// of the token, or nothing at all.
    /// </summary>
    internal static class HostileAnswers
    {
        private static readonly string[] RetryAfterTexts =
        {
            "0", "1", "2", "5", "30", "-5", "-1", "NaN", "Infinity", "-Infinity", "1e308", "1E3", "5.5", " 7 ", "0x10",
            "2147483647", "2147483648", "9223372036854775807", "99999999999999999999999999", "86400", "31536000", "",
            "garbage", "\u00e9t\u00e9", "5, 6",
            (SteppingClock.Start + TimeSpan.FromSeconds(3)).ToString("r", CultureInfo.InvariantCulture),
            (SteppingClock.Start + TimeSpan.FromHours(5)).ToString("r", CultureInfo.InvariantCulture),
            (SteppingClock.Start - TimeSpan.FromDays(1)).ToString("r", CultureInfo.InvariantCulture),
            "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "Thu, 01 Jan 1970 00:00:00 GMT",
            "Mon, 32 Foo 2026 25:61:61 GMT", "Wednesday, 07-Jan-26 09:00:00 GMT",
        };

        private static readonly string?[] ContentTypes =
        {
            null, "application/json", "application/json; charset=utf-8", "application/json; charset=UTF-16",
            "application/json; charset=utf-16BE", "application/json; charset=utf-32", "application/json; charset=latin1",
            "application/json; charset=x-unknown-42", "application/json; charset=\"utf-8\"", "application/json; charset=",
            "application/json; charset=utf-7", "application/json; charset=ibm037", "application/json;;;charset=;;",
            "text/html; charset=utf-8", "text/html; charset=bogus", "text/plain", "application/problem+json",
            "application/octet-stream", "application/xml", "multipart/mixed; boundary=x", "*/*", "json", "",
        };

        private static readonly (string Name, string Value)[] OtherHeaders =
        {
            ("X-Echo", HostileAnswer.Echo), ("Set-Cookie", "session=" + HostileAnswer.Echo),
            ("WWW-Authenticate", "OAuth realm=\"" + HostileAnswer.Echo + "\""), ("X-Request-Id", HostileAnswer.Echo),
            ("Location", "http://127.0.0.1:9/elsewhere?t=" + HostileAnswer.Echo), ("Location", "https://evil.example/api/v1/pools/2"),
            ("Location", "not a uri"), ("Content-Encoding", "gzip"), ("Content-Encoding", "br, whatever"),
            ("Transfer-Encoding", "chunked"), ("Connection", "close"), ("X-Request-Id", "\u0001\u0002"),
            ("Content-Language", "xx"), ("Retry-After", "1"), ("Vary", "*"), ("Date", "yesterday"),
        };

        private static readonly string[] ErrorCodes =
        {
            "VALIDATION_ERROR", "AUTHENTICATION_ERROR", "ACCESS_DENIED", "DOES_NOT_EXIST", "CONFLICT_STATE",
            "TOO_MANY_REQUESTS", "INTERNAL_ERROR", "REMOTE_SERVICE_UNAVAILABLE", "", "SOMETHING_NEW",
        };

        private static readonly JToken[] OddValues =
        {
            JValue.CreateNull(), new JValue(true), new JValue(0), new JValue(-1), new JValue(3), new JValue(101),
            new JValue(2147483648L), new JValue(1e308), new JValue(-1e308), new JValue(0.5), new JValue(""), new JValue("x"),
            new JValue(HostileAnswer.Echo), new JValue("OAuth " + HostileAnswer.Echo), new JValue("SUCCESS"), new JValue("FAIL"),
            new JValue("RUNNING"), new JValue("success"), new JValue("POOL.CLONE"), new JValue("9999-12-31T23:59:59.9999999"),
            new JValue("0001-01-01T00:00:00"), new JValue("2016-04-07T16:06:15.902+99:00"), new JValue("not a date"),
            new JValue("../.."), new JValue("a/b"), new JArray(), new JArray(1, "two", JValue.CreateNull()), new JObject(),
            new JObject(new JProperty("pool_id", HostileAnswer.Echo)), new JObject(new JProperty("reason", HostileAnswer.Echo)),
        };

        private static readonly string[] OperationFields =
        {
            "id", "type", "status", "submitted", "started", "finished", "progress", "parameters", "details",
        };

        private static readonly string[] RawBodies =
        {
            "", " ", "\r\n", "null", "[]", "{}", "\"x\"", "123", "true", "-0", "1e400", "[{}]", "{\"id\":null}",
            "<html><body><h1>502 Bad Gateway</h1>" + HostileAnswer.Echo + "</body></html>",
            "<!DOCTYPE html><title>Login</title>", "{\"progress\": 99999999999999999999999999999999}",
            "{\"progress\": 1e400, \"status\": \"RUNNING\", \"id\": \"op\"}", "{\"status\": 123, \"id\": \"op\"}",
            "{\"status\": [\"SUCCESS\"], \"id\": \"op\"}", "{\"id\": {\"nested\": 1}}", "{\"id\": \"op\", \"id\": \"op2\"}",
            "{\"code\": 42, \"message\": [1]}", "{\"code\": null}", "{\"code\": \"" + HostileAnswer.Echo + "\"}",
            "{\"$type\": \"System.IO.FileInfo, System.IO.FileSystem\", \"fileName\": \"/etc/passwd\"}",
            "{\"id\": \"op\", \"status\": \"SUCCESS\", \"submitted\": \"\\u0000\"}", "\"\\ud800\"", "{\"a\":\"\\u12\"}",
            "{\"code\":\"INTERNAL_ERROR\",\"message\":\"upstream said: Authorization: " + HostileAnswer.Echo + "\",\"request_id\":\"r\",\"payload\":{\"headers\":{\"Authorization\":\"" + HostileAnswer.Echo + "\"}}}",
        };

        public static Arbitrary<HostileCase> Cases(FuzzedCall call) => Arb.From(CaseGen(call));

        public static Gen<string> RetryAfterGen => Gen.Elements(RetryAfterTexts);

        /// <summary>The spec's example of a successful answer for the call (an operation), whatever the status.</summary>
        public static string SuccessBody(FuzzedCall call, int status) =>
            SpecExamples.Of(call == FuzzedCall.ClonePool ? "clonePool" : call == FuzzedCall.ArchivePool ? "archivePool" : "getOperation")
                .Where(e => e.Status is >= 200 and < 300).Select(e => e.Json).DefaultIfEmpty("{}").Last();

        public static Gen<HostileCase> CaseGen(FuzzedCall call) =>
            from count in Gen.Frequency((7, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(3)))
            from answers in Gen.ListOf(AnswerGen(call), count)
            select new HostileCase(call, answers.ToArray());

        public static Gen<HostileAnswer> AnswerGen(FuzzedCall call) =>
            from status in StatusGen
            from contentType in Gen.Elements(ContentTypes)
            from headers in HeadersGen
            from body in BodyGen(call)
            from shape in Gen.Frequency(
                (850, Gen.Constant(BodyShape.Whole)),
                (40, Gen.Constant(BodyShape.Trickle)),
                (40, Gen.Constant(BodyShape.BreakAfter)),
                (35, Gen.Constant(BodyShape.StallAfter)),
                (32, Gen.Constant(BodyShape.StallHeaders)),
                (3, Gen.Constant(BodyShape.Huge)))
            from declared in Gen.Frequency(
                (90, Gen.Constant<long?>(null)),
                (5, Gen.Constant<long?>(Math.Max(0, body.Length - 7))),
                (5, Gen.Constant<long?>(body.Length + 100)))
            select new HostileAnswer(status, contentType, headers, body, shape, declared);

        private static Gen<int> StatusGen =>
            Gen.Frequency(
                (30, Gen.Elements(200, 201, 202, 204)),
                (20, Gen.Elements(400, 401, 403, 404, 409, 429, 500, 503)),
                (10, Gen.Elements(100, 101, 102, 103, 199, 203, 205, 206, 226, 299, 300, 301, 302, 303, 304, 305, 307, 308, 399, 418, 422, 451, 499, 502, 504, 505, 511, 599)),
                (10, Gen.Choose(100, 599)));

        private static Gen<KeyValuePair<string, string>[]> HeadersGen =>
            from retryAfter in Gen.Frequency((6, Gen.Constant<string?>(null)), (4, Gen.Elements(RetryAfterTexts).Select(t => (string?)t)))
            from others in Gen.Frequency((6, Gen.Constant(Array.Empty<(string, string)>())), (4, Gen.SubListOf(OtherHeaders).Select(l => l.Take(3).ToArray())))
            select (retryAfter is null ? others : others.Append(("Retry-After", retryAfter)))
                .Select(h => new KeyValuePair<string, string>(h.Item1, h.Item2)).ToArray();

        private static Gen<byte[]> BodyGen(FuzzedCall call)
        {
            var examples = SpecExamples.All;
            var own = SpecExamples.Of(call switch
            {
                FuzzedCall.ClonePool => "clonePool",
                FuzzedCall.ArchivePool => "archivePool",
                _ => "getOperation",
            });
            var text = Gen.Frequency(
                (15, Gen.Elements(own.Select(e => e.Json))),
                (20, Gen.Elements(examples.Select(e => e.Json)).SelectMany(MutateText)),
                (25, Gen.Elements(examples.Select(e => e.Json)).SelectMany(MutateJson)),
                (15, OperationGen),
                (10, ErrorBodyGen),
                (10, Gen.Elements(RawBodies)),
                (5, DeepNestingGen));
            return Gen.Frequency(
                (85, text.Select(t => Encoding.UTF8.GetBytes(t))),
                (5, text.Select(t => Encoding.Unicode.GetBytes(t))),
                (2, text.Select(t => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(t)).ToArray())),
                (3, text.Select(t => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(t)).ToArray())),
                (5, from t in text from at in Gen.Choose(0, 1000) from bad in Gen.Elements(new byte[] { 0xC3, 0x28 }, new byte[] { 0xFF }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0x00 }, new byte[] { 0xE2, 0x82 })
                    select InsertBytes(Encoding.UTF8.GetBytes(t), at, bad)));
        }

        private static Gen<string> MutateText(string json) =>
            Gen.OneOf(
                Gen.Choose(0, json.Length).Select(at => json.Substring(0, at)),
                Gen.Choose(0, Math.Max(0, json.Length - 1)).Select(at => json.Length == 0 ? json : json.Remove(at, 1)),
                from at in Gen.Choose(0, json.Length)
                from insert in Gen.Elements("\"", "{", "}", "[", "]", ",", ":", "\\", "\u0000", "\uFFFF", "\u2028", "1e999", "null", HostileAnswer.Echo, "\"" + HostileAnswer.Echo + "\"")
                select json.Insert(at, insert),
                from at in Gen.Choose(0, json.Length)
                from length in Gen.Choose(0, 40)
                select string.Concat(json, json.AsSpan(Math.Min(at, json.Length), Math.Min(length, json.Length - Math.Min(at, json.Length)))));

        private static Gen<string> MutateJson(string json)
        {
            var token = JToken.Parse(json);
            var paths = token.SelectTokens("$..*").Select(t => t.Path).Where(p => p.Length > 0).ToArray();
            if (paths.Length == 0)
            {
                return Gen.Constant(json);
            }

            return from path in Gen.Elements(paths)
                   from value in Gen.Elements(OddValues)
                   from drop in Gen.Frequency((8, Gen.Constant(false)), (2, Gen.Constant(true)))
                   select Replace(token, path, value, drop);
        }

        private static string Replace(JToken original, string path, JToken value, bool drop)
        {
            var copy = original.DeepClone();
            var target = copy.SelectToken(path);
            if (target is null)
            {
                return copy.ToString(Formatting.None);
            }

            if (drop && target.Parent is JProperty property)
            {
                property.Remove();
            }
            else if (target.Parent is JProperty owner)
            {
                owner.Value = value.DeepClone();
            }
            else
            {
                target.Replace(value.DeepClone());
            }

            return copy.ToString(Formatting.None);
        }

        private static Gen<string> OperationGen =>
            from fields in Gen.SubListOf(OperationFields)
            from values in Gen.ListOf(Gen.Elements(OddValues), fields.Count)
            from status in Gen.Elements("SUCCESS", "FAIL", "PENDING", "RUNNING", "WHATEVER")
            select new JObject(
                new[] { new JProperty("id", "op-1"), new JProperty("status", status) }
                    .Concat(fields.Zip(values, (f, v) => new JProperty(f, v.DeepClone())))
                    .GroupBy(p => p.Name).Select(g => g.Last())).ToString(Formatting.None);

        private static Gen<string> ErrorBodyGen =>
            from code in Gen.Elements(ErrorCodes)
            from message in Gen.Elements("Pool is closed", HostileAnswer.Echo, "bad token OAuth " + HostileAnswer.Echo, new string('m', 5000), "")
            from payload in Gen.Elements(OddValues)
            from codeAsNumber in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
            select new JObject(
                new JProperty("code", codeAsNumber ? (JToken)new JValue(7) : new JValue(code)),
                new JProperty("message", message),
                new JProperty("request_id", "req-" + HostileAnswer.Echo),
                new JProperty("payload", payload.DeepClone())).ToString(Formatting.None);

        private static Gen<string> DeepNestingGen =>
            from depth in Gen.Elements(64, 65, 200, 1000, 20000)
            from kind in Gen.Elements("[", "{\"details\":", "{\"id\":\"op\",\"parameters\":")
            select string.Concat(Enumerable.Repeat(kind, depth)) + "1" + new string(kind == "[" ? ']' : '}', depth);

        private static byte[] InsertBytes(byte[] body, int at, byte[] bad)
        {
            var position = Math.Min(at, body.Length);
            return body.Take(position).Concat(bad).Concat(body.Skip(position)).ToArray();
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using NUnit.Framework;

namespace Toloka.Generated.Tests
{
    /// <summary>
    /// The client's JSON reader gives the serializer the tokens, values and paths Newtonsoft.Json's
    /// <see cref="JsonTextReader"/> gives for the same JSON, however its buffer falls, and masks the
    /// token as decoded.
    /// </summary>
    public class TolokaJsonReaderTests
    {
        private static readonly string Long = new string('x', 10_000);

        private static IEnumerable<string> Documents()
        {
            yield return "{}";
            yield return "[]";
            yield return " { \"a\" : [ 1 , -2 , 0 , 1023, 1024, -1, 9223372036854775807, -9223372036854775808, 99999999999999999999999 ] } ";
            yield return "{\"f\":[1.5,-2e3,1E+2,0.000001,12345678901234567890.5]}";
            yield return "{\"b\":true,\"c\":false,\"n\":null,\"e\":\"\",\"o\":{},\"l\":[]}";
            yield return "{\"s\":\"line one\\nline \\\"two\\\" \\\\ \\/ \\b\\f\\r\\t \\u00e9 \\ud83d\\ude00 caf\u00e9 \ud83d\ude00\"}";
            yield return "{\"esc\\u0061ped name\":1,\"id\":\"abc\",\"id\":\"abc\"}";
            yield return "{\"long\":\"" + Long + "\",\"after\":[\"" + Long + "\\n" + Long + "\"]}";
            yield return "[" + string.Join(",", Enumerable.Range(0, 3000).Select(i => "{\"id\":\"" + i + "\",\"status\":\"SUCCESS\",\"at\":\"2016-04-07T16:06:15.902\",\"p\":" + i + "}")) + "]";
            yield return "{\"a\":{\"b\":{\"c\":[[[{\"d\":[1,[2,[3]]]}]]]}}}";
        }

        [TestCaseSource(nameof(Documents))]
        public void Reads_the_tokens_Newtonsofts_reader_reads(string json)
        {
            Assert.That(Tokens(new TolokaJsonReader(new StringReader(json), null)), Is.EqualTo(Tokens(new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None })));
        }

        [TestCaseSource(nameof(Documents))]
        public void Reads_the_same_tokens_from_a_body_in_one_byte_reads(string json)
        {
            Assert.That(Tokens(new TolokaJsonReader(new OneCharAtATime(json), null)), Is.EqualTo(Tokens(new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None })));
        }

        [TestCase("{\"a\":1.5}", TestName = "A fraction where an integer belongs is refused, not rounded")]
        [TestCase("{\"a\":2147483648}", TestName = "An integer past 32 bits where one belongs is refused")]
        public void An_int32_that_is_not_one_is_refused(string json)
        {
            using var reader = new TolokaJsonReader(new StringReader(json), null);
            reader.Read();
            reader.Read();

            Assert.Throws<JsonReaderException>(() => reader.ReadAsInt32());
        }

        [TestCase("{\"a\":1,}x")]
        [TestCase("{\"a\" 1}")]
        [TestCase("{\"a\":tru}")]
        [TestCase("{\"a\":\"open")]
        [TestCase("{\"a\":[1,2}")]
        [TestCase("{'a':1}")]
        [TestCase("{\"a\":1} {}")]
        [TestCase("{\"a\":\"\\q\"}")]
        [TestCase("{\"a\":")]
        public void Malformed_json_is_refused(string json)
        {
            using var reader = new TolokaJsonReader(new StringReader(json), null);

            Assert.Throws<JsonReaderException>(() =>
            {
                while (reader.Read())
                {
                }
            });
        }

        [Test]
        public void The_token_is_masked_in_names_and_values_and_never_handed_out_as_characters()
        {
            var token = TolokaToken.Create(Samples.Token, "token");
            var json = "{\"" + Samples.Token + "\":\"x" + Samples.Token + "\",\"e\":\"\\u0041" + Samples.Token.Substring(1) + "\"}";
            using var reader = new TolokaJsonReader(new StringReader(json), token);

            var seen = new List<string>();
            while (reader.Read())
            {
                if (reader.TokenType == JsonToken.String)
                {
                    Assert.That(reader.TryGetChars(out _), Is.False);
                }

                if (reader.Value is string text)
                {
                    seen.Add(text);
                }
            }

            Assert.That(seen, Is.EqualTo(new[] { "***", "x***", "e", "***" }));
        }

        private static List<string> Tokens(JsonReader reader)
        {
            using (reader)
            {
                reader.MaxDepth = 64;
                var tokens = new List<string>();
                while (reader.Read())
                {
                    tokens.Add(reader.TokenType + " " + reader.Path + " " + reader.ValueType?.Name + " " + Convert.ToString(reader.Value, System.Globalization.CultureInfo.InvariantCulture));
                }

                return tokens;
            }
        }

        /// <summary>Text that comes one character a read, so every token falls across the reader's refills.</summary>
        private sealed class OneCharAtATime : TextReader
        {
            private readonly string _text;
            private int _position;

            public OneCharAtATime(string text) => _text = text;

            public override int Read(char[] buffer, int index, int count)
            {
                if (_position >= _text.Length || count == 0)
                {
                    return 0;
                }

                buffer[index] = _text[_position++];
                return 1;
            }
        }
    }
}

using System;
using System.IO;
using System.Threading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Toloka.Generated
{
    /// <summary>
    /// Parses the bodies the pipeline read, within limits no hostile answer can pass: nesting at most
    /// <see cref="MaxJsonDepth"/>, numbers at most <see cref="MaxNumberDigits"/> digits, no data after
    /// the JSON value, and the token masked in every string and property name as decoded.
    /// </summary>
    internal static class TolokaAnswerJson
    {
        /// <summary>Far deeper than any Toloka answer; bounds recursion on a hostile one.</summary>
        internal const int MaxJsonDepth = 64;

        /// <summary>More digits than any number in a Toloka answer needs (a 64-bit integer has 20).</summary>
        internal const int MaxNumberDigits = 400;

        /// <summary>Invalid sequences become U+FFFD instead of throwing: the text still reaches the parser and the exception.</summary>
        internal static readonly System.Text.Encoding Utf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerSettings, JsonSerializer> Serializers =
            new System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerSettings, JsonSerializer>();

        // A reference, so a reader never sees the settings of one pair with the serializer of another.
        private static Tuple<JsonSerializerSettings, JsonSerializer>? _lastSerializer;

        /// <summary>
        /// Parses a 2xx body. Any failure, whatever the JSON (wrong types, huge numbers, nesting past
        /// <see cref="MaxJsonDepth"/>, trailing data), is an <see cref="TolokaErrorKind.InvalidResponse"/> of the call.
        /// </summary>
        internal static T? Read<T>(TolokaAnswer answer, JsonSerializerSettings settings)
        {
            if (answer.Bytes.Count == 0)
            {
                return default;
            }

            try
            {
                return TryParseDirect<T>(answer, settings, out var result) ? result : ParseMasked<T>(answer.Text, settings, answer.Token);
            }
            catch (System.Reflection.TargetInvocationException invocation) when (invocation.InnerException is JsonException refused)
            {
                // A generated model's [OnDeserialized] check (a required property missing or null) is
                // called through reflection: report its own exception, not the reflection wrapper.
                throw answer.Invalid("a body that is not a valid " + typeof(T).Name, refused);
            }
            catch (Exception exception) when (!(exception is OutOfMemoryException))
            {
                throw answer.Invalid("a body that is not a valid " + typeof(T).Name, exception);
            }
        }

        /// <summary>Toloka's error body, or null when the text is not one (a proxy's HTML page, say, or wrong JSON types).</summary>
        internal static ApiError? TryReadError(string? body, TolokaToken token)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }

            try
            {
                var error = ParseMasked<ApiError>(body!, TolokaClient.ErrorSerializerSettings, token);
                return error is { Code: { Length: > 0 } } ? error : null;
            }
            catch (Exception exception) when (!(exception is OutOfMemoryException))
            {
                return null;
            }
        }

        /// <summary>
        /// One serializer per settings object (the generated client keeps one settings object per
        /// class), so a successful answer does not copy the settings into a new serializer each time.
        /// </summary>
        internal static JsonSerializer SerializerFor(JsonSerializerSettings settings)
        {
            // The client's one settings object answers nearly every call: skip the table for it.
            if (Volatile.Read(ref _lastSerializer) is { } last && ReferenceEquals(last.Item1, settings))
            {
                return last.Item2;
            }

            var serializer = Serializers.GetValue(settings, static key =>
            {
                var created = JsonSerializer.Create(key);
                created.MaxDepth = MaxJsonDepth;
                return created;
            });
            Volatile.Write(ref _lastSerializer, Tuple.Create(settings, serializer));
            return serializer;
        }

        /// <summary>
        /// The common case without a tree: a body that starts an object or array, holds no token and
        /// no escape (so nothing needs masking) and no overlong number is bound straight from its bytes,
        /// with the same depth cap and the same refusal of trailing data. False leaves it to <see cref="ParseMasked"/>.
        /// </summary>
        private static bool TryParseDirect<T>(TolokaAnswer answer, JsonSerializerSettings settings, out T? result)
        {
            result = default;
#if NET8_0_OR_GREATER
            var bytes = answer.Bytes.AsSpan();
            var first = bytes.IndexOfAnyExcept(" \t\r\n"u8);
            if (answer.MayHoldToken || first < 0 || (bytes[first] != (byte)'{' && bytes[first] != (byte)'[') || HasLongNumberRun(bytes))
            {
                return false;
            }

            var chars = System.Buffers.ArrayPool<char>.Shared.Rent(Utf8.GetMaxCharCount(bytes.Length));
            try
            {
                var count = Utf8.GetChars(bytes, chars);
                using var reader = NewReader(new TolokaCharsReader(chars, count), settings);
                reader.ArrayPool = TolokaCharPool.Instance;
                result = SerializerFor(settings).Deserialize<T>(reader);
                RefuseTrailingData(reader);
                return true;
            }
            finally
            {
                System.Buffers.ArrayPool<char>.Shared.Return(chars);
            }
#else
            _ = answer;
            _ = settings;
            return false;
#endif
        }

        /// <summary>
        /// Parses JSON text into a tree first (bounded depth, no trailing data), masks the token in every
        /// string and property name as decoded (so a JSON-escaped echo is caught too), then binds the model.
        /// </summary>
        private static T? ParseMasked<T>(string text, JsonSerializerSettings settings, TolokaToken? token)
        {
            CheckNumbers(text);
            using var reader = NewReader(new StringReader(text), settings);
            var root = JToken.ReadFrom(reader);
            RefuseTrailingData(reader);
            if (token is not null)
            {
                token.Redact(root);
            }

            if (root.Type == JTokenType.Null)
            {
                return default;
            }

            return root.ToObject<T>(SerializerFor(settings));
        }

        private static JsonTextReader NewReader(TextReader text, JsonSerializerSettings settings) => new JsonTextReader(text)
        {
            MaxDepth = MaxJsonDepth,
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = settings.FloatParseHandling,
        };

        private static void RefuseTrailingData(JsonTextReader reader)
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw new JsonReaderException("The answer has more text after its JSON value.");
                }
            }
        }

#if NET8_0_OR_GREATER
        /// <summary>
        /// True when some run of digits is longer than <see cref="MaxNumberDigits"/> anywhere, strings
        /// included: a cheap, vectorised look that lets <see cref="CheckNumbers"/> decide only then.
        /// </summary>
        private static bool HasLongNumberRun(ReadOnlySpan<byte> bytes)
        {
            while (bytes.Length > MaxNumberDigits)
            {
                var digit = bytes.IndexOfAnyInRange((byte)'0', (byte)'9');
                if (digit < 0 || bytes.Length - digit <= MaxNumberDigits)
                {
                    return false;
                }

                bytes = bytes.Slice(digit);
                var end = bytes.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
                if (end < 0 || end > MaxNumberDigits)
                {
                    return true;
                }

                bytes = bytes.Slice(end);
            }

            return false;
        }
#endif

        /// <summary>
        /// Refuses a number written with more digits than any real value needs before the JSON reader
        /// sees it: reading a megabyte of digits as a BigInteger costs quadratic time.
        /// </summary>
        private static void CheckNumbers(string text)
        {
            var inString = false;
            var run = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var character = text[i];
                if (inString)
                {
                    if (character == '\\')
                    {
                        i++;
                    }
                    else if (character == '"')
                    {
                        inString = false;
                    }

                    continue;
                }

                if (character == '"')
                {
                    inString = true;
                    run = 0;
                }
                else if (character >= '0' && character <= '9')
                {
                    if (++run > MaxNumberDigits)
                    {
                        throw new JsonReaderException("A number in the answer has more than " + MaxNumberDigits + " digits.");
                    }
                }
                else
                {
                    run = 0;
                }
            }
        }
    }
}

using System;
using System.IO;
using System.Threading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Toloka.Generated
{
    /// <summary>
    /// Parses the bodies the pipeline read, within limits no hostile answer can pass: nesting at most
    /// <see cref="MaxJsonDepth"/>, numbers at most <see cref="TolokaNumberCheck.MaxNumberDigits"/> digits, no data after
    /// the JSON value, and the token masked in every string and property name as decoded.
    /// </summary>
    internal static class TolokaAnswerJson
    {
        /// <summary>Far deeper than any Toloka answer; bounds recursion on a hostile one.</summary>
        internal const int MaxJsonDepth = 64;

        /// <summary>Invalid sequences become U+FFFD instead of throwing: the text still reaches the parser and the exception.</summary>
        internal static readonly System.Text.Encoding Utf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerSettings, JsonSerializer> Serializers =
            new System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerSettings, JsonSerializer>();

        // Up to this size a body is decoded at once into a pooled buffer (the pool keeps buffers this large).
        private const int PooledDecodeBytes = 512 * 1024;

        // A reference, so a reader never sees the settings of one pair with the serializer of another.
        private static Tuple<JsonSerializerSettings, JsonSerializer>? _lastSerializer;

        /// <summary>
        /// Parses a 2xx body. Any failure, whatever the JSON (wrong types, huge numbers, nesting past
        /// <see cref="MaxJsonDepth"/>, trailing data), is an <see cref="TolokaErrorKind.InvalidResponse"/> of the call.
        /// </summary>
        internal static T? Read<T>(TolokaAnswer answer, JsonSerializerSettings settings)
        {
            if (answer.Body.Count == 0)
            {
                return default;
            }

            try
            {
                return StartsObjectOrArray(answer.Body) ? Bind<T>(answer, settings) : ParseMasked<T>(answer.Text, settings, answer.Token);
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
                if (key.ContractResolver is null)
                {
                    created.ContractResolver = TolokaContractResolver.Instance;
                }

                return created;
            });
            Volatile.Write(ref _lastSerializer, Tuple.Create(settings, serializer));
            return serializer;
        }

        /// <summary>
        /// An object or array (every Toloka answer) is bound as it is decoded, with no tree and, for a
        /// large body, no decoded copy of it: a small body is decoded at once into a pooled buffer, a
        /// larger one into the reader's own buffer as it goes (<see cref="TolokaUtf8Reader"/>). The
        /// token is masked as strings are decoded when the bytes could hold it (it, or a JSON escape).
        /// The same depth cap and refusal of trailing data apply.
        /// </summary>
        private static T? Bind<T>(TolokaAnswer answer, JsonSerializerSettings settings)
        {
            var body = answer.Body;
            TolokaNumberCheck.Check(body);
            char[]? decoded = null;
            try
            {
                TextReader text;
#if NET8_0_OR_GREATER
                if (body.Single is { Count: <= PooledDecodeBytes } bytes)
                {
                    decoded = System.Buffers.ArrayPool<char>.Shared.Rent(Utf8.GetMaxCharCount(bytes.Count));
                    text = new TolokaCharsReader(decoded, Utf8.GetChars(bytes.AsSpan(), decoded));
                }
                else
#endif
                {
                    text = new TolokaUtf8Reader(body);
                }

                using var reader = Open(text, answer);
                Limit(reader, settings);
                var result = SerializerFor(settings).Deserialize<T>(reader);
                RefuseTrailingData(reader);
                return result;
            }
            finally
            {
#if NET8_0_OR_GREATER
                if (decoded is not null)
                {
                    System.Buffers.ArrayPool<char>.Shared.Return(decoded);
                }
#else
                _ = decoded;
#endif
            }
        }

        private static bool StartsObjectOrArray(TolokaBody body)
        {
            for (var piece = 0; piece < body.Pieces; piece++)
            {
                var bytes = body.Piece(piece);
                var array = bytes.Array!;
                for (var i = bytes.Offset; i < bytes.Offset + bytes.Count; i++)
                {
                    switch (array[i])
                    {
                        case (byte)' ':
                        case (byte)'\t':
                        case (byte)'\r':
                        case (byte)'\n':
                            continue;
                        case (byte)'{':
                        case (byte)'[':
                            return true;
                        default:
                            return false;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Parses JSON text into a tree first (bounded depth, no trailing data), masks the token in every
        /// string and property name as decoded (so a JSON-escaped echo is caught too), then binds the model.
        /// </summary>
        private static T? ParseMasked<T>(string text, JsonSerializerSettings settings, TolokaToken? token)
        {
            TolokaNumberCheck.Check(text);
            using var reader = new JsonTextReader(new StringReader(text));
            Limit(reader, settings);
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

        /// <summary>
        /// The reader that binds the model: TolokaJsonReader, which makes no string of a timestamp or an
        /// enum, where spans exist (net8.0); <see cref="JsonTextReader"/> elsewhere, through
        /// TolokaMaskingJsonReader when the bytes could hold the token.
        /// </summary>
#pragma warning disable CA1859 // One signature for both targets, whose readers differ.
        private static JsonReader Open(TextReader text, TolokaAnswer answer)
#pragma warning restore CA1859
        {
#if NET8_0_OR_GREATER
            return new TolokaJsonReader(text, answer.MayHoldToken ? answer.Token : null);
#else
            return answer.MayHoldToken ? new TolokaMaskingJsonReader(text, answer.Token) : new JsonTextReader(text);
#endif
        }

        private static void Limit(JsonReader reader, JsonSerializerSettings settings)
        {
            reader.MaxDepth = MaxJsonDepth;
            reader.DateParseHandling = DateParseHandling.None;
            reader.FloatParseHandling = settings.FloatParseHandling;
        }

        private static void RefuseTrailingData(JsonReader reader)
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw new JsonReaderException("The answer has more text after its JSON value.");
                }
            }
        }
    }
}

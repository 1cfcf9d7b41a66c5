using System;
using System.Collections.Generic;
using System.Net.Http;
using Newtonsoft.Json;

namespace Toloka.Generated
{
    /// <summary>
    /// A usable 2xx answer as the pipeline hands it to the generated code: the response (its network
    /// content untouched, so a 204 keeps its own), the body's bytes as the pipeline read them (within
    /// <see cref="TolokaClientOptions.MaxResponseBytes"/>, after any UTF-8 byte order mark), the
    /// operation and the attempt that got it. The text (decoded as UTF-8 whatever the charset claimed,
    /// the token masked) is built only when something asks for it, which on the success path nothing does.
    /// </summary>
    internal sealed class TolokaAnswer : IDisposable
    {
        private readonly ArraySegment<byte> _bytes;
        private string? _text;

        internal TolokaAnswer(HttpResponseMessage response, TolokaAttempt attempt, ArraySegment<byte> bytes, bool mayHoldToken, TolokaToken token)
            : this(response, attempt.Description, attempt.Number, bytes, mayHoldToken, token)
        {
        }

        private TolokaAnswer(HttpResponseMessage response, TolokaRequestDescription description, int attempt, ArraySegment<byte> bytes, bool mayHoldToken, TolokaToken token)
        {
            Response = response;
            Description = description;
            Attempt = attempt;
            _bytes = bytes;
            MayHoldToken = mayHoldToken;
            Token = token;
        }

        internal HttpResponseMessage Response { get; }

        internal int StatusCode => (int)Response.StatusCode;

        internal TolokaRequestDescription Description { get; }

        internal string OperationId => Description.OperationId;

        /// <summary>Which attempt got this answer (1 unless a retry did).</summary>
        internal int Attempt { get; }

        internal TolokaToken Token { get; }

        /// <summary>The body's bytes after any UTF-8 byte order mark; empty for a 204.</summary>
        internal ArraySegment<byte> Bytes => _bytes;

        /// <summary>
        /// False only when the bytes hold neither the token nor a JSON escape, so no string the parser
        /// decodes can hold it and the body can be bound without masking.
        /// </summary>
        internal bool MayHoldToken { get; }

        /// <summary>The body as UTF-8 text (invalid sequences as U+FFFD), the token masked.</summary>
        internal string Text => _text ??= Decode(_bytes, Token);

        /// <summary>The answer's headers and its content's headers, the token masked in names and values.</summary>
        internal IReadOnlyDictionary<string, IEnumerable<string>> RedactedHeaders() => Token.Redact(TolokaErrorDetails.CopyHeaders(Response));

        /// <summary>
        /// Parses the body (see <see cref="TolokaAnswerJson"/>); any failure is a typed
        /// <see cref="TolokaErrorKind.InvalidResponse"/> of this call. Default for an empty body.
        /// </summary>
        internal T? Read<T>(JsonSerializerSettings settings) => TolokaAnswerJson.Read<T>(this, settings);

        /// <summary>The exception for this 2xx when the client cannot use it (see <see cref="TolokaFailures.InvalidAnswer"/>).</summary>
        internal TolokaApiException Invalid(string problem, Exception? cause = null) => TolokaFailures.InvalidAnswer(this, problem, cause);

        /// <summary>
        /// The answer with <paramref name="body"/> without a UTF-8 byte order mark, and whether its bytes
        /// could hold the token: JSON can spell a character only as itself or as an escape, so bytes with
        /// neither the token's UTF-8 nor a backslash decode to no string that holds it.
        /// </summary>
        internal static TolokaAnswer Of(HttpResponseMessage response, TolokaAttempt attempt, ArraySegment<byte> body, TolokaToken token, byte[] tokenUtf8)
        {
            var bytes = WithoutByteOrderMark(body);
#if NET8_0_OR_GREATER
            var span = bytes.AsSpan();
            var mayHoldToken = span.IndexOf((byte)'\\') >= 0 || span.IndexOf(tokenUtf8) >= 0;
#else
            _ = tokenUtf8;
            var mayHoldToken = true;
#endif
            return new TolokaAnswer(response, attempt, bytes, mayHoldToken, token);
        }

        /// <summary>A body as UTF-8 text (invalid sequences as U+FFFD, no byte order mark), the token masked.</summary>
        internal static string Decode(ArraySegment<byte> body, TolokaToken token)
        {
            var bytes = WithoutByteOrderMark(body);
            return bytes.Count == 0 ? string.Empty : token.Redact(TolokaAnswerJson.Utf8.GetString(bytes.Array!, bytes.Offset, bytes.Count));
        }

        private static ArraySegment<byte> WithoutByteOrderMark(ArraySegment<byte> body)
        {
            var array = body.Array;
            return array is not null && body.Count >= 3 && array[body.Offset] == 0xEF && array[body.Offset + 1] == 0xBB && array[body.Offset + 2] == 0xBF
                ? new ArraySegment<byte>(array, body.Offset + 3, body.Count - 3)
                : body;
        }

        /// <summary>
        /// The answer a lost attempt would have carried, rebuilt from the operation Toloka lists for it
        /// (<see cref="TolokaLostAnswers"/>); parsed the careful way, as a body that may hold the token.
        /// </summary>
        internal static TolokaAnswer Recovered(HttpResponseMessage response, TolokaRequestDescription description, int attempt, ArraySegment<byte> json, TolokaToken token) =>
            new TolokaAnswer(response, description, attempt, json, mayHoldToken: true, token);

        /// <summary>A 204: nothing was read, and the response keeps its network content.</summary>
        internal static TolokaAnswer NoContent(HttpResponseMessage response, TolokaAttempt attempt, TolokaToken token) =>
            new TolokaAnswer(response, attempt, default, mayHoldToken: false, token);

        public void Dispose() => Response.Dispose();
    }
}

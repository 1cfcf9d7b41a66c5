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
        private readonly TolokaBody _body;
        private string? _text;

        internal TolokaAnswer(HttpResponseMessage response, TolokaAttempt attempt, TolokaBody body, bool mayHoldToken, TolokaToken token)
            : this(response, attempt.Description, attempt.Number, body, mayHoldToken, token)
        {
        }

        private TolokaAnswer(HttpResponseMessage response, TolokaRequestDescription description, int attempt, TolokaBody body, bool mayHoldToken, TolokaToken token)
        {
            Response = response;
            Description = description;
            Attempt = attempt;
            _body = body;
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

        /// <summary>The body's bytes after any UTF-8 byte order mark; empty for a 204. Given back to the pool when the answer is disposed.</summary>
        internal TolokaBody Body => _body;

        /// <summary>
        /// False only when the bytes hold neither the token nor a JSON escape, so no string the parser
        /// decodes can hold it and the body can be bound without masking.
        /// </summary>
        internal bool MayHoldToken { get; }

        /// <summary>The body as UTF-8 text (invalid sequences as U+FFFD), the token masked.</summary>
        internal string Text => _text ??= _body.Decode(Token);

        /// <summary>The answer's headers and its content's headers, the token masked in names and values.</summary>
        internal IReadOnlyDictionary<string, IEnumerable<string>> RedactedHeaders() => Token.Redact(TolokaErrorDetails.CopyHeaders(Response));

        /// <summary>
        /// Parses the body (see <see cref="TolokaAnswerJson"/>); any failure is a typed
        /// <see cref="TolokaErrorKind.InvalidResponse"/> of this call. Default for an empty body.
        /// </summary>
        internal T? Read<T>(JsonSerializerSettings settings) => TolokaAnswerJson.Read<T>(this, settings);

        /// <summary>The exception for this 2xx when the client cannot use it (see <see cref="TolokaFailures.InvalidAnswer"/>).</summary>
        internal TolokaApiException Invalid(string problem, Exception? cause = null) => TolokaFailures.InvalidAnswer(this, problem, cause);

        /// <summary>A 2xx with the <paramref name="body"/> the pipeline read, which the answer now owns.</summary>
        internal static TolokaAnswer Of(HttpResponseMessage response, TolokaAttempt attempt, TolokaBody body, TolokaToken token, byte[] tokenUtf8) =>
            new TolokaAnswer(response, attempt, body, body.MayHoldToken(tokenUtf8), token);

        /// <summary>
        /// The answer a lost attempt would have carried, rebuilt from the operation Toloka lists for it
        /// (<see cref="TolokaLostAnswers"/>); parsed the careful way, as a body that may hold the token.
        /// </summary>
        internal static TolokaAnswer Recovered(HttpResponseMessage response, TolokaRequestDescription description, int attempt, byte[] json, TolokaToken token) =>
            new TolokaAnswer(response, description, attempt, TolokaBody.Of(json), mayHoldToken: true, token);

        /// <summary>A 204: nothing was read, and the response keeps its network content.</summary>
        internal static TolokaAnswer NoContent(HttpResponseMessage response, TolokaAttempt attempt, TolokaToken token) =>
            new TolokaAnswer(response, attempt, TolokaBody.Empty, mayHoldToken: false, token);

        public void Dispose()
        {
            Response.Dispose();
            _body.Dispose();
        }
    }
}

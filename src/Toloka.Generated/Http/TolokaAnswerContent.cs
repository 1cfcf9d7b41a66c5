using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// A 2xx body as the pipeline read it: bounded by <see cref="TolokaClientOptions.MaxResponseBytes"/>,
    /// kept as the bytes that arrived. It replaces the network content, so the generated code parses
    /// what the pipeline read and knows which operation and attempt it belongs to; the text (decoded
    /// as UTF-8 whatever the charset claimed, the token masked) and the masked headers are built only
    /// when something asks for them, which on the success path nothing does.
    /// </summary>
    internal sealed class TolokaAnswerContent : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly int _start;
        private readonly int _length;
        private readonly HttpContent? _network;
        private string? _text;

        internal TolokaAnswerContent(
            byte[] bytes,
            int start,
            int length,
            bool mayHoldToken,
            string operationId,
            int attempt,
            HttpContent? network,
            TolokaToken token)
        {
            _bytes = bytes;
            _start = start;
            _length = length;
            MayHoldToken = mayHoldToken;
            OperationId = operationId;
            Attempt = attempt;
            _network = network;
            Token = token;
        }

        /// <summary>The body's bytes after any UTF-8 byte order mark.</summary>
        internal ArraySegment<byte> Bytes => new ArraySegment<byte>(_bytes, _start, _length);

        /// <summary>
        /// False only when the bytes hold neither the token nor a JSON escape, so no string the parser
        /// decodes can hold it and the body can be bound without masking.
        /// </summary>
        internal bool MayHoldToken { get; }

        /// <summary>The body as UTF-8 text (invalid sequences as U+FFFD), the token masked.</summary>
        internal string Text => _text ??= Token.Redact(TolokaHttpPipeline.Utf8.GetString(_bytes, _start, _length));

        internal string OperationId { get; }

        internal int Attempt { get; }

        internal TolokaToken Token { get; }

        /// <summary>The answer's headers and its network content's headers, the token masked in names and values.</summary>
        internal IReadOnlyDictionary<string, IEnumerable<string>> RedactedHeaders(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers)
            {
                headers[header.Key] = header.Value.ToArray();
            }

            if (_network is not null)
            {
                foreach (var header in _network.Headers)
                {
                    headers[header.Key] = header.Value.ToArray();
                }
            }

            return Token.Redact(headers);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(Text);
            return stream.WriteAsync(bytes, 0, bytes.Length);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = System.Text.Encoding.UTF8.GetByteCount(Text);
            return true;
        }
    }
}

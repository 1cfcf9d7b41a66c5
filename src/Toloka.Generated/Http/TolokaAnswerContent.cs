using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// A 2xx body as the pipeline read it: bounded by <see cref="TolokaClientOptions.MaxResponseBytes"/>,
    /// decoded as UTF-8 whatever the charset claimed, the token masked. It replaces the network content,
    /// so the generated code parses text that is already safe to keep in an exception, and knows which
    /// operation and attempt it belongs to.
    /// </summary>
    internal sealed class TolokaAnswerContent : HttpContent
    {
        internal TolokaAnswerContent(
            string text,
            string operationId,
            int attempt,
            IReadOnlyDictionary<string, IEnumerable<string>> headers,
            TolokaToken token)
        {
            Text = text;
            OperationId = operationId;
            Attempt = attempt;
            RedactedHeaders = headers;
            Token = token;
        }

        internal string Text { get; }

        internal string OperationId { get; }

        internal int Attempt { get; }

        internal IReadOnlyDictionary<string, IEnumerable<string>> RedactedHeaders { get; }

        internal TolokaToken Token { get; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var bytes = Encoding.UTF8.GetBytes(Text);
            return stream.WriteAsync(bytes, 0, bytes.Length);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = Encoding.UTF8.GetByteCount(Text);
            return true;
        }
    }
}

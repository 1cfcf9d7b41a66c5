using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// What the generated code put in a request, captured once (body bytes included) so that every
    /// attempt sends a fresh, identical <see cref="HttpRequestMessage"/>: a sent message cannot be
    /// sent again.
    /// </summary>
    internal sealed class TolokaRequestTemplate
    {
        private readonly HttpMethod _method;
        private readonly Uri _target;
        private readonly Version _version;
        private readonly KeyValuePair<string, string[]>[] _headers;
        private readonly byte[]? _body;
        private readonly KeyValuePair<string, string[]>[] _contentHeaders;

        private TolokaRequestTemplate(HttpMethod method, Uri target, Version version, KeyValuePair<string, string[]>[] headers, byte[]? body, KeyValuePair<string, string[]>[] contentHeaders)
        {
            _method = method;
            _target = target;
            _version = version;
            _headers = headers;
            _body = body;
            _contentHeaders = contentHeaders;
        }

        /// <param name="request">The request the generated code built.</param>
        /// <param name="target">The absolute address to send it to.</param>
        /// <param name="retrySafe">
        /// False for operations that must never be sent twice. Such a request always carries a body (empty if
        /// need be): SocketsHttpHandler silently resends a body-less request when a reused connection closes
        /// before the answer starts, and a clone must not reach Toloka twice.
        /// </param>
        internal static async Task<TolokaRequestTemplate> CaptureAsync(HttpRequestMessage request, Uri target, bool retrySafe)
        {
            var headers = request.Headers
                .Where(header => !string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
                .Select(header => new KeyValuePair<string, string[]>(header.Key, header.Value.ToArray()))
                .ToArray();
            byte[]? body = null;
            var contentHeaders = Array.Empty<KeyValuePair<string, string[]>>();
            if (request.Content is not null)
            {
                body = await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                contentHeaders = request.Content.Headers
                    .Select(header => new KeyValuePair<string, string[]>(header.Key, header.Value.ToArray()))
                    .ToArray();
            }

            if (body is null && !retrySafe)
            {
                body = Array.Empty<byte>();
            }

            return new TolokaRequestTemplate(request.Method, target, request.Version, headers, body, contentHeaders);
        }

        internal HttpRequestMessage Create()
        {
            var request = new HttpRequestMessage(_method, _target) { Version = _version };
            foreach (var header in _headers)
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (_body is not null)
            {
                var content = new ByteArrayContent(_body);
                foreach (var header in _contentHeaders)
                {
                    content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                request.Content = content;
            }

            return request;
        }
    }
}

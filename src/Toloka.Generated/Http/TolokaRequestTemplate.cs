using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace Toloka.Generated
{
    /// <summary>
    /// What the generated code put in a request, captured (body bytes included) so that every retry
    /// sends a fresh, identical <see cref="HttpRequestMessage"/>: a sent message cannot be sent again.
    /// Captured only when a first attempt failed, unless the body could not be read after sending.
    /// </summary>
    internal sealed class TolokaRequestTemplate
    {
        private readonly HttpMethod _method;
        private readonly Uri? _target;
        private readonly Version _version;
        private readonly KeyValuePair<string, string[]>[] _headers;
        private readonly byte[]? _body;
        private readonly KeyValuePair<string, string[]>[] _contentHeaders;

        private TolokaRequestTemplate(HttpMethod method, Uri? target, Version version, KeyValuePair<string, string[]>[] headers, byte[]? body, KeyValuePair<string, string[]>[] contentHeaders)
        {
            _method = method;
            _target = target;
            _version = version;
            _headers = headers;
            _body = body;
            _contentHeaders = contentHeaders;
        }

        /// <summary>
        /// True when the request's body can still be read after the first attempt sent it: none, or a
        /// buffered one (the generated code's string, byte and form bodies) on a runtime whose
        /// <see cref="HttpClient"/> does not dispose a sent request's content (.NET Framework's does).
        /// </summary>
        internal static bool CanCaptureAfterSending(HttpRequestMessage request)
        {
#if NET5_0_OR_GREATER
            return request.Content is null || request.Content is ByteArrayContent;
#else
            return request.Content is null;
#endif
        }

        /// <param name="request">The request the generated code built, its address already absolute.</param>
        /// <param name="sent">
        /// Its method, address and content as they were before the first attempt: an <see cref="HttpClient"/>
        /// that follows redirects rewrites them on the message it sent.
        /// </param>
        internal static async Task<TolokaRequestTemplate> CaptureAsync(HttpRequestMessage request, (HttpMethod Method, Uri? Target, HttpContent? Content) sent)
        {
            var headers = request.Headers
                .Where(header => !string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
                .Select(header => new KeyValuePair<string, string[]>(header.Key, header.Value.ToArray()))
                .ToArray();
            byte[]? body = null;
            var contentHeaders = Array.Empty<KeyValuePair<string, string[]>>();
            if (sent.Content is not null)
            {
                body = await sent.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                contentHeaders = sent.Content.Headers
                    .Select(header => new KeyValuePair<string, string[]>(header.Key, header.Value.ToArray()))
                    .ToArray();
            }

            return new TolokaRequestTemplate(sent.Method, sent.Target, request.Version, headers, body, contentHeaders);
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

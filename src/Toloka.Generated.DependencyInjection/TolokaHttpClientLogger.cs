using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace Toloka.Generated
{
    /// <summary>
    /// Replaces IHttpClientFactory's default logging for the Toloka client. The default handlers put
    /// request headers into the log state as they are (Microsoft.Extensions.Http 8.x also into the text),
    /// and the Authorization header is the OAuth token. This logger writes the same events under the same
    /// category, with every header value that holds the token, in text and in state alike, masked.
    /// </summary>
    internal sealed class TolokaHttpClientLogger : IHttpClientLogger
    {
        private const string Mask = "***";

        private static readonly Action<ILogger, string, string, Exception?> RequestStart = LoggerMessage.Define<string, string>(
            LogLevel.Information, new EventId(100, "RequestStart"), "Sending HTTP request {HttpMethod} {Uri}");

        private static readonly Action<ILogger, double, int, Exception?> RequestEnd = LoggerMessage.Define<double, int>(
            LogLevel.Information, new EventId(101, "RequestEnd"), "Received HTTP response headers after {ElapsedMilliseconds}ms - {StatusCode}");

        private static readonly Action<ILogger, double, string, Exception?> RequestFailed = LoggerMessage.Define<double, string>(
            LogLevel.Warning, new EventId(104, "RequestFailed"), "HTTP request failed after {ElapsedMilliseconds}ms: {Failure}");

        private static readonly Action<ILogger, string, Exception?> RequestHeaders = LoggerMessage.Define<string>(
            LogLevel.Trace, new EventId(102, "RequestHeader"), "Request Headers:{Headers}");

        private static readonly Action<ILogger, string, Exception?> ResponseHeaders = LoggerMessage.Define<string>(
            LogLevel.Trace, new EventId(103, "ResponseHeader"), "Response Headers:{Headers}");

        private readonly ILogger _logger;

        internal TolokaHttpClientLogger(ILogger logger)
        {
            _logger = logger;
        }

        public object? LogRequestStart(HttpRequestMessage request)
        {
            RequestStart(_logger, request.Method.Method, request.RequestUri?.ToString() ?? string.Empty, null);
            if (_logger.IsEnabled(LogLevel.Trace))
            {
                RequestHeaders(_logger, Format(request.Headers, request.Content?.Headers, Secret(request)), null);
            }

            return null;
        }

        public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
        {
            RequestEnd(_logger, elapsed.TotalMilliseconds, (int)response.StatusCode, null);
            if (_logger.IsEnabled(LogLevel.Trace))
            {
                // A hostile or echoing server can send the token back in a response header.
                ResponseHeaders(_logger, Format(response.Headers, response.Content?.Headers, Secret(request)), null);
            }
        }

        public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
        {
            // The exception object itself is not logged: its message could quote a header.
            RequestFailed(_logger, elapsed.TotalMilliseconds, exception.GetType().Name + ": " + Redact(exception.Message, Secret(request)), null);
        }

        private static string? Secret(HttpRequestMessage request)
        {
            if (!request.Headers.TryGetValues("Authorization", out var values))
            {
                return null;
            }

            foreach (var value in values)
            {
                var space = value.IndexOf(' ');
                var secret = space >= 0 ? value.Substring(space + 1).Trim() : value.Trim();
                if (secret.Length > 0)
                {
                    return secret;
                }
            }

            return null;
        }

        private static string Format(HttpHeaders headers, HttpHeaders? contentHeaders, string? secret)
        {
            var text = new StringBuilder();
            Append(text, headers, secret);
            if (contentHeaders is not null)
            {
                Append(text, contentHeaders, secret);
            }

            return text.ToString();
        }

        private static void Append(StringBuilder text, IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, string? secret)
        {
            foreach (var header in headers)
            {
                var name = Redact(header.Key, secret);
                var value = string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(header.Key, "Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
                    ? Mask
                    : Redact(string.Join(", ", header.Value), secret);
                text.Append(Environment.NewLine).Append(name).Append(": ").Append(value);
            }
        }

        private static string Redact(string text, string? secret) =>
            string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(text) ? text : text.Replace(secret!, Mask);

        public override string ToString() => "TolokaHttpClientLogger";
    }
}

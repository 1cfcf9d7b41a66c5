using System;
using System.Collections.Generic;
using System.Linq;

namespace Toloka.Generated
{
    /// <summary>The parts of a Toloka answer that a <see cref="TolokaApiException"/> reports.</summary>
    public sealed class TolokaErrorDetails
    {
        // Built only by TolokaFailures.Details, which decides the kind.
        internal TolokaErrorDetails(
            int statusCode,
            string? body,
            IReadOnlyDictionary<string, IEnumerable<string>> headers,
            ApiError? error,
            string? operationId,
            int attempts,
            TimeSpan? retryAfter,
            DateTimeOffset receivedAt,
            TolokaErrorKind kind,
            string? location)
        {
            Kind = kind;
            Location = location;
            StatusCode = statusCode;
            Body = body;
            Headers = headers;
            Error = error;
            OperationId = operationId;
            Attempts = attempts;
            RetryAfter = retryAfter;
            ReceivedAt = receivedAt;
            QuotaInterval = Kind == TolokaErrorKind.RateLimited ? TolokaQuota.IntervalOf(error?.Payload) : null;
        }

        /// <summary>The HTTP status code.</summary>
        public int StatusCode { get; }

        /// <summary>The raw body, or null when it was not read.</summary>
        public string? Body { get; }

        /// <summary>The response headers.</summary>
        public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

        /// <summary>Toloka's error body, when the body was one.</summary>
        public ApiError? Error { get; }

        /// <summary>The spec's operationId of the call.</summary>
        public string? OperationId { get; }

        /// <summary>How many times the request was sent.</summary>
        public int Attempts { get; }

        /// <summary>The <c>Retry-After</c> delay, when the answer had a readable one.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>When the answer arrived, by the client's <see cref="TimeProvider"/>.</summary>
        public DateTimeOffset ReceivedAt { get; }

        internal TolokaErrorKind Kind { get; }

        /// <summary>The quota a <c>429</c> names in <c>payload.interval</c>; null for any other answer, or when it names none.</summary>
        internal TolokaQuotaInterval? QuotaInterval { get; }

        /// <summary>When a rate limit resets: <c>Retry-After</c> wins; else one <see cref="QuotaInterval"/> from <see cref="ReceivedAt"/>.</summary>
        internal DateTimeOffset? QuotaResetsAt =>
            RetryAfter is { } delay ? ReceivedAt + delay
            : QuotaInterval is { } interval ? ReceivedAt + TolokaQuota.Length(interval)
            : null;

        internal string? Location { get; }

        /// <summary>Every header of <paramref name="response"/>, content headers included, as the details keep them (unmasked).</summary>
        internal static IReadOnlyDictionary<string, IEnumerable<string>> CopyHeaders(System.Net.Http.HttpResponseMessage response)
        {
            var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers)
            {
                headers[header.Key] = header.Value.ToArray();
            }

            if (response.Content is not null)
            {
                foreach (var header in response.Content.Headers)
                {
                    headers[header.Key] = header.Value.ToArray();
                }
            }

            return headers;
        }
    }
}

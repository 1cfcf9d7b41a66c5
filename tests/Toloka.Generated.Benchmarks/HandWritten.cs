using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace Toloka.Generated.Benchmarks
{
    /// <summary>An operation as someone calling Toloka by hand would declare it.</summary>
    public sealed class HandOperation
    {
        [JsonProperty("id")]
        [JsonPropertyName("id")]
        public string? Id { get; set; }

        [JsonProperty("type")]
        [JsonPropertyName("type")]
        public string? Type { get; set; }

        [JsonProperty("status")]
        [JsonPropertyName("status")]
        public string? Status { get; set; }

        [JsonProperty("submitted")]
        [JsonPropertyName("submitted")]
        public string? Submitted { get; set; }

        [JsonProperty("started")]
        [JsonPropertyName("started")]
        public string? Started { get; set; }

        [JsonProperty("finished")]
        [JsonPropertyName("finished")]
        public string? Finished { get; set; }

        [JsonProperty("progress")]
        [JsonPropertyName("progress")]
        public int? Progress { get; set; }

        [JsonProperty("parameters")]
        [JsonPropertyName("parameters")]
        public System.Collections.Generic.Dictionary<string, object>? Parameters { get; set; }

        [JsonProperty("details")]
        [JsonPropertyName("details")]
        public System.Collections.Generic.Dictionary<string, object>? Details { get; set; }
    }

    /// <summary>
    /// The same three calls written by hand on <see cref="HttpClient"/>: the baseline the generated
    /// client is compared with. It does what a careful hand-written call does (auth header, escaped
    /// ID, status check, streaming deserialization) and nothing more: no retries, pacing or typed errors.
    /// </summary>
    public sealed class HandWrittenToloka
    {
        private static readonly JsonSerializer Newtonsoft = JsonSerializer.CreateDefault();
        private readonly HttpClient _http;
        private readonly Uri _baseUri;
        private readonly string _authorization;
        private readonly bool _systemTextJson;

        public HandWrittenToloka(HttpClient http, Uri baseUri, string token, bool systemTextJson)
        {
            _http = http;
            _baseUri = baseUri;
            _authorization = "OAuth " + token;
            _systemTextJson = systemTextJson;
        }

        public Task<HandOperation?> ClonePoolAsync(string poolId, CancellationToken cancellationToken = default) =>
            SendAsync(HttpMethod.Post, "pools/" + Uri.EscapeDataString(poolId) + "/clone", cancellationToken);

        public Task<HandOperation?> ArchivePoolAsync(string poolId, CancellationToken cancellationToken = default) =>
            SendAsync(HttpMethod.Post, "pools/" + Uri.EscapeDataString(poolId) + "/archive", cancellationToken);

        public Task<HandOperation?> GetOperationAsync(string operationId, CancellationToken cancellationToken = default) =>
            SendAsync(HttpMethod.Get, "operations/" + Uri.EscapeDataString(operationId), cancellationToken);

        private async Task<HandOperation?> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(method, new Uri(_baseUri, path));
            request.Headers.TryAddWithoutValidation("Authorization", _authorization);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            if (_systemTextJson)
            {
                return await System.Text.Json.JsonSerializer.DeserializeAsync<HandOperation>(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            using var reader = new StreamReader(stream);
            using var json = new JsonTextReader(reader);
            return Newtonsoft.Deserialize<HandOperation>(json);
        }
    }
}

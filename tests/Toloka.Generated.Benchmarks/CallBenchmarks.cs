using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Toloka.Generated.Benchmarks
{
    /// <summary>
    /// One call over an in-memory handler: the generated client beside the same call written by hand
    /// with Newtonsoft.Json (the client's serializer, the baseline of each group) and with System.Text.Json.
    /// The client is measured both ways a caller can hand it a transport: the handler itself (how it
    /// sends with a handler of its own, <c>new TolokaClient(token)</c>) and an <see cref="HttpClient"/>
    /// around the same handler (<c>new TolokaClient(httpClient, token)</c>, as IHttpClientFactory gives).
    /// </summary>
    [MemoryDiagnoser]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
    [CategoriesColumn]
    public class CallBenchmarks
    {
        private HttpClient _http = null!;
        private InMemoryToloka _handler = null!;
        private TolokaClient _client = null!;
        private TolokaClient _clientOverHttpClient = null!;
        private HandWrittenToloka _newtonsoft = null!;
        private HandWrittenToloka _systemTextJson = null!;

        [GlobalSetup]
        public void Setup()
        {
            _handler = new InMemoryToloka();
            _http = new HttpClient(_handler);
            _client = Clients.Generated(_handler);
            _clientOverHttpClient = Clients.OverHttpClient(_http);
            _newtonsoft = new HandWrittenToloka(_http, Payloads.BaseUri, Payloads.Token, systemTextJson: false);
            _systemTextJson = new HandWrittenToloka(_http, Payloads.BaseUri, Payloads.Token, systemTextJson: true);
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _client.Dispose();
            _clientOverHttpClient.Dispose();
            _http.Dispose();
        }

        [Benchmark(Baseline = true), BenchmarkCategory("clone")]
        public Task<HandOperation?> Clone_by_hand_Newtonsoft() => _newtonsoft.ClonePoolAsync("1");

        [Benchmark, BenchmarkCategory("clone")]
        public Task<HandOperation?> Clone_by_hand_SystemTextJson() => _systemTextJson.ClonePoolAsync("1");

        [Benchmark, BenchmarkCategory("clone")]
        public Task<Operation> Clone_TolokaClient() => _client.ClonePoolAsync("1");

        [Benchmark, BenchmarkCategory("clone")]
        public Task<Operation> Clone_TolokaClient_over_HttpClient() => _clientOverHttpClient.ClonePoolAsync("1");

        [Benchmark(Baseline = true), BenchmarkCategory("archive-204")]
        public Task<HandOperation?> Archive_by_hand_Newtonsoft() => _newtonsoft.ArchivePoolAsync("21");

        [Benchmark, BenchmarkCategory("archive-204")]
        public Task<HandOperation?> Archive_by_hand_SystemTextJson() => _systemTextJson.ArchivePoolAsync("21");

        [Benchmark, BenchmarkCategory("archive-204")]
        public Task<Operation?> Archive_TolokaClient() => _client.ArchivePoolAsync("21");

        [Benchmark, BenchmarkCategory("archive-204")]
        public Task<Operation?> Archive_TolokaClient_over_HttpClient() => _clientOverHttpClient.ArchivePoolAsync("21");

        [Benchmark(Baseline = true), BenchmarkCategory("get-operation")]
        public Task<HandOperation?> GetOperation_by_hand_Newtonsoft() => _newtonsoft.GetOperationAsync("op-1");

        [Benchmark, BenchmarkCategory("get-operation")]
        public Task<HandOperation?> GetOperation_by_hand_SystemTextJson() => _systemTextJson.GetOperationAsync("op-1");

        [Benchmark, BenchmarkCategory("get-operation")]
        public Task<Operation> GetOperation_TolokaClient() => _client.GetOperationAsync("op-1");

        [Benchmark, BenchmarkCategory("get-operation")]
        public Task<Operation> GetOperation_TolokaClient_over_HttpClient() => _clientOverHttpClient.GetOperationAsync("op-1");
    }

    /// <summary>How every benchmark builds the generated client: defaults, except where requests go.</summary>
    public static class Clients
    {
        /// <summary>The client invoking <paramref name="handler"/> directly, as it invokes a handler of its own.</summary>
        public static TolokaClient Generated(HttpMessageHandler handler, System.Uri? baseUri = null) =>
            new(handler, Payloads.Token, Options(baseUri));

        /// <summary>The client with a handler of its own, as <c>new TolokaClient(token)</c> builds it.</summary>
        public static TolokaClient OwnHandler(System.Uri baseUri) => new(Payloads.Token, Options(baseUri));

        /// <summary>The client sending through a caller's <see cref="HttpClient"/>.</summary>
        public static TolokaClient OverHttpClient(HttpClient http, System.Uri? baseUri = null) =>
            new(http, Payloads.Token, Options(baseUri));

        private static TolokaClientOptions Options(System.Uri? baseUri) =>
            new() { Environment = TolokaEnvironment.Custom(baseUri ?? Payloads.BaseUri) };
    }
}

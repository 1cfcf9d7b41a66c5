using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Toloka.Generated.Benchmarks
{
    /// <summary>
    /// One call over an in-memory handler: the generated client beside the same call written by hand
    /// with Newtonsoft.Json (the client's serializer, the baseline of each group) and with System.Text.Json.
    /// </summary>
    [MemoryDiagnoser]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
    [CategoriesColumn]
    public class CallBenchmarks
    {
        private HttpClient _http = null!;
        private TolokaClient _client = null!;
        private HandWrittenToloka _newtonsoft = null!;
        private HandWrittenToloka _systemTextJson = null!;

        [GlobalSetup]
        public void Setup()
        {
            _http = new HttpClient(new InMemoryToloka());
            _client = Clients.Generated(_http);
            _newtonsoft = new HandWrittenToloka(_http, Payloads.BaseUri, Payloads.Token, systemTextJson: false);
            _systemTextJson = new HandWrittenToloka(_http, Payloads.BaseUri, Payloads.Token, systemTextJson: true);
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _client.Dispose();
            _http.Dispose();
        }

        [Benchmark(Baseline = true), BenchmarkCategory("clone")]
        public Task<HandOperation?> Clone_by_hand_Newtonsoft() => _newtonsoft.ClonePoolAsync("1");

        [Benchmark, BenchmarkCategory("clone")]
        public Task<HandOperation?> Clone_by_hand_SystemTextJson() => _systemTextJson.ClonePoolAsync("1");

        [Benchmark, BenchmarkCategory("clone")]
        public Task<Operation> Clone_TolokaClient() => _client.ClonePoolAsync("1");

        [Benchmark(Baseline = true), BenchmarkCategory("archive-204")]
        public Task<HandOperation?> Archive_by_hand_Newtonsoft() => _newtonsoft.ArchivePoolAsync("21");

        [Benchmark, BenchmarkCategory("archive-204")]
        public Task<HandOperation?> Archive_by_hand_SystemTextJson() => _systemTextJson.ArchivePoolAsync("21");

        [Benchmark, BenchmarkCategory("archive-204")]
        public Task<Operation?> Archive_TolokaClient() => _client.ArchivePoolAsync("21");

        [Benchmark(Baseline = true), BenchmarkCategory("get-operation")]
        public Task<HandOperation?> GetOperation_by_hand_Newtonsoft() => _newtonsoft.GetOperationAsync("op-1");

        [Benchmark, BenchmarkCategory("get-operation")]
        public Task<HandOperation?> GetOperation_by_hand_SystemTextJson() => _systemTextJson.GetOperationAsync("op-1");

        [Benchmark, BenchmarkCategory("get-operation")]
        public Task<Operation> GetOperation_TolokaClient() => _client.GetOperationAsync("op-1");
    }

    /// <summary>How every benchmark builds the generated client: defaults, except where requests go.</summary>
    public static class Clients
    {
        public static TolokaClient Generated(HttpClient http, System.Uri? baseUri = null) =>
            new(http, Payloads.Token, new TolokaClientOptions { Environment = TolokaEnvironment.Custom(baseUri ?? Payloads.BaseUri) });
    }
}

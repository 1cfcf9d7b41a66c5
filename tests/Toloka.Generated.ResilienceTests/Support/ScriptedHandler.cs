using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated.ResilienceTests.Support
{
    /// <summary>
    /// An in-memory Toloka: answers each request with what a script says, records what was asked, and
    /// never touches the network. The script sees the request as sent (to echo its Authorization header
    /// back, as a hostile server would) and how many requests came before it.
    /// </summary>
    internal sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> _answer;
        private int _count;

        public ScriptedHandler(Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> answer)
        {
            _answer = answer;
        }

        public ConcurrentQueue<string> Requests { get; } = new();

        public int Count => Volatile.Read(ref _count);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var index = Interlocked.Increment(ref _count) - 1;
            Requests.Enqueue(request.Method + " " + request.RequestUri?.AbsolutePath);
            var response = await _answer(request, index, cancellationToken).ConfigureAwait(false);
            response.RequestMessage ??= request;
            return response;
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.ResilienceTests.Faults;
using Toloka.Generated.ResilienceTests.Support;
using Toloka.Generated.TestSupport;

namespace Toloka.Generated.ResilienceTests.Attempts
{
    /// <summary>
    /// A raw-socket server counts the requests that reach it while every answer is cut short: the
    /// connection closed before the status line, after the headers, or in the middle of the body. For
    /// every transport (the client's own handler, a caller's HttpClient, a caller's handler) the
    /// server must see at most MaxAttempts requests per call, and the exception's Attempts must be
    /// that number: SocketsHttpHandler would otherwise repeat a body-less request on a new connection
    /// by itself (up to three more times) whenever a connection closed before any answer byte.
    /// </summary>
    [TestFixture]
    [Parallelizable(ParallelScope.All)]
    public sealed class AttemptCountTests
    {
        private static readonly ConcurrentDictionary<string, string> Seen = new();

        public enum Cut
        {
            BeforeStatusLine,
            AfterHeaders,
            MidBody,
        }

        public enum Transport
        {
            OwnHandler,
            CallerHttpClient,
            CallerHandler,
        }

        public static IEnumerable<TestCaseData> Cases()
        {
            foreach (var cut in Enum.GetValues<Cut>())
            {
                foreach (var transport in Enum.GetValues<Transport>())
                {
                    foreach (var maxAttempts in new[] { 1, new TolokaRetryOptions().MaxAttempts })
                    {
                        yield return new TestCaseData(cut, transport, maxAttempts);
                    }
                }
            }
        }

        [OneTimeTearDown]
        public void PrintCounts()
        {
            TestContext.Progress.WriteLine("requests that reached the server per call: "
                + string.Join("; ", Seen.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key + " -> " + s.Value)));
        }

        [TestCaseSource(nameof(Cases))]
        public async Task A_call_sends_at_most_MaxAttempts_requests_and_Attempts_counts_them(Cut cut, Transport transport, int maxAttempts)
        {
            await using var server = RawSocketServer.Start(x => Answer(x, cut));
            var options = Options(server.BaseUri, maxAttempts);
            using var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
            using var httpClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            using var client = transport switch
            {
                Transport.OwnHandler => new TolokaClient(Secret.Token, options),
                Transport.CallerHttpClient => new TolokaClient(httpClient, Secret.Token, options),
                _ => new TolokaClient(handler, Secret.Token, options),
            };

            var (archive, archiveAttempts) = await Failure(() => client.ArchivePoolAsync("1"));
            var archived = server.Count("/pools/1/archive");
            var (get, getAttempts) = await Failure(() => client.GetPoolAsync("2"));
            var got = server.Count("/pools/2");
            var (clone, cloneAttempts) = await Failure(() => client.ClonePoolAsync("3"));
            var cloned = server.Count("/pools/3/clone");
            Seen[cut + " " + transport + " MaxAttempts=" + maxAttempts] = "archive " + archived + ", get " + got + ", clone " + cloned;

            Assert.Multiple(() =>
            {
                Assert.That(archive, Is.InstanceOf<TolokaTransportException>());
                Assert.That(archived, Is.EqualTo(maxAttempts), "archive (retry-safe): requests that reached the server");
                Assert.That(archiveAttempts, Is.EqualTo(archived), "archive: Attempts");
                Assert.That(get, Is.InstanceOf<TolokaTransportException>());
                Assert.That(got, Is.EqualTo(maxAttempts), "get (retry-safe): requests that reached the server");
                Assert.That(getAttempts, Is.EqualTo(got), "get: Attempts");
                Assert.That(clone, Is.InstanceOf<TolokaTransportException>());
                Assert.That(cloned, Is.EqualTo(1), "clone (never repeated): requests that reached the server");
                Assert.That(cloneAttempts, Is.EqualTo(1), "clone: Attempts");
            });
        }

        [TestCase(1)]
        [TestCase(3)]
        public async Task Pooled_connections_closed_under_a_call_do_not_multiply_its_requests(int maxAttempts)
        {
            // Three calls answered in full leave connections in the pool; then the server closes every
            // connection, pooled ones included, as soon as a request arrives.
            var cutting = 0;
            await using var server = RawSocketServer.Start(x => Volatile.Read(ref cutting) == 0
                ? x.AnswerAsync(200, SocketFaults.NextBody)
                : Answer(x, Cut.BeforeStatusLine));
            using var client = new TolokaClient(Secret.Token, Options(server.BaseUri, maxAttempts));
            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.GetOperationAsync("op-next")));
            Assume.That(server.Connections, Is.GreaterThanOrEqualTo(1), "connections pooled");
            Volatile.Write(ref cutting, 1);

            var (failure, attempts) = await Failure(() => client.ArchivePoolAsync("1"));
            var archived = server.Count("/pools/1/archive");
            Seen["pooled MaxAttempts=" + maxAttempts] = "archive " + archived;

            Assert.Multiple(() =>
            {
                Assert.That(failure, Is.InstanceOf<TolokaTransportException>());
                Assert.That(archived, Is.EqualTo(maxAttempts), "requests that reached the server");
                Assert.That(attempts, Is.EqualTo(archived), "Attempts");
            });
        }

        private static TolokaClientOptions Options(Uri baseUri, int maxAttempts) => new()
        {
            Environment = TolokaEnvironment.Custom(baseUri),
            NetworkTimeout = TimeSpan.FromSeconds(10),
            Retry = new TolokaRetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, TotalBudget = TimeSpan.FromSeconds(30) },

            // Counts what one call sends; the search a lost clone answer starts is pinned by LostAnswerTests.
            ResolveLostAnswers = false,
        };

        private static async Task Answer(RawExchange exchange, Cut cut)
        {
            const string Head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
            switch (cut)
            {
                case Cut.AfterHeaders:
                    await exchange.WriteAsync(Head + "Content-Length: 500\r\n\r\n");
                    break;
                case Cut.MidBody:
                    await exchange.WriteAsync(Head + "Content-Length: 500\r\n\r\n{\"id\":\"");
                    break;
            }

            exchange.Close();
        }

        private static async Task<(Exception? Failure, int Attempts)> Failure(Func<Task> call)
        {
            try
            {
                await call();
                return (null, 0);
            }
            catch (TolokaTransportException transport)
            {
                return (transport, transport.Attempts);
            }
            catch (TolokaApiException answer)
            {
                return (answer, answer.Attempts);
            }
        }
    }
}

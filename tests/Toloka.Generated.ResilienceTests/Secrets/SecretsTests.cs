using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FsCheck.Fluent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using Toloka.Generated.ResilienceTests.Faults;
using Toloka.Generated.ResilienceTests.Fuzz;
using Toloka.Generated.ResilienceTests.Support;

namespace Toloka.Generated.ResilienceTests.Secrets
{
    /// <summary>
    /// The token, sent by a client built through <c>AddTolokaClient</c> with a real logger at Trace,
    /// appears zero times in every message, ToString(), header collection, Response text and log line
    /// (formatted text and structured state alike), across an echoing server, every socket fault and
    /// a sample of the fuzz suite's answers; and in no activity (name, status, tag, event) of the
    /// Toloka.Generated source, no tag of a Toloka.Generated metric, and no log line of the client's own.
    /// </summary>
    [TestFixture]
    [Parallelizable(ParallelScope.Self)]
    public sealed class SecretsTests
    {
        private const string Suite = "secrets";
        private const int FuzzSample = 400;

        // Every activity and measurement of the package while this fixture runs (other suites' too: a leak there is a leak).
        private readonly ConcurrentQueue<(string Origin, string Text)> _telemetry = new();
        private ActivityListener? _activities;
        private MeterListener? _meters;
        private int _activityCount;

        [OneTimeSetUp]
        public void ListenToTelemetry()
        {
            _activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == TolokaDiagnostics.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = Keep,
            };
            ActivitySource.AddActivityListener(_activities);
            _meters = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == TolokaDiagnostics.MeterName)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Keep(instrument, tags));
            _meters.SetMeasurementEventCallback<int>((instrument, _, tags, _) => Keep(instrument, tags));
            _meters.Start();
        }

        [OneTimeTearDown]
        public void StopListening()
        {
            _activities?.Dispose();
            _meters?.Dispose();
        }

        [OneTimeTearDown]
        public void PrintCounts()
        {
            TestContext.Progress.WriteLine(
                "secrets: " + (Secret.ScannedPerSuite.TryGetValue(Suite, out var own) ? own : 0) + " strings scanned by this suite, "
                + Secret.Scanned + " by all suites so far (" + string.Join(", ", Secret.ScannedPerSuite.Select(s => s.Key + " " + s.Value)) + "); token found "
                + Secret.LeakReports.Count + " times");
        }

        [Test]
        public async Task Echoing_server_never_gets_the_token_into_exceptions_values_or_logs()
        {
            await using var server = RawSocketServer.Start(EchoAsync);
            var logs = new CapturingLoggerProvider();
            using var provider = BuildProvider(logs, server.BaseUri, services => { });
            var client = provider.GetRequiredService<ITolokaClient>();

            var outcomes = new List<string>();
            foreach (var scenario in new[] { "ok", "error400", "unauthorized401", "html200", "undeclared201", "wrongtype", "truncated", "redirect", "rate429", "resetmid", "stall" })
            {
                var (value, failure) = await Outcome.Of(() => client.ClonePoolAsync(scenario));
                outcomes.Add(scenario + " -> " + (failure?.GetType().Name ?? "value"));
                ScanOutcome(scenario, failure);
            }

            var (_, failed) = await Outcome.Of(() => client.WaitForCompletionAsync("op-fail"));
            outcomes.Add("fail -> " + failed?.GetType().Name);
            ScanOutcome("FAIL operation", failed);
            Assert.That(failed, Is.TypeOf<TolokaOperationFailedException>());

            Secret.Scan(Suite, "client.ToString()", client.ToString());
            Secret.Scan(Suite, "TolokaClientOptions.ToString()", provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TolokaClientOptions>>().Value.ToString());
            var logHits = ScanLogs(logs);
            TestContext.Progress.WriteLine("secrets: echo server: " + string.Join(", ", outcomes) + "; " + logs.Records.Count + " log records");

            Assert.Multiple(() =>
            {
                Assert.That(server.Received.Select(r => r.Header("Authorization")), Has.All.EqualTo(Secret.HeaderValue), "the token was really sent (and echoed)");
                Assert.That(logs.Records.Count(r => r.Level == LogLevel.Trace && r.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal)), Is.Positive, "the factory's handlers logged at Trace");
                Assert.That(logHits, Is.Zero, "token in the logs");
                Assert.That(ScanTelemetry(), Is.Zero, "token in activities or metric tags");
                Assert.That(Leaks(), Is.Empty);
            });
        }

        [Test]
        public async Task Socket_faults_through_AddTolokaClient_never_get_the_token_into_exceptions_or_logs()
        {
            var logs = new CapturingLoggerProvider();
            var names = SocketFaults.All(() => 0).Select(f => f.Name).Where(n => !n.StartsWith("huge", StringComparison.Ordinal)).ToArray();
            await Task.WhenAll(names.Select(async name =>
            {
                await using var location = RawSocketServer.Start(x => x.AnswerAsync(200, SocketFaults.CloneBody));
                var fault = SocketFaults.All(() => location.Port).Single(f => f.Name == name);
                await using var server = RawSocketServer.Start(async x =>
                {
                    if (x.Request.Path.EndsWith("/clone", StringComparison.Ordinal))
                    {
                        await fault.Answer(x);
                    }
                    else
                    {
                        await x.AnswerAsync(200, SocketFaults.NextBody, "application/json", "X-Echo: " + x.Request.Header("Authorization") + "\r\n");
                    }
                });
                using var provider = BuildProvider(logs, server.BaseUri, services => { });
                var client = provider.GetRequiredService<ITolokaClient>();
                var (_, failure) = await Outcome.Of(() => client.ClonePoolAsync("1"));
                ScanOutcome(name, failure);
                var (_, next) = await Outcome.Of(() => client.GetOperationAsync("op-next"));
                ScanOutcome(name + " next", next);
            }));

            var logHits = ScanLogs(logs);
            TestContext.Progress.WriteLine("secrets: " + names.Length + " socket faults through AddTolokaClient, " + logs.Records.Count + " log records");
            Assert.That(logHits, Is.Zero, "token in the logs");
            Assert.That(ScanTelemetry(), Is.Zero, "token in activities or metric tags");
            Assert.That(Leaks(), Is.Empty);
        }

        [Test]
        public void Fuzzed_answers_through_AddTolokaClient_never_get_the_token_into_exceptions_or_logs()
        {
            var logs = new CapturingLoggerProvider();
            var problems = new List<string>();
            var tried = 0;
            foreach (var call in Enum.GetValues<FuzzedCall>())
            {
                foreach (var hostile in Gen.Sample(HostileAnswers.CaseGen(call), 30, FuzzSample / 4))
                {
                    var clock = new SteppingClock();
                    var handler = new ScriptedHandler((request, index, cancellationToken) => FuzzRun.AnswerAsync(hostile, request, index, clock, cancellationToken));
                    using var provider = BuildProvider(logs, new Uri("http://127.0.0.1:1/api/v1/"), services =>
                    {
                        services.AddSingleton<TimeProvider>(clock);
                    }, handler);
                    var client = provider.GetRequiredService<ITolokaClient>();
                    var problem = FuzzRun.Judge(hostile, client, handler, clock, Suite);
                    tried++;
                    // This suite judges secrets; the status rules and wedged simulated clocks are the fuzz suite's to report.
                    if (problem is not null && !problem.StartsWith("HTTP", StringComparison.Ordinal) && !problem.StartsWith("a ", StringComparison.Ordinal) && !problem.StartsWith(SteppingClock.Wedged, StringComparison.Ordinal))
                    {
                        problems.Add(problem + "\n  CASE " + hostile);
                    }
                }
            }

            var logHits = ScanLogs(logs);
            TestContext.Progress.WriteLine("secrets: " + tried + " fuzzed answers through AddTolokaClient, " + logs.Records.Count + " log records");
            Assert.That(problems, Is.Empty);
            Assert.That(logHits, Is.Zero, "token in the logs");
            Assert.That(ScanTelemetry(), Is.Zero, "token in activities or metric tags");
            Assert.That(Leaks(), Is.Empty);
        }

        [Test]
        public async Task Echoing_server_never_gets_the_token_into_activities_metrics_or_the_clients_own_log_lines()
        {
            await using var server = RawSocketServer.Start(EchoAsync);
            var logs = new CapturingLoggerProvider();
            using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
            var options = new TolokaClientOptions
            {
                Environment = TolokaEnvironment.Custom(server.BaseUri),
                NetworkTimeout = SocketFaultTests.NetworkTimeout,
                LoggerFactory = loggers,
                Retry = new TolokaRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(50), TotalBudget = TimeSpan.FromSeconds(20) },
                Polling = new TolokaPollingOptions { InitialInterval = TimeSpan.FromMilliseconds(10), MaxInterval = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromSeconds(5) },
            };
            using var client = new TolokaClient(Secret.Token, options);
            var seenBefore = Volatile.Read(ref _activityCount);

            foreach (var scenario in new[] { "ok", "error400", "unauthorized401", "wrongtype", "truncated", "redirect", "rate429", "resetmid" })
            {
                var (_, failure) = await Outcome.Of(() => client.ClonePoolAsync(scenario));
                ScanOutcome("telemetry " + scenario, failure);
            }

            // The token as an ID the caller passes: it reaches url.full, escaped, and must be masked there.
            var (_, asId) = await Outcome.Of(() => client.GetPoolAsync(Secret.Token));
            ScanOutcome("telemetry token as ID", asId);
            var (_, failed) = await Outcome.Of(() => client.WaitForCompletionAsync("op-fail"));
            ScanOutcome("telemetry FAIL operation", failed);

            var logHits = ScanLogs(logs);
            var telemetryHits = ScanTelemetry();
            TestContext.Progress.WriteLine("secrets: telemetry: " + (Volatile.Read(ref _activityCount) - seenBefore) + " activities, " + logs.Records.Count + " client log records");
            Assert.Multiple(() =>
            {
                Assert.That(Volatile.Read(ref _activityCount) - seenBefore, Is.GreaterThanOrEqualTo(11), "every call and the wait were traced");
                Assert.That(logs.Records.Count(r => r.Category.StartsWith(TolokaDiagnostics.LogCategoryPrefix + ".", StringComparison.Ordinal)), Is.Positive, "the client logged through its LoggerFactory");
                Assert.That(logHits, Is.Zero, "token in the client's log lines");
                Assert.That(telemetryHits, Is.Zero, "token in activities or metric tags");
                Assert.That(Leaks(), Is.Empty);
            });
        }

        private void Keep(Activity activity)
        {
            Interlocked.Increment(ref _activityCount);
            var origin = "activity " + activity.OperationName;
            _telemetry.Enqueue((origin + " name", activity.OperationName + " " + activity.DisplayName));
            _telemetry.Enqueue((origin + " status", activity.StatusDescription ?? string.Empty));
            foreach (var tag in activity.TagObjects)
            {
                _telemetry.Enqueue((origin + " tag " + tag.Key, tag.Key + "=" + tag.Value));
            }

            foreach (var activityEvent in activity.Events)
            {
                _telemetry.Enqueue((origin + " event", activityEvent.Name));
                foreach (var tag in activityEvent.Tags)
                {
                    _telemetry.Enqueue((origin + " event " + activityEvent.Name + " tag " + tag.Key, tag.Key + "=" + tag.Value));
                }
            }
        }

        private void Keep(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                _telemetry.Enqueue(("metric " + instrument.Name + " tag " + tag.Key, tag.Key + "=" + tag.Value));
            }
        }

        /// <summary>Scans what the listeners kept since the last scan.</summary>
        private int ScanTelemetry()
        {
            var hits = 0;
            while (_telemetry.TryDequeue(out var item))
            {
                hits += Secret.Scan(Suite, item.Origin, item.Text) + Secret.Scan(Suite, item.Origin + " unescaped", Uri.UnescapeDataString(item.Text));
            }

            return hits;
        }

        private static ServiceProvider BuildProvider(CapturingLoggerProvider logs, Uri baseUri, Action<IServiceCollection> more, HttpMessageHandler? primary = null)
        {
            var services = new ServiceCollection();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
            more(services);
            var builder = services.AddTolokaClient(Secret.Token, o =>
            {
                o.Environment = TolokaEnvironment.Custom(baseUri);
                o.NetworkTimeout = primary is null ? SocketFaultTests.NetworkTimeout : FuzzRun.NetworkTimeout;
                o.Retry.MaxAttempts = 3;
                o.Retry.BaseDelay = primary is null ? TimeSpan.FromMilliseconds(20) : TimeSpan.FromSeconds(1);
                o.Retry.MaxDelay = primary is null ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromSeconds(4);
                o.Retry.TotalBudget = TimeSpan.FromSeconds(20);
                o.Polling.InitialInterval = primary is null ? TimeSpan.FromMilliseconds(10) : TimeSpan.FromSeconds(1);
                o.Polling.MaxInterval = primary is null ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromSeconds(8);
                o.Polling.Timeout = primary is null ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(60);
            });
            if (primary is not null)
            {
                builder.ConfigurePrimaryHttpMessageHandler(() => primary);
            }

            return services.BuildServiceProvider();
        }

        private static void ScanOutcome(string origin, Exception? failure)
        {
            if (failure is not null)
            {
                Secret.ScanException(Suite, origin, failure);
            }
        }

        private static int ScanLogs(CapturingLoggerProvider logs) =>
            logs.Strings().Sum(s => Secret.Scan(Suite, "log " + s.Origin, s.Text));

        private static string[] Leaks() =>
            Secret.LeakReports.Where(l => l.StartsWith(Suite + ":", StringComparison.Ordinal)).ToArray();

        /// <summary>An echoing server: the request's Authorization header comes back in headers, bodies and messages.</summary>
        private static async Task EchoAsync(RawExchange x)
        {
            var auth = x.Request.Header("Authorization") ?? string.Empty;
            var echo = "X-Echo: " + auth + "\r\nSet-Cookie: s=" + auth + "\r\nWWW-Authenticate: " + auth + "\r\n";
            var path = x.Request.Path;
            string Scenario(string name) => "/pools/" + name + "/clone";
            if (path.EndsWith("/operations/op-fail", StringComparison.Ordinal))
            {
                await x.AnswerAsync(200, "{\"id\":\"op-fail\",\"type\":\"POOL.CLONE\",\"status\":\"FAIL\",\"submitted\":\"2016-04-07T16:06:15.902\",\"details\":{\"reason\":\"rejected " + auth + "\",\"message\":\"" + auth + "\"}}", "application/json", echo);
            }
            else if (path.EndsWith(Scenario("ok"), StringComparison.Ordinal))
            {
                await x.AnswerAsync(202, "{\"id\":\"op-ok\",\"type\":\"POOL.CLONE\",\"status\":\"PENDING\",\"submitted\":\"2016-04-07T16:06:15.902\",\"details\":{\"note\":\"" + auth + "\"}}", "application/json", echo);
            }
            else if (path.EndsWith(Scenario("error400"), StringComparison.Ordinal))
            {
                await x.AnswerAsync(400, "{\"code\":\"VALIDATION_ERROR\",\"message\":\"bad header " + auth + "\",\"request_id\":\"" + auth + "\",\"payload\":{\"authorization\":\"" + auth + "\"}}", "application/json", echo);
            }
            else if (path.EndsWith(Scenario("unauthorized401"), StringComparison.Ordinal))
            {
                await x.AnswerAsync(401, "{\"code\":\"ACCESS_DENIED\",\"message\":\"token " + auth + " revoked\",\"request_id\":\"r\"}", "application/json", echo);
            }
            else if (path.EndsWith(Scenario("html200"), StringComparison.Ordinal))
            {
                await x.AnswerAsync(200, "<html><body>Signed in as " + auth + "</body></html>", "text/html", echo);
            }
            else if (path.EndsWith(Scenario("undeclared201"), StringComparison.Ordinal))
            {
                await x.AnswerAsync(201, "{\"echo\":\"" + auth + "\"}", "application/json", echo);
            }
            else if (path.EndsWith(Scenario("wrongtype"), StringComparison.Ordinal))
            {
                await x.AnswerAsync(202, "{\"id\":\"op\",\"status\":\"RUNNING\",\"progress\":\"" + auth + "\",\"submitted\":\"" + auth + "\"}", "application/json", echo);
            }
            else if (path.EndsWith(Scenario("truncated"), StringComparison.Ordinal))
            {
                await x.AnswerAsync(202, "{\"id\":\"" + auth + "\",\"status\":\"RUN", "application/json", echo);
            }
            else if (path.EndsWith(Scenario("redirect"), StringComparison.Ordinal))
            {
                await x.AnswerAsync(302, string.Empty, string.Empty, "Location: http://127.0.0.1:1/login?t=" + Uri.EscapeDataString(auth) + "\r\n" + echo);
            }
            else if (path.EndsWith(Scenario("rate429"), StringComparison.Ordinal))
            {
                await x.AnswerAsync(429, "{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"slow down " + auth + "\",\"request_id\":\"r\"}", "application/json", "Retry-After: 0\r\n" + echo);
            }
            else if (path.EndsWith(Scenario("resetmid"), StringComparison.Ordinal))
            {
                await x.WriteAsync("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\n" + echo + "Content-Length: 400\r\n\r\n{\"id\":\"" + auth);
                await Task.Delay(50);
                x.Reset();
            }
            else if (path.EndsWith(Scenario("stall"), StringComparison.Ordinal))
            {
                await x.WriteAsync("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\n" + echo + "Content-Length: 400\r\n\r\n{\"id\":\"" + auth);
                await x.HoldAsync();
            }
            else
            {
                await x.AnswerAsync(404, "{\"code\":\"DOES_NOT_EXIST\",\"message\":\"no " + path + " for " + auth + "\",\"request_id\":\"r\"}", "application/json", echo);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>
    /// What an OpenTelemetry or logging setup sees of a call: the activities with their HTTP and Toloka
    /// attributes, the toloka.client.* metrics, the log lines, the User-Agent; nothing when nobody
    /// listens; never the token.
    /// </summary>
    [NonParallelizable]
    public class ObservabilityTests
    {
        private const string Pending = "{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":\"PENDING\"}";
        private const string Running = "{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":\"RUNNING\",\"progress\":50}";
        private const string Succeeded = "{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":\"SUCCESS\",\"progress\":100,\"details\":{\"pool_id\":\"22\"}}";
        private const string Failed = "{\"id\":\"op-1\",\"type\":\"POOL.CLONE\",\"status\":\"FAIL\"}";

        private FakeTimeProvider _time = null!;

        [SetUp]
        public void StartClock() => _time = SimulatedTime.NewClock();

        private TolokaClientOptions Options(ILoggerFactory? logs = null) => new()
        {
            TimeProvider = _time,
            NetworkTimeout = Timeout.InfiniteTimeSpan,
            Retry = new TolokaRetryOptions { UseJitter = false },
            LoggerFactory = logs,
        };

        private static ScriptedToloka CloneWithA503AndA429() => new ScriptedToloka()
            .Answer(HttpStatusCode.ServiceUnavailable, "{\"code\":\"REMOTE_SERVICE_UNAVAILABLE\",\"message\":\"busy\"}", ("Retry-After", "2"))
            .Answer((HttpStatusCode)429, "{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"slow down\"}", ("Retry-After", "5"))
            .Answer(HttpStatusCode.Accepted, Pending)
            .Answer(HttpStatusCode.OK, Running)
            .Answer(HttpStatusCode.OK, Succeeded);

        [Test]
        public async Task Clone_and_wait_is_one_call_activity_with_an_event_per_attempt_and_a_wait_activity_with_an_event_per_poll()
        {
            using var capture = new ObservabilityCapture();
            var toloka = CloneWithA503AndA429();
            using var client = new TolokaClient(new HttpClient(toloka), Samples.Token, Options());

            var clone = await _time.RunAsync(client.ClonePoolAndWaitAsync("21"), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5));

            Assert.That(clone.NewId, Is.EqualTo("22"));
            var call = capture.Single("clonePool");
            Assert.That(call.Kind, Is.EqualTo(ActivityKind.Client));
            Assert.That(call.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(call.GetTagItem("http.request.method"), Is.EqualTo("POST"));
            Assert.That(call.GetTagItem("server.address"), Is.EqualTo("toloka.dev"));
            Assert.That(call.GetTagItem("server.port"), Is.EqualTo(443));
            Assert.That(call.GetTagItem("url.full"), Is.EqualTo("https://toloka.dev/api/v1/pools/21/clone"));
            Assert.That(call.GetTagItem("toloka.operation"), Is.EqualTo("clonePool"));
            Assert.That(call.GetTagItem("toloka.attempts"), Is.EqualTo(3));
            Assert.That(call.GetTagItem("http.request.resend_count"), Is.EqualTo(2));
            Assert.That(call.GetTagItem("http.response.status_code"), Is.EqualTo(202));
            Assert.That(call.GetTagItem("toloka.operation_id"), Is.EqualTo("op-1"));
            Assert.That(call.GetTagItem("toloka.operation.status"), Is.EqualTo("PENDING"));
            Assert.That(call.GetTagItem("error.type"), Is.Null);

            var attempts = call.Events.Where(e => e.Name == "toloka.attempt").ToList();
            Assert.That(attempts.Select(e => Tag(e, "toloka.attempt")), Is.EqualTo(new object[] { 1, 2, 3 }));
            Assert.That(attempts.Select(e => Tag(e, "http.response.status_code")), Is.EqualTo(new object[] { 503, 429, 202 }));
            Assert.That(attempts.Select(e => Tag(e, "error.type")), Is.EqualTo(new object?[] { "503", "429", null }));
            Assert.That(attempts.Select(e => Tag(e, "toloka.retry.delay")), Is.EqualTo(new object?[] { 2.0, 5.0, null }));

            var wait = capture.Single("waitForCompletion");
            Assert.That(wait.GetTagItem("toloka.operation_id"), Is.EqualTo("op-1"));
            Assert.That(wait.GetTagItem("toloka.operation.type"), Is.EqualTo("POOL.CLONE"));
            Assert.That(wait.GetTagItem("toloka.operation.status"), Is.EqualTo("SUCCESS"));
            Assert.That(wait.GetTagItem("toloka.polls"), Is.EqualTo(2));
            var polls = wait.Events.Where(e => e.Name == "toloka.poll").ToList();
            Assert.That(polls.Select(e => Tag(e, "toloka.poll")), Is.EqualTo(new object[] { 1, 2 }));
            Assert.That(polls.Select(e => Tag(e, "toloka.operation.status")), Is.EqualTo(new object[] { "RUNNING", "SUCCESS" }));
            Assert.That(polls.Select(e => Tag(e, "toloka.operation.progress")), Is.EqualTo(new object[] { 50, 100 }));

            var pollCalls = capture.Activities.Where(a => a.OperationName == "getOperation").ToList();
            Assert.That(pollCalls, Has.Count.EqualTo(2));
            Assert.That(pollCalls.Select(a => a.ParentSpanId), Is.All.EqualTo(wait.SpanId), "each poll's call is a child of the wait");
            Assert.That(pollCalls.Select(a => a.GetTagItem("url.full")), Is.All.EqualTo("https://toloka.dev/api/v1/operations/op-1"));
            Assert.That(pollCalls.Select(a => a.GetTagItem("http.request.method")), Is.All.EqualTo("GET"));

            var flow = capture.Single("startAndWait");
            Assert.That(flow.DisplayName, Is.EqualTo("clonePoolAndWait"));
            Assert.That(flow.GetTagItem("toloka.operation"), Is.EqualTo("clonePool"));
            Assert.That(new[] { call.ParentSpanId, wait.ParentSpanId }, Is.All.EqualTo(flow.SpanId), "the clone and the wait are one flow's children");
            Assert.That(flow.Status, Is.EqualTo(ActivityStatusCode.Unset));

            // The HTTP handler ran inside the call's activity, so HttpClient's own spans nest under it.
            Assert.That(toloka.CurrentActivities.Take(3).Select(a => a?.OperationName), Is.All.EqualTo("clonePool"));
        }

        [Test]
        public async Task Clone_and_wait_records_duration_attempts_rate_limit_wait_and_polls_with_their_tags()
        {
            using var capture = new ObservabilityCapture();
            using var client = new TolokaClient(new HttpClient(CloneWithA503AndA429()), Samples.Token, Options());

            await _time.RunAsync(client.ClonePoolAndWaitAsync("21"), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5));

            var durations = capture.Of("toloka.client.call.duration");
            Assert.That(durations.Select(m => m.Tags["toloka.operation"]), Is.EqualTo(new[] { "clonePool", "getOperation", "getOperation" }));
            Assert.That(durations.Select(m => m.Unit), Is.All.EqualTo("s"));
            var cloneDuration = durations[0];
            Assert.That(cloneDuration.Value, Is.EqualTo(7.0).Within(0.001), "2 s after the 503 and 5 s after the 429, in simulated time");
            Assert.That(cloneDuration.Tags["http.response.status_code"], Is.EqualTo(202));
            Assert.That(cloneDuration.Tags.ContainsKey("error.type"), Is.False);

            var attempts = capture.Of("toloka.client.call.attempts");
            Assert.That(attempts.Select(m => m.Value), Is.EqualTo(new[] { 3.0, 1.0, 1.0 }));
            Assert.That(attempts[0].Unit, Is.EqualTo("{attempt}"));

            var rateLimitWaits = capture.Of("toloka.client.rate_limit.wait.duration");
            Assert.That(rateLimitWaits, Has.Count.EqualTo(1), "one 429, one wait (the 503 is a retry, not a rate limit)");
            Assert.That(rateLimitWaits[0].Value, Is.EqualTo(5.0));
            Assert.That(rateLimitWaits[0].Tags["toloka.operation"], Is.EqualTo("clonePool"));

            var polls = capture.Of("toloka.client.operation.polls").Single();
            Assert.That(polls.Value, Is.EqualTo(2.0));
            Assert.That(polls.Unit, Is.EqualTo("{poll}"));
            Assert.That(polls.Tags["toloka.operation.type"], Is.EqualTo("POOL.CLONE"));
            Assert.That(polls.Tags["toloka.operation.status"], Is.EqualTo("SUCCESS"));
            Assert.That(capture.Of("toloka.client.operation.wait.duration").Single().Value, Is.GreaterThan(0));
        }

        [Test]
        public async Task Clone_and_wait_logs_each_retry_with_its_reason_and_delay_the_rate_limit_the_polls_and_the_end()
        {
            using var capture = new ObservabilityCapture(activities: false, metrics: false);
            using var client = new TolokaClient(new HttpClient(CloneWithA503AndA429()), Samples.Token, Options(capture.LoggerFactory));

            await _time.RunAsync(client.ClonePoolAndWaitAsync("21"), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5));

            var entries = capture.Logs.Records.ToList();
            Assert.That(entries.Select(e => e.Category), Is.All.StartWith("Toloka.Generated."));
            var retries = entries.Where(e => e.EventId.Name == "RetryScheduled").ToList();
            Assert.That(retries.Select(e => e.EventId.Id), Is.All.EqualTo(1));
            Assert.That(retries.Select(e => e["Reason"]), Is.EqualTo(new[] { "HTTP 503 REMOTE_SERVICE_UNAVAILABLE", "HTTP 429 TOO_MANY_REQUESTS" }));
            Assert.That(retries.Select(e => e["Delay"]), Is.EqualTo(new object[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5) }));
            Assert.That(retries.Select(e => e["Attempt"]), Is.EqualTo(new object[] { 1, 2 }));
            Assert.That(retries.Select(e => e["MaxAttempts"]), Is.All.EqualTo(4));
            Assert.That(retries[0].Text, Is.EqualTo("Retrying clonePool in 00:00:02 after HTTP 503 REMOTE_SERVICE_UNAVAILABLE (attempt 1 of 4 failed)"));

            var rateLimited = entries.Single(e => e.EventId.Name == "RateLimited");
            Assert.That(rateLimited.EventId.Id, Is.EqualTo(2));
            Assert.That(rateLimited.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(rateLimited["Delay"], Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(rateLimited["DelaySource"], Is.EqualTo("as its Retry-After asked"));

            var polls = entries.Where(e => e.EventId.Name == "PollProgress").ToList();
            Assert.That(polls.Select(e => e.EventId.Id), Is.All.EqualTo(4));
            Assert.That(polls.Select(e => e["Status"]), Is.EqualTo(new[] { "RUNNING", "SUCCESS" }));
            Assert.That(polls.Select(e => e["Poll"]), Is.EqualTo(new object[] { 1, 2 }));
            Assert.That(polls.Select(e => e["OperationId"]), Is.All.EqualTo("op-1"));

            var finished = entries.Single(e => e.EventId.Name == "OperationFinished");
            Assert.That(finished.EventId.Id, Is.EqualTo(5));
            Assert.That(finished["Status"], Is.EqualTo("SUCCESS"));
            Assert.That(finished["Polls"], Is.EqualTo(2));
            Assert.That(finished["Elapsed"], Is.TypeOf<TimeSpan>().And.GreaterThan(TimeSpan.Zero));
        }

        [Test]
        public async Task A_paced_clone_records_its_pacing_delay_as_a_metric_an_event_and_a_log_line()
        {
            using var capture = new ObservabilityCapture();
            var toloka = new ScriptedToloka().Answer(HttpStatusCode.Accepted, Pending).Answer(HttpStatusCode.Accepted, Pending);
            var options = Options(capture.LoggerFactory);
            options.PaceRequests = true;
            using var client = new TolokaClient(new HttpClient(toloka), Samples.Token, options);

            await client.ClonePoolAsync("21");
            await _time.RunAsync(client.ClonePoolAsync("22"), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1));

            var delays = capture.Of("toloka.client.pacing.delay");
            Assert.That(delays.Select(m => m.Value), Is.EqualTo(new[] { 0.0, 3.0 }), "20 clones a minute: the second waits 3 s");
            Assert.That(delays.Select(m => m.Tags["toloka.operation"]), Is.All.EqualTo("clonePool"));
            var paced = capture.Activities.Where(a => a.OperationName == "clonePool").Last();
            var pacing = paced.Events.Single(e => e.Name == "toloka.pacing.wait");
            Assert.That(Tag(pacing, "toloka.pacing.delay"), Is.EqualTo(3.0));
            var line = capture.Logs.Records.Single(e => e.EventId.Name == "PacingWaited");
            Assert.That(line.EventId.Id, Is.EqualTo(3));
            Assert.That(line["Operation"], Is.EqualTo("clonePool"));
            Assert.That(line["Delay"], Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(line["RequestsPerMinute"], Is.EqualTo(20));
        }

        [Test]
        public void A_conflict_sets_error_status_error_type_and_tolokas_code_and_request_id()
        {
            using var capture = new ObservabilityCapture();
            var toloka = new ScriptedToloka().Answer(HttpStatusCode.Conflict, "{\"code\":\"CONFLICT_STATE\",\"message\":\"Pool is open\",\"request_id\":\"req-77\"}");
            using var client = new TolokaClient(new HttpClient(toloka), Samples.Token, Options());

            Assert.ThrowsAsync<TolokaConflictException>(() => client.ClonePoolAsync("21"));

            var call = capture.Single("clonePool");
            Assert.That(call.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(call.StatusDescription, Does.Contain("409"));
            Assert.That(call.GetTagItem("error.type"), Is.EqualTo("409"));
            Assert.That(call.GetTagItem("http.response.status_code"), Is.EqualTo(409));
            Assert.That(call.GetTagItem("toloka.error_code"), Is.EqualTo("CONFLICT_STATE"));
            Assert.That(call.GetTagItem("toloka.request_id"), Is.EqualTo("req-77"));
            Assert.That(call.GetTagItem("toloka.attempts"), Is.EqualTo(1));
            Assert.That(call.Events.Single(e => e.Name == "toloka.attempt").Tags.Single(t => t.Key == "error.type").Value, Is.EqualTo("409"));
            var duration = capture.Of("toloka.client.call.duration").Single();
            Assert.That(duration.Tags["error.type"], Is.EqualTo("409"));
            Assert.That(duration.Tags["http.response.status_code"], Is.EqualTo(409));
        }

        [Test]
        public void A_connection_that_keeps_failing_sets_the_transport_exception_as_error_type_after_every_attempt()
        {
            using var capture = new ObservabilityCapture();
            var toloka = new ScriptedToloka().Fail(new HttpRequestException("refused")).Fail(new HttpRequestException("refused"));
            var options = Options();
            options.Retry.MaxAttempts = 2;
            using var client = new TolokaClient(new HttpClient(toloka), Samples.Token, options);

            var task = client.GetPoolAsync("21");
            Assert.ThrowsAsync<TolokaTransportException>(() => _time.RunAsync(task, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1)));

            var call = capture.Single("getPool");
            Assert.That(call.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(call.GetTagItem("error.type"), Is.EqualTo("Toloka.Generated.TolokaTransportException"));
            Assert.That(call.GetTagItem("http.response.status_code"), Is.Null);
            Assert.That(call.GetTagItem("toloka.attempts"), Is.EqualTo(2));
            Assert.That(call.Events.Select(e => Tag(e, "error.type")), Is.All.EqualTo("Toloka.Generated.TolokaTransportException"));
            Assert.That(capture.Of("toloka.client.call.attempts").Single().Value, Is.EqualTo(2.0));
        }

        [Test]
        public void A_failed_operation_ends_its_wait_activity_with_error_status_and_logs_its_end()
        {
            using var capture = new ObservabilityCapture();
            var toloka = new ScriptedToloka().Answer(HttpStatusCode.Accepted, Pending).Answer(HttpStatusCode.OK, Failed);
            using var client = new TolokaClient(new HttpClient(toloka), Samples.Token, Options(capture.LoggerFactory));

            var task = client.ClonePoolAndWaitAsync("21");
            Assert.ThrowsAsync<TolokaOperationFailedException>(() => _time.RunAsync(task, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1)));

            var wait = capture.Single("waitForCompletion");
            Assert.That(wait.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(wait.GetTagItem("toloka.operation.status"), Is.EqualTo("FAIL"));
            Assert.That(wait.GetTagItem("error.type"), Is.EqualTo("FAIL"));
            Assert.That(capture.Logs.Records.Single(e => e.EventId.Name == "OperationFinished")["Status"], Is.EqualTo("FAIL"));
            var flow = capture.Single("startAndWait");
            Assert.That(flow.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(flow.GetTagItem("error.type"), Is.EqualTo("FAIL"));
            Assert.That(capture.Of("toloka.client.operation.polls").Single().Tags["toloka.operation.status"], Is.EqualTo("FAIL"));
        }

        [Test]
        public async Task A_wait_that_times_out_is_an_error_and_logs_why_it_stopped()
        {
            using var capture = new ObservabilityCapture();
            var toloka = new ScriptedToloka().Answer(HttpStatusCode.OK, Running).Answer(HttpStatusCode.OK, Running).Answer(HttpStatusCode.OK, Running);
            using var client = new TolokaClient(new HttpClient(toloka), Samples.Token, Options(capture.LoggerFactory));
            var polling = new TolokaPollingOptions { InitialInterval = TimeSpan.FromSeconds(1), BackoffFactor = 1, Timeout = TimeSpan.FromSeconds(2.5) };

            var task = client.WaitForCompletionAsync(new Operation { Id = "op-1", Type = OperationType.PoolClone, Status = OperationStatus.Running }, polling: polling);
            await _time.RunAsync((Task)task.ContinueWith(_ => { }, TaskScheduler.Default), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1));

            Assert.That(task.Exception?.InnerException, Is.TypeOf<TolokaOperationTimeoutException>());
            var wait = capture.Single("waitForCompletion");
            Assert.That(wait.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(wait.GetTagItem("error.type"), Is.EqualTo("Toloka.Generated.TolokaOperationTimeoutException"));
            var stopped = capture.Logs.Records.Single(e => e.EventId.Name == "WaitStopped");
            Assert.That(stopped.EventId.Id, Is.EqualTo(6));
            Assert.That(stopped["Status"], Is.EqualTo("RUNNING"));
            Assert.That(stopped["Reason"], Is.EqualTo("Toloka.Generated.TolokaOperationTimeoutException"));
        }

        [Test]
        public async Task Every_request_names_the_package_version_framework_and_os_in_its_user_agent()
        {
            var toloka = new ScriptedToloka().Answer(HttpStatusCode.Accepted, Pending);
            using var client = new TolokaClient(new HttpClient(toloka), Samples.Token, Options());

            await client.ClonePoolAsync("21");

            var agent = toloka.Requests.Single().Headers.UserAgent.ToString();
            var version = typeof(TolokaClient).Assembly.GetName().Version!;
            Assert.That(agent, Does.Match(@"^Toloka\.Generated/" + version.Major + @"\." + version.Minor + @"\.\d+\S* \(\.NET [^;()]+; [^()]+\)$"));
            Assert.That(agent, Does.Contain(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription));
        }

        [Test]
        public async Task A_user_agent_the_callers_http_client_sets_comes_first_and_ours_is_appended()
        {
            var toloka = new ScriptedToloka().Answer(HttpStatusCode.Accepted, Pending);
            var http = new HttpClient(toloka);
            http.DefaultRequestHeaders.UserAgent.ParseAdd("LabellingBot/2.1");
            using var client = new TolokaClient(http, Samples.Token, Options());

            await client.ClonePoolAsync("21");

            var agent = toloka.Requests.Single().Headers.UserAgent.ToString();
            Assert.That(agent, Is.EqualTo("LabellingBot/2.1 " + TolokaUserAgent.Ours), "the caller's agent once, then ours");
            Assert.That(agent, Does.StartWith("LabellingBot/2.1 Toloka.Generated/"));
        }

        [Test]
        public async Task Nothing_is_recorded_or_started_when_no_listener_meter_or_logger_is_present()
        {
            // A listener for another source, a meter listener for another meter, a logger factory that logs nothing.
            using var otherSource = new ActivitySource("Someone.Else");
            using var activities = new ActivityListener
            {
                ShouldListenTo = source => source == otherSource,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(activities);
            var measured = 0;
            using var meters = new MeterListener { InstrumentPublished = (instrument, listener) => { if (instrument.Meter.Name == "Someone.Else") { listener.EnableMeasurementEvents(instrument); } } };
            meters.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref measured));
            meters.SetMeasurementEventCallback<int>((_, _, _, _) => Interlocked.Increment(ref measured));
            meters.Start();
            var logs = new CapturingLoggerProvider();
            using var silent = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.None));

            var toloka = CloneWithA503AndA429();
            using var client = new TolokaClient(new HttpClient(toloka), Samples.Token, Options(silent));
            await _time.RunAsync(client.ClonePoolAndWaitAsync("21"), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5));

            Assert.That(toloka.CurrentActivities, Is.All.Null, "no activity was started around any request");
            Assert.That(measured, Is.Zero);
            Assert.That(logs.Records, Is.Empty);
            using var pipeline = new TolokaHttpPipeline(new HttpClient(toloka), Samples.Token, Options(silent));
            Assert.That(pipeline.Telemetry.CallStarted(new TolokaRequestDescription("getPool", HttpMethod.Get, true, 0, 0, true), HttpMethod.Get, new Uri("pools/1", UriKind.Relative)), Is.Null, "no per-call object is made");
            Assert.That(pipeline.Telemetry.ObservesWaits, Is.False);
        }

        [Test]
        public void A_null_logger_factory_or_none_leaves_a_call_unobserved()
        {
            foreach (var loggers in new ILoggerFactory?[] { null, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance })
            {
                using var pipeline = new TolokaHttpPipeline(new HttpClient(new ScriptedToloka()), Samples.Token, Options(loggers));

                Assert.That(pipeline.Telemetry.CallStarted(new TolokaRequestDescription("clonePool", HttpMethod.Post, false, 20, 0, true), HttpMethod.Post, new Uri("pools/1/clone", UriKind.Relative)), Is.Null);
                Assert.That(pipeline.Telemetry.ObservesWaits, Is.False);
            }

            // The same client observes its calls as soon as a logger would write a retry.
            using var capture = new ObservabilityCapture(activities: false, metrics: false);
            using var observed = new TolokaHttpPipeline(new HttpClient(new ScriptedToloka()), Samples.Token, Options(capture.LoggerFactory));
            using var call = observed.Telemetry.CallStarted(new TolokaRequestDescription("clonePool", HttpMethod.Post, false, 20, 0, true), HttpMethod.Post, new Uri("pools/1/clone", UriKind.Relative));
            Assert.That(call, Is.Not.Null);
        }

        [Test]
        public async Task The_token_appears_in_no_activity_event_metric_tag_or_log_line_even_when_toloka_echoes_it()
        {
            using var capture = new ObservabilityCapture();
            var echo = "{\"code\":\"CONFLICT_STATE\",\"message\":\"token " + Samples.Token + " is busy\",\"request_id\":\"" + Samples.Token + "\"}";
            var toloka = new ScriptedToloka()
                .Answer((HttpStatusCode)429, echo, ("Retry-After", "1"))
                .Answer(HttpStatusCode.Accepted, "{\"id\":\"op-" + Samples.Token + "\",\"type\":\"POOL.CLONE\",\"status\":\"PENDING\"}")
                .Answer(HttpStatusCode.OK, "{\"id\":\"op-" + Samples.Token + "\",\"type\":\"POOL.CLONE\",\"status\":\"FAIL\"}")
                .Answer(HttpStatusCode.Conflict, echo);
            using var client = new TolokaClient(new HttpClient(toloka), Samples.Token, Options(capture.LoggerFactory));

            var wait = client.ClonePoolAndWaitAsync(Samples.Token);
            Assert.ThrowsAsync<TolokaOperationFailedException>(() => _time.RunAsync(wait, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1)));
            Assert.ThrowsAsync<TolokaConflictException>(() => client.ArchivePoolAsync(Samples.Token + "/x"));

            var recorded = capture.EverythingRecorded().ToList();
            Assert.That(capture.Activities, Has.Count.GreaterThanOrEqualTo(5), "the flow, clone, wait, poll and archive were all traced");
            Assert.That(capture.Logs.Records, Is.Not.Empty);
            Assert.That(recorded.Where(text => text.Contains(Samples.Token, StringComparison.Ordinal)), Is.Empty);
            Assert.That(recorded.Where(text => text.Contains(Uri.EscapeDataString(Samples.Token), StringComparison.Ordinal)), Is.Empty);
            Assert.That(capture.Single("clonePool").GetTagItem("url.full"), Does.Contain("***"), "the token a caller passed as an ID is masked in url.full");
        }

        private static object? Tag(ActivityEvent activityEvent, string key) =>
            activityEvent.Tags.FirstOrDefault(tag => tag.Key == key).Value;
    }
}

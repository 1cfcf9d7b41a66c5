using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Toloka.Generated.Tests.Support;

namespace Toloka.Generated.Tests
{
    /// <summary>
    /// Listens as an OpenTelemetry SDK would: an <see cref="ActivityListener"/> on the Toloka.Generated
    /// source, a <see cref="MeterListener"/> on its meter, and a logger provider that keeps every
    /// entry with its structured state. Only what belongs to this test's trace is kept of activities.
    /// </summary>
    internal sealed class ObservabilityCapture : IDisposable
    {
        private const string TestSourceName = "Toloka.Generated.Tests.Observability";

        private static readonly ActivitySource TestSource = new(TestSourceName);

        private readonly ActivityListener _activities;
        private readonly MeterListener _meters;
        private readonly Activity? _root;

        public ObservabilityCapture(bool activities = true, bool metrics = true)
        {
            _activities = new ActivityListener
            {
                ShouldListenTo = source => (activities && source.Name == TolokaDiagnostics.SourceName) || source.Name == TestSourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.Source.Name == TolokaDiagnostics.SourceName && _root is not null && activity.TraceId == _root.TraceId)
                    {
                        Activities.Enqueue(activity);
                    }
                },
            };
            ActivitySource.AddActivityListener(_activities);

            _meters = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (metrics && instrument.Meter.Name == TolokaDiagnostics.MeterName)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            _meters.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
            _meters.Start();

            // Every activity the client starts in this test is a descendant of this one.
            _root = TestSource.StartActivity("test") ?? throw new InvalidOperationException("The test's root activity did not start.");
            Logs = new CapturingLoggerProvider();
            LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        }

        public ConcurrentQueue<Activity> Activities { get; } = new();

        public ConcurrentQueue<Measurement> Measurements { get; } = new();

        public CapturingLoggerProvider Logs { get; }

        public ILoggerFactory LoggerFactory { get; }

        public Activity Single(string name) => Activities.Single(a => a.OperationName == name);

        public IReadOnlyList<Measurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument).ToList();

        /// <summary>Every string an exporter could ship: names, tags, events, status, metric tags, log text and state.</summary>
        public IEnumerable<string> EverythingRecorded()
        {
            foreach (var activity in Activities)
            {
                yield return activity.OperationName;
                yield return activity.DisplayName;
                yield return activity.StatusDescription ?? string.Empty;
                foreach (var tag in activity.TagObjects)
                {
                    yield return tag.Key + "=" + tag.Value;
                }

                foreach (var activityEvent in activity.Events)
                {
                    yield return activityEvent.Name;
                    foreach (var tag in activityEvent.Tags)
                    {
                        yield return tag.Key + "=" + tag.Value;
                    }
                }
            }

            foreach (var measurement in Measurements)
            {
                foreach (var tag in measurement.Tags)
                {
                    yield return tag.Key + "=" + tag.Value;
                }
            }

            foreach (var entry in Logs.Records)
            {
                yield return entry.Category;
                yield return entry.Text;
                yield return entry.Exception ?? string.Empty;
                foreach (var pair in entry.State)
                {
                    yield return pair.Key + "=" + pair.Value;
                }
            }
        }

        public void Dispose()
        {
            _root?.Dispose();
            _activities.Dispose();
            _meters.Dispose();
            LoggerFactory.Dispose();
        }

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            Measurements.Enqueue(new Measurement(instrument.Name, instrument.Unit, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));

        internal sealed record Measurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags);
    }

    /// <summary>Answers from a script and keeps each request's method, address and headers.</summary>
    internal sealed class ScriptedToloka : HttpMessageHandler
    {
        private readonly ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage>> _script = new();

        public List<HttpRequestMessage> Requests { get; } = new();

        public List<Activity?> CurrentActivities { get; } = new();

        public ScriptedToloka Answer(HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers)
        {
            _script.Enqueue(_ => StubToloka.Response(status, json, headers));
            return this;
        }

        public ScriptedToloka Fail(Exception exception)
        {
            _script.Enqueue(_ => throw exception);
            return this;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            CurrentActivities.Add(Activity.Current);
            if (!_script.TryDequeue(out var answer))
            {
                throw new InvalidOperationException("No answer left for " + request.Method + " " + request.RequestUri);
            }

            return Task.FromResult(answer(request));
        }
    }
}

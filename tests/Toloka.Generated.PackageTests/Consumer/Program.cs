// A program outside the repository that knows Toloka.Generated only as NuGet packages: it starts the
// fake Toloka, clones a pool and waits, archives the clone and waits, archives it again (204 -> null),
// then does the same through dependency injection, and finally watches a clone-and-wait with a 503
// and a 429 through an ActivityListener, a MeterListener and the host's loggers, as an OpenTelemetry
// or console setup would. Any failure ends it with a non-zero exit code.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Toloka.Generated;
using Toloka.Generated.Testing;

await using var fake = await FakeToloka.StartAsync();
var sourcePoolId = fake.AddPool(FakePoolStatus.Open, parameters: new Dictionary<string, string> { ["private_name"] = "Smoke" });
var fast = new TolokaPollingOptions { InitialInterval = TimeSpan.FromMilliseconds(100), MaxInterval = TimeSpan.FromMilliseconds(500), Timeout = TimeSpan.FromMinutes(1) };

using (var toloka = new TolokaClient(fake.Token, fake.CreateClientOptions()))
{
    TolokaCloneResult clone = await toloka.ClonePoolAndWaitAsync(sourcePoolId, polling: fast);
    Console.WriteLine($"cloned pool {clone.SourceId} -> {clone.NewId} ({clone.Operation.Status})");

    Operation? archived = await toloka.ArchivePoolAndWaitAsync(clone.NewId, polling: fast);
    Console.WriteLine($"archived pool {clone.NewId}: {archived?.Status} ({fake.GetPool(clone.NewId).Status})");

    Operation? again = await toloka.ArchivePoolAsync(clone.NewId);
    Console.WriteLine($"already archived: {(again is null ? "null" : again.Status.ToString())}");
    if (again is not null || fake.GetPool(clone.NewId).Status != FakePoolStatus.Archived)
    {
        throw new InvalidOperationException("archive did not behave as documented");
    }
}

var services = new ServiceCollection();
services.AddTolokaClient(fake.Token, options =>
{
    options.Environment = TolokaEnvironment.Custom(fake.BaseUri);
    options.Polling = fast;
});
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<ITolokaClient>();
var second = await client.ClonePoolAndWaitAsync(sourcePoolId);
Console.WriteLine($"DI client cloned pool {sourcePoolId} -> {second.NewId}");

try
{
    await client.ArchivePoolAsync(sourcePoolId);
    throw new InvalidOperationException("archiving an open pool must fail");
}
catch (TolokaConflictException conflict)
{
    Console.WriteLine($"open pool refused: {conflict.ErrorCode}");
}

// Observability, seen the way an OpenTelemetry or console-logging setup sees it.
var activities = new ConcurrentQueue<Activity>();
using var activityListener = new ActivityListener
{
    ShouldListenTo = source => source.Name == TolokaDiagnostics.SourceName,
    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    ActivityStopped = activities.Enqueue,
};
ActivitySource.AddActivityListener(activityListener);
var measurements = new ConcurrentQueue<(string Instrument, double Value, string Tags)>();
using var meterListener = new MeterListener
{
    InstrumentPublished = (instrument, listener) =>
    {
        if (instrument.Meter.Name == TolokaDiagnostics.MeterName)
        {
            listener.EnableMeasurementEvents(instrument);
        }
    },
};
meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => t.Key + "=" + t.Value)))));
meterListener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => t.Key + "=" + t.Value)))));
meterListener.Start();
var logLines = new ConcurrentQueue<string>();
var observed = new ServiceCollection();
observed.AddLogging(logging => logging.AddProvider(new LineLogger(logLines)).SetMinimumLevel(LogLevel.Debug));
observed.AddTolokaClient(fake.Token, options =>
{
    options.Environment = TolokaEnvironment.Custom(fake.BaseUri);
    options.Polling = fast;
    options.Retry.BaseDelay = TimeSpan.FromMilliseconds(50);
});
await using (var observedProvider = observed.BuildServiceProvider())
{
    fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.ServiceUnavailable(TimeSpan.FromMilliseconds(100)));
    fake.InjectFault(FakeTolokaEndpoint.ClonePool, FakeFault.TooManyRequests(TimeSpan.FromMilliseconds(100)));
    var watched = await observedProvider.GetRequiredService<ITolokaClient>().ClonePoolAndWaitAsync(sourcePoolId);
    Console.WriteLine($"observed clone {sourcePoolId} -> {watched.NewId}");
}

meterListener.RecordObservableInstruments();
var call = activities.SingleOrDefault(a => a.OperationName == "clonePool" && a.Kind == ActivityKind.Client)
    ?? throw new InvalidOperationException("no clonePool activity: " + string.Join(", ", activities.Select(a => a.OperationName)));
var attemptEvents = call.Events.Count(e => e.Name == "toloka.attempt");
Console.WriteLine($"activity {call.OperationName}: attempts {call.GetTagItem("toloka.attempts")}, attempt events {attemptEvents}, status {call.GetTagItem("http.response.status_code")}");
if (!Equals(call.GetTagItem("toloka.attempts"), 3) || attemptEvents != 3 || !activities.Any(a => a.OperationName == "waitForCompletion"))
{
    throw new InvalidOperationException("the clone's activity does not show its three attempts and the wait");
}

var attemptsRecorded = measurements.Where(m => m.Instrument == "toloka.client.call.attempts" && m.Tags.Contains("toloka.operation=clonePool")).Select(m => m.Value).ToList();
Console.WriteLine($"metrics: {measurements.Count} measurements, clonePool attempts {string.Join("/", attemptsRecorded)}");
if (!attemptsRecorded.Contains(3) || !measurements.Any(m => m.Instrument == "toloka.client.call.duration") || !measurements.Any(m => m.Instrument == "toloka.client.operation.polls"))
{
    throw new InvalidOperationException("the metrics do not show the clone's attempts, durations and polls");
}

Console.WriteLine($"logs: {logLines.Count} lines, {logLines.Count(l => l.Contains("Toloka.Generated.Calls"))} from Toloka.Generated.Calls");
if (!logLines.Any(l => l.StartsWith("Toloka.Generated.Calls", StringComparison.Ordinal) && l.Contains("503")))
{
    throw new InvalidOperationException("no retry log line for the 503");
}

var everything = activities.SelectMany(a => a.Tags.Select(t => t.Value ?? string.Empty).Concat(a.Events.SelectMany(e => e.Tags.Select(t => t.Value?.ToString() ?? string.Empty))).Append(a.DisplayName))
    .Concat(measurements.Select(m => m.Tags)).Concat(logLines);
if (everything.Any(text => text.Contains(fake.Token, StringComparison.Ordinal)))
{
    throw new InvalidOperationException("the token appeared in an activity, a metric tag or a log line");
}

Console.WriteLine("token seen 0 times in activities, metrics and logs");
Console.WriteLine("SMOKE OK");

internal sealed class LineLogger(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(lines, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(category + "[" + eventId.Id + "] " + formatter(state, exception) + (exception is null ? string.Empty : " " + exception.Message));
    }
}

namespace Toloka.Generated
{
    /// <summary>
    /// The names under which the client reports what it does, for an OpenTelemetry or
    /// <c>Microsoft.Extensions.Logging</c> setup: pass <see cref="SourceName"/> to <c>AddSource</c>,
    /// <see cref="MeterName"/> to <c>AddMeter</c>, and filter logs by <see cref="LogCategoryPrefix"/>.
    /// </summary>
    public static class TolokaDiagnostics
    {
        /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> that starts one activity per call and per wait: <c>Toloka.Generated</c>.</summary>
        public const string SourceName = "Toloka.Generated";

        /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> whose instruments are named <c>toloka.client.*</c>: <c>Toloka.Generated</c>.</summary>
        public const string MeterName = "Toloka.Generated";

        /// <summary>Every log category of the client starts with this: <c>Toloka.Generated</c>.</summary>
        public const string LogCategoryPrefix = "Toloka.Generated";
    }
}

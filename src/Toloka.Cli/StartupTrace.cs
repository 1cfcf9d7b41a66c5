using System;
using System.Diagnostics;

namespace Toloka.Cli
{
    /// <summary>
    /// Checkpoints of a run's start on standard error, milliseconds since the process started, when
    /// TOLOKA_STARTUP_TRACE=1: where the start-up time goes (BENCHMARKS.md, "Start-up of the installed tool").
    /// Off, it costs one environment read.
    /// </summary>
    internal static class StartupTrace
    {
        private static readonly DateTime? ProcessStart =
            Environment.GetEnvironmentVariable("TOLOKA_STARTUP_TRACE") == "1" ? Process.GetCurrentProcess().StartTime.ToUniversalTime() : null;

        public static void Mark(string checkpoint)
        {
            if (ProcessStart is { } start)
            {
                Console.Error.WriteLine("startup " + (DateTime.UtcNow - start).TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " ms " + checkpoint);
            }
        }
    }
}

using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Toloka.Generated.Benchmarks
{
    /// <summary>
    /// The generator's cost inside a build: a no-op `dotnet build` of the package, a build after a spec
    /// edit (the spec's timestamp moves), NSwag's own share of it (MSBuild's target performance summary),
    /// and how many times NSwag ran in each.
    /// </summary>
    public static partial class BuildReport
    {
        public static void Print()
        {
            var root = FindRepositoryRoot();
            var project = Path.Combine(root, "src", "Toloka.Generated", "Toloka.Generated.csproj");
            var spec = Path.Combine(root, "openapi", "toloka.yaml");

            Build(project); // warm: restore done, outputs up to date
            var noOp = Build(project);
            File.SetLastWriteTimeUtc(spec, DateTime.UtcNow);
            var afterEdit = Build(project);

            Console.WriteLine("| build of src/Toloka.Generated (2 target frameworks) | wall time | NSwag runs | NSwag target time |");
            Console.WriteLine("| --- | --- | --- | --- |");
            Console.WriteLine(Row("no-op `dotnet build`", noOp));
            Console.WriteLine(Row("`dotnet build` after a spec edit", afterEdit));
        }

        private static string Row(string name, (TimeSpan Wall, int Runs, double TargetMs) result) =>
            string.Format(CultureInfo.InvariantCulture, "| {0} | {1:0.00} s | {2} | {3:0.00} s |", name, result.Wall.TotalSeconds, result.Runs, result.TargetMs / 1000);

        private static (TimeSpan Wall, int Runs, double TargetMs) Build(string project)
        {
            var start = new ProcessStartInfo("dotnet", "build \"" + project + "\" --nologo -v n -clp:PerformanceSummary")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet build took more than 5 minutes.");
            }

            watch.Stop();
            var log = output.Result + errors.Result;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet build failed:\n" + log);
            }

            var runs = log.Split('\n').Count(line => line.Contains("Toloka.Generated: running NSwag", StringComparison.Ordinal));
            var target = TargetTime().Matches(log).Select(match => double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Sum();
            return (watch.Elapsed, runs, target);
        }

        // "      612 ms  TolokaGenerateClientOnce                   1 calls"
        [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?) ms\s+TolokaGenerateClientOnce\s", RegexOptions.Multiline)]
        private static partial Regex TargetTime();

        private static string FindRepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Toloka.Generated.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Run from inside the repository (Toloka.Generated.sln not found above " + AppContext.BaseDirectory + ").");
        }
    }
}

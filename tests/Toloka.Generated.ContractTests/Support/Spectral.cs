using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Toloka.Generated.ContractTests.Support
{
    /// <summary>Runs Spectral the way README says to lint by hand, with JSON output to read the findings.</summary>
    internal static class Spectral
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

        public static async Task<SpectralReport> LintAsync(string document, string ruleset)
        {
            var spectral = await NodeTools.SpectralAsync();
            var result = await ExternalProcess.RunAsync(
                NodeTools.Node,
                new[] { spectral, "lint", document, "--ruleset", ruleset, "--fail-severity=warn", "--format", "json", "--quiet" },
                Repository.Root,
                Timeout);

            JArray findings;
            try
            {
                findings = JArray.Parse(result.Output);
            }
            catch (JsonReaderException)
            {
                throw new InvalidOperationException("Spectral did not print its JSON report.\n" + result);
            }

            return new SpectralReport(result, findings.Select(SpectralFinding.From).ToList());
        }
    }

    internal sealed record SpectralReport(ProcessResult Process, IReadOnlyList<SpectralFinding> Findings)
    {
        public override string ToString() =>
            Findings.Count + " finding(s), exit code " + Process.ExitCode + ":\n" + string.Join("\n", Findings);
    }

    internal sealed record SpectralFinding(string Code, string Severity, string Message, string Path, int Line, int Column)
    {
        private static readonly string[] Severities = { "error", "warning", "info", "hint" };

        public static SpectralFinding From(JToken finding)
        {
            var severity = (int?)finding["severity"] ?? 0;
            return new SpectralFinding(
                (string?)finding["code"] ?? "",
                severity >= 0 && severity < Severities.Length ? Severities[severity] : severity.ToString(System.Globalization.CultureInfo.InvariantCulture),
                (string?)finding["message"] ?? "",
                string.Join(".", finding["path"]?.Select(segment => (string?)segment) ?? Enumerable.Empty<string?>()),
                ((int?)finding["range"]?["start"]?["line"] ?? -1) + 1,
                ((int?)finding["range"]?["start"]?["character"] ?? -1) + 1);
        }

        public override string ToString() => Line + ":" + Column + " " + Severity + " " + Code + " " + Message + " (" + Path + ")";
    }
}

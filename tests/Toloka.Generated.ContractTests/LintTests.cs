using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.ContractTests.Support;

namespace Toloka.Generated.ContractTests
{
    /// <summary>Spectral on openapi/toloka.yaml: the project's ruleset, stock spectral:oas, and proof the Toloka rules fire.</summary>
    public class LintTests
    {
        [Test]
        public async Task Spec_has_no_spectral_findings_with_the_project_ruleset()
        {
            var report = await Spectral.LintAsync(Repository.Spec, Repository.SpectralRuleset);

            Assert.That(report.Findings, Is.Empty, report.ToString());
            Assert.That(report.Process.ExitCode, Is.Zero, report.Process.ToString());
        }

        [Test]
        public async Task Spec_has_no_spectral_findings_with_the_stock_oas_ruleset()
        {
            var directory = Directory.CreateTempSubdirectory("toloka-spectral-");
            try
            {
                var stock = Path.Combine(directory.FullName, ".spectral.yaml");
                await File.WriteAllTextAsync(stock, "extends: [\"spectral:oas\"]\n");

                var report = await Spectral.LintAsync(Repository.Spec, stock);

                Assert.That(report.Findings, Is.Empty, report.ToString());
                Assert.That(report.Process.ExitCode, Is.Zero, report.Process.ToString());
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }

        [Test]
        public async Task Toloka_rules_report_a_missing_example_a_numeric_id_and_a_missing_retry_mark()
        {
            var report = await Spectral.LintAsync(Repository.TestData("lint", "toloka-rule-violations.yaml"), Repository.SpectralRuleset);

            var toloka = report.Findings.Where(finding => finding.Code.StartsWith("toloka-", System.StringComparison.Ordinal))
                .Select(finding => finding.Code + " " + finding.Path)
                .ToList();
            Assert.That(toloka, Is.EquivalentTo(new[]
            {
                "toloka-response-content-has-example paths./pools/{pool_id}/clone.post.responses.200.content.application/json",
                "toloka-id-path-parameter-is-string paths./pools/{pool_id}/clone.post.parameters.0.schema.type",
                "toloka-operation-retry-safety paths./pools/{pool_id}/clone.post",
                "toloka-operation-retry-safety paths./pools/{pool_id}/archive.post.x-toloka-retry-safe",
            }), report.ToString());
            Assert.That(report.Process.ExitCode, Is.Not.Zero);
        }
    }
}

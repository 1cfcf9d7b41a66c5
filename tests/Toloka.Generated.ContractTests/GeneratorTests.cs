using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using NUnit.Framework;
using Toloka.Generated.ContractTests.Support;

namespace Toloka.Generated.ContractTests
{
    /// <summary>
    /// Runs the project's NSwag configuration and templates on the spec plus endpoints it does not
    /// have, and pins that everything the hand-written layer relies on is generated for any
    /// operation: nullable results for a declared 204, retry safety and rate limits from the YAML,
    /// checked and escaped path IDs, and no public constructor that would skip the token.
    /// </summary>
    public class GeneratorTests
    {
        private const string ExtraPaths = """
              /pools/{pool_id}/close:
                post:
                  operationId: closePool
                  summary: Close a pool
                  description: An unmarked POST with a 204.
                  tags: [pools]
                  parameters:
                    - $ref: '#/components/parameters/PoolId'
                  responses:
                    '202':
                      description: The closing operation.
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/Operation'
                    '204':
                      description: Already closed.
              /pools/{pool_id}:
                get:
                  operationId: getPoolOperation
                  summary: An unmarked GET
                  description: An unmarked GET.
                  tags: [pools]
                  parameters:
                    - $ref: '#/components/parameters/PoolId'
                  responses:
                    '200':
                      description: Something.
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/Operation'
              /projects/{project_id}/archive:
                post:
                  operationId: archiveProject
                  summary: A marked POST with a limit
                  description: A marked POST with a limit.
                  tags: [pools]
                  x-toloka-retry-safe: true
                  x-toloka-rate-limit-per-minute: 5
                  parameters:
                    - name: project_id
                      x-originalName: projectId
                      in: path
                      required: true
                      schema:
                        type: string
                  responses:
                    '202':
                      description: The archiving operation.
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/Operation'
            """;

        private static string? _generated;

        [OneTimeSetUp]
        public async Task GenerateFromTheSpecWithExtraEndpoints()
        {
            var work = Path.Combine(Path.GetTempPath(), "toloka-generator-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(work);
            try
            {
                var spec = File.ReadAllText(Repository.Spec);
                var extended = spec.Replace("\npaths:\n", "\npaths:\n" + ExtraPaths + "\n", StringComparison.Ordinal);
                Assert.That(extended, Is.Not.EqualTo(spec), "the spec's paths: line moved");
                var specPath = Path.Combine(work, "toloka.yaml");
                var output = Path.Combine(work, "TolokaClient.g.cs");
                File.WriteAllText(specPath, extended);

                var result = await ExternalProcess.RunAsync(
                    "dotnet",
                    new[]
                    {
                        NSwagCommandLine(),
                        "run",
                        Path.Combine(Repository.Root, "nswag.json"),
                        "/variables:SpecPath=" + specPath + ",OutputPath=" + output + ",TemplateDirectory=" + Path.Combine(Repository.Root, "build", "templates"),
                    },
                    Repository.Root,
                    TimeSpan.FromMinutes(2));
                Assert.That(result.ExitCode, Is.Zero, result.ToString());
                _generated = File.ReadAllText(output);
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        }

        private static string Generated => _generated ?? throw new InvalidOperationException("Generation did not run.");

        [Test]
        public void A_declared_204_makes_the_result_nullable_and_returns_null()
        {
            Assert.That(Generated, Does.Contain("System.Threading.Tasks.Task<Operation?> ClosePoolAsync(string poolId, System.Threading.CancellationToken cancellationToken"));
            Assert.That(Generated, Does.Contain("System.Threading.Tasks.Task<Operation> GetPoolOperationAsync(string poolId"));
            Assert.That(Regex.Count(Generated, @"if \(status_ == 204\)\s*\{\s*return default\(Operation\)!;"), Is.EqualTo(3), "archivePool, archiveTraining and closePool");
        }

        [Test]
        public void Retry_safety_and_rate_limits_come_from_the_yaml_with_safe_defaults()
        {
            Assert.That(Generated, Does.Contain("TolokaHttpPipeline.Describe(request_, \"closePool\", false, 0);"), "unmarked POST: unsafe");
            Assert.That(Generated, Does.Contain("TolokaHttpPipeline.Describe(request_, \"getPoolOperation\", true, 0);"), "unmarked GET: safe");
            Assert.That(Generated, Does.Contain("TolokaHttpPipeline.Describe(request_, \"archiveProject\", true, 5);"));
            Assert.That(Generated, Does.Contain("TolokaHttpPipeline.Describe(request_, \"clonePool\", false, 20);"));
        }

        [Test]
        public void Every_string_path_id_is_checked_and_escaped_as_one_segment()
        {
            Assert.That(Generated, Does.Contain("TolokaPath.EscapeSegment(projectId, \"projectId\")"));
            Assert.That(Generated, Does.Not.Contain("System.Uri.EscapeDataString(ConvertToString(poolId"));
        }

        [Test]
        public void No_generated_constructor_can_build_a_client_without_a_token()
        {
            Assert.That(Regex.IsMatch(Generated, @"public TolokaClient\("), Is.False);
        }

        [Test]
        public void Every_operation_sends_through_the_pipeline_and_only_2xx_answers_are_read_by_status()
        {
            var sends = Regex.Count(Generated, @"await client_\.SendAsync\(request_");
            var describes = Regex.Count(Generated, @"TolokaHttpPipeline\.Describe\(request_");
            Assert.That(sends, Is.EqualTo(8));
            Assert.That(describes, Is.EqualTo(sends));
            Assert.That(Generated, Does.Contain("private Toloka.Generated.TolokaHttpPipeline _httpClient;"));
            Assert.That(Generated, Does.Not.Contain("status_ == 404"));
        }

        // NSwag.MSBuild's console, from the NuGet package folder the build restored it into.
        private static string NSwagCommandLine()
        {
            var props = File.ReadAllText(Path.Combine(Repository.Root, "Directory.Packages.props"));
            var version = Regex.Match(props, "Include=\"NSwag.MSBuild\" Version=\"([^\"]+)\"").Groups[1].Value;
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var tool = Path.Combine(packages, "nswag.msbuild", version, "tools", "Net100", "dotnet-nswag.dll");
            Assert.That(File.Exists(tool), Is.True, "NSwag.MSBuild " + version + " is restored at " + tool);
            return tool;
        }
    }
}

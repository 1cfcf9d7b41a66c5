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
        // Paths and names no real spec will have, so a new operation in openapi/toloka.yaml never collides with them.
        private const string ExtraPaths = """
              /generator-probes/{probe_id}/close:
                post:
                  operationId: closeProbe
                  summary: Close a probe
                  description: An unmarked POST with a 204.
                  tags: [pools]
                  parameters:
                    - $ref: '#/components/parameters/ProbeIdForTests'
                  responses:
                    '202':
                      description: The closing operation.
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/Operation'
                    '204':
                      description: Already closed.
              /generator-probes/{probe_id}/operation:
                get:
                  operationId: getProbeOperation
                  summary: An unmarked GET
                  description: An unmarked GET.
                  tags: [pools]
                  parameters:
                    - $ref: '#/components/parameters/ProbeIdForTests'
                  responses:
                    '200':
                      description: Something.
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/Operation'
              /generator-probes/{probe_id}/archive:
                post:
                  operationId: archiveProbe
                  summary: A marked POST with a limit
                  description: A marked POST with a limit.
                  tags: [pools]
                  x-toloka-retry-safe: true
                  x-toloka-rate-limit-per-minute: 5
                  x-toloka-rate-limit-per-day: 7
                  parameters:
                    - name: probe_id
                      x-originalName: probeId
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
              /generator-probes/{probe_id}/clone:
                post:
                  operationId: cloneProbe
                  summary: A clone whose new ID is in details
                  description: A clone.
                  tags: [pools]
                  x-toloka-new-id-field: probe_id
                  parameters:
                    - $ref: '#/components/parameters/ProbeIdForTests'
                  responses:
                    '202':
                      description: The cloning operation.
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/Operation'
              /generator-probes/{probe_id}/operations:
                get:
                  operationId: listProbeOperations
                  summary: A list that can be paged by ID
                  description: A list.
                  tags: [pools]
                  parameters:
                    - $ref: '#/components/parameters/ProbeIdForTests'
                    - name: id_gt
                      in: query
                      schema:
                        type: string
                    - name: sort
                      in: query
                      schema:
                        type: string
                    - name: limit
                      in: query
                      schema:
                        type: integer
                  responses:
                    '200':
                      description: One page.
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/OperationSearchResult'
              /generator-probes/{probe_id}/history:
                get:
                  operationId: getProbeHistory
                  summary: A list without sort or id_gt
                  description: A list that cannot be paged by ID.
                  tags: [pools]
                  parameters:
                    - $ref: '#/components/parameters/ProbeIdForTests'
                  responses:
                    '200':
                      description: One page.
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/OperationSearchResult'
            """;

        private const int ExtraOperations = 6;

        private const string ExtraParameter = """
                ProbeIdForTests:
                  name: probe_id
                  x-originalName: probeId
                  in: path
                  required: true
                  schema:
                    type: string

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
                var extended = spec.Replace("\npaths:\n", "\npaths:\n" + ExtraPaths + "\n", StringComparison.Ordinal)
                    .Replace("\n  parameters:\n", "\n  parameters:\n" + ExtraParameter, StringComparison.Ordinal);
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
            Assert.That(Generated, Does.Contain("System.Threading.Tasks.Task<Operation?> CloseProbeAsync(string probeId, System.Threading.CancellationToken cancellationToken"));
            Assert.That(Generated, Does.Contain("System.Threading.Tasks.Task<Operation> GetProbeOperationAsync(string probeId"));
            var with204 = TolokaSpec.Current.Operations.Count(operation => operation.StatusCodes.Contains(204)) + 1;
            Assert.That(Regex.Count(Generated, @"if \(status_ == 204\)\s*\{\s*return default\(Operation\)!;"), Is.EqualTo(with204), "the spec's 204s and closeProbe");
        }

        [Test]
        public void Retry_safety_and_rate_limits_come_from_the_yaml_with_safe_defaults()
        {
            Assert.That(Generated, Does.Contain("new TolokaRequestDescription(\"closeProbe\", System.Net.Http.HttpMethod.Post, retrySafe: false, requestsPerMinute: 0, requestsPerDay: 0, sendsEmptyBody: true);"), "unmarked POST: unsafe");
            Assert.That(Generated, Does.Contain("new TolokaRequestDescription(\"getProbeOperation\", System.Net.Http.HttpMethod.Get, retrySafe: true, requestsPerMinute: 0, requestsPerDay: 0, sendsEmptyBody: true);"), "unmarked GET: safe");
            Assert.That(Generated, Does.Contain("new TolokaRequestDescription(\"archiveProbe\", System.Net.Http.HttpMethod.Post, retrySafe: true, requestsPerMinute: 5, requestsPerDay: 7, sendsEmptyBody: true);"));
            Assert.That(Generated, Does.Contain("new TolokaRequestDescription(\"clonePool\", System.Net.Http.HttpMethod.Post, retrySafe: false, requestsPerMinute: 20, requestsPerDay: 100, sendsEmptyBody: true, lostAnswerOperation: \"POOL.CLONE\", lostAnswerParameter: \"pool_id\", answerStatus: 200);"));
        }

        [Test]
        public void Every_string_path_id_is_checked_and_escaped_as_one_segment()
        {
            Assert.That(Generated, Does.Contain("TolokaPath.EscapeSegment(probeId, \"probeId\")"));
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
            var sends = Regex.Count(Generated, @"await pipeline_\.SendAsync\(request_, \w+Description_, (null|\w+), cancellationToken\)");
            var descriptions = Regex.Count(Generated, @"private static readonly TolokaRequestDescription \w+Description_ = new TolokaRequestDescription\(");
            Assert.That(sends, Is.EqualTo(TolokaSpec.Current.Operations.Count + ExtraOperations));
            Assert.That(descriptions, Is.EqualTo(sends));
            Assert.That(Generated, Does.Contain("private Toloka.Generated.TolokaHttpPipeline _pipeline;"));
            Assert.That(Generated, Does.Not.Contain("#error"));
            Assert.That(Generated, Does.Not.Contain("status_ == 404"));
        }

        [Test]
        public void A_new_operation_answering_an_operation_gets_its_wait_flow_shaped_by_the_spec()
        {
            const string Flow = "System.IProgress<Operation>? progress = null, TolokaPollingOptions? polling = null, System.Threading.CancellationToken cancellationToken = default(System.Threading.CancellationToken))";
            Assert.That(Generated, Does.Contain("public virtual System.Threading.Tasks.Task<Operation?> CloseProbeAndWaitAsync(string probeId, " + Flow), "a declared 204: null at once");
            Assert.That(Generated, Does.Contain("public virtual System.Threading.Tasks.Task<Operation> ArchiveProbeAndWaitAsync(string probeId, " + Flow));
            Assert.That(Generated, Does.Contain("public virtual System.Threading.Tasks.Task<TolokaCloneResult> CloneProbeAndWaitAsync(string probeId, " + Flow));
            Assert.That(Generated, Does.Contain("StartAndWaitForNewIdAsync(cancellationToken_ => CloneProbeAsync(probeId, cancellationToken_), probeId, \"probe_id\""));
            Assert.That(Generated, Does.Contain("System.Threading.Tasks.Task<Operation> GetProbeOperationAndWaitAsync(string probeId, " + Flow));
        }

        [Test]
        public void A_list_with_items_and_has_more_gets_a_pager_only_when_it_can_page_by_id()
        {
            Assert.That(Generated, Does.Contain("public virtual System.Collections.Generic.IAsyncEnumerable<Operation> ListProbeOperationsAllAsync(string probeId, int? limit = null, System.Threading.CancellationToken cancellationToken"));
            Assert.That(Generated, Does.Contain("(idGt_, cancellationToken_) => ListProbeOperationsAsync(probeId, idGt_, \"id\", limit, cancellationToken_)"));
            Assert.That(Generated, Does.Not.Contain("GetProbeHistoryAllAsync"), "no sort and id_gt: no pager");
            Assert.That(Generated, Does.Contain("IAsyncEnumerable<Operation> GetOperationsAsync("), "x-toloka-pager names the pager");
        }

        [Test]
        public async Task A_spec_with_a_body_the_templates_do_not_send_stops_the_build_with_a_clear_error()
        {
            const string Unsupported = """
                  /generator-probes/{probe_id}/upload:
                    post:
                      operationId: uploadProbe
                      summary: A multipart upload
                      description: A multipart upload.
                      tags: [pools]
                      parameters:
                        - $ref: '#/components/parameters/ProbeIdForTests'
                      requestBody:
                        content:
                          multipart/form-data:
                            schema:
                              type: object
                              properties:
                                file:
                                  type: string
                                  format: binary
                      responses:
                        '202':
                          description: Uploaded.
                          content:
                            application/json:
                              schema:
                                $ref: '#/components/schemas/Operation'
                  /generator-probes/{probe_id}/bytes:
                    put:
                      operationId: putProbeBytes
                      summary: A binary body
                      description: A binary body.
                      tags: [pools]
                      parameters:
                        - $ref: '#/components/parameters/ProbeIdForTests'
                      requestBody:
                        content:
                          application/octet-stream:
                            schema:
                              type: string
                              format: binary
                      responses:
                        '200':
                          description: Stored.
                          content:
                            application/json:
                              schema:
                                $ref: '#/components/schemas/Operation'
                """;
            var generated = await GenerateAsync(Unsupported);

            Assert.That(generated, Does.Contain("#error Toloka.Generated: operation uploadProbe sends"), "a multipart body");
            Assert.That(generated, Does.Contain("#error Toloka.Generated: operation putProbeBytes sends a application/octet-stream body; the templates in build/templates send JSON bodies only."), "a binary body");
            Assert.That(Regex.Count(generated, "#error "), Is.EqualTo(2), "only the two operations the templates cannot send");
        }

        [Test]
        public async Task A_new_endpoint_marked_for_lost_answers_gets_the_lookup_and_a_wrong_parameter_stops_the_build()
        {
            const string Marked = """
                  /generator-probes/{probe_id}/copy:
                    post:
                      operationId: copyProbe
                      summary: A copy Toloka records as an operation
                      description: A copy.
                      tags: [pools]
                      x-toloka-retry-safe: false
                      x-toloka-lost-answer-operation: PROBE.COPY
                      x-toloka-lost-answer-parameter: probe_id
                      parameters:
                        - $ref: '#/components/parameters/ProbeIdForTests'
                      responses:
                        '202':
                          description: The copying operation.
                          content:
                            application/json:
                              schema:
                                $ref: '#/components/schemas/Operation'
                  /generator-probes/{probe_id}/mirror:
                    post:
                      operationId: mirrorProbe
                      summary: A mark naming no path parameter
                      description: A mirror.
                      tags: [pools]
                      x-toloka-retry-safe: false
                      x-toloka-lost-answer-operation: PROBE.MIRROR
                      x-toloka-lost-answer-parameter: source_id
                      parameters:
                        - $ref: '#/components/parameters/ProbeIdForTests'
                      responses:
                        '202':
                          description: The mirroring operation.
                          content:
                            application/json:
                              schema:
                                $ref: '#/components/schemas/Operation'
                """;
            var generated = await GenerateAsync(Marked);

            Assert.That(generated, Does.Contain("lostAnswerOperation: \"PROBE.COPY\", lostAnswerParameter: \"probe_id\", answerStatus: 202);"), "the facts, with the status the spec declares");
            Assert.That(generated, Does.Contain("pipeline_.SendAsync(request_, CopyProbeDescription_, probeId, cancellationToken)"), "the source id goes with the call");
            Assert.That(generated, Does.Contain("#error Toloka.Generated: x-toloka-lost-answer-parameter of mirrorProbe names \"source_id\", which is not one of its path parameters."));
            Assert.That(Regex.Count(generated, "#error "), Is.EqualTo(1));
        }

        private static async Task<string> GenerateAsync(string extraPaths)
        {
            var work = Path.Combine(Path.GetTempPath(), "toloka-generator-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(work);
            try
            {
                var spec = File.ReadAllText(Repository.Spec);
                var extended = spec.Replace("\npaths:\n", "\npaths:\n" + extraPaths + "\n", StringComparison.Ordinal)
                    .Replace("\n  parameters:\n", "\n  parameters:\n" + ExtraParameter, StringComparison.Ordinal);
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
                return File.ReadAllText(output);
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
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

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Toloka.Generated.TestSupport
{
    /// <summary>
    /// The built <c>toloka</c> command as a real child process: <c>dotnet toloka.dll</c> from the test's
    /// folder (the CLI project is referenced, so it is built there), or the command named by
    /// <c>TOLOKA_CLI</c> (an installed tool, say <c>~/.dotnet/tools/toloka</c>). Its output is kept line by line.
    /// </summary>
    internal sealed class TolokaProcess : IDisposable
    {
        private readonly List<string> _output = new();
        private readonly List<string> _error = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        private TolokaProcess(Process process) => Process = process;

        public Process Process { get; }

        /// <summary>From the start to the process's exit, once <see cref="WaitAsync"/> has seen it.</summary>
        public TimeSpan Elapsed { get; private set; }

        public int ExitCode => Process.ExitCode;

        public static TolokaProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
        {
            var installed = Environment.GetEnvironmentVariable("TOLOKA_CLI");
            var start = new ProcessStartInfo(installed is { Length: > 0 } ? installed : "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (installed is not { Length: > 0 })
            {
                var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "toloka.dll");
                Assert.That(File.Exists(dll), Is.True, "the CLI is built beside the tests: " + dll);
                start.ArgumentList.Add(dll);
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            var run = new TolokaProcess(Process.Start(start)!);
            run.Process.OutputDataReceived += (_, e) => Add(run._output, e.Data);
            run.Process.ErrorDataReceived += (_, e) => Add(run._error, e.Data);
            run.Process.BeginOutputReadLine();
            run.Process.BeginErrorReadLine();
            return run;
        }

        /// <summary>Waits for the exit; past <paramref name="guard"/> (a hang guard, not a timing) the process is killed and the test fails.</summary>
        public async Task WaitAsync(TimeSpan guard)
        {
            using var limit = new CancellationTokenSource(guard);
            try
            {
                await Process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Process.Kill();
                await Process.WaitForExitAsync().ConfigureAwait(false);
                Assert.Fail("toloka did not finish within " + guard + ":\n" + ErrorText());
            }

            Elapsed = _clock.Elapsed;
        }

        /// <summary>The --json lines of standard output.</summary>
        public List<JObject> Lines()
        {
            lock (_output)
            {
                return _output.Where(l => l.StartsWith('{')).Select(JObject.Parse).ToList();
            }
        }

        public string ErrorText()
        {
            lock (_error)
            {
                return string.Join("\n", _error);
            }
        }

        public void Dispose() => Process.Dispose();

        private static void Add(List<string> lines, string? line)
        {
            if (line is not null)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        }
    }
}

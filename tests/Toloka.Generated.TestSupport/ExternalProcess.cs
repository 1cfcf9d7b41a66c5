using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Generated.TestSupport
{
    /// <summary>Runs a command to completion within a time limit; past it the whole process tree is killed.</summary>
    internal static class ExternalProcess
    {
        public static async Task<ProcessResult> RunAsync(
            string fileName,
            IEnumerable<string> arguments,
            string workingDirectory,
            TimeSpan timeout,
            IReadOnlyDictionary<string, string>? environment = null)
        {
            var startInfo = CreateStartInfo(fileName, arguments, workingDirectory, environment);
            var output = new StringBuilder();
            var error = new StringBuilder();
            using var process = new Process { StartInfo = startInfo };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(error, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                throw new TimeoutException(
                    Describe(startInfo) + " did not finish within " + timeout + ".\n" + Snapshot(output) + Snapshot(error));
            }

            // WaitForExitAsync returns once the redirected streams are drained too.
            return new ProcessResult(Describe(startInfo), process.ExitCode, Snapshot(output), Snapshot(error));
        }

        public static ProcessStartInfo CreateStartInfo(
            string fileName,
            IEnumerable<string> arguments,
            string workingDirectory,
            IReadOnlyDictionary<string, string>? environment = null)
        {
            var startInfo = new ProcessStartInfo(fileName)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = false,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            if (environment is not null)
            {
                foreach (var (name, value) in environment)
                {
                    startInfo.Environment[name] = value;
                }
            }

            return startInfo;
        }

        public static string Describe(ProcessStartInfo startInfo) =>
            startInfo.FileName + " " + string.Join(" ", startInfo.ArgumentList);

        private static void Append(StringBuilder buffer, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (buffer)
            {
                buffer.AppendLine(line);
            }
        }

        private static string Snapshot(StringBuilder buffer)
        {
            lock (buffer)
            {
                return buffer.ToString();
            }
        }
    }

    internal sealed record ProcessResult(string Command, int ExitCode, string Output, string Error)
    {
        public override string ToString() =>
            Command + " exited with " + ExitCode + ".\n--- stdout\n" + Output + "--- stderr\n" + Error;
    }
}

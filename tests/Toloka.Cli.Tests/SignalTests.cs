using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Toloka.Cli.Tests
{
    /// <summary>The real process under a real SIGTERM, with the fake embedded (it must not swallow the signal).</summary>
    [TestFixture]
    [Platform(Exclude = "Win")]
    public sealed class SignalTests
    {
        [Test]
        public async Task Sigterm_during_the_demo_stops_the_process_within_a_second_with_130()
        {
            var start = new ProcessStartInfo("dotnet", "\"" + Path.Combine(TestContext.CurrentContext.TestDirectory, "toloka.dll") + "\" demo")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var output = new StringBuilder();
            var error = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (error) { error.AppendLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                // Real sockets and a real child process: wait (bounded) until the first bulk command runs.
                for (var i = 0; i < 300 && !Contains(output, "$ toloka pool clone"); i++)
                {
                    await Task.Delay(50);
                }

                Assert.That(Contains(output, "$ toloka pool clone"), Is.True, output.ToString() + error);
                using (var kill = Process.Start("kill", "-TERM " + process.Id))
                {
                    await kill.WaitForExitAsync();
                }

                var clock = Stopwatch.StartNew();
                var exited = process.WaitForExit(5000);

                Assert.That(exited, Is.True, "the process ignored SIGTERM");
                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
                process.WaitForExit();
                Assert.That(process.ExitCode, Is.EqualTo(130), output.ToString() + error);
                Assert.That(error.ToString(), Does.Contain("Stopped by a signal"));
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }

        private static bool Contains(StringBuilder text, string value)
        {
            lock (text)
            {
                return text.ToString().Contains(value, StringComparison.Ordinal);
            }
        }
    }
}

using System;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Toloka.Cli
{
    internal static class Program
    {
        private static async Task<int> Main(string[] args)
        {
            StartupTrace.Mark("main");
            using var stop = new CancellationTokenSource();

            // Both signals cancel the work in flight instead of killing the process, so the command can
            // say which ids were done before it exits with 130.
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

            var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                environment[(string)entry.Key] = entry.Value as string;
            }

            var host = new CliHost(Console.In, Console.Out, Console.Error, environment)
            {
                OutputIsTerminal = !Console.IsOutputRedirected,
            };
            var code = await TolokaCommandLine.RunAsync(args, host, stop.Token).ConfigureAwait(false);
            StartupTrace.Mark("done");
            return code;
        }
    }
}

using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Toloka.Generated.Benchmarks
{
    /// <summary>
    /// Repeats one generated call (clone, archive or get-operation) over the in-memory handler for a
    /// few seconds, and nothing else, so a profiler attached to the process (dotnet-trace, see
    /// BENCHMARKS.md) sees only that call's costs.
    /// </summary>
    public static class ProfileLoop
    {
        public static async Task RunAsync(string call, TimeSpan length)
        {
            using var handler = new InMemoryToloka();
            using var client = Clients.Generated(handler);
            Func<Task> once = call switch
            {
                "clone" => () => client.ClonePoolAsync("1"),
                "archive" => () => client.ArchivePoolAsync("21"),
                "get-operation" => () => client.GetOperationAsync("op-1"),
                _ => throw new ArgumentException("Profile one of: clone, archive, get-operation.", nameof(call)),
            };

            var watch = Stopwatch.StartNew();
            var calls = 0L;
            while (watch.Elapsed < length)
            {
                for (var i = 0; i < 1_000; i++)
                {
                    await once().ConfigureAwait(false);
                }

                calls += 1_000;
            }

            Console.WriteLine(call + ": " + calls + " calls in " + watch.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s");
        }
    }
}

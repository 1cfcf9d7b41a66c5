using System;
using System.Collections.Generic;
using System.IO;

namespace Toloka.Cli
{
    /// <summary>
    /// What a run of the command line talks to: its streams, its environment variables, whether a
    /// person watches its output, and its clock. Tests build one around string writers.
    /// </summary>
    internal sealed class CliHost
    {
        public CliHost(TextReader input, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?> environment)
        {
            Input = input;
            Output = output;
            Error = error;
            Environment = environment;
        }

        public TextReader Input { get; }

        public TextWriter Output { get; }

        public TextWriter Error { get; }

        public IReadOnlyDictionary<string, string?> Environment { get; }

        /// <summary>A terminal gets colours and a live progress bar; a pipe or file gets neither.</summary>
        public bool OutputIsTerminal { get; init; }

        /// <summary>The clock for pacing, retries and polling; tests pass simulated time.</summary>
        public TimeProvider Time { get; init; } = TimeProvider.System;

        /// <summary>Width for tables when no terminal says how wide it is.</summary>
        public int Width { get; init; } = 160;

        /// <summary>
        /// Polling for operations; null keeps the client's (1 s, doubling). The demo polls faster
        /// because its fake operations take a fraction of a second.
        /// </summary>
        public Toloka.Generated.TolokaPollingOptions? Polling { get; init; }

        public string? Variable(string name) =>
            Environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

        public CliHost With(IReadOnlyDictionary<string, string?> environment, Toloka.Generated.TolokaPollingOptions? polling) =>
            new(Input, Output, Error, environment)
            {
                OutputIsTerminal = OutputIsTerminal,
                Time = Time,
                Width = Width,
                Polling = polling,
            };
    }
}

using System;

namespace Toloka.Generated
{
    /// <summary>
    /// The client's settings as configuration holds them (section <c>Toloka</c> by convention):
    /// token, environment name or URL, network timeout, retries, polling and pacing.
    /// <see cref="ToString"/> never shows the token.
    /// </summary>
    public sealed class TolokaOptions
    {
        /// <summary>The conventional configuration section name, <c>Toloka</c>.</summary>
        public const string SectionName = "Toloka";

        /// <summary>The OAuth token, without the <c>OAuth</c> prefix. Required.</summary>
        public string? Token { get; set; }

        /// <summary><c>Production</c> (default), <c>Sandbox</c>, or a base URL (https, or http on loopback).</summary>
        public string Environment { get; set; } = TolokaEnvironment.Production.Name;

        /// <summary>How long one attempt may take, body included; 100 seconds by default (see <see cref="TolokaClientOptions.NetworkTimeout"/>).</summary>
        public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>The largest answer body the client reads, in bytes; 16 MiB by default (see <see cref="TolokaClientOptions.MaxResponseBytes"/>).</summary>
        public int MaxResponseBytes { get; set; } = TolokaClientOptions.DefaultMaxResponseBytes;

        /// <summary>When and how failed requests are repeated.</summary>
        public TolokaRetryOptions Retry { get; set; } = new TolokaRetryOptions();

        /// <summary>How operations are polled while waiting for them.</summary>
        public TolokaPollingOptions Polling { get; set; } = new TolokaPollingOptions();

        /// <summary>Whether rate-limited operations (pool clone) are spaced to stay under Toloka's limit.</summary>
        public bool PaceRequests { get; set; }

        /// <summary>The environment and whether a token is set; never the token.</summary>
        /// <returns>For example <c>TolokaOptions (Environment Sandbox, token set)</c>.</returns>
        public override string ToString() =>
            "TolokaOptions (Environment " + Environment + ", token " + (string.IsNullOrWhiteSpace(Token) ? "missing" : "set") + ")";

        /// <summary>The client options these settings describe.</summary>
        /// <param name="timeProvider">The clock for the client.</param>
        /// <returns>A new <see cref="TolokaClientOptions"/>.</returns>
        /// <exception cref="ArgumentException">The environment is neither a known name nor an allowed URL.</exception>
        public TolokaClientOptions ToClientOptions(TimeProvider timeProvider) => new TolokaClientOptions
        {
            Environment = TolokaEnvironment.Parse(Environment),
            NetworkTimeout = NetworkTimeout,
            MaxResponseBytes = MaxResponseBytes,
            Retry = Retry,
            Polling = Polling,
            PaceRequests = PaceRequests,
            TimeProvider = timeProvider ?? TimeProvider.System,
        };
    }
}

using System;
using System.CommandLine;
using System.Threading.RateLimiting;
using Toloka.Generated;
using Toloka.Generated.Redis;

namespace Toloka.Cli
{
    /// <summary>Options every command takes, anywhere on the line (recursive options).</summary>
    internal sealed class GlobalOptions
    {
        public Option<string?> BaseUrl { get; } = new("--base-url")
        {
            Description = "Toloka API base URL, for a proxy or a local fake (http only on loopback).",
            Recursive = true,
        };

        public Option<bool> Sandbox { get; } = new("--sandbox")
        {
            Description = "Use the Toloka sandbox (https://sandbox.toloka.dev/api/v1).",
            Recursive = true,
        };

        public Option<bool> Json { get; } = new("--json")
        {
            Description = "One JSON object per line per item, for jq; no table, no progress bar.",
            Recursive = true,
        };

        public Option<string?> TokenFile { get; } = new("--token-file")
        {
            Description = "Read the credential (an API key; an explicit ApiKey or OAuth prefix is honoured) from this file instead of the TOLOKA_API_KEY or TOLOKA_TOKEN variable.",
            Recursive = true,
        };

        /// <summary>The variable <c>--redis</c> defaults to.</summary>
        public const string RedisVariable = "TOLOKA_REDIS";

        public Option<string?> Redis { get; } = new("--redis")
        {
            Description = "Share pacing and day quotas with the account's other processes through this Redis: a StackExchange.Redis "
                + "configuration string such as 127.0.0.1:6379 or host:6380,password=...,ssl=true (default: the " + RedisVariable + " variable).",
            Recursive = true,
            HelpName = "connection",
        };

        /// <summary>
        /// The shared pacing <c>--redis</c> (or <c>TOLOKA_REDIS</c>) asks for; null when neither is set. It connects on first use.
        /// </summary>
        /// <exception cref="UsageException">The configuration string is malformed (its password masked in the message).</exception>
        public static SharedPacing? OpenRedisPacing(string? configuration)
        {
            if (string.IsNullOrWhiteSpace(configuration))
            {
                return null;
            }

            try
            {
                return new SharedPacing(new TolokaRedisPacing(new TolokaRedisPacingOptions { Configuration = configuration.Trim() }));
            }
            catch (ArgumentException e)
            {
                throw new UsageException("--redis " + TolokaRedisPacing.Mask(configuration) + ": " + TolokaRedisPacing.Mask(e.Message));
            }
        }

        public void AddTo(Command root)
        {
            root.Options.Add(BaseUrl);
            root.Options.Add(Sandbox);
            root.Options.Add(Json);
            root.Options.Add(TokenFile);
            root.Options.Add(Redis);
        }

        /// <summary>Redis-shared pacing for the session's client, and the connection it owns.</summary>
        internal sealed class SharedPacing : IDisposable
        {
            private readonly TolokaRedisPacing _pacing;

            public SharedPacing(TolokaRedisPacing pacing) => _pacing = pacing;

            /// <summary>What <see cref="TolokaClientOptions.RateLimiterFactory"/> takes.</summary>
            public Func<TolokaRateLimit, RateLimiter?> Factory => _pacing.CreateLimiter;

            /// <summary>The configuration string, its password masked.</summary>
            public string Endpoint => _pacing.Endpoint;

            public void Dispose() => _pacing.Dispose();
        }
    }
}

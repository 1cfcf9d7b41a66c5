using System;
using System.IO;
using System.CommandLine;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>
    /// One run of a command after the global options are read: where output goes, which Toloka to
    /// talk to and with what token. The client paces itself (bulk work stays under Toloka's limits).
    /// </summary>
    internal sealed class CliSession : IDisposable
    {
        public const string TokenVariable = "TOLOKA_TOKEN";

        private static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(100);

        private readonly string? _token;
        private readonly string? _tokenProblem;
        private readonly TolokaEnvironment _environment;
        private TolokaClient? _client;
        private GlobalOptions.SharedPacing? _shared;

        private CliSession(CliHost host, CliOutput output, TolokaEnvironment environment, string? token, string? tokenProblem)
        {
            Host = host;
            Output = output;
            _environment = environment;
            _token = token;
            _tokenProblem = tokenProblem;
            Time = new ObservedTime(host.Time, NetworkTimeout);
        }

        public CliHost Host { get; }

        public CliOutput Output { get; }

        public ObservedTime Time { get; }

        public TolokaPollingOptions? Polling => Host.Polling;

        /// <summary>The client, built on first use so commands that need no token (demo, help) never ask for one.</summary>
        public ITolokaClient Client => _client ??= new TolokaClient(_token ?? throw new UsageException(_tokenProblem!), new TolokaClientOptions
        {
            Environment = _environment,
            PaceRequests = true,
            RateLimiterFactory = _shared?.Factory,
            NetworkTimeout = NetworkTimeout,
            TimeProvider = Time,

            // Bulk clones resolve a lost answer themselves (Cloning.cs), so the journal records each send and search.
            ResolveLostAnswers = false,
        });

        public static CliSession Open(ParseResult parse, GlobalOptions options, CliHost host)
        {
            string? token = null;
            string? problem = null;
            var tokenFile = parse.GetValue(options.TokenFile);
            if (tokenFile is not null)
            {
                try
                {
                    token = File.ReadAllText(tokenFile).Trim();
                    problem = token.Length == 0 ? "The token file " + tokenFile + " is empty." : null;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    problem = "Cannot read the token file " + tokenFile + ": " + e.Message;
                }
            }
            else
            {
                token = host.Variable(TokenVariable)?.Trim();
                problem = token is null ? "No token: set " + TokenVariable + " or pass --token-file <path>." : null;
            }

            if (problem is not null)
            {
                token = null;
            }

            var output = new CliOutput(host, parse.GetValue(options.Json), new TokenScrubber(token));
            return new CliSession(host, output, ReadEnvironment(parse, options), token, problem)
            {
                _shared = GlobalOptions.OpenRedisPacing(parse.GetValue(options.Redis) ?? host.Variable(GlobalOptions.RedisVariable)),
            };
        }

        public void Dispose()
        {
            _client?.Dispose();
            _shared?.Dispose();
        }

        private static TolokaEnvironment ReadEnvironment(ParseResult parse, GlobalOptions options)
        {
            var baseUrl = parse.GetValue(options.BaseUrl);
            var sandbox = parse.GetValue(options.Sandbox);
            if (baseUrl is not null && sandbox)
            {
                throw new UsageException("--base-url and --sandbox both say where Toloka is: pass one.");
            }

            if (sandbox)
            {
                return TolokaEnvironment.Sandbox;
            }

            if (baseUrl is null)
            {
                return TolokaEnvironment.Production;
            }

            try
            {
                return TolokaEnvironment.Custom(baseUrl);
            }
            catch (ArgumentException e)
            {
                throw new UsageException("--base-url " + baseUrl + ": " + e.Message);
            }
        }
    }
}

using System;
using System.IO;
using System.CommandLine;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>
    /// One run of a command after the global options are read: where output goes, which Toloka to
    /// talk to and with what credential (an API key, or an old OAuth token). The client paces itself (bulk work stays under Toloka's limits).
    /// </summary>
    internal sealed class CliSession : IDisposable
    {
        public const string ApiKeyVariable = "TOLOKA_API_KEY";

        public const string TokenVariable = "TOLOKA_TOKEN";

        private static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(100);

        private readonly TolokaCredential? _credential;
        private readonly string? _credentialProblem;
        private readonly TolokaEnvironment _environment;
        private TolokaClient? _client;
        private GlobalOptions.SharedPacing? _shared;

        private CliSession(CliHost host, CliOutput output, TolokaEnvironment environment, TolokaCredential? credential, string? credentialProblem)
        {
            Host = host;
            Output = output;
            _environment = environment;
            _credential = credential;
            _credentialProblem = credentialProblem;
            Time = new ObservedTime(host.Time, NetworkTimeout);
        }

        public CliHost Host { get; }

        public CliOutput Output { get; }

        public ObservedTime Time { get; }

        public TolokaPollingOptions? Polling => Host.Polling;

        /// <summary>The client, built on first use so commands that need no credential (demo, help) never ask for one.</summary>
        public ITolokaClient Client => _client ??= NewClient();

        private TolokaClient NewClient()
        {
            StartupTrace.Mark("client wanted");
            var client = new TolokaClient(_credential ?? throw new UsageException(_credentialProblem!), new TolokaClientOptions
            {
                Environment = _environment,
                PaceRequests = true,
                RateLimiterFactory = _shared?.Factory,
                NetworkTimeout = NetworkTimeout,
                TimeProvider = Time,

                // Bulk clones resolve a lost answer themselves (Cloning.cs), so the journal records each send and search.
                ResolveLostAnswers = false,
            });
            StartupTrace.Mark("client built");
            return client;
        }

        public static CliSession Open(ParseResult parse, GlobalOptions options, CliHost host)
        {
            var (credential, problem, secrets) = ReadCredential(parse.GetValue(options.TokenFile), host);
            var output = new CliOutput(host, parse.GetValue(options.Json), new TokenScrubber(secrets));
            return new CliSession(host, output, ReadEnvironment(parse, options), credential, problem)
            {
                _shared = GlobalOptions.OpenRedisPacing(parse.GetValue(options.Redis) ?? host.Variable(GlobalOptions.RedisVariable)),
            };
        }

        /// <summary>
        /// The credential from --token-file, else TOLOKA_API_KEY (an API key), else TOLOKA_TOKEN (an API
        /// key or OAuth token, told apart as Toloka's SDKs do), with every text that may hold a secret.
        /// </summary>
        internal static (TolokaCredential? Credential, string? Problem, string?[] Secrets) ReadCredential(string? tokenFile, CliHost host)
        {
            var apiKey = host.Variable(ApiKeyVariable);
            var token = host.Variable(TokenVariable);
            if (tokenFile is not null)
            {
                string text;
                try
                {
                    text = File.ReadAllText(tokenFile).Trim();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return (null, "Cannot read the credential file " + tokenFile + ": " + e.Message, new[] { apiKey, token });
                }

                if (text.Length == 0)
                {
                    return (null, "The credential file " + tokenFile + " is empty: put the API key from your Toloka profile (Integrations) in it.", new[] { apiKey, token });
                }

                return Classify(() => TolokaCredential.Parse(text), "The credential in " + tokenFile, new[] { text, apiKey, token });
            }

            var secrets = new[] { apiKey, token };
            var hasKey = !string.IsNullOrWhiteSpace(apiKey);
            var hasToken = !string.IsNullOrWhiteSpace(token);
            if (hasKey && hasToken)
            {
                return (null, ApiKeyVariable + " and " + TokenVariable + " are both set: keep one (" + ApiKeyVariable + " for an API key, " + TokenVariable + " for an OAuth token).", secrets);
            }

            if (hasKey)
            {
                var key = apiKey!.Trim();
                var prefixed = key.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase) || key.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase);
                return Classify(() => prefixed ? TolokaCredential.Parse(key) : TolokaCredential.ApiKey(key), ApiKeyVariable, secrets);
            }

            if (hasToken)
            {
                return Classify(() => TolokaCredential.Parse(token!), TokenVariable, secrets);
            }

            return (null, MissingCredential, secrets);
        }

        public const string MissingCredential =
            "No credential: set " + ApiKeyVariable + " to the API key from your Toloka profile (Integrations > API key), " +
            "or pass --token-file <path> with the key in it (an old OAuth token goes in " + TokenVariable + ").";

        private static (TolokaCredential?, string?, string?[]) Classify(Func<TolokaCredential> read, string source, string?[] secrets)
        {
            try
            {
                return (read(), null, secrets);
            }
            catch (ArgumentException e)
            {
                var suffix = " (Parameter '" + e.ParamName + "')";
                var message = e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
                return (null, source + ": " + message, secrets);
            }
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

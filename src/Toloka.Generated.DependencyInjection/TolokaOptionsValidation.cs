using System;
using System.Net.Http;
using Microsoft.Extensions.Options;

namespace Toloka.Generated
{
    /// <summary>
    /// Checks the token and <see cref="TolokaClientOptions"/> exactly as the client will, by building one
    /// (nothing is sent): token, environment and every range, each failure naming the setting as
    /// configuration spells it (<c>Toloka:Retry:MaxAttempts</c>).
    /// </summary>
    internal sealed class TolokaOptionsValidation : IValidateOptions<TolokaClientOptions>
    {
        // A value configuration cannot convert (an environment that is not allowed, "abc" for a number) is
        // kept here when binding, so it surfaces as an OptionsValidationException like every other bad setting.
        // A side table, not a field of the options, because TolokaClientOptions is the library's public type;
        // each entry lives exactly as long as the options instance it was bound into.
        internal static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TolokaClientOptions, string> BindingFailures = new();

        // The credential is checked by TolokaCredentialValidation; the probe only needs one that is valid.
        private static readonly TolokaCredential ProbeCredential = TolokaCredential.OAuth("credential-checked-separately");

        private readonly IOptionsMonitor<TolokaCredentialSettings> _credential;

        public TolokaOptionsValidation(IOptionsMonitor<TolokaCredentialSettings> credential)
        {
            _credential = credential;
        }

        public ValidateOptionsResult Validate(string? name, TolokaClientOptions options)
        {
            var credential = _credential.Get(name);
            var path = credential.SettingsPath;
            if (BindingFailures.TryGetValue(options, out var failure))
            {
                return ValidateOptionsResult.Fail(failure);
            }

            if (options.Environment is null)
            {
                return ValidateOptionsResult.Fail(path + ":Environment must be Production, Sandbox or a base URL (https, or http on a loopback host).");
            }

            // A copy without pacing: validating must not join the process's shared pace for the account.
            var probeOptions = new TolokaClientOptions
            {
                Environment = options.Environment,
                NetworkTimeout = options.NetworkTimeout,
                MaxResponseBytes = options.MaxResponseBytes,
                TimeProvider = options.TimeProvider,
                Retry = options.Retry,
                Polling = options.Polling,
                ActUnderAccountId = options.ActUnderAccountId,
            };
            try
            {
                using var probe = new HttpClient();
                using var client = new TolokaClient(probe, ProbeCredential, probeOptions);
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException exception)
            {
                // ParamName is "token" or the setting's path ("Retry.MaxAttempts"); the messages never hold the token.
                var setting = exception.ParamName switch
                {
                    null or "" or "options" => path,
                    "token" => path + ":Token",
                    var parameter => path + ":" + parameter.Replace('.', ':'),
                };
                return ValidateOptionsResult.Fail(setting + ": " + exception.Message.Replace(Environment.NewLine, " "));
            }
        }
    }

    /// <summary>Checks that exactly one credential was given and that it can be a real one. Apart from <see cref="TolokaOptionsValidation"/>, which reads the credential, so neither needs the other to be built.</summary>
    internal sealed class TolokaCredentialValidation : IValidateOptions<TolokaCredentialSettings>
    {
        public ValidateOptionsResult Validate(string? name, TolokaCredentialSettings options)
        {
            try
            {
                options.Resolve();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException exception)
            {
                var message = TolokaCredentialSettings.Plain(exception);
                return ValidateOptionsResult.Fail(options.SettingsPath + ":" + exception.ParamName + (message.StartsWith("is required", StringComparison.Ordinal) ? " " : ": ") + message);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Net.Http;
using Microsoft.Extensions.Options;

namespace Toloka.Generated
{
    /// <summary>
    /// Checks <see cref="TolokaOptions"/> exactly as the client will, by building one (nothing is sent):
    /// token, environment and every range <see cref="TolokaClientOptions"/> checks, each failure naming
    /// the setting as configuration spells it (<c>Toloka:Retry:MaxAttempts</c>).
    /// </summary>
    internal sealed class TolokaOptionsValidation : IValidateOptions<TolokaOptions>
    {
        public ValidateOptionsResult Validate(string? name, TolokaOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.Token))
            {
                return ValidateOptionsResult.Fail("Toloka:Token is required: set the OAuth token from your Toloka profile.");
            }

            TolokaEnvironment environment;
            try
            {
                environment = TolokaEnvironment.Parse(options.Environment!);
            }
            catch (ArgumentException)
            {
                return ValidateOptionsResult.Fail("Toloka:Environment must be Production, Sandbox or a base URL (https, or http on a loopback host).");
            }

            var clientOptions = new TolokaClientOptions
            {
                Environment = environment,
                NetworkTimeout = options.NetworkTimeout,
                MaxResponseBytes = options.MaxResponseBytes,
                Retry = options.Retry,
                Polling = options.Polling,
                PaceRequests = false,
            };
            try
            {
                using var probe = new HttpClient();
                using var client = new TolokaClient(probe, options.Token!, clientOptions);
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException exception)
            {
                // ParamName is "token" or the setting's path ("Retry.MaxAttempts"); the messages never hold the token.
                var setting = exception.ParamName switch
                {
                    null or "" or "options" => "Toloka",
                    "token" => "Toloka:Token",
                    var path => "Toloka:" + path.Replace('.', ':'),
                };
                return ValidateOptionsResult.Fail(setting + ": " + exception.Message.Replace(Environment.NewLine, " "));
            }
        }
    }
}

using System;

namespace Toloka.Generated
{
    /// <summary>
    /// The credential <c>AddTolokaClient</c> gives the client, kept apart from <see cref="TolokaClientOptions"/>
    /// so the options never hold it. Bound from the section's <c>ApiKey</c> key (an API key) or <c>Token</c>
    /// key (an API key or OAuth token, read as <see cref="TolokaCredential.Parse(string)"/> reads it), or set
    /// by the credential overloads.
    /// </summary>
    internal sealed class TolokaCredentialSettings
    {
        public string? ApiKey { get; set; }

        public string? Token { get; set; }

        public TolokaCredential? Credential { get; set; }

        /// <summary>How settings are named in validation messages: the configuration section's path, <c>Toloka</c> when set in code.</summary>
        public string SettingsPath { get; set; } = "Toloka";

        /// <summary>The credential to build the client with.</summary>
        /// <exception cref="ArgumentException">None or both keys are set, or the one set cannot be a real credential; ParamName names the key.</exception>
        public TolokaCredential Resolve()
        {
            if (Credential is not null)
            {
                return Credential;
            }

            var hasKey = !string.IsNullOrWhiteSpace(ApiKey);
            var hasToken = !string.IsNullOrWhiteSpace(Token);
            if (hasKey && hasToken)
            {
                throw new ArgumentException("ApiKey and Token are both set: keep one (ApiKey for an API key, Token for an OAuth token).", "ApiKey");
            }

            try
            {
                if (hasKey)
                {
                    var key = ApiKey!.Trim();
                    var prefixed = key.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase) || key.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase);
                    return prefixed ? TolokaCredential.Parse(key) : TolokaCredential.ApiKey(key);
                }

                if (hasToken)
                {
                    return TolokaCredential.Parse(Token!);
                }
            }
            catch (ArgumentException exception)
            {
                throw new ArgumentException(Plain(exception), hasKey ? "ApiKey" : "Token");
            }

            throw new ArgumentException(
                "is required: set " + SettingsPath + ":ApiKey to the API key from your Toloka profile (Integrations), or " + SettingsPath + ":Token to an OAuth token.",
                "ApiKey");
        }

        /// <summary>The exception's message without the " (Parameter 'x')" that .NET appends.</summary>
        internal static string Plain(ArgumentException exception)
        {
            var suffix = " (Parameter '" + exception.ParamName + "')";
            var message = exception.Message;
            return exception.ParamName is not null && message.EndsWith(suffix, StringComparison.Ordinal)
                ? message.Substring(0, message.Length - suffix.Length)
                : message;
        }

        public override string ToString() =>
            "TolokaCredentialSettings (credential " + (Credential is not null || !string.IsNullOrWhiteSpace(ApiKey) || !string.IsNullOrWhiteSpace(Token) ? "set" : "missing") + ")";
    }
}

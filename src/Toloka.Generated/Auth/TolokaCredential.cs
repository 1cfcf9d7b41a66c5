using System;

namespace Toloka.Generated
{
    /// <summary>
    /// The kinds of credential Toloka accepts, named as the spec's <c>components.securitySchemes</c> names
    /// them; each is sent as <c>Authorization: &lt;scheme&gt; &lt;secret&gt;</c>.
    /// </summary>
    public enum TolokaCredentialScheme
    {
        /// <summary>An API key from the requester's profile (Integrations), sent as <c>Authorization: ApiKey &lt;key&gt;</c>: what Toloka issues today.</summary>
        ApiKey = 0,

        /// <summary>An OAuth token, the older kind, sent as <c>Authorization: OAuth &lt;token&gt;</c>.</summary>
        OAuth = 1,
    }

    /// <summary>
    /// What a <see cref="TolokaClient"/> authenticates with: an API key (<see cref="ApiKey"/>) or an OAuth
    /// token (<see cref="OAuth"/>). <see cref="Parse(string)"/> classifies a bare string as Toloka's own SDKs do.
    /// The secret is checked when the credential is made and never appears in <see cref="ToString"/>,
    /// exceptions or logs.
    /// </summary>
    public sealed class TolokaCredential
    {
        /// <summary>The fewest characters a credential may have: anything shorter cannot be one Toloka issued.</summary>
        public const int MinimumLength = 16;

        private TolokaCredential(TolokaCredentialScheme scheme, string secret)
        {
            Scheme = scheme;
            Secret = secret;
        }

        /// <summary>Which kind of credential this is, and so which <c>Authorization</c> scheme the client sends.</summary>
        public TolokaCredentialScheme Scheme { get; }

        internal string Secret { get; }

        /// <summary>The whole <c>Authorization</c> header value, such as <c>ApiKey &lt;key&gt;</c>.</summary>
        internal string HeaderValue => SchemeName(Scheme) + " " + Secret;

        /// <summary>An API key, sent as <c>Authorization: ApiKey &lt;key&gt;</c>.</summary>
        /// <param name="key">The key from your Toloka profile (Integrations), without the <c>ApiKey</c> prefix.</param>
        /// <returns>The credential.</returns>
        /// <exception cref="ArgumentException">The key is missing, shorter than <see cref="MinimumLength"/>, or holds whitespace, control or non-ASCII characters.</exception>
        public static TolokaCredential ApiKey(string key) => new TolokaCredential(TolokaCredentialScheme.ApiKey, Check(key, TolokaCredentialScheme.ApiKey, nameof(key)));

        /// <summary>An OAuth token (the older kind of credential), sent as <c>Authorization: OAuth &lt;token&gt;</c>.</summary>
        /// <param name="token">The token, without the <c>OAuth</c> prefix.</param>
        /// <returns>The credential.</returns>
        /// <exception cref="ArgumentException">The token is missing, shorter than <see cref="MinimumLength"/>, or holds whitespace, control or non-ASCII characters.</exception>
        public static TolokaCredential OAuth(string token) => new TolokaCredential(TolokaCredentialScheme.OAuth, Check(token, TolokaCredentialScheme.OAuth, nameof(token)));

        /// <summary>
        /// Reads a credential from text as Toloka's SDKs do: an explicit <c>ApiKey </c> or <c>OAuth </c>
        /// prefix wins; otherwise a string with exactly two dots, the first at index 22, 23 or 24, is an
        /// API key and anything else an OAuth token.
        /// </summary>
        /// <param name="credential">The key or token, with or without its scheme prefix.</param>
        /// <returns>The credential.</returns>
        /// <exception cref="ArgumentException">The text is missing, or the secret is shorter than <see cref="MinimumLength"/> or holds whitespace, control or non-ASCII characters.</exception>
        public static TolokaCredential Parse(string credential) => Parse(credential, nameof(credential));

        /// <summary>Says which scheme a bare key or token has by its shape, as Toloka-Kit does.</summary>
        internal static TolokaCredentialScheme Classify(string secret)
        {
            var first = secret.IndexOf('.');
            var dots = 0;
            foreach (var character in secret)
            {
                if (character == '.')
                {
                    dots++;
                }
            }

            return dots == 2 && first >= 22 && first <= 24 ? TolokaCredentialScheme.ApiKey : TolokaCredentialScheme.OAuth;
        }

        /// <exception cref="ArgumentException">See <see cref="Parse(string)"/>; the exception's ParamName is <paramref name="parameterName"/>.</exception>
        internal static TolokaCredential Parse(string? credential, string parameterName)
        {
            if (string.IsNullOrWhiteSpace(credential))
            {
                throw new ArgumentException(Missing, parameterName);
            }

            var trimmed = credential!.Trim();
            foreach (var scheme in new[] { TolokaCredentialScheme.ApiKey, TolokaCredentialScheme.OAuth })
            {
                var prefix = SchemeName(scheme);
                if (trimmed.Length > prefix.Length
                    && trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    && (trimmed[prefix.Length] == ' ' || trimmed[prefix.Length] == '\t'))
                {
                    return new TolokaCredential(scheme, Check(trimmed.Substring(prefix.Length + 1).Trim(), scheme, parameterName));
                }
            }

            var secret = Check(trimmed, null, parameterName);
            return new TolokaCredential(Classify(secret), secret);
        }

        /// <summary>The scheme's name as sent in the header and declared in the spec.</summary>
        internal static string SchemeName(TolokaCredentialScheme scheme) => scheme == TolokaCredentialScheme.ApiKey ? "ApiKey" : "OAuth";

        /// <summary>Names the kind of credential, never the secret.</summary>
        /// <returns><c>ApiKey ***</c> or <c>OAuth ***</c>.</returns>
        public override string ToString() => SchemeName(Scheme) + " ***";

        private const string Missing =
            "A Toloka API key is required: make one in your Toloka profile (Integrations > API key) and pass it as TolokaCredential.ApiKey(key) or as the token string. An OAuth token (the older kind) works too.";

        private static string Check(string? secret, TolokaCredentialScheme? scheme, string parameterName)
        {
            var what = scheme switch
            {
                TolokaCredentialScheme.ApiKey => "The API key",
                TolokaCredentialScheme.OAuth => "The OAuth token",
                _ => "The API key or OAuth token",
            };
            if (string.IsNullOrWhiteSpace(secret))
            {
                throw new ArgumentException(Missing, parameterName);
            }

            var trimmed = secret!.Trim();
            foreach (var character in trimmed)
            {
                // Visible ASCII only: whitespace and control characters (CR/LF above all) could split or
                // corrupt the header, and no credential Toloka issues holds them.
                if (character < '!' || character > '~')
                {
                    throw new ArgumentException(
                        what + " holds whitespace, control or non-ASCII characters, which no Toloka credential has and an HTTP header cannot carry.",
                        parameterName);
                }
            }

            if (trimmed.Length < MinimumLength)
            {
                throw new ArgumentException(
                    what + " is " + trimmed.Length + " characters long; Toloka's are far longer (at least " + MinimumLength + "), so this cannot be one. Pass the whole key from your Toloka profile.",
                    parameterName);
            }

            return trimmed;
        }
    }
}

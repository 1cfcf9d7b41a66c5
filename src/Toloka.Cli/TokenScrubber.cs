using System;
using System.Collections.Generic;
using System.Linq;
using Toloka.Generated;

namespace Toloka.Cli
{
    /// <summary>Removes the credential (API key or OAuth token) from any text the command prints, exception messages included.</summary>
    internal sealed class TokenScrubber
    {
        private readonly string[] _secrets;

        /// <summary>
        /// Masks the secret part of each text (what follows an <c>ApiKey </c>/<c>OAuth </c> prefix). Texts too short
        /// to be a credential are refused by the client and never masked, so ordinary output is never rewritten.
        /// </summary>
        public TokenScrubber(params string?[] credentials)
        {
            _secrets = credentials
                .Where(text => !string.IsNullOrWhiteSpace(text))
                .Select(text => text!.Trim())
                .Select(text => text[(Math.Max(text.LastIndexOf(' '), text.LastIndexOf('\t')) + 1)..])
                .Where(secret => secret.Length >= TolokaCredential.MinimumLength)
                .Distinct(StringComparer.Ordinal)
                .OrderByDescending(secret => secret.Length)
                .ToArray();
        }

        public string Scrub(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            foreach (var secret in _secrets)
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }

            return text;
        }
    }
}

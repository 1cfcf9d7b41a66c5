using System;

namespace Toloka.Cli
{
    /// <summary>Removes the token from any text the command prints, exception messages included.</summary>
    internal sealed class TokenScrubber
    {
        private readonly string? _token;

        public TokenScrubber(string? token)
        {
            _token = string.IsNullOrWhiteSpace(token) ? null : token.Trim();
        }

        public string Scrub(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            return _token is null ? text : text.Replace(_token, "***", StringComparison.Ordinal);
        }
    }
}

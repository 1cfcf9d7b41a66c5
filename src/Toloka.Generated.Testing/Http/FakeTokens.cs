using System;
using System.Collections.Generic;
using Microsoft.Extensions.Primitives;

namespace Toloka.Generated.Testing
{
    /// <summary>The tokens the fake accepts, and the check of a request's <c>Authorization</c> header against them.</summary>
    internal sealed class FakeTokens
    {
        private const string Scheme = "OAuth";
        private readonly object _gate = new();
        private readonly HashSet<string> _accepted = new(StringComparer.Ordinal);

        internal void Accept(string token)
        {
            Check(token, nameof(token));
            lock (_gate)
            {
                _accepted.Add(token);
            }
        }

        internal void Revoke(string token)
        {
            lock (_gate)
            {
                _accepted.Remove(token);
            }
        }

        /// <summary>
        /// True for exactly one header <c>OAuth &lt;token&gt;</c> (the scheme in any case, as HTTP allows)
        /// with an accepted token; a second Authorization header, another scheme or no token is refused.
        /// </summary>
        internal bool IsValid(StringValues authorization)
        {
            if (authorization.Count != 1 || authorization[0] is not { } value)
            {
                return false;
            }

            if (value.Length <= Scheme.Length + 1
                || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
                || value[Scheme.Length] != ' ')
            {
                return false;
            }

            var token = value.Substring(Scheme.Length + 1).Trim(' ');
            lock (_gate)
            {
                return _accepted.Contains(token);
            }
        }

        /// <exception cref="ArgumentException">The token is blank or holds characters a header cannot carry.</exception>
        internal static void Check(string? token, string parameterName)
        {
            if (string.IsNullOrWhiteSpace(token))
            {
                throw new ArgumentException("A token must not be blank.", parameterName);
            }

            foreach (var character in token)
            {
                if (character < '!' || character > '~')
                {
                    throw new ArgumentException("A token holds visible ASCII characters only, as an HTTP header needs.", parameterName);
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using Microsoft.Extensions.Primitives;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// The credentials the fake accepts, each with its kind (API key or OAuth token, told apart as the
    /// client does), the schemes it accepts at all, and the check of a request's <c>Authorization</c>
    /// header against them: as in Toloka, a credential sent with the other kind's scheme is refused.
    /// </summary>
    internal sealed class FakeTokens
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, TolokaCredentialScheme> _accepted = new(StringComparer.Ordinal);
        private readonly HashSet<TolokaCredentialScheme> _schemes;

        internal FakeTokens(IEnumerable<TolokaCredentialScheme> schemes)
        {
            _schemes = new HashSet<TolokaCredentialScheme>(schemes);
        }

        internal void Accept(string credential)
        {
            var (scheme, secret) = Read(credential, nameof(credential));
            lock (_gate)
            {
                _accepted[secret] = scheme;
            }
        }

        internal void Revoke(string credential)
        {
            var (_, secret) = Read(credential, nameof(credential));
            lock (_gate)
            {
                _accepted.Remove(secret);
            }
        }

        /// <summary>
        /// True for exactly one header <c>&lt;scheme&gt; &lt;secret&gt;</c> (the scheme in any case, as HTTP
        /// allows) whose secret is accepted, whose scheme is the secret's kind, and whose scheme the fake
        /// accepts; a second Authorization header, another scheme or no credential is refused.
        /// </summary>
        internal bool IsValid(StringValues authorization)
        {
            if (authorization.Count != 1 || authorization[0] is not { } value)
            {
                return false;
            }

            var space = value.IndexOf(' ');
            if (space <= 0)
            {
                return false;
            }

            var schemeName = value.Substring(0, space);
            TolokaCredentialScheme scheme;
            if (string.Equals(schemeName, "ApiKey", StringComparison.OrdinalIgnoreCase))
            {
                scheme = TolokaCredentialScheme.ApiKey;
            }
            else if (string.Equals(schemeName, "OAuth", StringComparison.OrdinalIgnoreCase))
            {
                scheme = TolokaCredentialScheme.OAuth;
            }
            else
            {
                return false;
            }

            var secret = value.Substring(space + 1).Trim(' ');
            lock (_gate)
            {
                return _schemes.Contains(scheme) && _accepted.TryGetValue(secret, out var kind) && kind == scheme;
            }
        }

        /// <summary>The kind and secret of a credential, as <see cref="TolokaCredential.Parse(string)"/> reads it.</summary>
        /// <exception cref="ArgumentException">The credential is missing or cannot be a real one.</exception>
        internal static (TolokaCredentialScheme Scheme, string Secret) Read(string? credential, string parameterName)
        {
            TolokaCredential parsed;
            try
            {
                parsed = TolokaCredential.Parse(credential!);
            }
            catch (ArgumentException exception)
            {
                throw new ArgumentException(exception.Message, parameterName, exception);
            }

            // Parse accepted it, so it holds no whitespace but the one after an explicit prefix.
            var trimmed = credential!.Trim();
            var space = Math.Max(trimmed.LastIndexOf(' '), trimmed.LastIndexOf('\t'));
            return (parsed.Scheme, trimmed.Substring(space + 1));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Toloka.Generated
{
    /// <summary>
    /// The credential (API key or OAuth token), kept out of sight: it is checked once, sent only in the Authorization header,
    /// and scrubbed from any text the client passes on (error bodies, messages, headers).
    /// </summary>
    internal sealed class TolokaToken
    {
        private const string Mask = "***";
        private readonly string _value;
        private string? _fingerprint;

        private TolokaToken(TolokaCredential credential)
        {
            _value = credential.Secret;
            HeaderValue = credential.HeaderValue;
            Scheme = credential.Scheme;
        }

        /// <summary>The whole Authorization header value: the spec's scheme name, a space, the secret.</summary>
        internal string HeaderValue { get; }

        /// <summary>The secret alone (the key or token), which masking looks for.</summary>
        internal string Secret => _value;

        internal TolokaCredentialScheme Scheme { get; }

        /// <summary>
        /// A short hash that tells tokens apart (for sharing per-account state) without revealing them;
        /// computed on first use, since hashing loads OpenSSL and most calls never need it.
        /// </summary>
        internal string Fingerprint => _fingerprint ??= FingerprintOf(_value);

        private static string FingerprintOf(string secret)
        {
#if NET5_0_OR_GREATER
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), 0, 8);
#else
            using (var sha = SHA256.Create())
            {
                return BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(secret)), 0, 8).Replace("-", string.Empty);
            }
#endif
        }

        /// <summary>Reads a credential as <see cref="TolokaCredential.Parse(string)"/> does (an <c>ApiKey </c>/<c>OAuth </c> prefix wins, else by its shape).</summary>
        /// <exception cref="ArgumentException">The credential is missing, cannot be a real one, or holds characters an HTTP header cannot carry.</exception>
        internal static TolokaToken Create(string? token, string parameterName) => new TolokaToken(TolokaCredential.Parse(token, parameterName));

        internal string Redact(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }

#if NET5_0_OR_GREATER
            return text.Replace(_value, Mask, StringComparison.Ordinal);
#else
            return text.Replace(_value, Mask);
#endif
        }

        internal IReadOnlyDictionary<string, IEnumerable<string>> Redact(IReadOnlyDictionary<string, IEnumerable<string>> headers)
        {
            var copy = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in headers)
            {
                // A hostile server can put the echoed token in a header's name as well as its value.
                copy[Redact(header.Key)] = header.Value.Select(Redact).ToArray();
            }

            return copy;
        }

        /// <summary>Masks the token, in place, in every string value and property name of a parsed answer.</summary>
        internal void Redact(Newtonsoft.Json.Linq.JToken node)
        {
            switch (node)
            {
                case Newtonsoft.Json.Linq.JValue { Value: string text } value when text.Contains(_value):
                    value.Value = Redact(text);
                    break;
                case Newtonsoft.Json.Linq.JObject members:
                    foreach (var property in members.Properties().ToList())
                    {
                        Redact(property.Value);
                        if (property.Name.Contains(_value))
                        {
                            property.Replace(new Newtonsoft.Json.Linq.JProperty(Redact(property.Name), property.Value));
                        }
                    }

                    break;
                case Newtonsoft.Json.Linq.JArray items:
                    foreach (var item in items)
                    {
                        Redact(item);
                    }

                    break;
            }
        }

        /// <summary>
        /// The exception itself when no message in its chain holds the token (so its type and stack trace
        /// survive); otherwise a copy of the chain with the token masked in every message.
        /// </summary>
        internal Exception? Scrub(Exception? exception)
        {
            if (exception is null || !Leaks(exception))
            {
                return exception;
            }

            var inner = Scrub(exception.InnerException);
            var message = Redact(exception.Message);
            switch (exception)
            {
                case System.Net.Http.HttpRequestException:
                    return new System.Net.Http.HttpRequestException(message, inner);
                case System.IO.IOException:
                    return new System.IO.IOException(message, inner);
                case Newtonsoft.Json.JsonException:
                    return new Newtonsoft.Json.JsonSerializationException(message, inner!);
                default:
                    return new TolokaRedactedException(exception.GetType().FullName + ": " + message, inner);
            }
        }

        private bool Leaks(Exception exception)
        {
            for (var current = exception; current is not null; current = current.InnerException)
            {
                if (current.Message.Contains(_value))
                {
                    return true;
                }

                if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(Leaks))
                {
                    return true;
                }
            }

            return false;
        }

        public override string ToString() => Mask;
    }

    /// <summary>Stands in for an exception whose message held the token; its message names the original type.</summary>
    internal sealed class TolokaRedactedException : Exception
    {
        internal TolokaRedactedException(string message, Exception? innerException)
            : base(message, innerException)
        {
        }
    }
}

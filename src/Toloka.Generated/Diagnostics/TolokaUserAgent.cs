using System;
using System.Net.Http;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Toloka.Generated
{
    /// <summary>
    /// The <c>User-Agent</c> every request carries: <c>Toloka.Generated/&lt;version&gt; (&lt;framework&gt;; &lt;OS&gt;)</c>,
    /// after whatever the caller's <see cref="HttpClient"/> already names, as the Azure SDK puts an
    /// application's own identifier first.
    /// </summary>
    internal static class TolokaUserAgent
    {
        /// <summary>The package version without build metadata (<c>0.1.0</c>, not <c>0.1.0+3f2a...</c>).</summary>
        internal static readonly string PackageVersion = ReadVersion();

        /// <summary>What this package adds to every <c>User-Agent</c>.</summary>
        internal static readonly string Ours = "Toloka.Generated/" + PackageVersion
            + " (" + Clean(RuntimeInformation.FrameworkDescription) + "; " + Clean(RuntimeInformation.OSDescription) + ")";

        /// <summary>The header value for requests sent through <paramref name="httpClient"/>: the caller's agent, then ours (ours alone without one).</summary>
        internal static string For(HttpClient? httpClient)
        {
            if (httpClient is null)
            {
                return Ours;
            }

            var callers = httpClient.DefaultRequestHeaders.UserAgent.ToString();
            if (callers.Length == 0 && httpClient.DefaultRequestHeaders.TryGetValues("User-Agent", out var raw))
            {
                callers = string.Join(" ", raw);
            }

            callers = callers.Trim();
            return callers.Length == 0 ? Ours : callers + " " + Ours;
        }

        private static string ReadVersion()
        {
            var assembly = typeof(TolokaUserAgent).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            var version = string.IsNullOrEmpty(informational) ? assembly.GetName().Version?.ToString() ?? "0.0.0" : informational!;
            var metadata = version.IndexOf('+');
            return Clean(metadata < 0 ? version : version.Substring(0, metadata));
        }

        /// <summary>
        /// Keeps a runtime-provided description a valid header comment: printable ASCII only, no
        /// parentheses or backslashes (an OS description may carry any of them).
        /// </summary>
        private static string Clean(string text)
        {
            var cleaned = new StringBuilder(text.Length);
            foreach (var character in text)
            {
                if (character >= 0x20 && character <= 0x7E && character != '(' && character != ')' && character != '\\')
                {
                    cleaned.Append(character);
                }
            }

            return cleaned.ToString().Trim();
        }
    }
}

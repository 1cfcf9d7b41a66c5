using System;
using System.ComponentModel;
using System.Globalization;

namespace Toloka.Generated
{
    /// <summary>
    /// Where a <see cref="TolokaClient"/> sends its requests: Toloka's production or sandbox API, or a
    /// custom base URL such as a local fake. Configuration binds it from text (<c>Production</c>,
    /// <c>Sandbox</c> or a base URL) through its <see cref="TypeConverter"/>, as <see cref="Parse"/> reads it.
    /// </summary>
    [TypeConverter(typeof(TolokaEnvironmentConverter))]
    public sealed class TolokaEnvironment : IEquatable<TolokaEnvironment>
    {
        private TolokaEnvironment(string name, Uri baseUri)
        {
            Name = name;
            BaseUri = baseUri;
        }

        /// <summary>Toloka's production API, <c>https://toloka.dev/api/v1</c>.</summary>
        public static TolokaEnvironment Production { get; } = new TolokaEnvironment("Production", new Uri("https://toloka.dev/api/v1/"));

        /// <summary>Toloka's sandbox API, <c>https://sandbox.toloka.dev/api/v1</c>.</summary>
        public static TolokaEnvironment Sandbox { get; } = new TolokaEnvironment("Sandbox", new Uri("https://sandbox.toloka.dev/api/v1/"));

        /// <summary>A short name for the environment: <c>Production</c>, <c>Sandbox</c> or <c>Custom</c>.</summary>
        public string Name { get; }

        /// <summary>The base URL that operation paths are appended to; it always ends with <c>/</c>.</summary>
        public Uri BaseUri { get; }

        /// <summary>
        /// An environment with a base URL of your own, for example a proxy or a fake Toloka in tests.
        /// </summary>
        /// <param name="baseUri">An absolute <c>https</c> URL, or an <c>http</c> URL whose host is loopback.</param>
        /// <returns>The environment.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="baseUri"/> is null.</exception>
        /// <exception cref="ArgumentException">The URL is relative, is neither https nor loopback http, or carries credentials, a query or a fragment.</exception>
        public static TolokaEnvironment Custom(Uri baseUri)
        {
            if (baseUri is null)
            {
                throw new ArgumentNullException(nameof(baseUri));
            }

            if (!baseUri.IsAbsoluteUri)
            {
                throw new ArgumentException("The base URL must be absolute, for example https://toloka.dev/api/v1.", nameof(baseUri));
            }

            var isHttps = baseUri.Scheme == Uri.UriSchemeHttps;
            var isLoopbackHttp = baseUri.Scheme == Uri.UriSchemeHttp && baseUri.IsLoopback;
            if (!isHttps && !isLoopbackHttp)
            {
                throw new ArgumentException(
                    "The base URL must use https; plain http is allowed only for a loopback host (127.0.0.1, ::1, localhost), because the API key or token would otherwise cross the network unencrypted.",
                    nameof(baseUri));
            }

            if (!string.IsNullOrEmpty(baseUri.UserInfo) || !string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment))
            {
                throw new ArgumentException("The base URL must not carry user information, a query or a fragment.", nameof(baseUri));
            }

            var text = baseUri.GetLeftPart(UriPartial.Path);
            var normalized = text.EndsWith("/", StringComparison.Ordinal) ? new Uri(text) : new Uri(text + "/");
            return new TolokaEnvironment("Custom", normalized);
        }

        /// <summary>An environment with a base URL of your own, given as text.</summary>
        /// <param name="baseUri">An absolute <c>https</c> URL, or an <c>http</c> URL whose host is loopback.</param>
        /// <returns>The environment.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="baseUri"/> is null.</exception>
        /// <exception cref="ArgumentException">The text is not an absolute URL, or the URL is not allowed (see <see cref="Custom(Uri)"/>).</exception>
        public static TolokaEnvironment Custom(string baseUri)
        {
            if (baseUri is null)
            {
                throw new ArgumentNullException(nameof(baseUri));
            }

            if (!Uri.TryCreate(baseUri, UriKind.Absolute, out var parsed))
            {
                throw new ArgumentException("The base URL must be absolute, for example https://toloka.dev/api/v1.", nameof(baseUri));
            }

            return Custom(parsed);
        }

        /// <summary>Reads an environment from configuration text: <c>Production</c>, <c>Sandbox</c> (any case) or a base URL.</summary>
        /// <param name="value">The name or URL.</param>
        /// <returns>The environment.</returns>
        /// <exception cref="ArgumentException">The value is blank, or is neither a known name nor an allowed URL.</exception>
        public static TolokaEnvironment Parse(string value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException("The environment must be Production, Sandbox or a base URL.", nameof(value));
            }

            var trimmed = value.Trim();
            if (string.Equals(trimmed, Production.Name, StringComparison.OrdinalIgnoreCase))
            {
                return Production;
            }

            if (string.Equals(trimmed, Sandbox.Name, StringComparison.OrdinalIgnoreCase))
            {
                return Sandbox;
            }

            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var parsed))
            {
                throw new ArgumentException(
                    "'" + trimmed + "' is not an environment: use Production, Sandbox (any case) or an absolute base URL such as https://toloka.dev/api/v1.",
                    nameof(value));
            }

            return Custom(parsed);
        }

        /// <inheritdoc />
        public bool Equals(TolokaEnvironment? other) => other is not null && BaseUri == other.BaseUri;

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as TolokaEnvironment);

        /// <inheritdoc />
        public override int GetHashCode() => BaseUri.GetHashCode();

        /// <summary>The name and base URL, for logs.</summary>
        /// <returns>For example <c>Sandbox (https://sandbox.toloka.dev/api/v1/)</c>.</returns>
        public override string ToString() => Name + " (" + BaseUri.AbsoluteUri + ")";
    }

    /// <summary>
    /// Lets configuration binders and <see cref="TypeDescriptor"/> read an environment from text, so
    /// <c>"Toloka:Environment": "Sandbox"</c> binds <see cref="TolokaClientOptions.Environment"/> directly.
    /// </summary>
    internal sealed class TolokaEnvironmentConverter : TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
            sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

        public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) =>
            destinationType == typeof(string) || base.CanConvertTo(context, destinationType);

        /// <exception cref="ArgumentException">The text is neither Production, Sandbox nor an allowed base URL.</exception>
        public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
            value is string text ? TolokaEnvironment.Parse(text) : base.ConvertFrom(context, culture, value);

        public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType)
        {
            if (destinationType == typeof(string) && value is TolokaEnvironment environment)
            {
                return environment.Name == "Custom" ? environment.BaseUri.AbsoluteUri : environment.Name;
            }

            return base.ConvertTo(context, culture, value, destinationType);
        }
    }
}

namespace Toloka.Generated
{
    /// <summary>
    /// The OAuth token <c>AddTolokaClient</c> gives the client, kept apart from <see cref="TolokaClientOptions"/>
    /// so the options never hold it. Bound from the section's <c>Token</c> key, or set by the token overload.
    /// </summary>
    internal sealed class TolokaCredential
    {
        public string? Token { get; set; }

        /// <summary>How settings are named in validation messages: the configuration section's path, <c>Toloka</c> when set in code.</summary>
        public string SettingsPath { get; set; } = "Toloka";

        public override string ToString() => "TolokaCredential (token " + (string.IsNullOrWhiteSpace(Token) ? "missing" : "set") + ")";
    }
}

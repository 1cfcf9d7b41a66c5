using System.CommandLine;

namespace Toloka.Cli
{
    /// <summary>Options every command takes, anywhere on the line (recursive options).</summary>
    internal sealed class GlobalOptions
    {
        public Option<string?> BaseUrl { get; } = new("--base-url")
        {
            Description = "Toloka API base URL, for a proxy or a local fake (http only on loopback).",
            Recursive = true,
        };

        public Option<bool> Sandbox { get; } = new("--sandbox")
        {
            Description = "Use the Toloka sandbox (https://sandbox.toloka.dev/api/v1).",
            Recursive = true,
        };

        public Option<bool> Json { get; } = new("--json")
        {
            Description = "One JSON object per line per item, for jq; no table, no progress bar.",
            Recursive = true,
        };

        public Option<string?> TokenFile { get; } = new("--token-file")
        {
            Description = "Read the OAuth token from this file instead of the TOLOKA_TOKEN variable.",
            Recursive = true,
        };

        public void AddTo(Command root)
        {
            root.Options.Add(BaseUrl);
            root.Options.Add(Sandbox);
            root.Options.Add(Json);
            root.Options.Add(TokenFile);
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace Toloka.Generated.ContractTests.Support
{
    /// <summary>
    /// The Node tools pinned in build/package.json (Spectral, Prism). On a clean clone they are not
    /// installed yet, so the first check that needs them runs <c>npm ci --prefix build</c>.
    /// </summary>
    internal static class NodeTools
    {
        private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
        private static readonly SemaphoreSlim InstallGate = new(1, 1);

        public static string Node => "node";

        public static async Task<string> SpectralAsync() => await EntryPointAsync("@stoplight/spectral-cli", "spectral");

        public static async Task<string> PrismAsync() => await EntryPointAsync("@stoplight/prism-cli", "prism");

        /// <summary>Quiet, offline-friendly npm: no audit, no funding notes, no install-time analytics.</summary>
        public static IReadOnlyDictionary<string, string> NpmEnvironment { get; } = new Dictionary<string, string>
        {
            ["npm_config_audit"] = "false",
            ["npm_config_fund"] = "false",
            ["npm_config_update_notifier"] = "false",
            ["SCARF_ANALYTICS"] = "false",
        };

        private static async Task<string> EntryPointAsync(string package, string command)
        {
            await EnsureInstalledAsync();
            var packageDirectory = Path.Combine(Repository.NodeToolsDirectory, "node_modules", package);
            var manifest = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(packageDirectory, "package.json")));
            var relative = (string?)manifest["bin"]?[command]
                ?? throw new InvalidOperationException(package + "'s package.json names no '" + command + "' command.");
            return Path.GetFullPath(Path.Combine(packageDirectory, relative));
        }

        private static async Task EnsureInstalledAsync()
        {
            await InstallGate.WaitAsync();
            try
            {
                if (IsInstalled())
                {
                    return;
                }

                var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
                var result = await ExternalProcess.RunAsync(
                    npm,
                    new[] { "ci", "--prefix", Repository.NodeToolsDirectory },
                    Repository.Root,
                    InstallTimeout,
                    NpmEnvironment);
                if (result.ExitCode != 0 || !IsInstalled())
                {
                    throw new InvalidOperationException("Installing the Node tools failed.\n" + result);
                }
            }
            finally
            {
                InstallGate.Release();
            }
        }

        private static bool IsInstalled() => HasCommand("spectral") && HasCommand("prism");

        private static bool HasCommand(string command)
        {
            var bin = Path.Combine(Repository.NodeToolsDirectory, "node_modules", ".bin", command);
            return File.Exists(bin) || File.Exists(bin + ".cmd");
        }
    }
}

using System;
using System.IO;
using NUnit.Framework;

namespace Toloka.Generated.TestSupport
{
    /// <summary>Files of this repository that the contract checks read: the spec, the ruleset, the Node tools.</summary>
    internal static class Repository
    {
        private static readonly Lazy<string> LazyRoot = new(FindRoot);

        public static string Root => LazyRoot.Value;

        public static string Spec => Path.Combine(Root, "openapi", "toloka.yaml");

        public static string SpectralRuleset => Path.Combine(Root, ".spectral.yaml");

        /// <summary>Where build/package.json lives, the --prefix for npm.</summary>
        public static string NodeToolsDirectory => Path.Combine(Root, "build");

        public static string TestData(params string[] parts) =>
            Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", Path.Combine(parts));

        // The tests run from tests/<project>/bin/<configuration>/<framework>; the checks need the
        // files themselves (Spectral and Prism read the spec and ruleset from disk), not copies.
        private static string FindRoot()
        {
            for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "openapi", "toloka.yaml")) &&
                    File.Exists(Path.Combine(directory.FullName, "build", "package.json")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException(
                "No directory above " + TestContext.CurrentContext.TestDirectory + " holds openapi/toloka.yaml and build/package.json.");
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Toloka.Cli
{
    /// <summary>
    /// The ids a command works on: from the command line, from a file (--from-file), or from standard
    /// input when an id is "-". Ids are separated by whitespace or commas; "#" starts a comment line.
    /// </summary>
    internal static class IdSource
    {
        private static readonly char[] Separators = { ' ', '\t', '\r', ',' };

        public static IReadOnlyList<string> Read(IEnumerable<string>? arguments, string? fromFile, TextReader input)
        {
            var ids = new List<string>();
            var stdinRead = false;
            foreach (var argument in arguments ?? Array.Empty<string>())
            {
                if (argument == "-")
                {
                    if (!stdinRead)
                    {
                        ids.AddRange(Split(input.ReadToEnd()));
                        stdinRead = true;
                    }
                }
                else if (argument.StartsWith('-'))
                {
                    // System.CommandLine hands an unknown option to a list argument; Toloka ids never start with '-'.
                    throw new UsageException("Unrecognized option '" + argument + "'.");
                }
                else
                {
                    ids.AddRange(Split(argument));
                }
            }

            if (fromFile is not null)
            {
                try
                {
                    ids.AddRange(Split(File.ReadAllText(fromFile)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new UsageException("Cannot read --from-file " + fromFile + ": " + e.Message);
                }
            }

            if (ids.Count == 0)
            {
                throw new UsageException("No ids: pass them as arguments, with --from-file <path>, or as - to read standard input.");
            }

            // Toloka refuses these as ids anyway; saying so before anything is sent keeps a bulk run whole.
            var bad = ids.FirstOrDefault(id => id is "." or "..");
            if (bad is not null)
            {
                throw new UsageException("\"" + bad + "\" is not an id.");
            }

            return ids.Distinct(StringComparer.Ordinal).ToList();
        }

        private static IEnumerable<string> Split(string text) =>
            text.Split('\n')
                .Select(line => line.Trim())
                .Where(line => !line.StartsWith('#'))
                .SelectMany(line => line.Split(Separators, StringSplitOptions.RemoveEmptyEntries));
    }
}

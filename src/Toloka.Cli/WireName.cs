using System;
using System.Collections.Generic;
using System.Linq;

namespace Toloka.Cli
{
    /// <summary>Toloka's names for the client's open enums (POOL.CLONE, SUCCESS), and reading them from the command line.</summary>
    internal static class WireName
    {
        /// <summary>The value as Toloka sends it, a value the spec does not list included.</summary>
        public static string Of<T>(T value)
            where T : struct => value.ToString() ?? string.Empty;

        /// <summary>
        /// Reads POOL.CLONE, pool_clone, pool-clone or PoolClone alike as a listed value; any other text
        /// that could be one of Toloka's names (letters, digits, '.', '_') is passed on as it is, since
        /// Toloka adds values over time.
        /// </summary>
        public static T Parse<T>(string text, string option, IReadOnlyList<T> known, Func<string, T> create)
            where T : struct
        {
            var wanted = Normalize(text);
            foreach (var value in known)
            {
                if (Normalize(Of(value)) == wanted)
                {
                    return value;
                }
            }

            var trimmed = text.Trim();
            if (trimmed.Length == 0 || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_'))
            {
                throw new UsageException(option + " " + text + " is not a value Toloka uses; the known ones are " + string.Join(", ", known.Select(Of)) + ".");
            }

            return create(trimmed.ToUpperInvariant());
        }

        private static string Normalize(string text) =>
            new string(text.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
    }
}

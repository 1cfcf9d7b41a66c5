using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;

namespace Toloka.Cli
{
    /// <summary>Toloka's names for the client's enums (POOL.CLONE, SUCCESS), read from the generated models.</summary>
    internal static class WireName
    {
        public static string Of<T>(T value)
            where T : struct, Enum =>
            typeof(T).GetField(value.ToString())?.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? value.ToString().ToUpperInvariant();

        /// <summary>Reads POOL.CLONE, pool_clone, pool-clone or PoolClone alike.</summary>
        public static T Parse<T>(string text, string option)
            where T : struct, Enum
        {
            var wanted = Normalize(text);
            foreach (var value in Enum.GetValues<T>())
            {
                if (Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) >= 0 &&
                    (Normalize(Of(value)) == wanted || Normalize(value.ToString()) == wanted))
                {
                    return value;
                }
            }

            var known = Enum.GetValues<T>().Where(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) >= 0).Select(Of);
            throw new UsageException(option + " " + text + " is not one of " + string.Join(", ", known) + ".");
        }

        private static string Normalize(string text) =>
            new string(text.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
    }
}

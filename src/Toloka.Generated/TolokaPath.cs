using System;

namespace Toloka.Generated
{
    /// <summary>Turns an ID into one escaped URL path segment, refusing IDs that cannot be one.</summary>
    internal static class TolokaPath
    {
        // Far longer than any Toloka ID, and well under the escaping limits of every target framework.
        internal const int MaxIdLength = 1024;

        /// <summary>Checks an ID and escapes it so it stays a single path segment.</summary>
        /// <exception cref="ArgumentNullException">The ID is null.</exception>
        /// <exception cref="ArgumentException">The ID is empty, blank, a dot segment, too long or not valid text.</exception>
        internal static string EscapeSegment(string? value, string parameterName)
        {
            if (value is null)
            {
                throw new ArgumentNullException(parameterName);
            }

            if (value.Trim().Length == 0)
            {
                throw new ArgumentException("The ID must not be empty or white space.", parameterName);
            }

            // "." and ".." would be folded away by URL normalisation and address another resource.
            if (value == "." || value == "..")
            {
                throw new ArgumentException("The ID must not be a dot segment ('.' or '..').", parameterName);
            }

            if (value.Length > MaxIdLength)
            {
                throw new ArgumentException("The ID is longer than " + MaxIdLength + " characters.", parameterName);
            }

            try
            {
                return Uri.EscapeDataString(value);
            }
            catch (UriFormatException exception)
            {
                // Unpaired surrogates cannot be encoded as UTF-8.
                throw new ArgumentException("The ID is not valid text (it holds an unpaired surrogate).", parameterName, exception);
            }
        }
    }
}

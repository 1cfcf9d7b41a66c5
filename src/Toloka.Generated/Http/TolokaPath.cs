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
        [ThreadStatic]
        private static System.Text.StringBuilder? _urlBuilder;

        /// <summary>
        /// The calling thread's URL builder, empty; a generated method builds its relative URL in it and
        /// hands it back with <see cref="ReleaseUrlBuilder"/> before its first await.
        /// </summary>
        internal static System.Text.StringBuilder TakeUrlBuilder()
        {
            var builder = _urlBuilder ?? new System.Text.StringBuilder(64);
            _urlBuilder = null;
            return builder.Clear();
        }

        /// <summary>The URL the builder holds; the builder goes back to the thread unless it grew large.</summary>
        internal static string ReleaseUrlBuilder(System.Text.StringBuilder builder)
        {
            var url = builder.ToString();
            if (builder.Capacity <= 1024)
            {
                _urlBuilder = builder;
            }

            return url;
        }

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

            // An unpaired surrogate has no UTF-8 form: some runtimes send it as U+FFFD, so two different
            // IDs would reach the same path. Refuse it before anything is sent.
            for (var i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(value[i]))
                {
                    throw new ArgumentException("The ID is not well-formed UTF-16 text (it holds an unpaired surrogate at index " + i + ").", parameterName);
                }
            }

            try
            {
                return Uri.EscapeDataString(value);
            }
            catch (UriFormatException exception)
            {
                throw new ArgumentException("The ID cannot be escaped as a URL path segment.", parameterName, exception);
            }
        }
    }
}

using System;

namespace Toloka.Generated
{
    /// <summary>
    /// The base of every exception the Toloka client throws on purpose, so one <c>catch</c> covers
    /// them all. Its message never contains the OAuth token.
    /// </summary>
    public abstract class TolokaException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">What went wrong.</param>
        /// <param name="innerException">The cause, if any.</param>
        protected TolokaException(string message, Exception? innerException)
            : base(message, innerException)
        {
        }
    }
}

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

        /// <summary>The message, with the limit that ended the call when one did (such as the retry budget).</summary>
        public override string Message => _limitNote is null ? base.Message : base.Message + " " + _limitNote;

        // Set once, by the retry strategy, when the retry budget rather than the answer ended the call.
        private string? _limitNote;

        internal void NoteRetryBudget(TimeSpan nextWait, TimeSpan budget) => _limitNote = TolokaFailures.RetryBudgetNote(nextWait, budget);
    }
}

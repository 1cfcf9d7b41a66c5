using System;

namespace Toloka.Cli
{
    /// <summary>The command line cannot be carried out as written; exits with <see cref="ExitCodes.Usage"/> before anything is sent.</summary>
    internal sealed class UsageException : Exception
    {
        public UsageException(string message)
            : base(message)
        {
        }
    }
}

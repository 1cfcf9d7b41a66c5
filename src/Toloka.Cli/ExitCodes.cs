namespace Toloka.Cli
{
    /// <summary>The process exit codes, as --help and README list them.</summary>
    internal static class ExitCodes
    {
        public const int Success = 0;
        public const int SomeFailed = 1;
        public const int Usage = 2;
        public const int Authentication = 3;
        public const int NeedsAttention = 4;
        public const int QuotaExhausted = 5;
        public const int Interrupted = 130;

        public const string Help =
            "Exit codes: 0 every item succeeded (or was already in that state), 1 some items failed, " +
            "2 usage error (bad option, no ids, no or impossible credential, a journal in use or for other work), 3 authentication error (401), " +
            "4 some ids need attention: a clone's outcome is unknown (result 'unknown'; rerun with the same --journal), " +
            "5 Toloka's quota (the day's 100 clones) is used up for some ids (result 'quota', not sent; rerun after the time it names), " +
            "130 interrupted (Ctrl+C or SIGTERM).";
    }
}

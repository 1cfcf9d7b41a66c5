using System;

namespace Toloka.Cli
{
    /// <summary>What a bulk command was asked for beyond its ids: how many at once, the journal, the settle time.</summary>
    internal sealed record BulkOptions(int Parallel, BulkJournal? Journal, TimeSpan SettleTime, bool WorkJournalsItsRequests)
    {
        public const int DefaultParallel = 4;
        public const int MaxParallel = 32;
        public static readonly TimeSpan DefaultSettleTime = TimeSpan.FromSeconds(60);

        public static readonly BulkOptions Default = new(DefaultParallel, null, DefaultSettleTime, false);
    }
}

namespace Toloka.Generated
{
    /// <summary>
    /// Which of Toloka's quotas a <c>429</c> says ran out: its body's <c>payload.interval</c>
    /// (<c>MIN</c>, <c>HOUR</c>, <c>DAY</c>), as on <see cref="TolokaRateLimitedException.QuotaInterval"/>.
    /// </summary>
    public enum TolokaQuotaInterval
    {
        /// <summary>A per-minute quota (<c>MIN</c>), such as 20 pool clones a minute.</summary>
        Minute,

        /// <summary>An hourly quota (<c>HOUR</c>), such as changing a pool's overlap.</summary>
        Hour,

        /// <summary>A daily quota (<c>DAY</c>), such as 100 pool clones a day.</summary>
        Day,
    }
}

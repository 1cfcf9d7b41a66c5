using System;
using System.Collections.Generic;
using System.Threading.RateLimiting;

namespace Toloka.Generated
{
    /// <summary>
    /// The lease of the client's own rate limiters: granted, or refused with the wait until the next
    /// permit as <see cref="MetadataName.RetryAfter"/> (which the pacing stage waits for).
    /// </summary>
    /// <remarks>
    /// One source, compiled into two assemblies: <see cref="TolokaPacingRateLimiter"/> here and
    /// <c>TolokaRedisRateLimiter</c> in Toloka.Generated.Redis (linked in its project file), so the lease
    /// stays out of either package's public API.
    /// </remarks>
    internal sealed class TolokaPermitLease : RateLimitLease
    {
        internal static readonly TolokaPermitLease Granted = new TolokaPermitLease(true, null);

        private readonly TimeSpan? _retryAfter;

        private TolokaPermitLease(bool acquired, TimeSpan? retryAfter)
        {
            IsAcquired = acquired;
            _retryAfter = retryAfter;
        }

        public override bool IsAcquired { get; }

        public override IEnumerable<string> MetadataNames => _retryAfter is null ? Array.Empty<string>() : new[] { MetadataName.RetryAfter.Name };

        internal static TolokaPermitLease Refused(TimeSpan retryAfter) => new TolokaPermitLease(false, retryAfter);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (_retryAfter is { } retryAfter && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = retryAfter;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}

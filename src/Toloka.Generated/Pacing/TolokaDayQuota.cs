using System;
using System.Collections.Generic;

namespace Toloka.Generated
{
    /// <summary>
    /// Counts one operation's calls of one account in a sliding 24-hour window on the client's clock, so
    /// the call that would pass the day's quota is refused before it is sent. A rolling window never lets
    /// more than the quota through in any 24 hours, so it also keeps a quota counted per calendar day.
    /// </summary>
    internal sealed class TolokaDayQuota
    {
        internal static readonly TimeSpan Window = TimeSpan.FromDays(1);

        private readonly object _gate = new object();
        private readonly Queue<DateTimeOffset> _counted = new Queue<DateTimeOffset>();
        private DateTimeOffset _closedUntil = DateTimeOffset.MinValue;

        /// <summary>Whether a call fits now, without counting it.</summary>
        /// <returns>Null when it fits; otherwise when the next call fits.</returns>
        internal DateTimeOffset? Check(int requestsPerDay, DateTimeOffset now)
        {
            lock (_gate)
            {
                return FullUntil(requestsPerDay, now);
            }
        }

        /// <summary>Counts a call when it fits.</summary>
        /// <returns>Null when it was counted; otherwise when the next call fits (nothing counted).</returns>
        internal DateTimeOffset? TryCount(int requestsPerDay, DateTimeOffset now)
        {
            lock (_gate)
            {
                var full = FullUntil(requestsPerDay, now);
                if (full is null)
                {
                    _counted.Enqueue(now);
                }

                return full;
            }
        }

        /// <summary>Toloka said the quota is used up until <paramref name="resetsAt"/>: refuse every call until then.</summary>
        internal void CloseUntil(DateTimeOffset resetsAt)
        {
            lock (_gate)
            {
                if (resetsAt > _closedUntil)
                {
                    _closedUntil = resetsAt;
                }
            }
        }

        private DateTimeOffset? FullUntil(int requestsPerDay, DateTimeOffset now)
        {
            if (now < _closedUntil)
            {
                return _closedUntil;
            }

            while (_counted.Count > 0 && _counted.Peek() <= now - Window)
            {
                _counted.Dequeue();
            }

            if (_counted.Count < requestsPerDay)
            {
                return null;
            }

            // The oldest calls leave the window first: the one that makes room is the (count - limit + 1)th.
            var excess = _counted.Count - requestsPerDay;
            foreach (var at in _counted)
            {
                if (excess-- == 0)
                {
                    return at + Window;
                }
            }

            return now + Window;
        }
    }
}

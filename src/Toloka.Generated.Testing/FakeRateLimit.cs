using System;
using System.Globalization;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// At most <see cref="Requests"/> authenticated calls to <see cref="Endpoint"/> in any sliding
    /// <see cref="Window"/> of the fake's clock; the call over the limit is answered <c>429 TOO_MANY_REQUESTS</c>
    /// with <c>Retry-After</c> and changes nothing.
    /// </summary>
    public sealed class FakeRateLimit
    {
        /// <summary>Creates the limit.</summary>
        /// <param name="endpoint">The API call it limits.</param>
        /// <param name="requests">How many calls the window allows; at least 1.</param>
        /// <param name="window">How long the window is; positive.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="requests"/> is below 1 or <paramref name="window"/> is not positive.</exception>
        public FakeRateLimit(FakeTolokaEndpoint endpoint, int requests, TimeSpan window)
        {
            if (requests < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(requests), requests, "A rate limit allows at least one request.");
            }

            if (window <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(window), window, "A rate limit window must be positive.");
            }

            Endpoint = endpoint;
            Requests = requests;
            Window = window;
        }

        /// <summary>The API call it limits.</summary>
        public FakeTolokaEndpoint Endpoint { get; }

        /// <summary>How many calls the window allows.</summary>
        public int Requests { get; }

        /// <summary>How long the sliding window is.</summary>
        public TimeSpan Window { get; }

        /// <summary>Describes the limit.</summary>
        /// <returns>For example <c>ClonePool: 20 per 00:01:00</c>.</returns>
        public override string ToString() =>
            Endpoint + ": " + Requests.ToString(CultureInfo.InvariantCulture) + " per " + Window.ToString("c", CultureInfo.InvariantCulture);
    }
}

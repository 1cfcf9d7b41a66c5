using System;
using System.Collections.Generic;
using System.Linq;

namespace Toloka.Generated.Testing
{
    // Faults the fake answers with instead of its normal answers: queued, by probability, or on chosen requests.
    public sealed partial class FakeToloka
    {
        /// <summary>
        /// Answers the next <paramref name="times"/> requests to <paramref name="endpoint"/> with
        /// <paramref name="fault"/> instead of normally; faults queued for one endpoint are used in order.
        /// </summary>
        /// <param name="endpoint">The API call whose requests fail.</param>
        /// <param name="fault">What happens to them.</param>
        /// <param name="times">How many requests in a row; at least 1.</param>
        /// <exception cref="ArgumentNullException"><paramref name="fault"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is below 1.</exception>
        public void InjectFault(FakeTolokaEndpoint endpoint, FakeFault fault, int times = 1)
        {
            if (fault is null)
            {
                throw new ArgumentNullException(nameof(fault));
            }

            if (times < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(times), times, "A fault is used at least once.");
            }

            _faults.Add(endpoint, fault, times);
        }

        /// <summary>
        /// From now on, each request to <paramref name="endpoint"/> meets <paramref name="fault"/> with
        /// <paramref name="probability"/>, decided by a <see cref="Random"/> seeded with <paramref name="seed"/>:
        /// the same seed gives the same sequence of decisions for the same sequence of requests. Faults queued
        /// with <see cref="InjectFault"/> come first. Stays until <see cref="ClearFaultRules"/>.
        /// </summary>
        /// <param name="endpoint">The API call whose requests may fail.</param>
        /// <param name="fault">What happens to them; <see cref="FakeFault.DropConnectionAfterHandling"/> performs the request and loses the answer.</param>
        /// <param name="probability">The share of requests that fail, from 0 to 1.</param>
        /// <param name="seed">The seed of the decisions.</param>
        /// <exception cref="ArgumentNullException"><paramref name="fault"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is not between 0 and 1.</exception>
        public void InjectFaultRandomly(FakeTolokaEndpoint endpoint, FakeFault fault, double probability, int seed)
        {
            if (fault is null)
            {
                throw new ArgumentNullException(nameof(fault));
            }

            if (!(probability >= 0 && probability <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability is from 0 to 1.");
            }

            _faults.AddRandom(endpoint, fault, probability, seed);
        }

        /// <summary>
        /// From now on, the requests to <paramref name="endpoint"/> whose numbers are in
        /// <paramref name="requestNumbers"/> (1 is the next request, counted from this call) meet
        /// <paramref name="fault"/>. Faults queued with <see cref="InjectFault"/> come first and are not counted.
        /// Stays until <see cref="ClearFaultRules"/>.
        /// </summary>
        /// <param name="endpoint">The API call whose requests fail.</param>
        /// <param name="fault">What happens to them.</param>
        /// <param name="requestNumbers">The request numbers, each at least 1.</param>
        /// <exception cref="ArgumentNullException"><paramref name="fault"/> or <paramref name="requestNumbers"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A request number is below 1.</exception>
        public void InjectFaultOnRequests(FakeTolokaEndpoint endpoint, FakeFault fault, IEnumerable<int> requestNumbers)
        {
            if (fault is null)
            {
                throw new ArgumentNullException(nameof(fault));
            }

            var numbers = (requestNumbers ?? throw new ArgumentNullException(nameof(requestNumbers))).ToArray();
            if (numbers.Any(n => n < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(requestNumbers), "Request numbers start at 1 (the next request).");
            }

            _faults.AddSchedule(endpoint, fault, numbers);
        }

        /// <summary>Removes the rules <see cref="InjectFaultRandomly"/> and <see cref="InjectFaultOnRequests"/> added for <paramref name="endpoint"/>; queued faults stay.</summary>
        /// <param name="endpoint">The API call.</param>
        public void ClearFaultRules(FakeTolokaEndpoint endpoint) => _faults.ClearRules(endpoint);

        /// <summary>How many injected faults are still waiting for requests to <paramref name="endpoint"/>.</summary>
        /// <param name="endpoint">The API call.</param>
        /// <returns>The number of faults not used yet.</returns>
        public int PendingFaults(FakeTolokaEndpoint endpoint) => _faults.Count(endpoint);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// How a <see cref="FakeToloka"/> behaves: its clock, the tokens it accepts, how long operations
    /// take and its rate limits. <see cref="FakeToloka.StartAsync"/> copies them; later changes have no effect.
    /// </summary>
    public sealed class FakeTolokaOptions
    {
        /// <summary>
        /// The clock for operations, rate limits and the request log; <see cref="TimeProvider.System"/> by
        /// default. Pass a <c>FakeTimeProvider</c> and advance it to move operations on.
        /// </summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>
        /// The credential <see cref="FakeToloka.CreateClient"/> uses and the fake accepts: an API key or an OAuth
        /// token, told apart as <see cref="TolokaCredential.Parse(string)"/> does; <see cref="FakeToloka.DefaultToken"/>
        /// (shaped like an API key) by default. The fake accepts it only with its own scheme.
        /// </summary>
        public string Token { get; set; } = FakeToloka.DefaultToken;

        /// <summary>More credentials the fake accepts, for tests with several clients or one that gets revoked.</summary>
        public ICollection<string> AdditionalTokens { get; } = new List<string>();

        /// <summary>
        /// The schemes the fake accepts at all; both by default. Leave only <see cref="TolokaCredentialScheme.ApiKey"/>
        /// to stand in for a Toloka that has retired OAuth tokens: every OAuth request then gets <c>401</c>.
        /// </summary>
        public ICollection<TolokaCredentialScheme> AcceptedSchemes { get; } = new List<TolokaCredentialScheme> { TolokaCredentialScheme.ApiKey, TolokaCredentialScheme.OAuth };

        /// <summary>How long an operation stays <c>PENDING</c> before it runs; 250 ms by default. Zero is allowed.</summary>
        public TimeSpan OperationPendingTime { get; set; } = TimeSpan.FromMilliseconds(250);

        /// <summary>How long an operation runs before it succeeds; 1 s by default. Zero is allowed.</summary>
        public TimeSpan OperationRunningTime { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>
        /// How long after it was submitted an operation first appears in <c>GET /operations</c>, as Toloka
        /// lists operations with some delay; zero (at once) by default. <c>GET /operations/{id}</c> finds it at once.
        /// </summary>
        public TimeSpan OperationListingDelay { get; set; }

        /// <summary>
        /// The rate limits; by default Toloka's for cloning a pool and a training pool: 20 a minute and 100 a
        /// day each. Clear the list to turn them off.
        /// </summary>
        public IList<FakeRateLimit> RateLimits { get; } = new List<FakeRateLimit>
        {
            new FakeRateLimit(FakeTolokaEndpoint.ClonePool, 20, TimeSpan.FromMinutes(1)),
            new FakeRateLimit(FakeTolokaEndpoint.ClonePool, 100, TimeSpan.FromDays(1)),
            new FakeRateLimit(FakeTolokaEndpoint.CloneTraining, 20, TimeSpan.FromMinutes(1)),
            new FakeRateLimit(FakeTolokaEndpoint.CloneTraining, 100, TimeSpan.FromDays(1)),
        };

        /// <summary>A checked copy: changing these options after the fake starts has no effect, as documented.</summary>
        /// <exception cref="ArgumentException">A setting is missing or out of range; its <c>ParamName</c> is <c>options</c>.</exception>
        internal FakeTolokaOptions Validated()
        {
            Check();
            var copy = new FakeTolokaOptions
            {
                TimeProvider = TimeProvider,
                Token = Token,
                OperationPendingTime = OperationPendingTime,
                OperationRunningTime = OperationRunningTime,
                OperationListingDelay = OperationListingDelay,
            };
            foreach (var token in AdditionalTokens)
            {
                copy.AdditionalTokens.Add(token);
            }

            copy.AcceptedSchemes.Clear();
            foreach (var scheme in AcceptedSchemes)
            {
                copy.AcceptedSchemes.Add(scheme);
            }

            copy.RateLimits.Clear();
            foreach (var limit in RateLimits)
            {
                copy.RateLimits.Add(limit);
            }

            return copy;
        }

        private void Check()
        {
            // Named as the argument of FakeToloka.StartAsync the caller passed.
            const string ParamName = "options";
            if (TimeProvider is null)
            {
                throw new ArgumentException("FakeTolokaOptions.TimeProvider must not be null.", ParamName);
            }

            FakeTokens.Read(Token, ParamName);
            foreach (var token in AdditionalTokens)
            {
                FakeTokens.Read(token, ParamName);
            }

            if (AcceptedSchemes.Count == 0)
            {
                throw new ArgumentException("FakeTolokaOptions.AcceptedSchemes must name at least one scheme.", ParamName);
            }

            if (OperationPendingTime < TimeSpan.Zero || OperationRunningTime < TimeSpan.Zero || OperationListingDelay < TimeSpan.Zero)
            {
                throw new ArgumentException("Operation durations must not be negative.", ParamName);
            }

            if (RateLimits.Any(limit => limit is null))
            {
                throw new ArgumentException("FakeTolokaOptions.RateLimits must not hold null.", ParamName);
            }
        }
    }
}

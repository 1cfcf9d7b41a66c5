namespace Toloka.Generated
{
    /// <summary>What <see cref="TolokaOutcomeResolver"/> learned of a lost request: the operation it started, or that Toloka did not act on it.</summary>
    public sealed class TolokaOutcome
    {
        internal TolokaOutcome(TolokaLostRequest request, Operation? operation, int lookups)
        {
            Request = request;
            Operation = operation;
            Lookups = lookups;
        }

        /// <summary>The lost request.</summary>
        public TolokaLostRequest Request { get; }

        /// <summary>True when Toloka started the operation: <see cref="Operation"/> is it, as listed (it may still be running).</summary>
        public bool Started => Operation is not null;

        /// <summary>The operation the request started; null when none was listed within the settle time (Toloka did not act: the request may be sent again, once).</summary>
        public Operation? Operation { get; }

        /// <summary>How many times <c>GET /operations</c> was searched.</summary>
        public int Lookups { get; }
    }
}

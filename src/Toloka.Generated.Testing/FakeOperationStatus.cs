namespace Toloka.Generated.Testing
{
    /// <summary>Where an operation in a <see cref="FakeToloka"/> stands; Toloka writes it as <c>PENDING</c> and so on.</summary>
    public enum FakeOperationStatus
    {
        /// <summary><c>PENDING</c>: accepted, not started yet; progress 0.</summary>
        Pending,

        /// <summary><c>RUNNING</c>: in progress; progress between 0 and 99.</summary>
        Running,

        /// <summary><c>SUCCESS</c>: done, its effect applied; progress 100.</summary>
        Success,

        /// <summary><c>FAIL</c>: ended without its effect; the details carry the reason.</summary>
        Fail,
    }
}

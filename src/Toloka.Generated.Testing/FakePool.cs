using System.Collections.Generic;

namespace Toloka.Generated.Testing
{
    /// <summary>A pool in a <see cref="FakeToloka"/>, as it was when <see cref="FakeToloka.GetPool"/> read it.</summary>
    public sealed class FakePool
    {
        internal FakePool(string id, FakePoolStatus status, string? trainingId, IReadOnlyDictionary<string, string> parameters, string? clonedFromId)
        {
            Id = id;
            Status = status;
            TrainingId = trainingId;
            Parameters = parameters;
            ClonedFromId = clonedFromId;
        }

        /// <summary>The pool's ID, a numeric string such as <c>100001</c>.</summary>
        public string Id { get; }

        /// <summary>Open, closed or archived.</summary>
        public FakePoolStatus Status { get; }

        /// <summary>The ID of the training pool this pool is linked to; null when it has none.</summary>
        public string? TrainingId { get; }

        /// <summary>The pool's parameters (name and any other properties); a clone gets an equal copy.</summary>
        public IReadOnlyDictionary<string, string> Parameters { get; }

        /// <summary>The ID of the pool this one was cloned from; null for a pool the test added.</summary>
        public string? ClonedFromId { get; }
    }
}

using System.Collections.Generic;

namespace Toloka.Generated.Testing
{
    /// <summary>A training pool in a <see cref="FakeToloka"/>, as it was when <see cref="FakeToloka.GetTraining"/> read it.</summary>
    public sealed class FakeTraining
    {
        internal FakeTraining(string id, FakePoolStatus status, IReadOnlyDictionary<string, string> parameters, string? clonedFromId)
        {
            Id = id;
            Status = status;
            Parameters = parameters;
            ClonedFromId = clonedFromId;
        }

        /// <summary>The training pool's ID, a numeric string such as <c>100002</c>.</summary>
        public string Id { get; }

        /// <summary>Open, closed or archived.</summary>
        public FakePoolStatus Status { get; }

        /// <summary>The training pool's parameters (name and any other properties); a clone gets an equal copy.</summary>
        public IReadOnlyDictionary<string, string> Parameters { get; }

        /// <summary>The ID of the training pool this one was cloned from; null for one the test added.</summary>
        public string? ClonedFromId { get; }
    }
}

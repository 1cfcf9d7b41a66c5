namespace Toloka.Generated.Testing
{
    /// <summary>What an operation in a <see cref="FakeToloka"/> does; Toloka writes it as <c>POOL.CLONE</c> and so on.</summary>
    public enum FakeOperationType
    {
        /// <summary><c>POOL.CLONE</c>: creates a closed copy of a pool when it succeeds.</summary>
        PoolClone,

        /// <summary><c>POOL.ARCHIVE</c>: archives a closed pool when it succeeds.</summary>
        PoolArchive,

        /// <summary><c>TRAINING.CLONE</c>: creates a closed copy of a training pool when it succeeds.</summary>
        TrainingClone,

        /// <summary><c>TRAINING.ARCHIVE</c>: archives a closed training pool when it succeeds.</summary>
        TrainingArchive,

        /// <summary><c>POOL.OPEN</c>: opening a pool.</summary>
        PoolOpen,

        /// <summary><c>POOL.CLOSE</c>: closing a pool.</summary>
        PoolClose,

        /// <summary><c>TRAINING.OPEN</c>: opening a training pool.</summary>
        TrainingOpen,

        /// <summary><c>TRAINING.CLOSE</c>: closing a training pool.</summary>
        TrainingClose,
    }
}

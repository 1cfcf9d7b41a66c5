namespace Toloka.Generated.Testing
{
    /// <summary>The status of a pool or training pool in a <see cref="FakeToloka"/>, as Toloka names them.</summary>
    public enum FakePoolStatus
    {
        /// <summary>Open: Tolokers see its tasks. An open pool cannot be archived (<c>409 CONFLICT_STATE</c>).</summary>
        Open,

        /// <summary>Closed: the status of a new clone, and the only one from which archiving is allowed.</summary>
        Closed,

        /// <summary>Archived: archiving it again answers <c>204 No Content</c>; it cannot be reopened.</summary>
        Archived,

        /// <summary>Locked: being changed by Toloka; opening, closing and archiving it are <c>409 CONFLICT_STATE</c>.</summary>
        Locked,
    }
}

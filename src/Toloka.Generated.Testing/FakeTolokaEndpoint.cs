namespace Toloka.Generated.Testing
{
    /// <summary>
    /// The API calls a <see cref="FakeToloka"/> answers, one per <c>operationId</c> in
    /// <c>openapi/toloka.yaml</c>; rate limits, faults and the request log refer to them.
    /// </summary>
    public enum FakeTolokaEndpoint
    {
        /// <summary><c>POST /pools/{pool_id}/clone</c> (<c>clonePool</c>).</summary>
        ClonePool,

        /// <summary><c>POST /trainings/{training_id}/clone</c> (<c>cloneTraining</c>).</summary>
        CloneTraining,

        /// <summary><c>POST /pools/{pool_id}/archive</c> (<c>archivePool</c>).</summary>
        ArchivePool,

        /// <summary><c>POST /trainings/{training_id}/archive</c> (<c>archiveTraining</c>).</summary>
        ArchiveTraining,

        /// <summary><c>GET /operations/{operation_id}</c> (<c>getOperation</c>).</summary>
        GetOperation,

        /// <summary><c>GET /pools/{pool_id}</c> (<c>getPool</c>).</summary>
        GetPool,

        /// <summary><c>POST /pools/{pool_id}/open</c> (<c>openPool</c>).</summary>
        OpenPool,

        /// <summary><c>POST /pools/{pool_id}/close</c> (<c>closePool</c>).</summary>
        ClosePool,

        /// <summary><c>GET /trainings/{training_id}</c> (<c>getTraining</c>).</summary>
        GetTraining,

        /// <summary><c>POST /trainings/{training_id}/open</c> (<c>openTraining</c>).</summary>
        OpenTraining,

        /// <summary><c>POST /trainings/{training_id}/close</c> (<c>closeTraining</c>).</summary>
        CloseTraining,

        /// <summary><c>GET /operations</c> (<c>findOperations</c>).</summary>
        FindOperations,

        /// <summary><c>POST /pools/{pool_id}/close-for-update</c> (<c>closePoolForUpdate</c>).</summary>
        ClosePoolForUpdate,

        /// <summary><c>POST /trainings/{training_id}/close-for-update</c> (<c>closeTrainingForUpdate</c>).</summary>
        CloseTrainingForUpdate,

        /// <summary><c>GET /pools</c> (<c>findPools</c>).</summary>
        FindPools,

        /// <summary><c>GET /trainings</c> (<c>findTrainings</c>).</summary>
        FindTrainings,

        /// <summary><c>GET /operations/{operation_id}/log</c> (<c>getOperationLog</c>).</summary>
        GetOperationLog,
    }
}

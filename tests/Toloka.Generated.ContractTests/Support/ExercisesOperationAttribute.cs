using System;

namespace Toloka.Generated.ContractTests.Support
{
    /// <summary>
    /// Marks a contract test that drives the spec operation <see cref="OperationId"/> through the
    /// client against the Prism mock. DriftTests requires one for every operationId in the spec.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    internal sealed class ExercisesOperationAttribute : Attribute
    {
        public ExercisesOperationAttribute(string operationId)
        {
            OperationId = operationId;
        }

        public string OperationId { get; }
    }
}

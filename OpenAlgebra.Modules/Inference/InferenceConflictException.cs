namespace OpenAlgebra.Modules.Inference;

/// <summary>The request is well-formed but the thing it acts on is not in a state that allows it (409): a review of an
/// analysis that has not succeeded, an activation the validation gate refuses, a rollback with nothing to go back to.</summary>
public sealed class InferenceConflictException : Exception
{
    public InferenceConflictException(string message) : base(message) { }

    public InferenceConflictException(string message, Exception innerException) : base(message, innerException) { }

    public InferenceConflictException() { }
}

namespace OpenAlgebra.Modules.Inference;

/// <summary>No such analysis, engine, engine version or result (404); the message names it.</summary>
public sealed class InferenceNotFoundException : Exception
{
    public InferenceNotFoundException(string message) : base(message) { }

    public InferenceNotFoundException(string message, Exception innerException) : base(message, innerException) { }

    public InferenceNotFoundException() { }
}

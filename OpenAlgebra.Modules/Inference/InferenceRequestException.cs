namespace OpenAlgebra.Modules.Inference;

/// <summary>A request refused as it stands (400): an analysis with a bad field, an engine version that cannot run; <see cref="Field"/> names what was wrong.</summary>
public sealed class InferenceRequestException : Exception
{
    public InferenceRequestException(string field, string message) : base(message) => Field = field;

    public InferenceRequestException() : this("request", "The request is invalid.") { }

    public InferenceRequestException(string message) : this("request", message) { }

    public InferenceRequestException(string message, Exception innerException) : base(message, innerException) => Field = "request";

    /// <summary>The request field at fault, e.g. <c>seeds</c> or <c>parameters.beta</c>.</summary>
    public string Field { get; }
}

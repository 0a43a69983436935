namespace OpenAlgebra.Modules.Inference;

/// <summary>A request the platform refuses before queueing anything; <see cref="Field"/> names what was wrong (400).</summary>
public sealed class AnalysisRequestException : Exception
{
    public AnalysisRequestException(string field, string message) : base(message) => Field = field;

    public AnalysisRequestException() : this("request", "The request is invalid.") { }

    public AnalysisRequestException(string message) : this("request", message) { }

    public AnalysisRequestException(string message, Exception innerException) : base(message, innerException) => Field = "request";

    /// <summary>The request field at fault, e.g. <c>seeds</c> or <c>parameters.beta</c>.</summary>
    public string Field { get; }
}

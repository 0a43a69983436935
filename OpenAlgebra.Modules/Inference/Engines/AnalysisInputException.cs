namespace OpenAlgebra.Modules.Inference.Engines;

/// <summary>A request an engine cannot run: a bad parameter, seed or mask, named in the message.</summary>
public sealed class AnalysisInputException : Exception
{
    public AnalysisInputException(string message) : base(message) { }

    public AnalysisInputException(string message, Exception innerException) : base(message, innerException) { }

    public AnalysisInputException() { }
}

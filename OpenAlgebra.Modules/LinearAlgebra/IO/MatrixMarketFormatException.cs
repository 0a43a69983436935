namespace OpenAlgebra.Modules.LinearAlgebra.IO;

/// <summary>
/// The text is not a Matrix Market file this reader accepts. The message starts with the 1-based line at fault and says
/// what was expected there, so a rejected upload can be fixed by the person who sent it.
/// </summary>
public sealed class MatrixMarketFormatException : FormatException
{
    public MatrixMarketFormatException(long lineNumber, string message, Exception? innerException = null)
        : base($"Line {lineNumber}: {message}", innerException)
    {
        LineNumber = lineNumber;
    }

    /// <summary>1-based; one past the last line when the file ended too early.</summary>
    public long LineNumber { get; }
}

namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>A QIDO-RS query parameter that cannot be understood: answer 400 Bad Request (PS3.18 8.3) with the message.</summary>
public sealed class QidoQueryException(string parameter, string message) : Exception($"{parameter}: {message}")
{
    /// <summary>The query parameter at fault, as the client spelled it.</summary>
    public string Parameter { get; } = parameter;
}

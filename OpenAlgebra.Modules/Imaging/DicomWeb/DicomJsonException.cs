namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>DICOM JSON that does not follow PS3.18 F.2; the message names the attribute and what was wrong with it.</summary>
public sealed class DicomJsonException : Exception
{
    public DicomJsonException(string message, DicomTagPath? path = null, Exception? inner = null)
        : base(path is null ? message : $"{Describe(path)}: {message}", inner) => Path = path;

    /// <summary>The attribute being read, when the error is in one.</summary>
    public DicomTagPath? Path { get; }

    private static string Describe(DicomTagPath path) =>
        Dicom.DicomRegistry.Find(path.Tag) is { } entry ? $"{path} {entry.Keyword}" : path.ToString();
}

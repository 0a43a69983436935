namespace OpenAlgebra.Modules.Imaging.Dicom;

/// <summary>Reads and writes DICOM Part 10 files and raw data sets.</summary>
public interface IDicomCodec
{
    /// <summary>Reads a Part 10 file, or a raw data set without preamble and meta (its syntax is inferred).</summary>
    /// <exception cref="DicomFormatException">The bytes are not a readable data set; the message names tag and offset.</exception>
    DicomFile Read(Stream stream);

    /// <summary>Writes a Part 10 file (preamble, meta, data set) in the file's <see cref="DicomFile.TransferSyntax"/>.</summary>
    void Write(DicomFile file, Stream stream);
}
